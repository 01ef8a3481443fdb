"""Fixes a rule offers, declared in its pack entry, made into edits when a finding is made.

    fixes:
      - variant: thousands-dot            # the message variants it applies to (default: all)
        replace: "{suggestion}"           # the finding's text becomes this
        applicability: safe               # safe (certain) or review (read it first)
        title: {en: "Write {suggestion}", nl: "Schrijf {suggestion}"}
      - insert-after: "impact {group} \"TODO: ...\""   # a new line after the finding's line
      - fixer: keyword-typo               # a named fixer below, for what a template cannot say

Templates are filled as messages are (plain `{name}` fields of the finding's arguments, written in
the file's language). A fixer may decline (no edit): then the finding has no fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from im_lint.findings import Edit, Fix
from im_lint.source import Diagnostic


class Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    en: str
    nl: str

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


class FixSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    variant: str | list[str] | None = Field(default=None, description="Message variants it applies to.")
    replace: str | Words | None = Field(default=None, description="The finding's text becomes this.")
    insert_after: str | Words | None = Field(
        default=None, alias="insert-after", description="A new line after the finding's line."
    )
    fixer: str | None = Field(default=None, description="A named fixer, for what a template cannot say.")
    applicability: Literal["safe", "review"] = "review"
    title: Words | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> FixSpec:
        if sum(x is not None for x in (self.replace, self.insert_after, self.fixer)) != 1:
            raise ValueError("a fix has exactly one of `replace`, `insert-after` or `fixer`")
        if self.fixer is None and self.title is None:
            raise ValueError("a `replace` or `insert-after` fix needs a `title` (en and nl)")
        return self

    def applies_to(self, variant: str) -> bool:
        wanted = [self.variant] if isinstance(self.variant, str) else self.variant
        return wanted is None or variant in wanted

    def templates(self) -> list[tuple[str, str]]:
        """(where, template) of every template it holds, for the pack's load-time check."""
        found = []
        for name, value in (("replace", self.replace), ("insert-after", self.insert_after), ("title", self.title)):
            if isinstance(value, str):
                found += [(name, value)]
            elif value is not None:
                found += [(f"{name}.en", value.en), (f"{name}.nl", value.nl)]
        return found


Fill = Callable[[str, dict[str, Any], str], str]
Fixer = Callable[[Diagnostic, str, Fill], "Fix | None"]
FIXERS: dict[str, Fixer] = {}


def fixer(name: str) -> Callable[[Fixer], Fixer]:
    def register(function: Fixer) -> Fixer:
        FIXERS[name] = function
        return function

    return register


def _text(value: str | Words, lang: str) -> str:
    return value if isinstance(value, str) else value.get(lang)


def make_fixes(specs: list[FixSpec], diagnostic: Diagnostic, lang: str, fill: Fill) -> list[Fix]:
    """The fixes of one finding: each spec that applies to its variant, filled with its arguments."""
    made: list[Fix] = []
    span = diagnostic.span
    for spec in specs:
        if not spec.applies_to(diagnostic.variant):
            continue
        if spec.fixer is not None:
            fix = FIXERS[spec.fixer](diagnostic, lang, fill)
            if fix is not None:
                made.append(fix)
            continue
        title = fill(spec.title.get(lang), diagnostic.args, lang)
        if spec.replace is not None:
            text = fill(_text(spec.replace, lang), diagnostic.args, lang)
            edit = Edit(
                line=span.line, column=span.column, end_line=span.end_line, end_column=span.end_column, text=text
            )
        else:
            text = fill(_text(spec.insert_after, lang), diagnostic.args, lang)
            edit = Edit(line=span.line + 1, column=1, end_line=span.line + 1, end_column=1, text=text + "\n")
        made.append(Fix(title=title, applicability=spec.applicability, edits=[edit]))
    return made


# --- named fixers ----------------------------------------------------------------------------------


def _close_and_unique(written: str, suggestion: str, candidates: list[str]) -> bool:
    """Safe only when the suggestion is close and no other candidate is nearly as close."""
    ratio = difflib.SequenceMatcher(None, written.lower(), suggestion.lower()).ratio()
    others = [
        difflib.SequenceMatcher(None, written.lower(), other.lower()).ratio()
        for other in candidates
        if other.lower() != suggestion.lower()
    ]
    return ratio >= 0.75 and all(other < ratio - 0.1 for other in others)


def _replace(diagnostic: Diagnostic, text: str, title: str, applicability: str) -> Fix:
    span = diagnostic.span
    edit = Edit(line=span.line, column=span.column, end_line=span.end_line, end_column=span.end_column, text=text)
    return Fix(title=title, applicability=applicability, edits=[edit])


