"""IM511-IM513: the AI Act (Regulation (EU) 2024/1689) for a school's technology: emotion
recognition is prohibited (art. 5(1)(f)), AI that evaluates learning or steers it is high-risk
(Annex III point 3), and high-risk AI needs a DPIA and AI literacy of its users (art. 4, 26)."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.engine.words import first_word
from im_lint.model import Proposal, Technology


def named(technology: Technology, words: list[str]) -> str | None:
    """A word of the list in the technology's title or vendor (whole words, case ignored)."""
    texts = [technology.title, technology.vendor.value if technology.vendor else ""]
    return next((found for text in texts if (found := first_word(text, tuple(words)))), None)


@check("ai_prohibited")
def ai_prohibited(proposal: Proposal, context: Context):
    for technology in proposal.technologies:
        stated = technology.ai.value.value if technology.ai else None
        word = named(technology, context.options["emotion-words"])
        if stated == "prohibited":
            yield Hit(technology.ai.span, technology.id, {"id": technology.id}, "stated")
        elif word:
            span = technology.ai.span if technology.ai else technology.span
            yield Hit(span, technology.id, {"id": technology.id, "word": word})


@check("ai_class_missing")
def ai_class_missing(proposal: Proposal, context: Context):
    for technology in proposal.technologies:
        if technology.ai is not None:
            continue
        word = named(technology, context.options["ai-words"])
        items = technology.processing.value if technology.processing else []
        automated = next((item for item in items if item in ("scoring", "automated-decisions")), None)
        if word:
            yield Hit(technology.span, technology.id, {"id": technology.id, "word": word})
        elif automated:
            yield Hit(technology.span, technology.id, {"id": technology.id, "processing": automated}, "processing")


@check("high_risk_ai_without_safeguards")
def high_risk_ai_without_safeguards(proposal: Proposal, context: Context):
    dpia = proposal.privacy.dpia.value.decision if proposal.privacy and proposal.privacy.dpia else None
    trained = any(impact.subject == "teachers" and impact.training for impact in proposal.impacts)
    for technology in proposal.technologies:
        if technology.ai is None or technology.ai.value.value != "high-risk":
            continue
        if dpia not in ("done", "planned"):
            yield Hit(technology.ai.span, f"{technology.id}:dpia", {"id": technology.id}, "dpia")
        if not trained:
            yield Hit(technology.ai.span, f"{technology.id}:training", {"id": technology.id}, "training")
