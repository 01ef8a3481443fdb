"""Findings + proposal models -> the report's data: what the templates show, in the report's language.

Nothing here writes HTML or Markdown. Texts from proposals and from rule packs stay plain strings;
each template escapes them for its own format.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from im_lint import __version__
from im_lint.findings import SEVERITY_ORDER, Finding, RuleInfo, RunResult
from im_lint.language.vocabulary import ASPECT_SUBJECTS, lookup_value
from im_lint.model import Proposal, RoleRef, Stated
from im_lint.report import diagram, diagram_text, readings
from im_lint.report.changes import Since, compare
from im_lint.report.decision_log import decision_log
from im_lint.report.fora import WORDS as FORA_WORDS
from im_lint.report.fora import process_places
from im_lint.report.imprint import Imprint, imprint
from im_lint.report.law import law_panel
from im_lint.report.waivers import WORDS as WAIVER_WORDS
from im_lint.report.waivers import WaiverView, register
from im_lint.report.wording import board_text, rule_heading, unquoted
from im_lint.report.words import (
    AGENDA,
    AGREEMENT,
    DPIA,
    KINDS,
    ROLES,
    SEVERITY_LEVEL,
    STATUSES,
    SUBJECTS,
    count,
    join,
    long_date,
    money,
    words,
)

SEVERITIES = ("error", "warning", "info")
ASPECTS = ("processes", "information")


# --- the shapes the templates read ----------------------------------------------------------------
@dataclass
class FindingView:
    code: str
    severity: str
    message: str
    line: int
    column: int
    counts: bool  # False: a decided or withdrawn proposal's finding, reported but not counted


@dataclass
class RuleGroup:
    code: str
    name: str
    summary: str
    why: str
    findings: list[FindingView]


@dataclass
class SeverityGroup:
    severity: str
    label: str
    hint: str
    rules: list[RuleGroup]

    @property
    def total(self) -> int:
        return sum(len(rule.findings) for rule in self.rules)


@dataclass
class Stopper:
    code: str
    summary: str
    number: int


@dataclass
class Verdict:
    ready: bool
    headline: str
    short: str
    detail: str
    stoppers: list[Stopper] = field(default_factory=list)
    note: str | None = None  # decided or withdrawn: shown, not counted
    waived: str | None = None  # what suppression comments set aside, so that "ready" is never silent
    waived_short: str | None = None  # the same for the overview: "1 afgeweken"


@dataclass
class StakeholderRow:
    subject: str
    label: str
    state: str  # stated, none, missing
    state_label: str
    text: str | None  # the impact, or the reason for `none`
    vague: bool  # stated, but it says nothing (IM202) or is a placeholder (IM009)
    consulted: str | None
    training: str | None
    aspect: bool  # processes and information: not a group of people
    declared: bool


@dataclass
class Fact:
    label: str
    value: str
    missing: bool = False


@dataclass
class Entry:
    """One file of the run: a proposal, or a file that is none (IM006)."""

    anchor: str
    path: str
    is_proposal: bool
    id: str
    title: str
    verdict: Verdict
    counts: dict[str, int]
    groups: list[SeverityGroup]
    facts: list[Fact] = field(default_factory=list)
    meeting: str | None = None
    summary: list[str] = field(default_factory=list)  # paragraphs
    svg: str | None = None
    mermaid: str | None = None
    dot: str | None = None
    dropped: list[str] = field(default_factory=list)
    legend: list[str] = field(default_factory=list)
    stakeholders: list[StakeholderRow] = field(default_factory=list)
    aspects: list[StakeholderRow] = field(default_factory=list)
    further: list[tuple[str, list[str]]] = field(default_factory=list)
    fora: list = field(default_factory=list)  # report.fora.ProcessPlace, with a catalogue
    fora_words: dict[str, str] = field(default_factory=dict)
    law: Any = None  # the law panel (report/law.py): participation, procurement, privacy and AI
    waivers: list[WaiverView] = field(default_factory=list)  # the waiver register (report/waivers.py)
    waiver_words: dict[str, str] = field(default_factory=dict)


@dataclass
class Report:
    lang: str
    words: dict[str, str]
    title: str
    intro: str
    footer: str
    entries: list[Entry]
    show_overview: bool
    fail_on: str
    totals: dict[str, int]
    severity_labels: dict[str, str] = field(default_factory=dict)
    imprint: Imprint | None = None  # date and source revision: the footer of each printed page
    changes: Any = None  # report/changes.py: what changed since a revision (`--since`), shown first
    log: Any = None  # report/decision_log.py: every proposal of the repository (`--log`)


# --- plain words for a rule -----------------------------------------------------------------------
_SENTENCE_END = re.compile(r"[.!?]")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "bijv.", "bv.", "o.a.", "d.w.z.", "art.", "nr.", "vs.", "zgn.", "m.b.t.")


def sentences(text: str) -> list[str]:
    """The sentences of a rule's documentation: split at . ! ? followed by a space, never inside a
    quotation ("...") or after a common abbreviation."""
    flat = " ".join(text.split())
    out: list[str] = []
    start = 0
    quoted = False
    i = 0
    while i < len(flat):
        ch = flat[i]
        if ch in '"“”':
            quoted = not quoted if ch == '"' else ch == "“"
            # a quotation that ends its own sentence ends ours: `... (ict)." And: ...`
            if not quoted and i > 0 and flat[i - 1] in ".!?" and flat[i + 1 : i + 2] == " ":
                out.append(flat[start : i + 1].strip())
                start = i + 1
        elif _SENTENCE_END.match(ch) and not quoted:
            end = i + 1
            while end < len(flat) and flat[end] in "\"”')":
                end += 1
            before = flat[start:end]
            if (end == len(flat) or flat[end] == " ") and not before.lower().endswith(_ABBREVIATIONS):
                out.append(before.strip())
                start = end
                i = end
                continue
        i += 1
    if flat[start:].strip():
        out.append(flat[start:].strip())
    return out


def short_why(text: str, enough: int = 160) -> str:
    """The first sentence of a rule's *why*, and the second when the first is short."""
    parts = sentences(text)
    if not parts:
        return ""
    chosen = parts[:1]
    quotation = parts[0].endswith(('"', "”"))  # the article's words: add the plain-words sentence after it
    if len(parts) > 1 and (len(parts[0]) < enough or quotation) and len(parts[0]) + len(parts[1]) < 2.6 * enough:
        chosen.append(parts[1])
    return " ".join(chosen)