@fixer("keyword-typo")
def _keyword_typo(diagnostic: Diagnostic, lang: str, fill: Fill) -> Fix | None:
    """`activty` -> `activity`: safe when the nearest keyword (in the file's language) is unique and close."""
    from im_lint.language.vocabulary import KEYWORDS

    written, suggestion = diagnostic.args.get("keyword"), diagnostic.args.get("suggestion")
    if not isinstance(written, str) or not isinstance(suggestion, str) or not suggestion:
        return None
    spellings = [k.nl if lang == "nl" else k.en for k in KEYWORDS]
    safe = _close_and_unique(written, suggestion, spellings)
    words = {"en": f"Write `{suggestion}`", "nl": f"Schrijf `{suggestion}`"}
    return _replace(diagnostic, suggestion, words[lang], "safe" if safe else "review")


@fixer("value-typo")
def _value_typo(diagnostic: Diagnostic, lang: str, fill: Fill) -> Fix | None:
    """`aanschafe` -> `aanschaf`: as a keyword, among the values of every enumeration."""
    from im_lint.language.vocabulary import ENUMS

    written, suggestion = diagnostic.args.get("value"), diagnostic.args.get("suggestion")
    if not isinstance(written, str) or not isinstance(suggestion, str) or not suggestion:
        return None
    values = [nl if lang == "nl" else en for pairs in ENUMS.values() for en, nl in pairs]
    safe = _close_and_unique(written.strip("`"), suggestion, values)
    words = {"en": f"Write `{suggestion}`", "nl": f"Schrijf `{suggestion}`"}
    return _replace(diagnostic, suggestion, words[lang], "safe" if safe else "review")


@fixer("reference-case")
def _reference_case(diagnostic: Diagnostic, lang: str, fill: Fill) -> Fix | None:
    """`g1` -> `G1`: safe when case alone differs (the identifier the suggestion names); a nearer
    guess (`G2` for `G1`) is offered for review."""
    written, suggestion = diagnostic.args.get("id"), diagnostic.args.get("suggestion")
    if not isinstance(written, str) or not isinstance(suggestion, str) or not suggestion:
        return None
    safe = written.casefold() == suggestion.casefold()
    words = {"en": f"Write `{suggestion}`", "nl": f"Schrijf `{suggestion}`"}
    return _replace(diagnostic, suggestion, words[lang], "safe" if safe else "review")


@fixer("drop-suppression-code")
def _drop_suppression_code(diagnostic: Diagnostic, lang: str, fill: Fill) -> Fix | None:
    """An unused code in `# im-lint: ignore A, B -- reason`: the code removed (the whole comment
    when it was the only one)."""
    import re

    code, comment = diagnostic.args.get("code"), diagnostic.args.get("source_line")
    if not isinstance(code, str) or not isinstance(comment, str):
        return None
    head, separator, reason = comment.partition("--")
    match = re.match(r"^(#\s*im-lint\s*:\s*(?:ignore-file|ignore)\b)(.*)$", head, re.IGNORECASE | re.DOTALL)
    if not match:
        return None
    codes = [c for c in re.split(r"[,\s]+", match[2].strip()) if c]
    if code not in codes:
        return None
    kept = [c for c in codes if c != code]
    words = {"en": f"Remove `{code}` from the suppression", "nl": f"Haal `{code}` uit de uitzondering"}
    if kept:
        return _replace(diagnostic, f"{match[1]} {', '.join(kept)} {separator}{reason}".rstrip(), words[lang], "safe")
    line = diagnostic.span.line
    if diagnostic.args.get("own_line"):  # the comment's whole line goes
        edit = Edit(line=line, column=1, end_line=line + 1, end_column=1, text="")
        return Fix(title=words[lang], applicability="safe", edits=[edit])
    return _replace(diagnostic, "", words[lang], "safe")


@fixer("iso-date")
def _iso_date(diagnostic: Diagnostic, lang: str, fill: Fill) -> Fix | None:
    """`08-12-2026` -> `2026-12-08`: the language reads such a date as day-month-year, so the fix is
    safe whenever the suggestion is a real date."""
    import re
    from datetime import date

    written, suggestion = diagnostic.args.get("value"), diagnostic.args.get("suggestion")
    if not isinstance(written, str) or not isinstance(suggestion, str):
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", suggestion):
        return None
    try:
        date.fromisoformat(suggestion)
    except ValueError:
        return None
    words = {"en": f"Write `{suggestion}`", "nl": f"Schrijf `{suggestion}`"}
    return _replace(diagnostic, suggestion, words[lang], "safe")


@fixer("money")
def _money(diagnostic: Diagnostic, lang: str, fill: Fill) -> Fix | None:
    """`85.000 EUR`, `€ 85000`, `85,000 EUR` -> `85000 EUR`: safe where the writer named the
    currency (a code or €); a guessed `EUR` after a bare number is for review."""
    import re

    written, suggestion = diagnostic.args.get("value"), diagnostic.args.get("suggestion")
    if not isinstance(written, str) or not isinstance(suggestion, str):
        return None
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)? [A-Z]{3}", suggestion):
        return None
    named = "€" in written or bool(re.search(r"[A-Za-z]{3}\s*$", written))
    words = {"en": f"Write `{suggestion}`", "nl": f"Schrijf `{suggestion}`"}
    return _replace(diagnostic, suggestion, words[lang], "safe" if named else "review")
