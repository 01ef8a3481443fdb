"""IM207, IM507, IM306: dates that cannot be true, measured against the meeting and the run's date."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.language.vocabulary import value_term
from im_lint.model import DateAttribute, Proposal


def _implausible(proposal: Proposal, context: Context, stated: DateAttribute, subject: str, args: dict):
    """A consultation after the meeting that decides, or, once submitted, in the future."""
    day = stated.value
    meeting = proposal.meeting.value if proposal.meeting else None
    if meeting is not None and day > meeting:
        yield Hit(stated.span, subject, {**args, "date": day.isoformat(), "meeting": meeting.isoformat()})
    elif proposal.effective_status == "submitted" and day > context.today:
        yield Hit(stated.span, subject, {**args, "date": day.isoformat(), "today": context.today.isoformat()}, "future")


@check("involvement_date_implausible")
def involvement_date_implausible(proposal: Proposal, context: Context):
    for impact in proposal.impacts:
        if impact.involved is not None:
            args = {"subject": value_term("subject", impact.subject)}
            yield from _implausible(proposal, context, impact.involved, impact.subject, args)


@check("dpo_date_implausible")
def dpo_date_implausible(proposal: Proposal, context: Context):
    if proposal.privacy is not None and proposal.privacy.dpo_consulted is not None:
        yield from _implausible(proposal, context, proposal.privacy.dpo_consulted, "dpo-consulted", {})


@check("meeting_in_past")
def meeting_in_past(proposal: Proposal, context: Context):
    meeting = proposal.meeting
    if meeting is not None and proposal.effective_status == "submitted" and meeting.value < context.today:
        yield Hit(meeting.span, "meeting", {"meeting": meeting.value.isoformat(), "today": context.today.isoformat()})