# --- one proposal ---------------------------------------------------------------------------------
def _role(proposal: Proposal, role: RoleRef | None, lang: str) -> str | None:
    if role is None:
        return None
    if role.builtin:
        return ROLES[lang].get(role.id, role.id)
    declared = proposal.by_id(role.id)
    return declared.title if declared is not None and declared.keyword == "role" else role.id


def _subject_label(subject: str, proposal: Proposal | None, lang: str) -> tuple[str, bool]:
    if subject in SUBJECTS[lang]:
        return SUBJECTS[lang][subject], False
    declared = proposal.by_id(subject) if proposal is not None else None
    if declared is not None and declared.keyword == "stakeholder":
        return f"{declared.title} ({subject})", True
    return subject, True


def _canonical(subject: str) -> str:
    pair = lookup_value("subject", subject)
    return pair[0] if pair else subject


def _table_groups(configured: list[str], proposal: Proposal, missing: list[str]) -> list[str]:
    """The rows: the groups the run asks about, the proposal's own stakeholders, and any group a
    finding says is missing."""
    groups: list[str] = []
    for group in [*configured, *(s.id for s in proposal.stakeholders), *missing]:
        canonical = _canonical(group)
        if canonical not in groups and canonical not in ASPECT_SUBJECTS:
            groups.append(canonical)
    for impact in proposal.impacts:  # any other subject the proposal speaks about (parents, ...)
        if impact.subject not in groups and impact.subject not in ASPECT_SUBJECTS:
            groups.append(impact.subject)
    return groups


