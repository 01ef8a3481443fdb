"""The built-in pack, compiled once: its validated models (and its facts of law, raw and validated)
kept as plain JSON in the user's cache, so that a start builds no pydantic validator and parses no
YAML for the pack. A second part holds each rule's documentation as `explain` and `rules` show it
(plain data): they read only that part, without the pack model.

The artifact is keyed by im-lint's version and the pack files' bytes (an edited pack or a new version
makes a new one), and its first line holds the SHA-256 of the rest: a damaged or edited artifact is
rejected and rebuilt from the YAML. It is data only (never pickle): it names classes of the pack
model, from a closed list, and their field values; reading it can never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, get_args

from im_lint import __version__
from im_lint.files import read_bytes

FORMAT = 2  # 2: the facts validated too, and the rules' documentation
MAGIC = b"im-lint-pack"
MAX_ARTIFACT = 16 * 1024 * 1024  # the built-in pack is about 2 MB of JSON; a larger file is no artifact
KEEP = 4  # artifacts of other pack versions kept (several checkouts of im-lint share one cache)


if TYPE_CHECKING:
    from pydantic import BaseModel


class Unusable(ValueError):
    """Not an artifact this version wrote for this pack: rebuilt from the YAML."""


def _models(*roots: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model class a pack file (or the facts) may hold, by name: the only classes an artifact
    may name."""
    from pydantic import BaseModel

    found: dict[str, type[BaseModel]] = {}

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if found.setdefault(annotation.__name__, annotation) is not annotation:
                raise TypeError(f"two pack models named {annotation.__name__}")
            if annotation in seen:
                return
            seen.add(annotation)
            for field in annotation.model_fields.values():
                visit(field.annotation)
            return
        for argument in get_args(annotation):
            visit(argument)

    seen: set[type] = set()
    for root in roots:
        visit(root)
    return found


