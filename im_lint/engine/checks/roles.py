"""IM3: separate content from execution: ICT realises and runs, it does not own or decide."""

from __future__ import annotations

from im_lint.engine.checks import Context, Hit, check
from im_lint.language.vocabulary import lookup_value
from im_lint.model import Proposal, RoleRef
from im_lint.source import Term


def role_term(role: RoleRef) -> Term:
    pair = lookup_value("role", role.id) if role.builtin else None
    return Term(role.id, pair or (role.id, role.id))


@check("ict_owns_business_process")
def ict_owns_business_process(proposal: Proposal, context: Context):
    for element in [*proposal.goals, *proposal.processes]:
        if element.owner is not None and proposal.is_ict_role(element.owner.value):
            yield Hit(element.owner.span, element.id, {
                "kind": Term(element.keyword), "id": element.id, "owner": role_term(element.owner.value),
            })


@check("process_without_owner")
def process_without_owner(proposal: Proposal, context: Context):
    for process in proposal.processes:
        if process.owner is None:
            yield Hit(process.span, process.id, {"id": process.id})


@check("ict_decides")
def ict_decides(proposal: Proposal, context: Context):
    if proposal.decision_by is not None and proposal.is_ict_role(proposal.decision_by.value):
        yield Hit(proposal.decision_by.span, "decision-by", {"role": role_term(proposal.decision_by.value)})


@check("missing_decision_maker")
def missing_decision_maker(proposal: Proposal, context: Context):
    if proposal.effective_status in ("submitted", "decided") and proposal.decision_by is None:
        status = proposal.status
        yield Hit(proposal.span, "decision-by", {"status": Term(status.value, lookup_value("status", status.value))})


@check("process_without_executor")
def process_without_executor(proposal: Proposal, context: Context):
    for process in proposal.processes:
        if process.owner is not None and not (process.executor and process.executor.value):
            yield Hit(process.span, process.id, {"id": process.id})