def _stakeholder_rows(
    proposal: Proposal, subjects: list[str], findings: list[Finding], lang: str, aspect: bool
) -> list[StakeholderRow]:
    word = words(lang)
    first: dict[str, Any] = {}
    for impact in proposal.impacts:
        first.setdefault(impact.subject, impact)  # a second one is IM004, reported as such
    missing = set(readings.missing_groups(findings))
    vague_impacts = readings.vague_impacts(findings)
    rows = []
    for subject in subjects:
        label, declared = _subject_label(subject, proposal, lang)
        impact = first.get(subject)
        if impact is None:
            # Missing where a finding says so (IM201 asks it of a change or procurement); else not required.
            state = "missing" if subject in missing else "optional"
            text = None
        elif impact.stated.none:
            state, text = "none", impact.stated.text
        else:
            state, text = "stated", impact.stated.text
        vague = impact is not None and impact.span.line in vague_impacts
        rows.append(
            StakeholderRow(
                subject=subject,
                label=label,
                state=state,
                state_label=word[f"state_{state}"],
                text=text,
                vague=vague,
                consulted=long_date(impact.involved.value, lang) if impact is not None and impact.involved else None,
                training=_stated(impact.training.value, word["none_training"])
                if impact is not None and impact.training
                else None,
                aspect=aspect,
                declared=declared,
            )
        )
    return rows


def _stated(stated: Stated, none_words: str) -> str:
    """A text, or `none` in the words of what there is none of ("no collaboration (reason)")."""
    if not stated.none:
        return stated.text or ""
    return none_words + (f" ({stated.text})" if stated.text else "")


def _paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _facts(proposal: Proposal, path: str, lang: str) -> list[Fact]:
    word = words(lang)
    missing = word["not_stated"]

    def fact(label: str, value: str | None, required: bool = True) -> Fact | None:
        if value is None and not required:
            return None
        return Fact(word[label], value if value is not None else missing, value is None)

    budget = proposal.budget.value if proposal.budget else None
    facts = [
        fact("agenda", AGENDA[lang][proposal.agenda.value] if proposal.agenda else None, required=False),
        fact(
            "proposed_decision",
            proposal.proposed_decision.value if proposal.proposed_decision else None,
            required=False,
        ),
        fact("meeting", long_date(proposal.meeting.value, lang) if proposal.meeting else None),
        fact("budget", money(budget.amount, budget.currency, lang) if budget else None),
        fact("submitted_by", _role(proposal, proposal.submitted_by.value if proposal.submitted_by else None, lang)),
        fact("decision_by", _role(proposal, proposal.decision_by.value if proposal.decision_by else None, lang)),
        fact("kind", KINDS[lang].get(proposal.effective_kind or "", None)),
        fact("status", STATUSES[lang][proposal.effective_status]),
        fact("school", proposal.school.value if proposal.school else None, required=False),
        fact("author", proposal.author.value if proposal.author else None, required=False),
        fact("file", path),
    ]
    return [f for f in facts if f is not None]


def _further(proposal: Proposal, lang: str) -> list[tuple[str, list[str]]]:
    word = words(lang)
    out: list[tuple[str, list[str]]] = []
    if proposal.privacy is not None:
        items = []
        privacy = proposal.privacy
        if privacy.dpia:
            decision = DPIA[lang][privacy.dpia.value.decision]
            note = privacy.dpia.value.note
            items.append(f"{word['dpia']}: {decision}" + (f" ({note})" if note else ""))
        if privacy.dpo_consulted:
            items.append(f"{word['dpo']}: {long_date(privacy.dpo_consulted.value, lang)}")
        if privacy.processor_agreement:
            items.append(f"{word['processor_agreement']}: {AGREEMENT[lang][privacy.processor_agreement.value]}")
        if items:
            out.append((word["privacy"], items))
    if proposal.capacity is not None:
        items = []
        capacity = proposal.capacity
        if capacity.internal:
            items.append(f"{word['internal']}: {capacity.internal.value}")
        if capacity.collaboration:
            value = _stated(capacity.collaboration.value, word["none_collaboration"])
            items.append(f"{word['collaboration']}: {value}")
        if capacity.external:
            items.append(f"{word['external']}: {capacity.external.value}")
        if items:
            out.append((word["capacity"], items))
    for key, attributes in (
        ("risks", proposal.risks),
        ("alternatives", proposal.alternatives),
        ("exits", proposal.exits),
    ):
        if attributes:
            out.append((word[key], [" ".join(a.value.split()) for a in attributes]))
    return out


