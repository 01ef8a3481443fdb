"""The catalogue file (JSON, a versioned format with its JSON Schema) and the questions the rules,
the report and the editor ask of it. It is written by an importer (`reference/fora.py`) and read
here only: nothing else of the reference model reaches the rules."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from im_lint.reference import names

FORMAT = "im-lint-catalogue"
VERSION = 1
MAX_CATALOGUE_SIZE = 64 * 1024 * 1024  # FORA's whole model is some 2 MB as a catalogue

# The business hierarchy, top down: a `reference` names one of these.
HIERARCHY = ("Bedrijfsdomein", "Hoofdbedrijfsfunctie", "Bedrijfsfunctie", "Bedrijfsproces", "Werkproces", "Processtap")
PROCESS_TYPES = HIERARCHY
COMPONENT = "Referentiecomponent"
APPLICATION_FUNCTION = "Applicatiefunctie"
INFORMATION_OBJECT = "Informatieobject"
LAW = "Wet- en regelgeving"
ROLE = "Rol"
STANDARD = "Standaard"
KEPT_TYPES = (*HIERARCHY, INFORMATION_OBJECT, COMPONENT, APPLICATION_FUNCTION, LAW, ROLE, STANDARD)
# When one name is several elements, a process reference means the process before the function.
_PREFERENCE = {kind: rank for rank, kind in enumerate(("Bedrijfsproces", "Werkproces", "Processtap", *HIERARCHY[:3]))}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Entry(_Strict):
    id: str = Field(min_length=1)
    type: str = Field(description="The FORA-type, e.g. Bedrijfsproces, Informatieobject, Referentiecomponent.")
    name: str
    parent: str | None = Field(default=None, description="The id of the element above it in the hierarchy.")
    status: Literal["current", "concept", "todo", "obsolete"] = Field(
        default="current", description="From the model's folders: Concept, TODO, VERVALLEN (obsolete)."
    )
    documentation: str | None = None
    accesses: list[str] = Field(default_factory=list, description="Information objects it reads or writes (ids).")
    laws: list[str] = Field(default_factory=list, description="Laws and regulations that influence it (ids).")
    roles: list[str] = Field(default_factory=list, description="Roles assigned to it (ids).")
    functions: list[str] = Field(default_factory=list, description="A component's application functions (ids).")
    personal_data: bool | None = Field(default=None, description="An information object: holds personal data.")
    confidentiality: str | None = Field(default=None, description="An information object: Laag, Midden, Hoog.")


class Source(_Strict):
    kind: Literal["fora"] = "fora"
    name: str = ""
    model_version: str | None = None
    commit: str | None = Field(default=None, description="The git commit of the coArchi clone, when known.")
    date: str | None = Field(default=None, description="The commit's or the export file's date (ISO 8601).")


class CatalogueFile(_Strict):
    format: Literal["im-lint-catalogue"]
    version: Literal[1]
    source: Source
    elements: list[Entry]

    @classmethod
    def of(cls, source: Source, elements: list[Entry]) -> "CatalogueFile":
        return cls(format=FORMAT, version=VERSION, source=source, elements=elements)

    def to_json(self) -> str:
        """Compact: what an element does not have (no laws, status current) is left out."""
        return self.model_dump_json(exclude_defaults=True, indent=1) + "\n"


class CatalogueError(Exception):
    """A catalogue that cannot be used: the file and what is wrong (a configuration error)."""


def read_catalogue_bytes(path: Path, limit: int = MAX_CATALOGUE_SIZE) -> bytes:
    """A regular file of at most `limit` bytes (never a FIFO or device, never read past the limit)."""
    from im_lint.files import TooLarge, describe, human_size, read_bytes

    try:
        return read_bytes(path, limit)
    except TooLarge:
        raise CatalogueError(f"{path}: larger than {human_size(limit)}; is this a catalogue?") from None
    except OSError as error:
        raise CatalogueError(f"{path}: cannot read: {describe(error)}") from None


def load(path: Path) -> "ReferenceCatalogue":
    data = read_catalogue_bytes(path)
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogueError(
            f"{path}: not a catalogue (not JSON: {error}); make one with `im-lint catalogue import fora PATH`"
        ) from None
    if isinstance(document, dict) and document.get("format") == FORMAT and document.get("version") != VERSION:
        raise CatalogueError(
            f"{path}: catalogue format version {document.get('version')!r}; this im-lint reads version "
            f"{VERSION}: import the model again with `im-lint catalogue import fora PATH`"
        )
    try:
        parsed = CatalogueFile.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top)"
        raise CatalogueError(f"{path}: not a valid catalogue: {where}: {first['msg']}") from None
    return ReferenceCatalogue(parsed, path)


class ReferenceCatalogue:
    """The catalogue's elements by id and by name, with the paths and links the rules ask about."""

    def __init__(self, document: CatalogueFile, path: Path | None = None):
        self.document = document
        self.file = path  # where it was read from
        self.by_id: dict[str, Entry] = {entry.id: entry for entry in document.elements}
        self._nearest: dict[tuple, list[Entry]] = {}

    @cached_property
    def _by_key(self) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = {}
        for entry in self.document.elements:
            index.setdefault(names.key(entry.name), []).append(entry)
        return index

    @cached_property
    def _children(self) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = {}
        for entry in self.document.elements:
            if entry.parent:
                index.setdefault(entry.parent, []).append(entry)
        return index

    def of_types(self, types: tuple[str, ...]) -> list[Entry]:
        return [entry for entry in self.document.elements if entry.type in types]

    def find(self, written: str, types: tuple[str, ...]) -> Entry | None:
        """The element a reference names, by id or by name (case, diacritics, hyphens ignored)."""
        by_id = self.by_id.get(written.strip())
        if by_id is not None and by_id.type in types:
            return by_id
        found = [entry for entry in self._by_key.get(names.key(written), ()) if entry.type in types]
        if not found:
            return None
        return min(found, key=lambda e: (e.status != "current", _PREFERENCE.get(e.type, 99), e.id))

    def nearest(self, written: str, types: tuple[str, ...], among: list[Entry] | None = None) -> list[Entry]:
        """The nearest names; remembered per question, as many files of a run make the same typo."""
        key = (written, types) if among is None else None
        if key is not None and key in self._nearest:
            return self._nearest[key]
        candidates = among if among is not None else self.of_types(types)
        found = [self.by_id[i] for i in names.nearest(written, {entry.id: entry.name for entry in candidates})]
        if key is not None:
            self._nearest[key] = found
        return found

    def ancestors(self, entry: Entry) -> list[Entry]:
        """The elements above it, nearest first (a cycle in a hand-edited file ends the walk)."""
        found: list[Entry] = []
        seen = {entry.id}
        current = self.by_id.get(entry.parent or "")
        while current is not None and current.id not in seen:
            found.append(current)
            seen.add(current.id)
            current = self.by_id.get(current.parent or "")
        return found

    def path(self, entry: Entry) -> list[str]:
        """Its names from the domain down: ["Bedrijfsvoering", "Inkoop en contractbeheer", ...]."""
        return [e.name for e in reversed(self.ancestors(entry))] + [entry.name]

    def domain(self, entry: Entry) -> Entry | None:
        return next((e for e in [entry, *self.ancestors(entry)] if e.type == "Bedrijfsdomein"), None)

    def below(self, entry: Entry) -> list[Entry]:
        """It and every element under it in the hierarchy."""
        found, pending, seen = [], [entry], set()
        while pending:
            current = pending.pop()
            if current.id in seen:
                continue
            seen.add(current.id)
            found.append(current)
            pending.extend(self._children.get(current.id, ()))
        return found

    def information_objects(self, entry: Entry) -> list[Entry]:
        """The information objects it, or a process under it, accesses; by name."""
        ids = {i for e in self.below(entry) for i in e.accesses}
        found = [self.by_id[i] for i in ids if i in self.by_id and self.by_id[i].type == INFORMATION_OBJECT]
        return sorted(found, key=lambda e: e.name)

    def personal_data_objects(self, entry: Entry) -> list[Entry]:
        return [e for e in self.information_objects(entry) if e.personal_data]

    def laws(self, entry: Entry) -> list[Entry]:
        """The laws that influence it: its own, those of the functions above it and of the
        information objects it accesses; by name."""
        holders = [entry, *self.ancestors(entry), *self.information_objects(entry)]
        ids = {i for holder in holders for i in holder.laws}
        return sorted((self.by_id[i] for i in ids if i in self.by_id), key=lambda e: e.name)

    def functions(self, component: Entry) -> list[Entry]:
        return [self.by_id[i] for i in component.functions if i in self.by_id]

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for entry in self.document.elements:
            counted[entry.type] = counted.get(entry.type, 0) + 1
        return counted
