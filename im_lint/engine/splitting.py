"""IM803: open proposals buying the same commodity within a year, each below the EU threshold and
together at or above it (the ban on splitting a contract; Directive 2014/24/EU art. 5(3))."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from im_lint.engine.checks import Context, Hit
from im_lint.engine.checks.procurement import SAFE_PROCEDURES, amount_term, period_text
from im_lint.engine.portfolio import Entry, normalised, portfolio_check, shown

WINDOW = timedelta(days=364)  # a window of 365 days, both ends included


@portfolio_check("possible_splitting")
def possible_splitting(entries: list[Entry], named: set[str], context: Context):
    groups: dict[str, list[tuple[date, Entry]]] = defaultdict(list)
    for entry in entries:
        purchase = entry.purchase
        if entry.is_open and purchase is not None and purchase.currency == "EUR":
            groups[normalised(purchase.commodity)].append((purchase.meeting or context.today, entry))
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda pair: (pair[0], pair[1].path))
        thresholds = [context.facts.thresholds.in_force(day)[0] for day, _ in members]
        for index, (_, entry) in enumerate(members):
            if entry.path not in named:
                continue
            found = _window(members, thresholds, index)
            if found is None:
                continue
            together, total, period = found
            others = [other for _, other in together if other is not entry]
            yield (
                entry.path,
                Hit(
                    entry.purchase.commodity_span,
                    normalised(entry.purchase.commodity),
                    {
                        "commodity": entry.purchase.commodity,
                        "value": amount_term(entry.purchase.amount),
                        "others": ", ".join(f"{o.id} ({shown(o.path)})" for o in others),
                        "total": amount_term(total),
                        "threshold": amount_term(period.amount(entry.purchase.category)),
                        "period": period_text(period),
                    },
                ),
            )


def _window(members: list, thresholds: list, index: int):
    """A 365-day window holding member `index` in which every member is below its threshold and
    together they reach the lowest one, not all bought through a European route; else None."""
    day = members[index][0]
    for start in range(len(members)):
        first = members[start][0]
        if first > day or day - first > WINDOW:
            continue
        inside = [i for i in range(start, len(members)) if members[i][0] - first <= WINDOW]
        if index not in inside or len(inside) < 2:
            continue
        below = all(
            members[i][1].purchase.amount < thresholds[i].amount(members[i][1].purchase.category) for i in inside
        )
        if not below:
            continue
        period = min((thresholds[i] for i in inside), key=lambda p: p.amount(members[index][1].purchase.category))
        total = sum((members[i][1].purchase.amount for i in inside), Decimal(0))
        if total < period.amount(members[index][1].purchase.category):
            continue
        if all(members[i][1].purchase.procedure in SAFE_PROCEDURES for i in inside):
            continue
        return [members[i] for i in inside], total, period
    return None


possible_splitting.wants_context = True  # the run's date and the thresholds