# --- findings: in the board's words, never in proposal syntax -------------------------------------------------------------------------------------
def _groups(findings: list[Finding], metadata: dict[str, RuleInfo], lang: str) -> list[SeverityGroup]:
    word = words(lang)
    groups = []
    for severity in SEVERITIES:
        rules: dict[str, RuleGroup] = {}
        for finding in findings:
            if finding.severity != severity:
                continue
            group = rules.get(finding.code)
            if group is None:
                rule = metadata.get(finding.code)
                summary = rule_heading(rule, lang) if rule is not None else finding.name
                why = unquoted(short_why((rule.docs.get(lang) or rule.docs["en"]).why)) if rule is not None else ""
                group = rules[finding.code] = RuleGroup(finding.code, finding.name, summary, why, [])
            group.findings.append(
                FindingView(
                    finding.code,
                    severity,
                    board_text(metadata.get(finding.code), finding, lang),
                    finding.line,
                    finding.column,
                    finding.affects_exit,
                )
            )
        if rules:
            ordered = sorted(rules.values(), key=lambda g: (min(f.line for f in g.findings), g.code))
            groups.append(SeverityGroup(severity, word[f"sev_{severity}"], word[f"sev_{severity}_hint"], ordered))
    return groups


def _counts(findings: list[Finding]) -> dict[str, int]:
    counted = Counter(f.severity for f in findings)
    return {severity: counted.get(severity, 0) for severity in SEVERITIES}


def _verdict(
    findings: list[Finding],
    rules: dict[str, RuleInfo],
    lang: str,
    fail_on: str,
    proposal: Proposal | None,
    readable: bool = True,
) -> Verdict:
    word = words(lang)
    stopping = [f for f in findings if f.affects_exit and f.at_least(fail_on)]
    note = None
    if (
        proposal is not None
        and proposal.effective_status in ("decided", "withdrawn")
        and any(not f.affects_exit for f in findings)
    ):
        note = word["history"].format(status=STATUSES[lang][proposal.effective_status])
    if not stopping:
        rest = _counts([f for f in findings if not (f.affects_exit and f.at_least(fail_on))])
        parts = [count(lang, s, n) for s, n in rest.items() if n]
        detail = word["ready_with_notes"].format(parts=join(lang, parts)) if parts else word["ready_detail"]
        return Verdict(True, word["ready"], word["ready_short"], detail, [], note)
    per_code = Counter(f.code for f in stopping)
    order = sorted(
        per_code, key=lambda code: (-SEVERITY_ORDER[next(f.severity for f in stopping if f.code == code)], code)
    )
    stoppers = []
    for code in order:
        rule = rules.get(code)
        summary = rule_heading(rule, lang) if rule is not None else next(f.name for f in stopping if f.code == code)
        stoppers.append(Stopper(code, summary, per_code[code]))
    total = len(stopping)
    detail = word["stopped_by"].format(
        count=total,
        findings=word["finding_one" if total == 1 else "finding_many"],
        verb=word["stops_one" if total == 1 else "stops_many"],
    )
    if not readable:
        return Verdict(False, word["unreadable"], word["unreadable"], word["unreadable_detail"], stoppers, note)
    return Verdict(False, word["not_ready"], word["not_ready_short"], detail, stoppers, note)


def _waived(verdict: Verdict, waived: list[Finding], lang: str, fail_on: str) -> None:
    """Say in the verdict what was waived: a waived error leaves the proposal ready (the comment's
    purpose, and the run's exit agrees), but never silently."""
    if not waived:
        return
    w = WAIVER_WORDS[lang]
    counted = _counts(waived)
    parts = join(lang, [count(lang, s, n) for s, n in counted.items() if n])
    blocking = verdict.ready and any(f.at_least(fail_on) for f in waived)
    plural = w["plural_s"] if len(waived) > 1 else ""
    verdict.waived = (w["verdict"] if blocking else w["verdict_minor"]).format(parts=parts, s=plural)
    if blocking:  # ready only because of the waivers: the headline says so
        verdict.headline = w["headline"]
    verdict.waived_short = w["pill"].format(count=len(waived))


