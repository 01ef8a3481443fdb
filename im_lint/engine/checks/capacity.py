"""IM4: capacity: own staff first, then other schools, then hired help (in that order)."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.model import Proposal


@check("external_before_collaboration")
def external_before_collaboration(proposal: Proposal, context: Context):
    capacity = proposal.capacity
    if capacity is not None and capacity.external is not None and capacity.collaboration is None:
        yield Hit(capacity.span, "external", {})
