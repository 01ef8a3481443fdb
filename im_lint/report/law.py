"""The law panel of a proposal in the board report: participation (which right, which section,
asked when, outcome), procurement (estimated value against the threshold in force) and privacy
(DPIA criteria met, AI class). Built from the model and from the findings' args, never by running
a rule again; the one lookup is the threshold in force, a fact of the pack's data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from im_lint.findings import Finding
from im_lint.language.dpia_terms import CRITERIA
from im_lint.language.vocabulary import value_spelling
from im_lint.model import Proposal

WORDS = {
    "en": {
        "title": "Law and agreements",
        "intro": "What the participation council, the procurement rules and the privacy and AI rules ask of this proposal, as the proposal states it. im-lint points at what to check; it gives no legal advice.",
        "participation": "Participation council (WMS)",
        "body": "Council",
        "right": "Right",
        "section": "Section",
        "article": "Article",
        "requested": "Asked",
        "outcome": "Outcome",
        "whole": "whole council",
        "not_asked": "not asked",
        "missing": "missing",
        "none": "No participation right applies",
        "no_outcome": "no answer yet",
        "procurement": "Procurement",
        "value": "Estimated value",
        "threshold": "EU threshold in force",
        "procedure": "Procedure",
        "commodity": "What is bought",
        "not_stated": "not stated",
        "reaches": "reaches the threshold",
        "below": "below the threshold",
        "privacy": "Privacy and AI",
        "dpia": "DPIA",
        "criteria": "DPIA criteria met (WP248)",
        "agreement": "Processor agreement",
        "ai": "AI class",
        "rights": {"consent": "consent", "advice": "advice", "information": "information"},
        "sections": {
            "parents": "parents",
            "students": "students",
            "staff": "staff",
            "parents-students": "parents and students",
            "council": "whole council",
        },
    },
    "nl": {
        "title": "Wet en afspraken",
        "intro": "Wat de medezeggenschap, de aanbestedingsregels en de privacy- en AI-regels van dit voorstel vragen, zoals het voorstel het zegt. im-lint wijst aan wat na te kijken is; het geeft geen juridisch advies.",
        "participation": "Medezeggenschap (WMS)",
        "body": "Raad",
        "right": "Recht",
        "section": "Geleding",
        "article": "Artikel",
        "requested": "Gevraagd",
        "outcome": "Uitkomst",
        "whole": "hele raad",
        "not_asked": "niet gevraagd",
        "missing": "ontbreekt",
        "none": "Er geldt geen medezeggenschapsrecht",
        "no_outcome": "nog geen antwoord",
        "procurement": "Aanbesteding",
        "value": "Geraamde waarde",
        "threshold": "Europese drempel die geldt",
        "procedure": "Procedure",
        "commodity": "Wat er wordt gekocht",
        "not_stated": "niet genoemd",
        "reaches": "bereikt de drempel",
        "below": "onder de drempel",
        "privacy": "Privacy en AI",
        "dpia": "DPIA",
        "criteria": "DPIA-criteria waaraan voldaan (WP248)",
        "agreement": "Verwerkersovereenkomst",
        "ai": "AI-klasse",
        "rights": {"consent": "instemming", "advice": "advies", "information": "informatie"},
        "sections": {
            "parents": "ouders",
            "students": "leerlingen",
            "staff": "personeel",
            "parents-students": "ouders en leerlingen",
            "council": "hele raad",
        },
    },
}


@dataclass
class ParticipationRow:
    body: str
    right: str
    section: str
    article: str
    requested: str
    outcome: str
    state: str  # agreed, refused, pending, missing


@dataclass
class LawPanel:
    words: dict[str, Any]
    participation: list[ParticipationRow] = field(default_factory=list)
    no_right: str | None = None  # `participation none "reason"`
    procurement: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    privacy: list[tuple[str, str]] = field(default_factory=list)

    @property
    def has_participation(self) -> bool:
        return bool(self.participation) or self.no_right is not None

    @property
    def has_rest(self) -> bool:  # procurement, privacy or AI
        return bool(self.procurement or self.privacy)

    @property
    def empty(self) -> bool:
        return not (self.participation or self.no_right or self.procurement or self.privacy)


def _amount(amount: Any, lang: str) -> str:
    whole = f"{int(amount):,}"
    return (whole.replace(",", ".") if lang == "nl" else whole) + " EUR"


def _participation(panel: LawPanel, proposal: Proposal, findings: list[Finding], lang: str) -> None:
    w = panel.words
    for p in proposal.participations:
        if p.none:
            panel.no_right = p.reason or ""
            continue
        outcome = p.outcome.value if p.outcome else None
        panel.participation.append(
            ParticipationRow(
                body=(p.body or "").upper(),
                right=w["rights"].get(p.right or "", p.right or ""),
                section=w["sections"][p.section.value] if p.section else w["whole"],
                article=p.article.value if p.article else "",
                requested=p.requested.value.isoformat() if p.requested else "",
                outcome=(
                    value_spelling("outcome", outcome.value, lang)
                    + (f" {outcome.day.isoformat()}" if outcome.day else "")
                )
                if outcome
                else w["no_outcome"],
                state=outcome.value if outcome else "pending",
            )
        )
    for finding in findings:  # what IM901 concluded is missing, from its args
        if finding.code != "IM901":
            continue
        args = finding.args
        panel.participation.append(
            ParticipationRow(
                body=str(args.get("body", "mr")).upper(),
                right=w["rights"].get(args.get("right", ""), args.get("right", "")),
                section=w["sections"].get(args.get("section", ""), args.get("section", "")),
                article=str(args.get("articles", "")),
                requested=w["not_asked"],
                outcome=w["missing"],
                state="missing",
            )
        )


def _procurement(panel: LawPanel, proposal: Proposal, findings: list[Finding], lang: str) -> None:
    w = panel.words
    bought = proposal.procurement
    if bought is None and proposal.effective_kind != "procurement":
        return
    money = bought.value.value if bought and bought.value else proposal.budget.value if proposal.budget else None
    if money is not None:
        panel.procurement.append(
            (w["value"], _amount(money.amount, lang) if money.currency == "EUR" else f"{money.amount} {money.currency}")
        )
    stated = next((f for f in findings if f.code in ("IM801", "IM802")), None)
    if stated is not None:  # the rule's own conclusion, from its args
        threshold = _amount(stated.args["threshold_amount"], lang)
        verdict = w["reaches"] if stated.code == "IM801" else w["below"]
        panel.procurement.append((w["threshold"], f"{threshold} ({stated.args.get('period', '')}): {verdict}"))
    if bought is not None:
        procedure = bought.procedure.value if bought.procedure else None
        text = value_spelling("procedure", procedure.value, lang) if procedure else w["not_stated"]
        if procedure and procedure.note:
            text += f": {procedure.note}"
        if bought.via:
            text += f" ({bought.via.value})"
        panel.procurement.append((w["procedure"], text))
        if bought.commodity:
            panel.procurement.append((w["commodity"], bought.commodity.value))


def _privacy(panel: LawPanel, proposal: Proposal, findings: list[Finding], lang: str) -> None:
    w = panel.words
    privacy = proposal.privacy
    if privacy is not None and privacy.dpia is not None:
        dpia = privacy.dpia.value
        panel.privacy.append(
            (w["dpia"], value_spelling("dpia", dpia.decision, lang) + (f": {dpia.note}" if dpia.note else ""))
        )
    criteria = next((f for f in findings if f.code == "IM504"), None)
    if criteria is not None:
        keys = [k for k in str(criteria.args.get("criteria_keys", "")).split(",") if k in CRITERIA]
        panel.privacy.append((w["criteria"], ", ".join(CRITERIA[k][lang == "nl"] for k in keys)))
    if privacy is not None and privacy.agreement_model is not None:
        model = privacy.agreement_model.value
        panel.privacy.append(
            (
                w["agreement"],
                value_spelling("agreement-model", model.value, lang) + (f": {model.note}" if model.note else ""),
            )
        )
    for technology in proposal.technologies:
        if technology.ai is not None:
            ai = technology.ai.value
            text = value_spelling("ai", ai.value, lang) + (f" ({ai.note})" if ai.note else "")
            panel.privacy.append((f"{w['ai']}: {technology.id} {technology.title}", text))


def law_panel(proposal: Proposal, findings: list[Finding], lang: str) -> LawPanel | None:
    """The panel, or None when the proposal says nothing the law rules look at; what the law rules
    concluded comes from their findings' args (the run, never an engine)."""
    panel = LawPanel(WORDS[lang])
    _participation(panel, proposal, findings, lang)
    _procurement(panel, proposal, findings, lang)
    _privacy(panel, proposal, findings, lang)
    return None if panel.empty else panel
