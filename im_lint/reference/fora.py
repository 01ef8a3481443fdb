"""`im-lint catalogue import fora PATH`: Kennisnet's FORA model -> a catalogue file.

Per element it keeps what the rules and the report ask about: id, FORA-type, name, the element
above it, its status (the model's TODO, Concept and VERVALLEN folders), the information objects a
process accesses (with personal data and confidentiality), the laws that influence it, the roles
assigned to it, and each reference component's application functions. The model's Metamodel folder
describes the types, not the school: it is left out.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from im_lint.reference.catalogue import (
    APPLICATION_FUNCTION,
    COMPONENT,
    HIERARCHY,
    INFORMATION_OBJECT,
    KEPT_TYPES,
    LAW,
    ROLE,
    CatalogueFile,
    Entry,
    Source,
)
from im_lint.reference.fora_xml import RawElement, RawModel, read_model

# FORA-types the model has that no rule asks about: known, left out without a word.
OTHER_TYPES = frozenset(
    {
        "Actor",
        "Applicatieservice",
        "Bedrijfsgebeurtenis",
        "Gegevenselement",
        "Gegevensset",
        "Landelijke dienst",
        "Landelijke voorziening",
        "Netwerkinfrastructuurservice",
        "Standaardversie",
    }
)
_STATUS_FOLDERS = {"todo": "todo", "concept": "concept", "vervallen": "obsolete"}
_RANK = {kind: rank for rank, kind in enumerate(HIERARCHY)}
MAX_DOCUMENTATION = 400


@dataclass
class Imported:
    catalogue: CatalogueFile
    problems: list[tuple[str, str]]  # (file, what is wrong): reported, never fatal
    left_out: dict[str, int] = field(default_factory=dict)  # why -> how many


def _status(element: RawElement) -> str:
    for name in element.folders:
        status = _STATUS_FOLDERS.get(name.strip().lower())
        if status:
            return status
    return "current"


def _yes_no(value: str | None) -> bool | None:
    lowered = (value or "").strip().lower()
    return True if lowered == "ja" else False if lowered == "nee" else None


def _confidentiality(value: str | None) -> str | None:
    return value if value in ("Laag", "Midden", "Hoog") else None


def _entries(model: RawModel, imported: Imported) -> dict[str, dict]:
    entries: dict[str, dict] = {}
    for element in model.elements:
        fora_type = element.properties.get("FORA-type")
        if any(name.strip().lower() == "metamodel" for name in element.folders):
            imported.left_out["in the Metamodel folder"] = imported.left_out.get("in the Metamodel folder", 0) + 1
            continue
        if not fora_type:
            imported.left_out["without a FORA-type"] = imported.left_out.get("without a FORA-type", 0) + 1
            continue
        if fora_type not in KEPT_TYPES:
            if fora_type not in OTHER_TYPES:
                imported.problems.append((element.file, f"unknown FORA-type {fora_type!r}; left out"))
            continue
        if not element.name.strip():
            imported.problems.append((element.file, f"a {fora_type} without a name; left out"))
            continue
        if element.id in entries:
            imported.problems.append((element.file, f"the id {element.id} is used twice; the second is left out"))
            continue
        documentation = element.documentation
        if len(documentation) > MAX_DOCUMENTATION:
            documentation = documentation[: MAX_DOCUMENTATION - 1].rstrip() + "…"
        entry: dict = {"id": element.id, "type": fora_type, "name": element.name.strip(), "status": _status(element)}
        if documentation:
            entry["documentation"] = documentation
        if fora_type == INFORMATION_OBJECT:
            entry["personal_data"] = _yes_no(element.properties.get("Persoonsgegevens"))
            entry["confidentiality"] = _confidentiality(element.properties.get("Vertrouwelijkheid"))
        entries[element.id] = entry
    return entries


def _link(entries: dict[str, dict], model: RawModel) -> None:
    parents: dict[str, list[dict]] = {}
    for relation in model.relations:
        source, target = entries.get(relation.source), entries.get(relation.target)
        if source is None or target is None:
            continue  # it touches an element left out (a view, an event, a data set)
        kinds = (source["type"], target["type"])
        if relation.kind in ("AggregationRelationship", "CompositionRelationship"):
            parents.setdefault(target["id"], []).append(source)
        elif relation.kind == "AccessRelationship" and target["type"] == INFORMATION_OBJECT:
            source.setdefault("accesses", set()).add(target["id"])
        elif relation.kind == "InfluenceRelationship" and LAW in kinds and kinds != (LAW, LAW):
            law, other = (source, target) if source["type"] == LAW else (target, source)
            other.setdefault("laws", set()).add(law["id"])
        elif relation.kind == "AssignmentRelationship" and source["type"] == ROLE:
            target.setdefault("roles", set()).add(source["id"])
        elif relation.kind == "AssignmentRelationship" and kinds == (COMPONENT, APPLICATION_FUNCTION):
            source.setdefault("functions", set()).add(target["id"])
    for child_id, candidates in parents.items():
        parent = _parent(entries[child_id], candidates)
        if parent is not None:
            entries[child_id]["parent"] = parent["id"]


def _parent(child: dict, candidates: list[dict]) -> dict | None:
    """The nearest element above it in the hierarchy (domain > main function > function > process >
    work process > step); elements outside it (objects, components) belong to a domain."""
    rank = _RANK.get(child["type"])
    if rank is None:
        above = [c for c in candidates if c["type"] == "Bedrijfsdomein"]
    else:
        above = [c for c in candidates if _RANK.get(c["type"], 99) < rank]
        best = max((_RANK[c["type"]] for c in above), default=None)
        above = [c for c in above if _RANK[c["type"]] == best]
        if not above and child["type"] == "Bedrijfsfunctie":
            above = [c for c in candidates if c["type"] == "Bedrijfsfunctie" and c["id"] != child["id"]]
    return min(above, key=lambda c: (c["status"] != "current", c["name"], c["id"]), default=None)


def _break_cycles(entries: dict[str, dict]) -> None:
    for entry in entries.values():
        seen, current = {entry["id"]}, entries.get(entry.get("parent", ""))
        while current is not None:
            if current["id"] in seen:
                current.pop("parent", None)  # a sub-function loop in the model: cut it once
                break
            seen.add(current["id"])
            current = entries.get(current.get("parent", ""))


def _git_source(path: Path) -> tuple[str | None, str | None]:
    """The clone's commit and its date, when `git` can tell."""
    folder = path if path.is_dir() else path.parent
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%H%n%cI"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None, None
    lines = done.stdout.split()
    return (lines[0], lines[1]) if done.returncode == 0 and len(lines) == 2 else (None, None)


def import_fora(path: Path) -> Imported:
    model = read_model(path)
    imported = Imported(CatalogueFile.of(Source(), []), list(model.problems))
    entries = _entries(model, imported)
    _link(entries, model)
    _break_cycles(entries)
    order = {kind: rank for rank, kind in enumerate(KEPT_TYPES)}
    elements = [
        Entry(**{k: sorted(v) if isinstance(v, set) else v for k, v in entry.items()})
        for entry in sorted(entries.values(), key=lambda e: (order[e["type"]], e["name"].lower(), e["id"]))
    ]
    if path.is_dir():
        commit, date = _git_source(path)
    else:
        commit, date = None, datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    source = Source(name=model.name, model_version=model.version, commit=commit, date=date)
    imported.catalogue = CatalogueFile.of(source, elements)
    return imported