def build(
    result: RunResult,
    lang: str = "nl",
    fail_on: str = "error",
    since: Since | None = None,
    log: RunResult | None = None,
) -> Report:
    """The report's data for every file of the run, in the run's order: from its findings (with their
    args), its rules' metadata and the proposals' models, never from an engine. `since`: the run of
    the proposals at an earlier revision, to say what changed; `log`: a run over the repository,
    for the decision log."""
    lang = lang if lang in ("nl", "en") else "nl"
    word = words(lang)
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    waived_by_path: dict[str, list[Finding]] = {}
    for finding in result.suppressed:
        waived_by_path.setdefault(finding.path, []).append(finding)
    paths = list(result.files)
    for path in by_path:  # findings of a file the run did not list (a portfolio rule, say)
        if path not in paths:
            paths.append(path)
    entries: list[Entry] = []
    for number, path in enumerate(paths, start=1):
        findings = sorted(by_path.get(path, []), key=lambda f: f.sort_key())
        proposal: Proposal | None = result.proposals.get(path)
        anchor = f"proposal-{number}"
        known_id = next((f.proposal_id for f in findings if f.proposal_id), None)
        readable = proposal is not None or known_id is not None or not findings  # else: no proposal (IM006)
        verdict = _verdict(findings, result.rules, lang, fail_on, proposal, readable)
        waived = waived_by_path.get(path, [])
        _waived(verdict, waived, lang, fail_on)
        waivers = register(waived, result.rules, lang, fail_on, board_text, SEVERITY_LEVEL[lang])
        groups = _groups(findings, result.rules, lang)
        counts = _counts(findings)
        if proposal is None:  # no proposal, or a run that did not keep the models
            entry = Entry(anchor, path, False, known_id or path, "", verdict, counts, groups)
            entry.waivers, entry.waiver_words = waivers, WAIVER_WORDS[lang]
            entries.append(entry)
            continue
        dropped = readings.dropped_activities(findings)
        plan = diagram.layout(proposal, lang, dropped)
        required = _table_groups(readings.required_groups(result), proposal, readings.missing_groups(findings))
        aspects = list(ASPECTS)
        entries.append(
            Entry(
                anchor=anchor,
                path=path,
                is_proposal=True,
                id=proposal.id,
                title=proposal.title,
                verdict=verdict,
                counts=counts,
                groups=groups,
                facts=_facts(proposal, path, lang),
                meeting=long_date(proposal.meeting.value, lang) if proposal.meeting else None,
                summary=_paragraphs(proposal.summary.value if proposal.summary else None),
                svg=diagram.to_svg(plan, prefix=f"chain{number}"),
                mermaid=diagram_text.to_mermaid(proposal, lang, dropped, plan),
                dropped=[f"{n.ident}: {n.title}" for n in plan.dropped_activities],
                legend=plan.legend,
                stakeholders=_stakeholder_rows(proposal, required, findings, lang, aspect=False),
                aspects=_stakeholder_rows(proposal, aspects, findings, lang, aspect=True),
                further=_further(proposal, lang),
                fora=process_places(proposal, result.reference, lang),
                fora_words=FORA_WORDS.get(lang, FORA_WORDS["nl"]),
                law=law_panel(proposal, findings, lang),  # thresholds from IM801/IM802's args
                waivers=waivers,
                waiver_words=WAIVER_WORDS[lang],
            )
        )
    totals = _counts(result.findings)
    threshold = SEVERITY_LEVEL[lang][fail_on]
    anchors = {entry.path: entry.anchor for entry in entries}
    single = len(entries) == 1 and entries[0].is_proposal
    return Report(
        lang=lang,
        words=word,
        title=word["doc_title_one"].format(id=entries[0].id) if single else word["doc_title"],
        intro=word["intro"].format(version=__version__, threshold=threshold),
        footer=word["footer"].format(version=__version__),
        entries=entries,
        show_overview=len(entries) > 1,
        fail_on=fail_on,
        totals=totals,
        severity_labels={s: word[f"sev_{s}"] for s in SEVERITIES},
        imprint=imprint(result.files, result.today, lang),
        changes=compare(since.run, result, lang, since.rev, since.day, anchors) if since is not None else None,
        log=decision_log(log, lang, anchors) if log is not None else None,
    )


__all__ = ["Report", "Entry", "build", "short_why", "sentences"]
