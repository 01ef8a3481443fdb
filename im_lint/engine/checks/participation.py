"""IM901-IM904: the participation council's rights (WMS). Which element triggers which right of
which section, per sector, is data (rules/builtin/facts/wms.yaml), never code."""

from __future__ import annotations

from dataclasses import dataclass, field

from im_lint.engine.checks import Context, Hit, check
from im_lint.engine.checks.privacy import personal_needs
from im_lint.engine.facts import SECTORS, Trigger
from im_lint.language.vocabulary import value_term
from im_lint.model import Participation, Proposal
from im_lint.source import Term

SECTION_NAMES = {
    "parents": ("the parents' section", "de oudergeleding"),
    "students": ("the students' section", "de leerlingengeleding"),
    "staff": ("the staff section", "de personeelsgeleding"),
    "council": ("the council", "de raad"),
}


def _hint(section: str) -> Term:
    """` { section parents }` in the message's language, for the statement it suggests."""
    en, nl = value_term("section", section).spellings
    return Term(section, (f" {{ section {en} }}", f" {{ geleding {nl} }}"))


def sector_of(proposal: Proposal, context: Context) -> str | None:
    return proposal.sector.value if proposal.sector else context.sector


def data_subjects(need) -> list[str]:
    """Whose personal data a need holds: `data-of`, else the students' (LAW.md)."""
    return need.data_of.value if need.data_of else ["students"]


def triggering(proposal: Proposal, trigger: Trigger, needs: list) -> list[str]:
    """The IDs of the elements that trigger a right (`capacity` for the collaboration trigger);
    `needs` are the proposal's needs with personal data."""
    when = trigger.when
    found: list[str] = []
    if when.data_of is not None:
        found += [n.id for n in needs if set(data_subjects(n)) & set(when.data_of)]
    for name in ("users", "observes"):
        wanted = getattr(when, name)
        if wanted is not None:
            found += [t.id for t in proposal.technologies if (a := getattr(t, name)) and set(a.value) & set(wanted)]
    if when.collaboration and proposal.capacity is not None and proposal.capacity.collaboration is not None:
        if not proposal.capacity.collaboration.value.none:
            found.append(proposal.capacity.spelling)
    return found


def satisfies(participation: Participation, right: str, section: str) -> bool:
    if participation.right != right:
        return False
    stated = participation.section.value if participation.section else None
    if section == "council" or stated is None:
        return True
    return stated == section or (stated == "parents-students" and section in ("parents", "students"))


@dataclass
class Required:
    """One right of one section, with every article and element that asks for it."""

    right: str
    section: str
    variant: str
    articles: list[str] = field(default_factory=list)
    matters: list[tuple[str, str]] = field(default_factory=list)  # (en, nl)
    elements: list[str] = field(default_factory=list)

    def add(self, items_: list, values) -> None:
        for value in values:
            if value not in items_:
                items_.append(value)


def required_rights(proposal: Proposal, context: Context) -> list[Required]:
    """What the WMS asks of this proposal: per right and section (the board report shows it too)."""
    if proposal.effective_kind not in ("change", "procurement"):
        return []
    sector = sector_of(proposal, context)
    sectors = [sector] if sector else list(SECTORS)
    required: dict[tuple[str, str], Required] = {}
    needs = personal_needs(proposal, context)  # once: it asks the reference catalogue per need
    for trigger in context.facts.wms.triggers:
        elements = triggering(proposal, trigger, needs)
        if not elements:
            continue
        for name in sectors:
            for section, article in trigger.sections.get(name, {}).items():
                key = (trigger.right, section)
                entry = required.setdefault(key, Required(trigger.right, section, trigger.variant or trigger.right))
                entry.add(entry.articles, [article])
                entry.articles.sort()
                entry.add(entry.matters, [(trigger.what.en, trigger.what.nl)])
                entry.add(entry.elements, elements)
    return list(required.values())


@check("participation_missing")
def participation_missing(proposal: Proposal, context: Context):
    if any(p.none for p in proposal.participations):
        return
    no_sector = sector_of(proposal, context) is None
    body = "gmr" if proposal.scope and proposal.scope.value == "board-wide" else "mr"
    for need in required_rights(proposal, context):
        if any(satisfies(p, need.right, need.section) for p in proposal.participations):
            continue
        hint = Term("", ("", "")) if need.section == "council" else _hint(need.section)
        yield Hit(
            proposal.span,
            f"{need.right}:{need.section}",
            {
                "section": Term(need.section, SECTION_NAMES.get(need.section, (need.section, need.section))),
                "right": value_term("right", need.right),
                "articles": ", ".join(need.articles),
                "matter": Term(
                    need.matters[0][0], ("; ".join(m[0] for m in need.matters), "; ".join(m[1] for m in need.matters))
                ),
                "elements": ", ".join(need.elements),
                "body": value_term("body", body),
                "hint": hint,
            },
            need.variant + ("-no-sector" if no_sector and need.variant != "collaboration" else ""),
        )


@check("advice_after_choice")
def advice_after_choice(proposal: Proposal, context: Context):
    chosen = sorted((t.chosen.value, t.id) for t in proposal.technologies if t.chosen is not None)
    if not chosen:
        return
    first_day, first_id = chosen[0]
    for participation in proposal.participations:
        if participation.right not in ("advice", "consent") or participation.requested is None:
            continue
        if participation.requested.value > first_day:
            yield Hit(
                participation.requested.span,
                _key(participation),
                {
                    "requested": participation.requested.value.isoformat(),
                    "id": first_id,
                    "chosen": first_day.isoformat(),
                    "right": value_term("right", participation.right),
                },
            )


@check("consent_not_given")
def consent_not_given(proposal: Proposal, context: Context):
    decided = proposal.effective_status == "decided"
    meeting = proposal.meeting.value if proposal.meeting else None
    for participation in proposal.participations:
        if participation.right != "consent":
            continue
        outcome = participation.outcome.value if participation.outcome else None
        span = participation.outcome.span if participation.outcome else participation.span
        args = {"body": value_term("body", participation.body or "mr")}
        if participation.section:
            args["section"] = Term(participation.section.value, _section_words(participation.section.value))
        else:
            args["section"] = Term("council", SECTION_NAMES["council"])
        if outcome is not None and outcome.value == "refused":
            yield Hit(span, f"refused:{_key(participation)}", args, "refused")
        elif decided:
            if outcome is None or outcome.value != "agreed":
                yield Hit(span, f"missing:{_key(participation)}", args, "not-agreed")
            elif outcome.day is None:
                yield Hit(span, f"undated:{_key(participation)}", args, "undated")
            elif meeting is not None and outcome.day > meeting:
                yield Hit(
                    span,
                    f"late:{_key(participation)}",
                    {**args, "day": outcome.day.isoformat(), "meeting": meeting.isoformat()},
                    "after-meeting",
                )


def _key(participation: Participation) -> str:
    """What a finding about one participation is keyed by (not its line: that moves)."""
    section = participation.section.value if participation.section else "council"
    return f"{participation.body}:{participation.right}:{section}"


def _section_words(section: str) -> tuple[str, str]:
    if section == "parents-students":
        return ("the parents' and students' sections", "de ouder- en leerlingengeleding")
    return SECTION_NAMES.get(section, (section, section))


@check("participation_wrong_body")
def participation_wrong_body(proposal: Proposal, context: Context):
    if not proposal.scope or proposal.scope.value != "board-wide":
        return
    for participation in proposal.participations:
        if participation.body == "mr":
            yield Hit(
                participation.span,
                _key(participation),
                {"right": value_term("right", participation.right or "consent")},
            )
