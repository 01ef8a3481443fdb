"""SARIF 2.1.0 for code-scanning services: every rule's metadata, relative paths, partial fingerprints.

Valid against the official schema (tests/data/sarif-schema-2.1.0.json). Paths are URIs relative to
`root` under the base ID `%SRCROOT%`, which `originalUriBaseIds` maps to `root`; a file outside
`root` gets an absolute `file://` URI, standard input the URI `stdin`. Columns count characters,
so the run says `columnKind: unicodeCodePoints` (SARIF's default would be UTF-16 code units).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

from im_lint import __version__
from im_lint.files import resolve
from im_lint.findings import Finding, RuleInfo, RunResult
from im_lint.output import OutputOptions, counts
from im_lint.output.rule_headings import RULE_HEADINGS

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/im-lint/im-lint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "imLintFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

_WORDS = {
    "en": {
        **RULE_HEADINGS["en"],
        "docs": "Documentation",
    },
    "nl": {
        **RULE_HEADINGS["nl"],
        "docs": "Documentatie",
    },
}


def relative_path(path: str, root: Path) -> str | None:
    """`path` (as given on the command line, relative to the working directory) relative to `root`,
    with forward slashes; None for standard input or a file outside `root`."""
    if path == "-":
        return None
    try:
        return resolve(path).relative_to(resolve(root)).as_posix()
    except ValueError:
        return None


def artifact_location(path: str, root: Path) -> dict:
    if path == "-":
        return {"uri": "stdin"}
    relative = relative_path(path, root)
    if relative is None:
        return {"uri": resolve(path).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def _directory_uri(root: Path) -> str:
    uri = resolve(root).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _fence(text: str) -> str:
    """A Markdown code block that no run of backticks inside `text` can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text.rstrip()}\n{fence}"


def _indented(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.rstrip().splitlines())


def _help(rule: RuleInfo, lang: str, uri: str | None) -> dict:
    words, docs = _WORDS.get(lang, _WORDS["en"]), rule.docs.get(lang) or rule.docs["en"]
    summary, source = rule.text("summary", lang), rule.text("source", lang)
    text = (
        f"{summary}\n\n{words['what']}: {docs.what.strip()}\n\n{words['why']}: {docs.why.strip()}\n"
        f"{words['source']}: {source}\n\n{words['where']}: {docs.where.strip()}\n\n"
        f"{words['fail']}:\n{_indented(docs.fail)}\n\n{words['pass']}:\n{_indented(docs.pass_)}"
    )
    markdown = (
        f"{summary}\n\n**{words['what']}**\n\n{docs.what.strip()}\n\n**{words['why']}**\n\n{docs.why.strip()}\n\n"
        f"*{words['source']}: {source}*\n\n**{words['where']}**\n\n{docs.where.strip()}\n\n"
        f"**{words['fail']}**\n\n{_fence(docs.fail)}\n\n**{words['pass']}**\n\n{_fence(docs.pass_)}"
    )
    if uri:
        text += f"\n\n{words['docs']}: {uri}"
        markdown += f"\n\n[{words['docs']}]({uri})"
    return {"text": text, "markdown": markdown}


def _descriptor(rule: RuleInfo, lang: str) -> dict:
    category, title, uri = rule.category, rule.text("category_title", lang), rule.docs_url
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.text("summary", lang)},
        "fullDescription": {"text": (rule.docs.get(lang) or rule.docs["en"]).what.strip()},
        "help": _help(rule, lang, uri),
        "defaultConfiguration": {"level": LEVELS[rule.default_severity]},
        "properties": {"category": category, "tags": [category, *([title] if title else [])]},
    }
    if uri:
        descriptor["helpUri"] = uri
    return descriptor


def _stray_descriptor(finding: Finding) -> dict:
    """A rule the run's metadata does not hold (a run put together by hand)."""
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": f"{finding.code} {finding.name}"},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"category": finding.category, "tags": [finding.category]},
    }


