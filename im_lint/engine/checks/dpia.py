"""IM504-IM506: when a DPIA is really required (EDPB WP248 criteria), the processor agreement's
model and the privacy notice per product (Privacyconvenant onderwijs 4.0)."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.engine.checks.chain import needs_met_by
from im_lint.engine.checks.privacy import personal_needs
from im_lint.engine.words import first_word
from im_lint.language.dpia_terms import CRITERIA
from im_lint.model import Need, Proposal, Technology
from im_lint.source import Term

# The WP248 criteria as the message names them; which count, and how, is LAW.md's IM504.
# The names of the criteria live with the language's words: the report names them too.


def holds_special_categories(need: Need, words: list[str]) -> bool:
    """`special-categories yes`; where it is not stated, a data item from the word list."""
    if need.special_categories is not None:
        return need.special_categories.value
    return any(first_word(item, tuple(words)) for item in (need.data.value if need.data else []))


def of_students(need: Need) -> bool:
    return need.data_of is None or "students" in need.data_of.value


def processing_technologies(proposal: Proposal, personal: list[Need]) -> list[Technology]:
    """The technologies that realize a provision meeting a need with personal data."""
    ids = {need.id for need in personal}
    return [t for t in proposal.technologies if any(n.id in ids for n in needs_met_by(proposal, t))]


def criteria_met(proposal: Proposal, context: Context) -> list[str]:
    """The distinct WP248 criteria the processing meets, each counted once (the board report
    shows them too)."""
    personal = personal_needs(proposal, context)
    if not personal:
        return []
    met: list[str] = []
    if any(of_students(need) for need in personal):
        met.append("vulnerable")
    words = context.option_of("IM504", "special-category-words")
    if any(holds_special_categories(need, words) for need in personal):
        met.append("sensitive")
    for technology in processing_technologies(proposal, personal):
        items = list(technology.processing.value) if technology.processing else []
        if technology.observes:
            items.append("monitoring")
        if technology.ai and technology.ai.value.value in ("limited", "high-risk"):
            items.append("new-technology")
        for item in items:
            name = "innovative" if item == "new-technology" else item
            if name not in met:
                met.append(name)
    return met


def criteria_term(met: list[str]) -> Term:
    return Term(",".join(met), tuple(", ".join(CRITERIA[m][i] for m in met) for i in (0, 1)))


@check("dpia_required")
def dpia_required(proposal: Proposal, context: Context):
    dpia = proposal.privacy.dpia if proposal.privacy else None
    if dpia is None or dpia.value.decision != "not-needed":
        return
    met = criteria_met(proposal, context)
    if len(met) >= 2:
        args = {"criteria": criteria_term(met), "count": len(met), "criteria_keys": ",".join(met)}
        yield Hit(dpia.span, "dpia", args)


def vendor_processing(proposal: Proposal, context: Context) -> list[tuple[Technology, list[Need]]]:
    """Technologies with a `vendor` that process personal data (IM503's condition), with those needs."""
    personal = {need.id for need in personal_needs(proposal, context)}
    found = []
    for technology in proposal.technologies:
        needs = [n for n in needs_met_by(proposal, technology) if n.id in personal]
        if technology.vendor and needs:
            found.append((technology, needs))
    return found


@check("processor_agreement_model")
def processor_agreement_model(proposal: Proposal, context: Context):
    privacy = proposal.privacy
    if privacy is None or privacy.processor_agreement is None or privacy.processor_agreement.value != "yes":
        return
    model = privacy.agreement_model.value.value if privacy.agreement_model else None
    if model not in (None, "convenant-3.0") or not vendor_processing(proposal, context):
        return
    if model is None:
        yield Hit(privacy.processor_agreement.span, "agreement-model", {})
    else:
        yield Hit(privacy.agreement_model.span, "agreement-model", {}, "old-model")


@check("privacy_notice_missing")
def privacy_notice_missing(proposal: Proposal, context: Context):
    for technology, needs in vendor_processing(proposal, context):
        notice = technology.privacy_notice
        if not any(of_students(need) for need in needs) or (notice and notice.value in ("yes", "planned")):
            continue
        yield Hit(
            notice.span if notice else technology.span,
            technology.id,
            {"id": technology.id, "vendor": technology.vendor.value},
            "no" if notice else "default",
        )
