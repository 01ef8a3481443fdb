"""IM801, IM802: the EU threshold in force on the meeting date, and the procedure (Aanbestedingswet
2012). The thresholds are facts (rules/builtin/facts/eu-thresholds.yaml), never constants here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from im_lint.engine.checks import Context, Hit, check
from im_lint.engine.facts import Period
from im_lint.language.vocabulary import value_term
from im_lint.model import Money, Proposal
from im_lint.source import Span, Term

SAFE_PROCEDURES = ("european", "purchasing-body")  # a European tender, or a body that held one
NEAREST = Term(
    "nearest",
    (
        " No period of the thresholds holds that date, so the nearest period is used: check the current figure.",
        " Geen periode van de drempelwaarden omvat die datum; de dichtstbijzijnde is gebruikt: controleer het"
        " actuele bedrag.",
    ),
)


def is_procurement(proposal: Proposal) -> bool:
    return proposal.effective_kind == "procurement" or proposal.procurement is not None


def estimated_value(proposal: Proposal) -> Money | None:
    """The procurement block's `value`, else the `budget`."""
    bought = proposal.procurement
    if bought is not None and bought.value is not None:
        return bought.value.value
    return proposal.budget.value if proposal.budget else None


def category_of(proposal: Proposal) -> str:
    bought = proposal.procurement
    return bought.category.value if bought is not None and bought.category is not None else "supplies"


def procedure_of(proposal: Proposal) -> tuple[str | None, str | None]:
    bought = proposal.procurement
    if bought is None or bought.procedure is None:
        return None, None
    return bought.procedure.value.value, bought.procedure.value.note


def judged_on(proposal: Proposal, today: date) -> tuple[date, bool]:
    """The day whose threshold applies: the meeting's, else the run's (True: it is the meeting's)."""
    return (proposal.meeting.value, True) if proposal.meeting else (today, False)


def amount_term(amount: Decimal | int) -> Term:
    """An amount as the message's language writes it: 221,000 EUR / 221.000 EUR."""
    whole = f"{int(amount):,}"
    return Term(str(int(amount)), (f"{whole} EUR", whole.replace(",", ".") + " EUR"))


def period_text(period: Period) -> str:
    return f"{period.start.isoformat()} – {period.end.isoformat()}"


def threshold_args(proposal: Proposal, context: Context) -> dict | None:
    """What IM801/IM802 and the board report need, or None when no threshold can be applied."""
    money = estimated_value(proposal)
    if money is None or money.currency != "EUR":  # the thresholds are in euros
        return None
    day, meeting = judged_on(proposal, context.today)
    period, nearest = context.facts.thresholds.in_force(day)
    category = category_of(proposal)
    threshold = period.amount(category)
    return {
        "value": amount_term(money.amount),
        "threshold": amount_term(threshold),
        "threshold_amount": threshold,
        "category": value_term("category", category),
        "day": day.isoformat(),
        "basis": Term("meeting", ("the meeting date", "de vergaderdatum"))
        if meeting
        else Term("today", ("today's date (no `meeting`)", "de datum van vandaag (geen `vergadering`)")),
        "period": period_text(period),
        "source": period.source,
        "nearest": nearest,
        "reaches": money.amount >= threshold,
        "amount": money.amount,
    }


def _span(proposal: Proposal, *names: str) -> Span:
    bought = proposal.procurement
    for name in names:
        node = getattr(bought, name, None) if bought is not None else None
        if node is not None:
            return node.span
    return bought.span if bought is not None else proposal.span


@check("european_tender_required")
def european_tender_required(proposal: Proposal, context: Context):
    if not is_procurement(proposal):
        return
    facts = threshold_args(proposal, context)
    if facts is None or not facts["reaches"]:
        return
    procedure, note = procedure_of(proposal)
    if procedure in SAFE_PROCEDURES or (procedure == "exempt" and note):
        return
    args = {k: v for k, v in facts.items() if k not in ("nearest", "reaches", "amount")}
    args["note"] = NEAREST if facts["nearest"] else Term("", ("", ""))
    if procedure is not None:
        args["procedure"] = value_term("procedure", procedure)
    yield Hit(_span(proposal, "procedure"), "procedure", args, "default" if procedure is None else "stated")


@check("procedure_not_stated")
def procedure_not_stated(proposal: Proposal, context: Context):
    if not is_procurement(proposal) or procedure_of(proposal)[0] is not None:
        return
    facts = threshold_args(proposal, context)
    if facts is None or facts["reaches"] or facts["amount"] < context.options["min-value"]:
        return
    args = {k: facts[k] for k in ("value", "threshold", "threshold_amount", "category", "period")}
    args["min_value"] = amount_term(context.options["min-value"])
    yield Hit(_span(proposal), "procedure", args, "default" if proposal.procurement is not None else "no-block")
