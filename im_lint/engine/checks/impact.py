"""IM2: what the proposal means for each stakeholder group, and for processes and information."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.engine.checks.text import placeholder_test
from im_lint.language.vocabulary import ASPECT_SUBJECTS, lookup_value, value_term
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


@check("vague_impact")
def vague_impact(proposal: Proposal, context: Context):
    min_length, is_placeholder = context.options["min-length"], placeholder_test(context)
    for impact in proposal.impacts:
        subject = value_term("subject", impact.subject)
        aspect = impact.subject in ASPECT_SUBJECTS  # processes and information are no group of people
        if impact.stated.none and impact.stated.text is None:
            variant = "aspect-none-without-reason" if aspect else "none-without-reason"
            yield Hit(impact.span, impact.subject, {"subject": subject}, variant)
        elif is_placeholder(impact.stated.text or ""):
            continue  # IM009's: a placeholder is an error, not a vague text
        elif len((impact.stated.text or "").strip()) < min_length:
            text = (impact.stated.text or "").strip()
            yield Hit(
                impact.span, impact.subject, {"subject": subject, "text": text}, "aspect" if aspect else "default"
            )