# --- encoding: models and values -> JSON-able data, and back -----------------------------------------
def encode(value: Any, models: dict[str, type[BaseModel]]) -> Any:
    from pydantic import BaseModel

    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, BaseModel):
        if models.get(type(value).__name__) is not type(value):
            raise Unusable(f"{type(value).__name__} is no pack model")
        # Every field, so that constructing calls no default factory; the names set, as validated.
        fields = {name: encode(getattr(value, name), models) for name in type(value).__pydantic_fields__}
        return {"$": type(value).__name__, "f": fields, "s": sorted(value.model_fields_set)}
    if isinstance(value, list):
        return [encode(item, models) for item in value]
    if isinstance(value, tuple):
        return {"$": "tuple", "v": [encode(item, models) for item in value]}
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise Unusable("a mapping with keys that are not text")
        return {"$": "dict", "v": {key: encode(item, models) for key, item in value.items()}}
    if isinstance(value, date) and type(value) is date:
        return {"$": "date", "v": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$": "decimal", "v": str(value)}
    raise Unusable(f"a value of type {type(value).__name__}")


def decode(data: Any, models: dict[str, type[BaseModel]]) -> Any:
    if data is None or isinstance(data, (str, bool, int, float)):
        return data
    if isinstance(data, list):
        return [decode(item, models) for item in data]
    if not isinstance(data, dict) or not isinstance(data.get("$"), str):
        raise Unusable("not an encoded value")
    tag = data["$"]
    if tag in models:
        cls, fields, given = models[tag], data.get("f"), data.get("s")
        if not isinstance(fields, dict) or fields.keys() != cls.__pydantic_fields__.keys() or len(data) != 3:
            raise Unusable(f"not the fields of {tag}")
        if not isinstance(given, list) or not all(isinstance(name, str) and name in fields for name in given):
            raise Unusable(f"not the fields of {tag}")
        # Validated when the artifact was written (and its digest checked on reading): constructed,
        # not validated again, which is the point of the artifact.
        return _construct(cls, set(given), {name: decode(fields[name], models) for name in cls.__pydantic_fields__})
    value = data.get("v")
    if len(data) != 2:
        raise Unusable("not an encoded value")
    if tag == "tuple" and isinstance(value, list):
        return tuple(decode(item, models) for item in value)
    if tag == "dict" and isinstance(value, dict):
        return {key: decode(item, models) for key, item in value.items()}
    if tag == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    if tag == "decimal" and isinstance(value, str):
        return Decimal(value)
    raise Unusable(f"an unknown tag {tag!r}")


def _construct(cls: type[BaseModel], given: set[str], values: dict[str, Any]) -> Any:
    """`cls.model_construct(given, **values)` when `values` holds every field, in field order: what
    it sets, without its look-up of each field's alias and default (a thousand models a start)."""
    if cls.__pydantic_post_init__ or cls.__pydantic_root_model__ or cls.model_config.get("extra") == "allow":
        return cls.model_construct(given, **values)  # private attributes to set up, or extra fields
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", given)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


_new, _set = object.__new__, object.__setattr__


# --- the artifact file -------------------------------------------------------------------------------
def pack_key(sources: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    for name, data in sources:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def to_bytes(key: str, made: Builtin, models: dict[str, type[BaseModel]]) -> bytes:
    """Three lines: a header with the digest of each part, the pack, the rules' documentation (JSON
    escapes every line break inside its strings)."""
    document = {
        "packs": [encode(pack, models) for pack in made.packs],
        "facts": encode(made.facts, models),
        "merged": encode(made.merged, models),
    }
    body = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
    docs = json.dumps(_documents(made.packs), separators=(",", ":"), ensure_ascii=False).encode()
    digests = hashlib.sha256(body).hexdigest().encode() + b" " + hashlib.sha256(docs).hexdigest().encode()
    return b"%s %d %s %s\n" % (MAGIC, FORMAT, key.encode(), digests) + body + b"\n" + docs


def _part(key: str, artifact: bytes, index: int) -> bytes:
    """One part of the artifact (0: the pack, 1: the documentation), its digest checked."""
    lines = artifact.split(b"\n", 2)
    header = lines[0].split(b" ")
    if len(lines) != 3 or len(header) != 5 or header[:3] != [MAGIC, str(FORMAT).encode(), key.encode()]:
        raise Unusable("another pack, another version, or a damaged artifact")
    if header[3 + index] != hashlib.sha256(lines[1 + index]).hexdigest().encode():
        raise Unusable("a damaged artifact")
    return lines[1 + index]


def from_bytes(key: str, artifact: bytes, models: dict[str, type[BaseModel]]) -> Builtin:
    body = _part(key, artifact, 0)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise Unusable("not JSON") from None
    if not isinstance(data, dict) or data.keys() != {"packs", "facts", "merged"} or not isinstance(data["packs"], list):
        raise Unusable("not a pack and its facts")
    try:
        packs, facts = tuple(decode(item, models) for item in data["packs"]), decode(data["facts"], models)
        merged = decode(data["merged"], models)
    except RecursionError:
        raise Unusable("nested too deeply") from None
    if not isinstance(facts, dict) or not (merged is None or type(merged) is models.get("Facts")):
        raise Unusable("not the facts")
    return Builtin(packs, facts, merged)


def _documents(packs: tuple[Any, ...]) -> dict[str, Any]:
    from im_lint.engine.describe import rule_document

    return {
        "categories": {pack.category.code: pack.category.title.model_dump() for pack in packs},
        "rules": [rule_document(rule, pack.category.code) for pack in packs for rule in pack.rules],
    }


_DOCUMENT_KEYS = {
    "code": str,
    "name": str,
    "category": str,
    "default_severity": str,
    "summary": dict,
    "source": dict,
    "docs": dict,
    "options": dict,
    "declarative": bool,
    "requires": (str, type(None)),
    "fixes": list,
}


def documents_from_bytes(key: str, artifact: bytes) -> dict[str, Any]:
    """The rules' documentation part: only the shape `explain` reads is checked (it is text to show,
    and its digest matched)."""
    try:
        data = json.loads(_part(key, artifact, 1))
    except (ValueError, RecursionError):
        raise Unusable("not JSON") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("categories"), dict)
        or not isinstance(data.get("rules"), list)
    ):
        raise Unusable("not the rules' documentation")
    for rule in data["rules"]:
        if not isinstance(rule, dict) or rule.keys() != _DOCUMENT_KEYS.keys():
            raise Unusable("not a rule's documentation")
        if not all(isinstance(rule[name], kind) for name, kind in _DOCUMENT_KEYS.items()) or not _shown(rule):
            raise Unusable("not a rule's documentation")
        if not _words(data["categories"].get(rule["category"])):
            raise Unusable("a rule of no category")
    return data


def _words(value: Any, keys: tuple[str, ...] = ("en", "nl")) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(key), str) for key in keys)