def _result(finding: Finding, index: dict, artifact_index: dict, root: Path, counted: bool) -> dict:
    location = {**artifact_location(finding.path, root), "index": artifact_index[finding.path]}
    entry = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        # What does not affect the exit code is a note, with its own severity kept in `properties`.
        "level": LEVELS[finding.severity] if counted else "note",
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "endLine": finding.end_line,
                        "endColumn": finding.end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "category": finding.category,
            "severity": finding.severity,
            "affectsExit": counted,
            **({"proposalId": finding.proposal_id} if finding.proposal_id else {}),
        },
    }
    if finding.suppressed is not None:
        entry["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed["reason"] or "-"}]
    if finding.fixes:
        entry["fixes"] = [_fix(fix, location) for fix in finding.fixes]
    return entry


def _fix(fix: dict, location: dict) -> dict:
    return {
        "description": {"text": fix["title"]},
        "artifactChanges": [
            {
                "artifactLocation": {key: value for key, value in location.items() if key != "index"},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": edit["line"],
                            "startColumn": edit["column"],
                            "endLine": edit["end_line"],
                            "endColumn": edit["end_column"],
                        },
                        "insertedContent": {"text": edit["text"]},
                    }
                    for edit in fix["edits"]
                ],
            }
        ],
        "properties": {"applicability": fix["applicability"]},
    }


def document(result: RunResult, root: Path, lang: str = "en", options: OutputOptions | None = None) -> dict:
    options = options or OutputOptions(root=root, lang=lang)
    rules = [_descriptor(rule, lang) for rule in result.rules.values()]
    index = {descriptor["id"]: number for number, descriptor in enumerate(rules)}
    paths = list(dict.fromkeys([*result.files, *(finding.path for finding in result.findings)]))
    artifact_index = {path: number for number, path in enumerate(paths)}
    artifacts = [{"location": artifact_location(path, root), "roles": ["analysisTarget"]} for path in paths]

    baselined = result.baselined or []
    everything = [*result.findings, *result.suppressed, *baselined]
    for finding in everything:
        if finding.code not in index:
            index[finding.code] = len(rules)
            rules.append(_stray_descriptor(finding))
        if finding.path not in artifact_index:
            artifact_index[finding.path] = len(artifacts)
            artifacts.append({"location": artifact_location(finding.path, root), "roles": ["analysisTarget"]})
    results = []
    for finding in result.findings:
        entry = _result(finding, index, artifact_index, root, counts(finding, result, options))
        if result.baselined is not None:
            entry["baselineState"] = "new"
        results.append(entry)
    for finding in result.suppressed:  # waived in the proposal: on record, with the reason
        results.append(_result(finding, index, artifact_index, root, False))
    for finding in baselined:  # known from the baseline: on record, not new
        entry = _result(finding, index, artifact_index, root, False)
        entry["baselineState"] = "unchanged"
        entry["suppressions"] = [{"kind": "external", "justification": "in the baseline"}]
        results.append(entry)

    # What this run's configuration changed from each rule's default: severities, and rules left out.
    overrides = []
    for code, rule in result.rules.items():
        configuration: dict = {}
        if rule.severity != rule.default_severity:
            configuration["level"] = LEVELS[rule.severity]
        if not rule.selected:
            configuration["enabled"] = False
        if configuration:
            overrides.append({"descriptor": {"id": code, "index": index[code]}, "configuration": configuration})
    invocation: dict = {"executionSuccessful": True}
    if overrides:
        invocation["ruleConfigurationOverrides"] = overrides

    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "im-lint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "language": lang,
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(root)}},
                "artifacts": artifacts,
                "results": results,
                "columnKind": "unicodeCodePoints",
                "language": lang,
            }
        ],
    }


def write(result: RunResult, options: OutputOptions | None = None) -> str:
    options = options or OutputOptions()
    lang = options.lang or result.lang or "en"
    return json.dumps(document(result, options.root, lang, options), indent=2, ensure_ascii=False) + "\n"
