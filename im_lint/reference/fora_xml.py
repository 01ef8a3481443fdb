"""Reading a FORA model as Archi stores it: a coArchi folder (one XML file per element, relations
under `model/relations`) or one `.archimate` file exported from Archi. Both give the same raw
elements and relations; `fora.py` makes the catalogue of them. A file that cannot be read is a
problem with its file name, never a crash."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from im_lint.reference.catalogue import CatalogueError, read_catalogue_bytes

ARCHIMATE = "{http://www.archimatetool.com/archimate}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
MAX_ELEMENT_FILE = 4 * 1024 * 1024  # one element of a coArchi folder
MAX_EXPORT_FILE = 256 * 1024 * 1024  # a whole model as one .archimate file
_NOT_ELEMENTS = ("DiagramModel", "SketchModel", "CanvasModel", "Folder", "ArchimateModel")


@dataclass(slots=True)
class RawElement:
    id: str
    kind: str  # the ArchiMate type: BusinessProcess, Driver, ...
    name: str
    documentation: str
    properties: dict[str, str]
    folders: tuple[str, ...]  # the folder names above it, top down
    file: str


@dataclass(slots=True)
class RawRelation:
    kind: str  # AggregationRelationship, AccessRelationship, ...
    source: str
    target: str


@dataclass
class RawModel:
    name: str = ""
    version: str | None = None
    elements: list[RawElement] = field(default_factory=list)
    relations: list[RawRelation] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, what is wrong)


def _parse(path: Path, limit: int, model: RawModel) -> ElementTree.Element | None:
    try:
        data = read_catalogue_bytes(path, limit)
        # expat (2.4 and later) refuses entity expansion bombs; ElementTree never loads external entities.
        return ElementTree.fromstring(data)
    except CatalogueError as error:
        model.problems.append((str(path), str(error).removeprefix(f"{path}: ")))
    except ElementTree.ParseError as error:
        model.problems.append((str(path), f"not valid XML: {error}"))
    return None


def _properties(node: ElementTree.Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for child in node:
        if child.tag in ("properties", "property") and child.get("key"):
            found.setdefault(child.get("key", "").strip(), (child.get("value") or "").strip())
    return found


def _documentation(node: ElementTree.Element) -> str:
    text = node.get("documentation")
    if text is None:
        child = node.find("documentation")
        text = child.text if child is not None else ""
    return " ".join((text or "").split())


def _element(node, kind: str, folders: tuple[str, ...], file: str, model: RawModel) -> None:
    if kind.endswith("Relationship"):
        source, target = node.get("source"), node.get("target")
        if source is None or target is None:  # coArchi: <source href="File.xml#id"/>
            ends = [node.find(end) for end in ("source", "target")]
            source, target = (end.get("href", "").rpartition("#")[2] if end is not None else "" for end in ends)
        if not source or not target:
            model.problems.append((file, f"a {kind} without its source or target; left out"))
            return
        model.relations.append(RawRelation(kind, source, target))
        return
    identifier = node.get("id")
    if not identifier:
        model.problems.append((file, f"a {kind} without an id; left out"))
        return
    model.elements.append(
        RawElement(identifier, kind, node.get("name") or "", _documentation(node), _properties(node), folders, file)
    )


def _is_element(kind: str) -> bool:
    return bool(kind) and not kind.endswith(_NOT_ELEMENTS)


def read_coarchi(root: Path) -> RawModel:
    """A coArchi folder: PATH is the clone (with `model/`) or its `model` folder."""
    base = root / "model" if (root / "model" / "folder.xml").is_file() else root
    model = RawModel()
    head = _parse(base / "folder.xml", MAX_ELEMENT_FILE, model) if (base / "folder.xml").is_file() else None
    if head is not None:
        model.name, model.version = head.get("name") or "", head.get("version")
    folder_names: dict[Path, str] = {}
    for directory, subfolders, file_names in os.walk(base):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        here = Path(directory)
        if here.relative_to(base).parts[:1] == ("diagrams",):
            subfolders.clear()  # views: pictures of the model, not the model
            continue
        if "folder.xml" in file_names and here != base:
            node = _parse(here / "folder.xml", MAX_ELEMENT_FILE, model)
            folder_names[here] = (node.get("name") or "").strip() if node is not None else ""
        parts = here.relative_to(base).parts
        folders = tuple(folder_names.get(base.joinpath(*parts[: i + 1]), "") for i in range(len(parts)))
        for name in sorted(file_names):
            if name == "folder.xml" or not name.endswith(".xml"):
                continue
            node = _parse(here / name, MAX_ELEMENT_FILE, model)
            if node is None:
                continue
            kind = node.tag.removeprefix(ARCHIMATE)
            if _is_element(kind):
                _element(node, kind, folders, str(here / name), model)
    return model


def read_archimate(path: Path) -> RawModel:
    """One `.archimate` file: <archimate:model> with nested <folder>s of <element xsi:type=...>."""
    model = RawModel()
    root = _parse(path, MAX_EXPORT_FILE, model)
    if root is None:
        return model
    if root.tag != f"{ARCHIMATE}model":
        model.problems.append((str(path), "not an Archi model (its root is not <archimate:model>)"))
        return model
    model.name, model.version = root.get("name") or "", root.get("version")
    pending = [(root, ())]
    while pending:
        node, folders = pending.pop()
        for child in node:
            if child.tag == "folder":
                if child.get("type") != "diagrams":
                    pending.append((child, (*folders, (child.get("name") or "").strip())))
            elif child.tag == "element":
                kind = (child.get(XSI_TYPE) or "").removeprefix("archimate:")
                if _is_element(kind):
                    _element(child, kind, folders, f"{path} (element {child.get('id') or '?'})", model)
    return model


def read_model(path: Path) -> RawModel:
    if path.is_dir():
        return read_coarchi(path)
    return read_archimate(path)
