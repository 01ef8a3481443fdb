"""IM1: the chain goal > activity > information need > provision > technology."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.engine.words import first_word
from im_lint.model import Goal, Need, Proposal, Technology, refs
from im_lint.source import Term


def needs_met_by(proposal: Proposal, technology: Technology) -> list[Need]:
    """The needs a technology serves: those met by a provision it realizes."""
    needs: list[Need] = []
    for provision in filter(None, map(proposal.element, refs(technology.realizes))):
        needs.extend(n for n in map(proposal.element, refs(provision.meets)) if n is not None and n not in needs)
    return needs


def _traces_to_goal(proposal: Proposal, need: Need) -> bool:
    for activity in filter(None, map(proposal.element, refs(need.for_))):
        if any(proposal.element(ref) is not None for ref in refs(activity.serves)):
            return True
    return False


@check("technology_chosen_before_need_established")
def technology_chosen_before_need_established(proposal: Proposal, context: Context):
    for technology in proposal.technologies:
        if technology.chosen is None:
            continue
        for need in needs_met_by(proposal, technology):
            if need.established is not None and technology.chosen.value < need.established.value:
                yield Hit(
                    technology.chosen.span,
                    f"{technology.id}>{need.id}",
                    {
                        "id": technology.id,
                        "need": need.id,
                        "chosen": technology.chosen.value.isoformat(),
                        "established": need.established.value.isoformat(),
                    },
                )


@check("technology_in_goal")
def technology_in_goal(proposal: Proposal, context: Context):
    words = tuple(context.options["words"]) + tuple(t.vendor.value for t in proposal.technologies if t.vendor)
    element: Goal | Need
    for element in [*proposal.goals, *proposal.needs]:
        word = first_word(element.title, words)
        if word:
            yield Hit(element.span, element.id, {"kind": Term(element.keyword), "id": element.id, "word": word})
