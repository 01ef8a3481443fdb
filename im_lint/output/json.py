"""One JSON document: the tool, the files linted, the findings and their counts."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field, model_serializer

from im_lint import __version__
from im_lint.findings import Finding, RunResult
from im_lint.output import OutputOptions, counts


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
    options = options or OutputOptions()
    return document(result, options.fail_on, options.show_suppressed).model_dump_json(indent=2) + "\n"
