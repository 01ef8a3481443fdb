"""A rule checked as a whole when its pack loads: its message templates and board wording, its
declarative check (compiled), the options that check uses, and what its scope allows."""

from __future__ import annotations

import re
from typing import Any

from im_lint.engine.compile import Location, PackProblem, compile_check
from im_lint.engine.conditions import Declarative
from im_lint.engine.templates import TemplateError, fields


def _templates(location: Location, texts: dict[str, Any], known: set[str] | None) -> None:
    """Each template's syntax; where the arguments are known (a declarative check's `args`), that
    every field is one of them."""
    for lang in ("en", "nl"):
        at = (*location, lang)
        try:
            names = fields(texts.get(lang))
        except TemplateError as error:
            raise PackProblem(at, f"message template: {error}") from None
        for name in names:
            if known is not None and name not in known:
                given = ", ".join(f"`{k}`" for k in sorted(known))
                hint = f"`args` gives {given}" if known else "the check gives no `args`"
                raise PackProblem(at, f"the field {{{name}}} is filled by nothing: {hint}", name, known)


def _fix(location: Location, spec, known: set[str] | None) -> None:
    from im_lint.engine.fixes import FIXERS

    if spec.fixer is not None and spec.fixer not in FIXERS:
        raise PackProblem(
            (*location, "fixer"),
            f"no fixer named `{spec.fixer}`; the fixers are {', '.join(sorted(FIXERS))}",
            spec.fixer,
            FIXERS,
        )
    for where, template in spec.templates():
        _templates((*location, *where.split(".")), {"en": template, "nl": template}, known)


def compile_rule(rule, location: Location):
    """The rule's compiled declarative check (None for a named check); PackProblem for a mistake."""
    check = rule.check
    known = set(check.args) if isinstance(check, Declarative) else None
    for variant, text in rule.messages.items():
        _templates((*location, "messages", variant), {"en": text.en, "nl": text.nl}, known)
    if rule.board is not None:
        _templates((*location, "board"), {"en": rule.board.en, "nl": rule.board.nl}, known)
    for index, spec in enumerate(rule.fixes):
        _fix((*location, "fixes", index), spec, known)
    if rule.scope == "portfolio":
        from im_lint.engine.portfolio import PORTFOLIO_CHECKS

        if not isinstance(check, str):
            raise PackProblem(
                (*location, "check"),
                "a `scope: portfolio` rule needs a named portfolio check (a declarative check sees one "
                f"proposal at a time): one of {', '.join(sorted(PORTFOLIO_CHECKS))}",
            )
        if check not in PORTFOLIO_CHECKS:
            raise PackProblem(
                (*location, "check"),
                f"no portfolio check named `{check}`; the portfolio checks are {', '.join(sorted(PORTFOLIO_CHECKS))}",
                check,
                PORTFOLIO_CHECKS,
            )
        return None
    if isinstance(check, Declarative):
        return compile_check((*location, "check"), check, rule)
    return None


def in_proposal_syntax(text: str) -> bool:
    """Whether a text meant for board members is written in proposal syntax: a backtick, or a quoted
    example such as impact teachers "..." (board words quote with ‘ ’, never with ")."""
    return "`" in text or '"' in text


def board_problems(rule) -> list[str]:
    """What is wrong with a rule's board wording for a board member's eyes: missing, or written in
    proposal syntax (backticks, quoted examples such as impact teachers "...")."""
    if rule.board is None:
        return ["no `board` wording (the board report falls back to the summary)"]
    problems = []
    for lang in ("en", "nl"):
        text = rule.board.get(lang)
        if in_proposal_syntax(text):
            problems.append(f"board.{lang} is in proposal syntax (a backtick or a quote): say it in plain words")
    if rule.board.en == rule.board.nl:
        problems.append("board wording is not translated")
    quoted = [phrase for phrase in QUOTED.findall(rule.summary.en + rule.summary.nl) if READS_AS_SYNTAX.search(phrase)]
    board_summary = getattr(rule, "board_summary", None)
    if board_summary is None:
        if quoted:
            problems.append(
                f"the summary quotes proposal syntax ({', '.join(f'`{q}`' for q in quoted[:2])}) and the board report "
                "heads the rule's findings with it: give a `board-summary` in plain words"
            )
    elif any(in_proposal_syntax(board_summary.get(lang)) for lang in ("en", "nl")):
        problems.append("board-summary is in proposal syntax (a backtick or a quote): say it in plain words")
    return problems


QUOTED = re.compile(r"`([^`]+)`")
# A quoted single word (`owner`) reads as a word once the backticks go; a keyword with a hyphen, a
# value after it or a comment (`decision-by`, `dpia not-needed`, `im-lint: ignore`) does not.
READS_AS_SYNTAX = re.compile(r"[-: /]")
