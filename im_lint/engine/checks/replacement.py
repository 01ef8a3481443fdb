"""IM6: replacing technology without losing what the old one did (the article's iPad example)."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.model import Proposal, refs


@check("replacement_drops_activity")
def replacement_drops_activity(proposal: Proposal, context: Context):
    replaced = {ref.id for technology in proposal.technologies for ref in refs(technology.replaces)}
    supported = {ref.id for technology in proposal.technologies for ref in refs(technology.supports)}
    supported |= {ref.id for old in proposal.existing if old.id not in replaced for ref in refs(old.supports)}
    for technology in proposal.technologies:
        reported: set[str] = set()  # one finding per activity, however many replaced systems ran it
        for old in filter(None, map(proposal.element, refs(technology.replaces))):
            for activity in filter(None, map(proposal.element, refs(old.supports))):
                if activity.id not in supported and activity.id not in reported:
                    reported.add(activity.id)
                    yield Hit(
                        technology.span,
                        f"{technology.id}>{activity.id}",
                        {
                            "id": technology.id,
                            "existing": old.id,
                            "activity": activity.id,
                            "activity_title": activity.title,
                        },
                    )
