"""What changed since the last meeting (`report --since REV`): two runs of the same engine, one on
the proposals as they were at REV and one on today's, compared per proposal.

Proposals are matched by ID (a file may move); elements by kind and ID, impacts by subject, header
statements and blocks by keyword. Findings are compared by code and fingerprint (stable across
edits elsewhere), and shown in the board's words. Nothing here reads git or runs a rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel

from im_lint.findings import Finding, RunResult
from im_lint.model import ELEMENT_CLASSES, Proposal
from im_lint.report.changes_words import WORDS
from im_lint.report.wording import board_text
from im_lint.report.words import AGENDA, KINDS, ROLES, STATUSES, SUBJECTS, long_date, money


@dataclass
class Since:
    """The run of the proposals as they were at a revision, for `compare`."""

    run: RunResult
    rev: str
    day: str | None = None  # the revision's date, YYYY-MM-DD


@dataclass
class ProposalChange:
    id: str
    title: str
    state: str  # new, changed, decided, withdrawn, removed, findings
    state_label: str
    anchor: str | None  # the proposal's section in this report, when it has one
    parts: list[str] = field(default_factory=list)  # what is different, in words
    resolved: list[str] = field(default_factory=list)  # findings gone, in the board's words
    added: list[str] = field(default_factory=list)  # findings that are new, in the board's words

    @property
    def summary(self) -> str:
        """The parts in one line: "Nieuwe technologie T2 ‘Chromebooks’; impact op ouders toegevoegd"."""
        text = "; ".join(self.parts)
        return text[:1].upper() + text[1:]


@dataclass
class Changes:
    title: str
    intro: str
    words: dict[str, Any]
    proposals: list[ProposalChange]
    unchanged: str | None  # "4 voorstellen zijn niet veranderd."


# --- the model, without what does not change its meaning ----------------------------------------
_NOISE = {"span", "id_span", "subject_span", "spelling", "value_spelling", "subject_spelling", "right_spelling"}


def _plain(value: Any) -> Any:
    """A node's content for comparison: no source positions, no spelling (Dutch or English
    keywords, `Aanschaf` or `aanschaf`, mean the same)."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if key not in _NOISE}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _subject(proposal: Proposal, subject: str, lang: str) -> str:
    if subject in SUBJECTS[lang]:
        label = SUBJECTS[lang][subject]
        return label[:1].lower() + label[1:] if label[1:2].islower() else label
    declared = proposal.by_id(subject)
    return declared.title if declared is not None else subject


def _value(name: str, attribute: Any, proposal: Proposal, lang: str, w: dict) -> str:
    """A header statement's value as the report writes it."""
    if attribute is None:
        return w["none"]
    value = attribute.value
    if name == "meeting":
        return long_date(value, lang)
    if name == "budget":
        return money(value.amount, value.currency, lang)
    if name == "status":
        return STATUSES[lang][value]
    if name == "agenda":
        return AGENDA[lang][value]
    if name == "kind":
        return KINDS[lang][value]
    if name in ("submitted_by", "decision_by"):
        if value.builtin:
            return ROLES[lang].get(value.id, value.id)
        declared = proposal.by_id(value.id)
        return declared.title if declared is not None else value.id
    return str(value)


_FROM_TO = ("status", "meeting", "budget", "agenda", "kind", "submitted_by", "decision_by")
_STATED = ("proposed_decision", "summary", "school", "author", "sector", "scope", "supersedes", "depends_on")
_BLOCKS = ("capacity", "privacy", "procurement", "participations", "risks", "alternatives", "exits")


def _presence(what: str, old: Any, new: Any, w: dict) -> str | None:
    empty = (None, [])
    if old in empty and new in empty:
        return None
    if old in empty:
        return w["added_part"].format(what=what)
    if new in empty:
        return w["removed_part"].format(what=what)
    return w["changed_part"].format(what=what) if _plain(old) != _plain(new) else None


