"""The decision log (`report --log`): every proposal of the repository by status and meeting date,
a timeline of the meetings, and which proposal replaces which, shown both ways ("vervangt P-2025-03"
on the new one, "vervangen door P-2026-07" on the old one).

Read from the proposals' models of a run over the repository; IM705 and IM706 (the portfolio rules
on `supersedes`) report what is wrong with these links, the log only shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from im_lint.files import resolve
from im_lint.findings import RunResult
from im_lint.model import Proposal
from im_lint.report.words import STATUSES, long_date

WORDS: dict[str, dict[str, Any]] = {
    "nl": {
        "title": "Besluitenlijst",
        "intro": "Alle voorstellen van deze verzameling, met hun status en vergadering. Een voorstel dat een eerder besluit vervangt, staat bij beide.",
        "timeline": "Tijdlijn",
        "by_status": "Per status",
        "no_meeting": "Nog geen vergadering",
        "col_meeting": "Vergadering",
        "col_proposal": "Voorstel",
        "col_title": "Titel",
        "col_status": "Status",
        "col_links": "Samenhang",
        "supersedes": "vervangt {ids}",
        "superseded_by": "vervangen door {ids}",
        "empty": "Er zijn geen voorstellen gevonden.",
        "count": "{count} voorstellen: {parts}.",
    },
    "en": {
        "title": "Decision log",
        "intro": "Every proposal of this collection, with its status and meeting. A proposal that replaces an earlier decision is shown with both.",
        "timeline": "Timeline",
        "by_status": "By status",
        "no_meeting": "No meeting yet",
        "col_meeting": "Meeting",
        "col_proposal": "Proposal",
        "col_title": "Title",
        "col_status": "Status",
        "col_links": "Related",
        "supersedes": "replaces {ids}",
        "superseded_by": "replaced by {ids}",
        "empty": "No proposals were found.",
        "count": "{count} proposals: {parts}.",
    },
}

# On the agenda first, then what is being written, then history.
STATUS_ORDER = ("submitted", "draft", "decided", "withdrawn")


@dataclass
class LogRow:
    id: str
    title: str
    status: str
    status_label: str
    meeting: str | None  # in words: "9 maart 2027"
    day: date | None
    anchor: str | None  # the proposal's section in this report, when it has one
    links: list[str] = field(default_factory=list)  # "vervangt P-2025-03", "vervangen door P-2026-07"


@dataclass
class Meeting:
    label: str
    rows: list[LogRow]


@dataclass
class StatusGroup:
    status: str
    label: str
    rows: list[LogRow]


@dataclass
class DecisionLog:
    words: dict[str, Any]
    summary: str
    timeline: list[Meeting]
    by_status: list[StatusGroup]


def _key(row: LogRow) -> tuple:
    return (row.day is None, row.day or date.min, row.id)


def decision_log(run: RunResult, lang: str, anchors: dict[str, str] | None = None) -> DecisionLog:
    """The log of every proposal the run read (`run.proposals`), in `lang`. `anchors`: path -> the
    section of this report that shows the proposal (paths compared resolved: the log's run may name
    them from the repository's root)."""
    w = WORDS[lang]
    anchors = {str(resolve(path)): anchor for path, anchor in (anchors or {}).items() if path != "-"}
    proposals: list[tuple[str, Proposal]] = [(path, p) for path, p in run.proposals.items() if p is not None]
    replaced_by: dict[str, list[str]] = {}
    for _, proposal in proposals:
        for ref in proposal.supersedes.value if proposal.supersedes else []:
            replaced_by.setdefault(ref.id, []).append(proposal.id)
    rows = []
    for path, proposal in proposals:
        links = []
        if proposal.supersedes:
            links.append(w["supersedes"].format(ids=", ".join(ref.id for ref in proposal.supersedes.value)))
        if proposal.id in replaced_by:
            links.append(w["superseded_by"].format(ids=", ".join(sorted(set(replaced_by[proposal.id])))))
        day = proposal.meeting.value if proposal.meeting else None
        rows.append(
            LogRow(
                id=proposal.id,
                title=proposal.title,
                status=proposal.effective_status,
                status_label=STATUSES[lang][proposal.effective_status],
                meeting=long_date(day, lang) if day else None,
                day=day,
                anchor=anchors.get(str(resolve(path))) if path != "-" else None,
                links=links,
            )
        )
    rows.sort(key=_key)
    timeline: list[Meeting] = []
    for row in rows:
        label = row.meeting or w["no_meeting"]
        if not timeline or timeline[-1].label != label:
            timeline.append(Meeting(label, []))
        timeline[-1].rows.append(row)
    groups = [
        StatusGroup(status, STATUSES[lang][status], [row for row in rows if row.status == status])
        for status in STATUS_ORDER
    ]
    groups = [group for group in groups if group.rows]
    parts = ", ".join(f"{len(group.rows)} {group.label}" for group in groups)
    summary = w["count"].format(count=len(rows), parts=parts) if rows else w["empty"]
    return DecisionLog(w, summary, timeline, groups)


__all__ = ["DecisionLog", "WORDS", "decision_log"]
