"""IM604: a budget smaller than the costs the proposal itself names."""

from __future__ import annotations

from decimal import Decimal

from im_lint.engine.checks import Context, Hit, check
from im_lint.model import Proposal


def amount(value: Decimal) -> str:
    """85000, 1250.50: the amount as a proposal writes it (no exponent, no trailing zeros of a whole number)."""
    text = format(value, "f")
    return text.split(".")[0] if "." in text and not text.split(".")[1].strip("0") else text


@check("budget_below_costs")
def budget_below_costs(proposal: Proposal, context: Context):
    if proposal.budget is None:
        return
    budget = proposal.budget.value
    costs = [t for t in proposal.technologies if t.cost is not None and t.cost.value.currency == budget.currency]
    total = sum((t.cost.value.amount for t in costs), Decimal(0))
    if costs and total > budget.amount:
        yield Hit(
            proposal.budget.span,
            "budget",
            {
                "budget": f"{amount(budget.amount)} {budget.currency}",
                "costs": f"{amount(total)} {budget.currency}",
                "technologies": ", ".join(t.id for t in costs),
            },
        )
