"""GitHub Actions workflow commands: one annotation a finding, on the line of the pull request.

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message

`warning` -> `::warning`, `info` -> `::notice`; a finding that does not affect the exit code
(below fail-on, or in a decided or withdrawn proposal) is a `::notice` whatever its severity. Escaping as GitHub's own toolkit does it
(@actions/core `toCommandValue`/`escapeData`/`escapeProperty`): in the message `%`, CR and LF; in
property values also `:` and `,`. The path is relative to `root` when the file lies below it (GitHub
resolves paths from the repository's root), else as given; standard input gets no `file`.
"""

from __future__ import annotations

from pathlib import Path

from im_lint.findings import Finding, RunResult
from im_lint.output import OutputOptions, counts
from im_lint.output.sarif import relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, root: Path | None = None, counted: bool = True) -> str:
    properties: list[tuple[str, object]] = []
    if finding.path != "-":
        path = (relative_path(finding.path, root) if root is not None else None) or Path(finding.path).as_posix()
        properties.append(("file", path))
    properties += [
        ("line", finding.line),
        ("col", finding.column),
        ("endLine", finding.end_line),
        ("endColumn", finding.end_column),
        ("title", f"{finding.code} {finding.name}" + ("" if counted else f" ({finding.severity})")),
    ]
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    level = COMMANDS[finding.severity] if counted else "notice"
    return f"::{level} {joined}::{escape_data(finding.message)}"


def write(result: RunResult, options: OutputOptions | None = None) -> str:
    options = options or OutputOptions()
    return "".join(
        command(finding, options.root, counts(finding, result, options)) + "\n" for finding in result.findings
    )
