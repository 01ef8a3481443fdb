"""SARIF 2.1.0 for code-scanning services: every rule's metadata, relative paths, partial fingerprints.

Valid against the official schema (tests/data/sarif-schema-2.1.0.json). Paths are URIs relative to
`root` under the base ID `%SRCROOT%`, which `originalUriBaseIds` maps to `root`; a file outside
`root` gets an absolute `file://` URI, standard input the URI `stdin`. Columns count characters,
so the run says `columnKind: unicodeCodePoints` (SARIF's default would be UTF-16 code units).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from im_lint import __version__
from im_lint.files import resolve
from im_lint.findings import RuleInfo, RunResult
from im_lint.output import OutputOptions, counts_data
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


def _stray_descriptor(finding: dict) -> dict:
    """A rule the run's metadata does not hold (a run put together by hand)."""
    return {
        "id": finding["code"],
        "name": finding["name"],
        "shortDescription": {"text": f"{finding['code']} {finding['name']}"},
        "defaultConfiguration": {"level": LEVELS[finding["severity"]]},
        "properties": {"category": finding["category"], "tags": [finding["category"]]},
    }


def _result(finding: dict, index: dict, location: dict, counted: bool) -> dict:
    """One result from a finding's fields (a dict: a batch run's packed findings make no Finding)."""
    entry = {
        "ruleId": finding["code"],
        "ruleIndex": index[finding["code"]],
        # What does not affect the exit code is a note, with its own severity kept in `properties`.
        "level": LEVELS[finding["severity"]] if counted else "note",
        "message": {"text": finding["message"]},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        "startLine": finding["line"],
                        "startColumn": finding["column"],
                        "endLine": finding["end_line"],
                        "endColumn": finding["end_column"],
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding["fingerprint"]},
        "properties": {
            "category": finding["category"],
            "severity": finding["severity"],
            "affectsExit": counted,
            **({"proposalId": finding["proposal_id"]} if finding["proposal_id"] else {}),
        },
    }
    if finding["suppressed"] is not None:
        entry["suppressions"] = [{"kind": "inSource", "justification": finding["suppressed"]["reason"] or "-"}]
    if finding["fixes"]:
        entry["fixes"] = [_fix(fix, location) for fix in finding["fixes"]]
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


def _data(findings) -> Iterator[dict]:
    """Each finding's fields as a dict: a batch run's packed findings give them without a Finding."""
    if hasattr(findings, "dicts"):
        return findings.dicts()
    return (finding.__dict__ for finding in findings)


def document(result: RunResult, root: Path, lang: str = "en", options: OutputOptions | None = None) -> dict:
    frame, results = _parts(result, root, lang, options or OutputOptions(root=root, lang=lang))
    frame["runs"][0]["results"] = list(results)
    return frame


def _parts(result: RunResult, root: Path, lang: str, options: OutputOptions) -> tuple[dict, Iterator[dict]]:
    """The document without its results, and the results, made one at a time as they are read."""
    rules = [_descriptor(rule, lang) for rule in result.rules.values()]
    index = {descriptor["id"]: number for number, descriptor in enumerate(rules)}
    paths = list(dict.fromkeys(result.files))
    artifact_index = {path: number for number, path in enumerate(paths)}
    artifacts = [{"location": artifact_location(path, root), "roles": ["analysisTarget"]} for path in paths]

    baselined = result.baselined or []
    for group in (result.findings, result.suppressed, baselined):
        for finding in _data(group):
            if finding["code"] not in index:
                index[finding["code"]] = len(rules)
                rules.append(_stray_descriptor(finding))
            if finding["path"] not in artifact_index:
                artifact_index[finding["path"]] = len(artifacts)
                artifacts.append({"location": artifact_location(finding["path"], root), "roles": ["analysisTarget"]})
    locations: dict[str, dict] = {}  # path -> its artifact location, resolved once per file

    def located(finding: dict) -> dict:
        path = finding["path"]
        if path not in locations:
            locations[path] = {**artifact_location(path, root), "index": artifact_index[path]}
        return locations[path]

    def results() -> Iterator[dict]:
        level = options.fail_on or result.fail_on
        for finding in _data(result.findings):
            entry = _result(finding, index, located(finding), counts_data(finding, level))
            if result.baselined is not None:
                entry["baselineState"] = "new"
            yield entry
        for finding in _data(result.suppressed):  # waived in the proposal: on record, with the reason
            yield _result(finding, index, located(finding), False)
        for finding in _data(baselined):  # known from the baseline: on record, not new
            entry = _result(finding, index, located(finding), False)
            entry["baselineState"] = "unchanged"
            entry["suppressions"] = [{"kind": "external", "justification": "in the baseline"}]
            yield entry

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

    frame = {
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
                "results": [],
                "columnKind": "unicodeCodePoints",
                "language": lang,
            }
        ],
    }
    return frame, results()


CHUNK = 256  # results a piece
_MARK = "\x00results\x00"  # stands for the results while the rest of the document is written


def write(result: RunResult, options: OutputOptions | None = None) -> str:
    return "".join(chunks(result, options or OutputOptions()))


def chunks(result: RunResult, options: OutputOptions) -> Iterator[str]:
    """`json.dumps(document(...), indent=2, ensure_ascii=False)` and a newline, in pieces: the
    results are made and written a few hundred at a time, never the whole document at once."""
    lang = options.lang or result.lang or "en"
    frame, results = _parts(result, options.root, lang, options)
    first = next(results, None)
    if first is None:  # no results: the document as it is
        yield json.dumps(frame, indent=2, ensure_ascii=False) + "\n"
        return
    frame["runs"][0]["results"] = [_MARK]
    head, tail = json.dumps(frame, indent=2, ensure_ascii=False).split(json.dumps(_MARK))
    indent = len(head) - len(head.rstrip(" "))  # the head ends with the marker's indentation
    pieces = [head]
    for number, entry in enumerate(itertools.chain([first], results)):
        nested = json.dumps(entry, indent=2, ensure_ascii=False).replace("\n", "\n" + " " * indent)
        pieces.append(("" if number == 0 else ",\n" + " " * indent) + nested)
        if len(pieces) >= CHUNK:
            yield "".join(pieces)
            pieces = []
    yield "".join(pieces) + tail + "\n"
