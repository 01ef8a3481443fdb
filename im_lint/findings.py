"""The Finding: what the engine reports and every output writes."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_serializer
from typing_extensions import TypedDict

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Waiver(TypedDict):
    """A suppression comment that waives a finding: the reason the proposal gives, and where.
    (Plain data: it travels through the cache and worker processes as it is.)"""

    reason: str  # the text after `--` in the comment (empty when none was given)
    line: int  # the line of the suppression comment
    whole_file: bool  # True for `ignore-file`


class Edit(TypedDict):
    """Replace the text from (line, column) up to (end_line, end_column) of the original file with
    `text`; an insertion has equal start and end. Lines and columns count from 1, as a finding's.
    (Fixes are plain data, like waivers: they travel through the cache and workers as they are.)"""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


class Fix(TypedDict):
    """A change that mends a finding. `safe`: the only sensible reading (`check --fix` applies it);
    `review`: a skeleton or a guess to read (applied only with `--unsafe-fixes`). `title` is in the
    message language."""

    title: str
    applicability: Literal["safe", "review"]
    edits: list[Edit]


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    path: str = Field(description="The file, as given on the command line (or '-' for standard input).")
    proposal_id: str | None = Field(description="The proposal's ID, when the file has one.")
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    args: dict[str, Any] = Field(
        default_factory=dict,
        description="What made the rule fire, as plain JSON values: the subject, element IDs and values "
        "the message names (a vocabulary term as its canonical English value, e.g. `teachers`). "
        "The keys are the placeholders of the rule's messages; they do not depend on the language.",
    )
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    fingerprint: str = Field(description="Stable across edits elsewhere in the file and across languages.")
    affects_exit: bool = Field(
        default=True,
        description="False for rule findings in a decided or withdrawn proposal: reported, but the decision is history.",
    )
    fixes: list[Fix] = Field(
        default_factory=list,
        description="Changes that mend the finding (left out of the JSON when there are none).",
    )
    suppressed: Waiver | None = Field(
        default=None,
        description="Set when a suppression comment waives the finding (shown only with --show-suppressed): "
        "the reason written in the comment and the comment's line.",
    )

    @model_serializer(mode="wrap")
    def _waiver_only_when_waived(self, handler):
        # Most findings are not waived: their JSON stays as it was, without a `suppressed: null`.
        data = handler(self)
        if isinstance(data, dict):
            if data.get("suppressed", 0) is None:
                del data["suppressed"]
            if data.get("fixes", 0) == []:
                del data["fixes"]
        return data

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def at_least(self, severity: str) -> bool:
        return SEVERITY_ORDER[self.severity] >= SEVERITY_ORDER[severity]


def fingerprint(*parts: object) -> str:
    """A short hash of what a finding is about (never its line or its language)."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


Bilingual = dict[str, str]  # {"en": ..., "nl": ...}


class RuleDocs(BaseModel):
    model_config = ConfigDict(defer_build=True)

    what: str
    why: str
    where: str
    fail: str
    pass_: str = Field(alias="pass")


class RuleInfo(BaseModel):
    """What a run knows about one rule, so that no writer needs the engine: its metadata as the
    pack states it, and how this run's configuration set it."""

    model_config = ConfigDict(defer_build=True)

    code: str
    name: str
    category: str
    category_title: Bilingual | None = None
    severity: Severity = Field(description="As configured for this run.")
    default_severity: Severity = Field(description="As the pack states it.")
    selected: bool = Field(description="False: the configuration leaves the rule out.")
    summary: Bilingual
    source: Bilingual
    docs: dict[str, RuleDocs] = Field(description="Language -> what, why, where, fail, pass.")
    board: Bilingual | None = Field(default=None, description="The pack's wording for the board, where it has one.")
    board_summary: Bilingual | None = Field(
        default=None, description="The summary in the board's words, where the summary quotes proposal syntax."
    )
    docs_url: str | None = Field(default=None, description="Where docs/rules.md documents it (built-in rules only).")
    options: dict[str, Any] = Field(default_factory=dict, description="The rule's options, as configured.")

    def text(self, field: str, lang: str) -> str:
        """A bilingual field (summary, source, board, board_summary) in `lang`."""
        words = getattr(self, field) or {}
        return words.get(lang) or words.get("en", "")


class RunResult(BaseModel):
    """What one run found: the files it linted and their findings, in file then line order, and
    the metadata of the rules it used (for the writers: they need no engine)."""

    model_config = ConfigDict(defer_build=True)

    files: list[str]
    findings: list[Finding]
    baselined: list[Finding] | None = Field(
        default=None,
        exclude=True,
        description="With --baseline: the findings the baseline holds (not in `findings`); None without one.",
    )
    suppressed: list[Finding] = Field(
        default_factory=list,
        exclude=True,
        description="Findings a suppression comment waives: never in `findings`, never failing the run.",
    )
    fail_on: Severity = "error"
    rules: dict[str, RuleInfo] = Field(default_factory=dict, exclude=True)  # code -> rule, in pack order
    lang: str | None = Field(default=None, exclude=True)  # the configured language, if any
    reference: Any = Field(default=None, exclude=True)  # the reference catalogue (FORA), when configured
    # path -> the codes its configuration selects, where files of the run have different ones
    selections: dict[str, Any] = Field(default_factory=dict, exclude=True)
    languages: dict[str, str] = Field(default_factory=dict, exclude=True)  # path -> the language it mostly uses
    proposals: dict[str, Any] = Field(default_factory=dict, exclude=True)  # path -> Proposal, when asked for
    today: date | None = Field(default=None, exclude=True)  # the run's date (`--today`), for the report

    @field_serializer("findings", mode="wrap")
    def _findings_as_list(self, value, handler):
        return handler(list(value))  # a batch run's packed findings (im_lint.packed.Findings) too

    def language(self, preferred: str | None = None) -> str:
        """The language for words about the whole run: the one asked for, else most files'."""
        if preferred:
            return preferred
        values = list(self.languages.values())
        return "en" if values and values.count("en") > values.count("nl") else "nl"

    def selected(self, path: str) -> list[str]:
        """The codes selected for one file (its own configuration's), in the rules' order."""
        chosen = self.selections.get(path)
        return [code for code, rule in self.rules.items() if (code in chosen if chosen is not None else rule.selected)]

    def failed(self, fail_on: str | None = None) -> bool:
        level = fail_on or self.fail_on
        if hasattr(self.findings, "failed"):  # a batch run's packed findings: answered without unpacking
            return self.findings.failed(level)
        return any(finding.affects_exit and finding.at_least(level) for finding in self.findings)
