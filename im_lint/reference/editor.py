"""What an editor (the language server) and `im-lint catalogue show` ask of the catalogue: the names
to complete after `reference` or `component`, and a short description of one name for a hover."""

from __future__ import annotations

from dataclasses import dataclass

from im_lint.reference.catalogue import (
    APPLICATION_FUNCTION,
    COMPONENT,
    KEPT_TYPES,
    PROCESS_TYPES,
    Entry,
    ReferenceCatalogue,
)

# The keyword being written -> the FORA-types its string may name.
KINDS = {
    "reference": PROCESS_TYPES,
    "component": (COMPONENT,),
    "covers": (APPLICATION_FUNCTION,),
    "drops": (APPLICATION_FUNCTION,),
}
_STATUS = {"todo": "TODO", "concept": "concept", "obsolete": "VERVALLEN (obsolete)"}
MAX_LISTED = 12


@dataclass(frozen=True, slots=True)
class Completion:
    label: str  # the name, as the proposal should write it
    detail: str  # FORA-type and where it lies: "Bedrijfsproces · Bedrijfsvoering › Inkoop en ..."
    id: str


def names_for_completion(catalogue: ReferenceCatalogue, kind: str) -> list[Completion]:
    """Every name a string after `kind` (reference, component, covers, drops) may be, current
    elements first, then by name."""
    types = KINDS.get(kind, ())
    entries = sorted(catalogue.of_types(types), key=lambda e: (e.status != "current", e.name.lower()))
    return [Completion(e.name, _detail(catalogue, e), e.id) for e in entries]


def _detail(catalogue: ReferenceCatalogue, entry: Entry) -> str:
    above = " › ".join(e.name for e in reversed(catalogue.ancestors(entry)))
    status = f" ({_STATUS[entry.status]})" if entry.status in _STATUS else ""
    return f"{entry.type}{status}" + (f" · {above}" if above else "")


def _names(entries: list[Entry]) -> str:
    shown = ", ".join(e.name for e in entries[:MAX_LISTED])
    return shown + (f" (+{len(entries) - MAX_LISTED})" if len(entries) > MAX_LISTED else "")


def describe(catalogue: ReferenceCatalogue, name: str, kind: str | None = None) -> str | None:
    """Markdown-light text about the element a name (or id) is: what it is, where it lies, the
    information it uses (with personal data marked), the laws that influence it, its roles, and a
    component's application functions. None when the catalogue has no such name."""
    entry = catalogue.find(name, KINDS.get(kind, KEPT_TYPES) if kind else KEPT_TYPES)
    if entry is None:
        return None
    lines = [f"{entry.name} ({_detail(catalogue, entry)})"]
    if entry.documentation:
        lines.append(entry.documentation)
    path = catalogue.path(entry)
    if len(path) > 1:
        lines.append("FORA: " + " › ".join(path))
    objects = catalogue.information_objects(entry) if entry.type in PROCESS_TYPES else []
    if objects:
        marked = [e.name + (" (personal data)" if e.personal_data else "") for e in objects[:MAX_LISTED]]
        more = f" (+{len(objects) - MAX_LISTED})" if len(objects) > MAX_LISTED else ""
        lines.append("Information: " + ", ".join(marked) + more)
    laws = catalogue.laws(entry) if entry.type in PROCESS_TYPES or entry.type == "Informatieobject" else []
    if laws:
        lines.append("Laws: " + _names(laws))
    roles = [catalogue.by_id[i] for i in entry.roles if i in catalogue.by_id]
    if roles:
        lines.append("Roles: " + _names(roles))
    if entry.type == COMPONENT:
        functions = catalogue.functions(entry)
        lines.append(f"Application functions ({len(functions)}): " + ", ".join(f.name for f in functions))
    if entry.type == "Informatieobject":
        facts = [
            "personal data" if entry.personal_data else "no personal data" if entry.personal_data is False else "",
            f"confidentiality {entry.confidentiality}" if entry.confidentiality else "",
        ]
        if any(facts):
            lines.append(", ".join(f for f in facts if f))
    return "\n".join(lines)