def differences(old: Proposal, new: Proposal, lang: str) -> list[str]:
    """What is different in `new`, in words: the header, then elements by kind and ID, impacts by
    subject, then the blocks."""
    w = WORDS[lang]
    labels = w["labels"]
    parts: list[str] = []
    if old.title != new.title:
        parts.append(w["from_to"].format(what=labels["title"], old=f"‘{old.title}’", new=f"‘{new.title}’"))
    for name in _FROM_TO:
        before, after = getattr(old, name), getattr(new, name)
        if _plain(before) != _plain(after):
            parts.append(
                w["from_to"].format(
                    what=labels[name], old=_value(name, before, old, lang, w), new=_value(name, after, new, lang, w)
                )
            )
    for name in _STATED:
        said = _presence(labels[name], getattr(old, name), getattr(new, name), w)
        if said:
            parts.append(said)
    before_elements = {(e.keyword, e.id): e for e in old.elements()}
    after_elements = {(e.keyword, e.id): e for e in new.elements()}
    for kind in ELEMENT_CLASSES:
        for key, element in after_elements.items():
            if key[0] != kind:
                continue
            earlier = before_elements.get(key)
            if earlier is None:
                parts.append(f"{w['new_element'][kind]} {element.id} ‘{element.title}’")
            elif earlier.title != element.title:
                parts.append(
                    w["renamed"].format(kind=w["element"][kind], id=element.id, title=element.title, old=earlier.title)
                )
            elif _plain(earlier) != _plain(element):
                parts.append(w["changed_part"].format(what=f"{w['element'][kind]} {element.id} ‘{element.title}’"))
        for key, element in before_elements.items():
            if key[0] == kind and key not in after_elements:
                parts.append(w["removed_part"].format(what=f"{w['element'][kind]} {element.id} ‘{element.title}’"))
    before_impacts = {i.subject: i for i in old.impacts}
    after_impacts = {i.subject: i for i in new.impacts}
    for subject in [*after_impacts, *(s for s in before_impacts if s not in after_impacts)]:
        what = w["impact"].format(subject=_subject(new if subject in after_impacts else old, subject, lang))
        said = _presence(what, before_impacts.get(subject), after_impacts.get(subject), w)
        if said:
            parts.append(said)
    for name in _BLOCKS:
        said = _presence(labels[name], getattr(old, name), getattr(new, name), w)
        if said:
            parts.append(said)
    return parts


# --- findings ------------------------------------------------------------------------------------
def _in_words(findings: list[Finding], run: RunResult, lang: str) -> list[str]:
    return [board_text(run.rules.get(f.code), f, lang) for f in findings]


def _compare_findings(before: list[Finding], after: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(resolved, new) by code and fingerprint, each as often as it occurs."""

    def missing_from(findings: list[Finding], others: list[Finding]) -> list[Finding]:
        left = Counter((f.code, f.fingerprint) for f in others)
        out = []
        for finding in findings:
            key = (finding.code, finding.fingerprint)
            if left[key] > 0:
                left[key] -= 1
            else:
                out.append(finding)
        return out

    return missing_from(before, after), missing_from(after, before)


def _by_proposal(run: RunResult) -> dict[str, tuple[str, Proposal | None, list[Finding]]]:
    """ID (or path, for a file that is no proposal) -> (path, model, findings)."""
    findings: dict[str, list[Finding]] = {}
    for finding in run.findings:
        findings.setdefault(finding.path, []).append(finding)
    out: dict[str, tuple[str, Proposal | None, list[Finding]]] = {}
    for path in run.files:
        proposal = run.proposals.get(path)
        known = next((f.proposal_id for f in findings.get(path, []) if f.proposal_id), None)
        key = proposal.id if proposal is not None else known or path
        out.setdefault(key, (path, proposal, findings.get(path, [])))
    return out


def compare(
    old: RunResult, new: RunResult, lang: str, rev: str, day: str | None = None, anchors: dict[str, str] | None = None
) -> Changes:
    """Per proposal of either run, what changed from `old` (the run at revision `rev`) to `new`."""
    w = WORDS[lang]
    before, after = _by_proposal(old), _by_proposal(new)
    anchors = anchors or {}
    changes: list[ProposalChange] = []
    unchanged = 0
    for key in [*after, *(k for k in before if k not in after)]:
        then, now = before.get(key), after.get(key)
        old_model = then[1] if then else None
        new_model = now[1] if now else None
        resolved, added = _compare_findings(then[2] if then else [], now[2] if now else [])
        parts: list[str] = []
        if then is None:
            state = "new"
        elif now is None:
            state = "removed"
        else:
            if old_model is not None and new_model is not None:
                parts = differences(old_model, new_model, lang)
            elif old_model is not None:
                parts = [w["unreadable"]]
            status_then = old_model.effective_status if old_model else None
            status_now = new_model.effective_status if new_model else None
            if status_now in ("decided", "withdrawn") and status_now != status_then:
                state = status_now
            elif parts:
                state = "changed"
            elif resolved or added:
                state = "findings"
            else:
                unchanged += 1
                continue
        model = new_model or old_model
        changes.append(
            ProposalChange(
                id=model.id if model is not None else key,
                title=model.title if model is not None else "",
                state=state,
                state_label=w["states"][state],
                anchor=anchors.get(now[0]) if now else None,
                parts=parts,
                resolved=_in_words(resolved, old, lang) if state not in ("new", "removed") else [],
                added=_in_words(added, new, lang) if state not in ("new", "removed") else [],
            )
        )
    note = None
    if unchanged:
        note = w["unchanged_one"] if unchanged == 1 else w["unchanged_many"].format(count=unchanged)
    when = long_date(date.fromisoformat(day), lang) if day else None
    title = (w["title_day"] if when else w["title"]).format(rev=rev, day=when)
    return Changes(title, w["intro"].format(rev=rev), w, changes, note)


__all__ = ["Changes", "ProposalChange", "Since", "WORDS", "compare", "differences"]
