"""The waiver register ("Afwijkingen met reden"): what a suppression comment waived, and why.

Read from the run (`RunResult.suppressed`, each finding's `suppressed` waiver): the report never
decides again what was waived. Each waiver is shown in the rule's board wording, never in proposal
syntax, with the reason the comment gives and where it stands.
"""

from __future__ import annotations

from dataclasses import dataclass

from im_lint.findings import Finding, RuleInfo


@dataclass
class WaiverView:
    code: str
    severity: str
    severity_label: str
    rule: str  # the rule in plain words: its board wording with the finding's args, or its summary
    reason: str  # as the comment gives it; empty when none was given (IM007 says so)
    where: str  # "regel 12" / "whole proposal"
    comment: str  # where the exception is written: "uitzondering op regel 2"
    blocking: bool  # at or above fail-on: without the waiver, it would stop the proposal


WORDS = {
    "nl": {
        "title": "Afwijkingen met reden",
        "intro": "Bevindingen die het voorstel met een reden opzij zet (een uitzondering in het bestand). Ze tellen niet mee voor het oordeel; het bestuur beoordeelt of de reden volstaat.",
        "col_rule": "Wat de regel vraagt",
        "col_level": "Niveau",
        "col_reason": "Gegeven reden",
        "col_where": "Waar",
        "no_reason": "geen reden gegeven",
        "whole_file": "hele voorstel",
        "line": "regel {line}",
        "comment": "uitzondering op regel {line}",
        "none": "Geen afwijkingen: het voorstel zet geen bevinding opzij.",
        "headline": "Klaar voor de vergadering, met afwijkingen",
        "verdict": "Met reden afgeweken: {parts}. Zonder die afwijking{s} zou het voorstel niet klaar zijn; zie “Afwijkingen met reden”.",
        "verdict_minor": "Met reden afgeweken: {parts}; zie “Afwijkingen met reden”.",
        "plural_s": "en",
        "pill": "{count} afgeweken",
    },
    "en": {
        "title": "Waivers with their reasons",
        "intro": "Findings the proposal sets aside with a reason (an exception written in the file). They do not count for the verdict; the board judges whether the reason is enough.",
        "col_rule": "What the rule asks",
        "col_level": "Level",
        "col_reason": "Reason given",
        "col_where": "Where",
        "no_reason": "no reason given",
        "whole_file": "whole proposal",
        "line": "line {line}",
        "comment": "exception on line {line}",
        "none": "No waivers: the proposal sets no finding aside.",
        "headline": "Ready for the meeting, with waivers",
        "verdict": "Waived with a reason: {parts}. Without the waiver{s} the proposal would not be ready; see “Waivers with their reasons”.",
        "verdict_minor": "Waived with a reason: {parts}; see “Waivers with their reasons”.",
        "plural_s": "s",
        "pill": "{count} waived",
    },
}


def register(
    suppressed: list[Finding], rules: dict[str, RuleInfo], lang: str, fail_on: str, wording, labels: dict[str, str]
) -> list[WaiverView]:
    """One row per waived finding, in line order. `wording(rule, finding, lang)` is the report's
    board wording (build.board_text), so a waiver reads as a finding does."""
    w = WORDS[lang]
    rows = []
    for finding in sorted(suppressed, key=lambda f: f.sort_key()):
        waiver = finding.suppressed or {"reason": "", "line": finding.line, "whole_file": False}
        rows.append(
            WaiverView(
                code=finding.code,
                severity=finding.severity,
                severity_label=labels[finding.severity],
                rule=wording(rules.get(finding.code), finding, lang),
                reason=waiver["reason"] or w["no_reason"],
                where=w["whole_file"] if waiver["whole_file"] else w["line"].format(line=finding.line),
                comment=w["comment"].format(line=waiver["line"]),
                blocking=finding.at_least(fail_on),
            )
        )
    return rows


__all__ = ["WORDS", "WaiverView", "register"]
