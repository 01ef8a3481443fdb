"""A finding in the board's words: the pack's `board` wording with the finding's args spelled in the
report's language, never in proposal syntax. Shared by the findings, the waiver register and the
changes since the last meeting."""

from __future__ import annotations

from im_lint.findings import Finding, RuleInfo
from im_lint.report.words import KINDS, ROLES, STATUSES, SUBJECTS


def unquoted(text: str) -> str:
    """A rule's summary or reason without the backticks that mark proposal syntax for authors."""
    return text.replace("`", "")


class _Unfilled(dict):
    def __missing__(self, key: str) -> str:  # templates were checked when their pack loaded
        return "{" + key + "}"


def board_text(rule: RuleInfo | None, finding: Finding, lang: str) -> str:
    """The pack's board wording of a finding, its arguments in the report's words; the rule's
    summary where the pack has none (an organisation pack may lack it: `test-pack` warns)."""
    if rule is None:
        return unquoted(finding.message)
    spelled = {}
    for name, value in (finding.args or {}).items():
        for table in (ROLES, SUBJECTS, STATUSES, KINDS):
            if isinstance(value, str) and value in table[lang]:
                value = _mid_sentence(table[lang][value])
                break
        spelled[name] = value
    template = rule.text("board", lang) or rule.text("summary", lang)
    text = unquoted(template.format_map(_Unfilled(spelled)))
    return text[:1].upper() + text[1:]


def rule_heading(rule: RuleInfo, lang: str) -> str:
    """What a rule looks for, as the board reads it: its board summary, else its summary."""
    return unquoted(rule.text("board_summary", lang) or rule.text("summary", lang))


def _mid_sentence(name: str) -> str:
    """A table's display name inside a sentence: "leraren", but "ICT-beheerders" as it is."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name
