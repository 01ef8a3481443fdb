"""One JSON document: the tool, the files linted, the findings and their counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel, Field, model_serializer
from pydantic_core import to_json

from im_lint import __version__
from im_lint.findings import Finding, RunResult
from im_lint.output import OutputOptions, counts, counts_data

CHUNK = 256  # findings a piece


class Tool(BaseModel):
    name: str = "im-lint"
    version: str


class Counts(BaseModel):
    by_severity: dict[str, int] = Field(description="Severity -> number of findings.")
    by_code: dict[str, int] = Field(description="Rule code -> number of findings.")
    total: int


class FindingsDocument(BaseModel):
    """The shape of `im-lint check --format json` (published by `im-lint schema findings`)."""

    tool: Tool
    files: list[str]
    findings: list[Finding]
    counts: Counts
    failed: bool = Field(description="True when a finding at or above fail-on counts towards the exit code.")
    suppressed: list[Finding] | None = Field(
        default=None,
        description="With --show-suppressed: the findings suppression comments waive, each with its "
        "`suppressed` object (the reason given and the comment's line). Left out otherwise.",
    )

    @model_serializer(mode="wrap")
    def _suppressed_only_when_asked(self, handler):
        data = handler(self)
        if isinstance(data, dict) and data.get("suppressed", 0) is None:
            del data["suppressed"]
        return data


def document(result: RunResult, fail_on: str | None = None, show_suppressed: bool = False) -> FindingsDocument:
    """The whole document as one model (for the API; the writer below streams the same bytes)."""
    severities = Counter(f.severity for f in result.findings)
    options = OutputOptions(fail_on=fail_on)
    # `affects_exit` says whether the finding really did: not below fail-on, not decided history.
    findings = [f.model_copy(update={"affects_exit": counts(f, result, options)}) for f in result.findings]
    return FindingsDocument(
        tool=Tool(version=__version__),
        files=result.files,
        findings=findings,
        suppressed=[f.model_copy(update={"affects_exit": False}) for f in result.suppressed]
        if show_suppressed
        else None,
        counts=Counts(
            by_severity={level: severities.get(level, 0) for level in ("error", "warning", "info")},
            by_code=dict(sorted(Counter(f.code for f in result.findings).items())),
            total=len(result.findings),
        ),
        failed=result.failed(fail_on),
    )


def write(result: RunResult, options: OutputOptions | None = None) -> str:
    return b"".join(chunks(result, options or OutputOptions())).decode("utf-8")


def chunks(result: RunResult, options: OutputOptions) -> Iterator[bytes]:
    """`document(...).model_dump_json(indent=2)` and a newline, byte for byte, in pieces (at 10,000
    files the document is some 50 MB, never held whole): the findings
    one at a time from plain data (pydantic_core's own JSON writer, so the bytes are the model's),
    without a Finding, a copy of it or the whole document in memory."""
    level = options.fail_on or result.fail_on
    yield b'{\n  "tool": ' + _nested(Tool(version=__version__).model_dump(), 2)
    yield b',\n  "files": ' + _nested(result.files, 2) + b',\n  "findings": '
    severities: Counter = Counter()
    codes: Counter = Counter()
    yield from _items(_data(result.findings), lambda item: counts_data(item, level), (severities, codes))
    by_severity = {name: severities.get(name, 0) for name in ("error", "warning", "info")}
    totals = {"by_severity": by_severity, "by_code": dict(sorted(codes.items())), "total": sum(severities.values())}
    yield b',\n  "counts": ' + _nested(totals, 2) + b',\n  "failed": ' + _nested(result.failed(options.fail_on), 2)
    if options.show_suppressed:
        yield b',\n  "suppressed": '
        yield from _items(_data(result.suppressed), lambda item: False, None)
    yield b"\n}\n"


def _data(findings) -> Iterator[dict]:
    """Each finding's fields as a dict: a batch run's packed findings give them without a Finding."""
    if hasattr(findings, "dicts"):
        return findings.dicts()
    return (dict(finding.__dict__) for finding in findings)


def _items(items: Iterator[dict], affects, tally: tuple[Counter, Counter] | None) -> Iterator[bytes]:
    """A list of findings at the document's second level, in pieces of a few hundred findings."""
    pieces, first = [], True
    for item in items:
        if tally is not None:
            tally[0][item["severity"]] += 1
            tally[1][item["code"]] += 1
        item["affects_exit"] = affects(item)
        if item["suppressed"] is None:  # as Finding's serializer leaves them out
            del item["suppressed"]
        if item["fixes"] == []:
            del item["fixes"]
        pieces.append((b"[\n    " if first else b",\n    ") + _nested(item, 4))
        first = False
        if len(pieces) >= CHUNK:
            yield b"".join(pieces)
            pieces = []
    yield b"".join(pieces) + (b"[]" if first else b"\n  ]")


def _nested(value: object, depth: int) -> bytes:
    """`value` as pretty JSON (indent 2) nested `depth` spaces deep: its inner lines indented so
    (a JSON text has line breaks only between its tokens, never inside a string)."""
    return to_json(value, indent=2).replace(b"\n", b"\n" + b" " * depth)
