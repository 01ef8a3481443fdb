"""IM2: what the proposal means for each stakeholder group, and for processes and information."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.language.vocabulary import lookup_value, value_term
from im_lint.model import Proposal

CHANGES = ("change", "procurement")


def _stated_subjects(proposal: Proposal) -> set[str]:
    return {impact.subject for impact in proposal.impacts}


@check("missing_stakeholder_impact")
def missing_stakeholder_impact(proposal: Proposal, context: Context):
    if proposal.effective_kind not in CHANGES:
        return
    required: list[str] = []
    for group in [
        *context.options["groups"],
        *(s.id for s in proposal.stakeholders),
        *sorted(context.declared_subjects),
    ]:
        pair = lookup_value("subject", group)
        canonical = pair[0] if pair else group
        if canonical not in required:
            required.append(canonical)
    stated = _stated_subjects(proposal)
    for group in required:
        if group not in stated:
            yield Hit(proposal.span, group, {"group": value_term("subject", group)})


def _is_vague(text: str | None, placeholders: list[str], min_length: int) -> bool:
    trimmed = (text or "").strip()
    return trimmed.lower() in {p.strip().lower() for p in placeholders} or len(trimmed) < min_length


@check("vague_impact")
def vague_impact(proposal: Proposal, context: Context):
    placeholders, min_length = context.options["placeholders"], context.options["min-length"]
    for impact in proposal.impacts:
        subject = value_term("subject", impact.subject)
        if impact.stated.none and not impact.stated.text:
            yield Hit(impact.span, impact.subject, {"subject": subject}, "none-without-reason")
        elif _is_vague(impact.stated.text, placeholders, min_length):
            yield Hit(impact.span, impact.subject, {"subject": subject, "text": (impact.stated.text or "").strip()})
