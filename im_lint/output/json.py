"""One JSON document: the tool, the files linted, the findings and their counts."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field

from im_lint import __version__
from im_lint.findings import Finding, RunResult
from im_lint.output import OutputOptions


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


def document(result: RunResult, fail_on: str | None = None) -> FindingsDocument:
    severities = Counter(f.severity for f in result.findings)
    return FindingsDocument(
        tool=Tool(version=__version__),
        files=result.files,
        findings=result.findings,
        counts=Counts(
            by_severity={level: severities.get(level, 0) for level in ("error", "warning", "info")},
            by_code=dict(sorted(Counter(f.code for f in result.findings).items())),
            total=len(result.findings),
        ),
        failed=result.failed(fail_on),
    )


def write(result: RunResult, options: OutputOptions | None = None) -> str:
    return document(result, (options or OutputOptions()).fail_on).model_dump_json(indent=2) + "\n"
