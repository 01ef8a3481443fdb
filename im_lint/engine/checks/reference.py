"""IM121-IM125 and IM301's domain: a proposal's names checked against the reference catalogue (FORA).

Every check reads the links the engine made before the rules ran (`context.reference`); without a
catalogue those rules are off and IM301 says what it always said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from im_lint.engine.checks import Context, Hit, check
from im_lint.language.vocabulary import value_term
from im_lint.model import Proposal, refs
from im_lint.reference import names
from im_lint.source import Term

if TYPE_CHECKING:  # the catalogue's models are imported by a run that has a catalogue (engine/run.py)
    from im_lint.reference.catalogue import Entry, ReferenceCatalogue

MAX_LISTED = 8  # objects named in one message


def _suggestion(catalogue: ReferenceCatalogue, written: str, entries: list[Entry]) -> tuple[str, dict]:
    """The nearest name as a message shows it: name, FORA-type and where it lies."""
    best = entries[0]
    above = [e.name for e in catalogue.ancestors(best)]
    args = {"suggestion": best.name, "suggestion_type": best.type, "suggestion_path": " › ".join(above)}
    return ("suggest" if above else "suggest-top"), args


def _listed(entries: list[Entry]) -> str:
    shown = ", ".join(e.name for e in entries[:MAX_LISTED])
    return shown + (f" (+{len(entries) - MAX_LISTED})" if len(entries) > MAX_LISTED else "")


@check("reference_not_in_catalogue")
def reference_not_in_catalogue(proposal: Proposal, context: Context):
    links = context.reference
    if links is None:
        return
    from im_lint.reference.catalogue import PROCESS_TYPES  # imported already: a catalogue is configured

    for process in proposal.processes:
        if process.reference is None or process.id in links.processes:
            continue
        written = process.reference.value
        args = {"id": process.id, "reference": written, "catalogue": links.catalogue.document.source.name or "FORA"}
        near = links.catalogue.nearest(written, PROCESS_TYPES)
        variant = "default"
        if near:
            variant, more = _suggestion(links.catalogue, written, near)
            args.update(more)
        yield Hit(process.reference.span, process.id, args, variant)


@check("reference_to_unfinished_part")
def reference_to_unfinished_part(proposal: Proposal, context: Context):
    links = context.reference
    for process in proposal.processes if links is not None else ():
        entry = links.processes.get(process.id)
        if entry is not None and entry.status != "current":
            args = {"id": process.id, "name": entry.name, "type": entry.type}
            yield Hit(process.reference.span, process.id, args, entry.status)


@check("personal_data_in_reference_process")
def personal_data_in_reference_process(proposal: Proposal, context: Context):
    links = context.reference
    for need in proposal.needs if links is not None else ():
        if need.personal_data is None or need.personal_data.value:
            continue
        objects = links.personal_data_objects(proposal, need)
        if objects:
            yield Hit(need.personal_data.span, need.id, {"id": need.id, "objects": _listed(objects)})


def _replaced_components(proposal: Proposal, technology, links) -> list[tuple[str, Entry]]:
    """(existing id, its component) for each replaced existing technology that names one."""
    found = []
    for old in filter(None, map(proposal.element, refs(technology.replaces))):
        component = links.components.get(old.id)
        if component is not None:
            found.append((old.id, component))
    return found


@check("component_not_in_catalogue")
def component_not_in_catalogue(proposal: Proposal, context: Context):
    links = context.reference
    if links is None:
        return
    from im_lint.reference.catalogue import COMPONENT  # imported already: a catalogue is configured

    catalogue = links.catalogue
    for element in (*proposal.technologies, *proposal.existing):
        if element.component is not None and element.id not in links.components:
            written = element.component.value
            args = {"id": element.id, "component": written}
            near = catalogue.nearest(written, (COMPONENT,))
            variant = "default"
            if near:
                variant, args["suggestion"] = "suggest", near[0].name
            yield Hit(element.component.span, element.id, args, variant)
    for technology in proposal.technologies:
        components = [c for _, c in _replaced_components(proposal, technology, links)]
        if technology.id in links.components:
            components.append(links.components[technology.id])
        functions = {f.id: f for c in components for f in catalogue.functions(c)}
        if not functions:
            continue  # nothing to check a function's name against
        known = {names.key(f.name) for f in functions.values()} | set(functions)
        stated = [(a.span, name) for a in technology.covers for name in a.value]
        stated += [(a.span, a.value.function) for a in technology.drops]
        for span, name in stated:
            if names.key(name) in known or name in known:
                continue
            args = {"id": technology.id, "function": name, "component": components[0].name}
            near = catalogue.nearest(name, (), among=list(functions.values()))
            if near:
                yield Hit(span, f"{technology.id}:{name}", {**args, "suggestion": near[0].name}, "function-suggest")
            else:
                yield Hit(span, f"{technology.id}:{name}", args, "function")


@check("replacement_drops_application_function")
def replacement_drops_application_function(proposal: Proposal, context: Context):
    links = context.reference
    if links is None:
        return
    accounted: set[str] = set()  # covered or dropped anywhere in the proposal
    for technology in proposal.technologies:
        accounted.update(names.key(name) for a in technology.covers for name in a.value)
        accounted.update(names.key(a.value.function) for a in technology.drops)
    for technology in proposal.technologies:
        reported: set[str] = set()
        for old_id, component in _replaced_components(proposal, technology, links):
            for function in links.catalogue.functions(component):
                if function.id in reported or names.key(function.name) in accounted or function.id in accounted:
                    continue
                reported.add(function.id)
                yield Hit(
                    technology.span,
                    f"{technology.id}>{function.id}",
                    {"id": technology.id, "existing": old_id, "component": component.name, "function": function.name},
                )


@check("ict_owns_business_process")
def ict_owns_business_process(proposal: Proposal, context: Context):
    """IM301; with a catalogue, a process in one of the content domains (an option) names it."""
    links = context.reference
    domains = {names.key(d) for d in context.options.get("content-domains", ())}
    for item in (*proposal.goals, *proposal.processes):
        owner = item.owner
        if owner is None or not proposal.is_ict_role(owner.value):
            continue
        role = owner.value
        args = {
            "kind": Term(item.keyword),
            "id": item.id,
            "owner": value_term("role", role.id) if role.builtin else Term(role.id, (role.id, role.id)),
        }
        entry = links.processes.get(item.id) if links is not None and item.keyword == "process" else None
        domain = links.catalogue.domain(entry) if entry is not None else None
        if domain is not None and names.key(domain.name) in domains:
            yield Hit(owner.span, item.id, {**args, "domain": domain.name}, "in-domain")
        else:
            yield Hit(owner.span, item.id, args)
