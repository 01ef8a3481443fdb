"""IM5: personal data needs a DPIA decision, the data protection officer, a processor agreement."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.engine.checks.chain import needs_met_by
from im_lint.engine.words import first_word
from im_lint.model import Need, Proposal


def has_personal_data(need: Need, words: list[str], fora_objects: list | None = None) -> bool:
    """`personal-data yes`; where it is not stated, a data item from the word list, or a FORA
    information object with personal data that the need's process accesses (the catalogue's links)."""
    if need.personal_data is not None:
        return need.personal_data.value
    if need.data_of is not None:  # whose personal data: then it holds some (LAW.md)
        return True
    return bool(fora_objects) or any(first_word(item, tuple(words)) for item in (need.data.value if need.data else []))


def personal_needs(proposal: Proposal, context: Context) -> list[Need]:
    words = context.option_of("IM501", "personal-data-words")
    links = context.reference
    return [
        need
        for need in proposal.needs
        if has_personal_data(need, words, links.personal_data_objects(proposal, need) if links else None)
    ]


@check("personal_data_without_dpia_decision")
def personal_data_without_dpia_decision(proposal: Proposal, context: Context):
    if proposal.privacy is not None and proposal.privacy.dpia is not None:
        return
    words = context.option_of("IM501", "personal-data-words")
    for need in personal_needs(proposal, context):
        if need.personal_data is None and not has_personal_data(need, words):  # FORA's objects alone
            objects = context.reference.personal_data_objects(proposal, need)
            shown = ", ".join(o.name for o in objects[:5]) + (f" (+{len(objects) - 5})" if len(objects) > 5 else "")
            yield Hit(need.span, need.id, {"id": need.id, "objects": shown}, "fora")
        else:
            yield Hit(need.span, need.id, {"id": need.id})


@check("dpo_not_consulted")
def dpo_not_consulted(proposal: Proposal, context: Context):
    if proposal.privacy is not None and proposal.privacy.dpo_consulted is not None:
        return
    if personal_needs(proposal, context):
        yield Hit(proposal.span, "dpo-consulted", {})


@check("supplier_without_processor_agreement")
def supplier_without_processor_agreement(proposal: Proposal, context: Context):
    agreement = proposal.privacy.processor_agreement if proposal.privacy else None
    if agreement is not None and agreement.value != "no":
        return
    personal = {need.id for need in personal_needs(proposal, context)}
    for technology in proposal.technologies:
        if technology.vendor and any(need.id in personal for need in needs_met_by(proposal, technology)):
            yield Hit(technology.span, technology.id, {"id": technology.id, "vendor": technology.vendor.value})
