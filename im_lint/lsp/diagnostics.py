"""Findings -> LSP diagnostics: range, severity, code with a link to the rule's documentation,
and the other file's place for a finding about two proposals (IM7)."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from im_lint.api import Finding, Linted
from im_lint.lsp.positions import Lines

DOCS = "https://github.com/im-lint/im-lint/blob/main/docs/rules.md"
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
SOURCE = "im-lint"


def docs_link(finding: Finding) -> types.CodeDescription | None:
    if not finding.code.startswith("IM"):  # a school's own pack documents its rules elsewhere
        return None
    return types.CodeDescription(href=f"{DOCS}#{finding.code.lower()}-{finding.name}")


def to_diagnostic(finding: Finding, lines: Lines, linted: Linted) -> types.Diagnostic:
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=Path(path).as_uri(),
                range=types.Range(
                    start=types.Position(line=line - 1, character=0), end=types.Position(line=line, character=0)
                ),
            ),
            message=f"{Path(path).name}:{line}",
        )
        for path, line in linted.related.get((finding.code, finding.line, finding.column), [])
    ]
    return types.Diagnostic(
        range=lines.range_of(finding.line, finding.column, finding.end_line, finding.end_column),
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=docs_link(finding),
        source=SOURCE,
        message=f"{finding.message} [{finding.name}]",
        related_information=related or None,
        data={"name": finding.name, "fingerprint": finding.fingerprint},
    )


def diagnostics_of(linted: Linted, lines: Lines) -> list[types.Diagnostic]:
    return [to_diagnostic(finding, lines, linted) for finding in linted.findings]