def _shown(rule: dict[str, Any]) -> bool:
    """Every field `explain` reads, of the type it reads."""
    docs = rule["docs"]
    return (
        _words(rule["summary"])
        and _words(rule["source"])
        and all(_words(docs.get(lang), ("what", "why", "where", "fail", "pass")) for lang in ("en", "nl"))
        and all(
            isinstance(o, dict) and isinstance(o.get("type"), str) and _words(o.get("doc")) and "default" in o
            for o in rule["options"].values()
        )
        and all(isinstance(f, dict) and isinstance(f.get("applicability"), str) for f in rule["fixes"])
    )


def builtin_documents() -> dict[str, Any] | None:
    """The built-in rules' documentation from the artifact; None when there is no good one."""
    sources = _builtin_sources()
    key = pack_key(sources)
    try:
        return documents_from_bytes(key, read_bytes(artifact_folder() / f"builtin-{key[:32]}.json", MAX_ARTIFACT))
    except (OSError, Unusable):
        return None


def artifact_folder() -> Path:
    from im_lint.runner.cache import default_cache_root

    return default_cache_root() / "packs"


def _builtin_sources() -> list[tuple[str, bytes]]:
    """The built-in pack's YAML files and its facts files (facts/*.yaml), by name, with their bytes."""
    folder = files("im_lint.rules").joinpath("builtin")
    found = []
    for prefix, where in (("", folder), ("facts/", folder.joinpath("facts"))):
        if where.is_dir():
            entries = sorted((e for e in where.iterdir() if e.name.endswith((".yaml", ".yml"))), key=lambda e: e.name)
            found += [(prefix + entry.name, entry.read_bytes()) for entry in entries]
    return found


class Builtin(NamedTuple):
    packs: tuple[Any, ...]  # the PackFiles, in category order
    facts: dict[str, Any]  # the raw facts files: name -> (path, data), as facts.load_facts gives them
    merged: Any = None  # those facts validated (a facts.Facts); None when they are not valid


@cache
def builtin() -> Builtin:
    return load_builtin()


def load_builtin(folder: Path | None = None) -> Builtin:
    """The built-in pack and its facts: from the artifact when a good one exists, else loaded and
    validated from the YAML, and the artifact written for the next start."""
    from im_lint.engine.compile import PackProblem
    from im_lint.engine.facts import Facts
    from im_lint.engine.packs import PackFile, load_pack_file
    from im_lint.engine.validate import compile_rule

    models = _models(PackFile, Facts)
    sources = _builtin_sources()
    key = pack_key(sources)
    folder = folder or artifact_folder()
    path = folder / f"builtin-{key[:32]}.json"
    try:
        loaded = from_bytes(key, read_bytes(path, MAX_ARTIFACT), models)
        if not loaded.packs or not all(isinstance(pack, PackFile) for pack in loaded.packs):
            raise Unusable("not the pack's files")
        for pack in loaded.packs:  # a check's compiled form is code, not data: made again (a millisecond)
            for index, rule in enumerate(pack.rules):
                rule._compiled = compile_rule(rule, ("rules", index))
        return loaded
    except (OSError, Unusable, PackProblem):
        pass  # none yet (or not a regular file, too large, damaged, another version): built below
    from im_lint.engine.facts import load_facts

    root = files("im_lint.rules").joinpath("builtin")
    packs = sorted(
        (load_pack_file(str(root.joinpath(name)), data.decode()) for name, data in sources if "/" not in name),
        key=lambda pack: pack.category.code,
    )
    facts = load_facts(root)
    made = Builtin(tuple(packs), facts, _validated(facts))
    _write(folder, path, key, made, models)
    return made


def _validated(facts: dict[str, Any]) -> Any:
    """The built-in facts validated once, for the artifact; None when they are not valid (then the
    first rule that needs them reports why, as it would without an artifact)."""
    from im_lint.engine.facts import FactsError, merge

    try:
        return merge(facts)
    except (FactsError, KeyError, TypeError, AttributeError):
        return None


def _write(folder: Path, path: Path, key: str, made: Builtin, models: dict[str, type[BaseModel]]) -> None:
    from im_lint.atomic import write_atomic

    try:
        artifact = to_bytes(key, made, models)
        folder.mkdir(parents=True, exist_ok=True)
        if os.path.islink(path) or (os.path.lexists(path) and not os.path.isfile(path)):
            return  # a FIFO or a link planted where the artifact goes is never written through
        write_atomic(path, artifact)
        others = sorted(
            (p for p in folder.glob("builtin-*.json") if p != path and p.is_file()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in others[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, Unusable):
        pass  # a cache that cannot be written only makes the next start slower
