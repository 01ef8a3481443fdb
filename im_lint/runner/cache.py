"""The results cache: what a file gave last time, keyed by its content and everything that decides
its findings (tool version, configuration, rule packs, grammar).

One JSON document per repository, in the user's cache folder (never in the proposals repository or
a synced school folder). It holds plain data only, so reading it can never run code; a document that
is corrupt, from another version, or half-written by a concurrent run is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from im_lint.atomic import write_atomic
from im_lint.files import CACHE_LIMIT, PACK_LIMIT, read_bytes, read_text

FORMAT = 5  # 2: findings keep their args; 3: and their waiver; 4: portfolio entries keep supersedes;
# 5: suppressions keep `ALL`
MAX_RECORDS = 50_000  # a repository larger than this still works; the cache keeps the newest


def default_cache_root() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("im-lint", appauthor=False))


def cache_folder(cache_dir: str | None, repository: Path | None) -> Path:
    """One folder per repository (or per working folder when there is no repository)."""
    root = Path(os.path.expanduser(cache_dir)) if cache_dir else default_cache_root()
    anchor = str((repository or Path.cwd()).resolve())
    return root / hashlib.sha256(anchor.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1)
def _builtin_fingerprint() -> str:
    """The grammar and the built-in pack as they are on disk (an editable install changes them
    without a new version number)."""
    digest = hashlib.sha256()
    for folder, pattern in (("im_lint.grammar", ".lark"), ("im_lint.rules.builtin", ".yaml")):
        for entry in sorted(files(folder).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(pattern):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    facts = files("im_lint.rules.builtin").joinpath("facts")
    for entry in sorted(facts.iterdir(), key=lambda e: e.name) if facts.is_dir() else ():
        digest.update(b"facts/" + entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


def settings_fingerprint(config: Any, version: str) -> str:
    """Everything besides the file's own text that decides its findings."""
    digest = hashlib.sha256(f"{FORMAT}\0{version}\0{_builtin_fingerprint()}\0".encode())
    digest.update(_settings_json(config).encode())
    base = config.source.parent if config.source else Path.cwd()
    for reference in config.packs:
        path = Path(reference) if Path(reference).is_absolute() else base / reference
        for pack_file in _pack_files(path):
            try:
                digest.update(str(pack_file).encode() + b"\0" + read_bytes(pack_file, PACK_LIMIT))
            except OSError:
                digest.update(str(pack_file).encode() + b"\0unreadable")  # the pack loader reports it
    if config.catalogue is not None:  # a new import of the reference model changes the findings
        from im_lint.config import catalogue_path
        from im_lint.reference.catalogue import CatalogueError, read_catalogue_bytes

        try:
            digest.update(b"catalogue\0" + read_catalogue_bytes(catalogue_path(config)))
        except CatalogueError:
            pass  # the engine reports it
    return digest.hexdigest()


def _settings_json(config: Any) -> str:
    """The configuration's fields as JSON, read from the model as it is: a model_dump would build
    Config's serializer, and with it pydantic's validator and plugin lookup, at every start."""
    fields = {name: getattr(config, name) for name in type(config).model_fields}
    for name in ("cache_dir", "source", "origins"):  # where things are kept or came from, not what is found
        fields.pop(name, None)
    return json.dumps(fields, default=_plain, ensure_ascii=False)


def _plain(value: Any) -> Any:
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:  # a nested model (a declared role)
        return {name: getattr(value, name) for name in fields}
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _pack_files(path: Path) -> list[Path]:
    """A pack's files as loading sees them (bounded: `packs = ["/"]` is not a walk over the disk); a
    pack that cannot load is reported by the engine, not here."""
    from im_lint.engine.packs import PackError, pack_paths

    try:
        return pack_paths(path) if path.is_dir() else [path] if path.exists() else []
    except PackError:
        return []


def content_key(settings: str, data: bytes) -> str:
    return hashlib.sha256(settings.encode() + b"\0" + data).hexdigest()


def entry_key(data: bytes, version: str) -> str:
    """The portfolio index of a file depends on its text and the tool only, not on configuration."""
    return "entry:" + hashlib.sha256(f"{FORMAT}\0{version}\0{_builtin_fingerprint()}\0".encode() + data).hexdigest()


@dataclass
class Cache:
    path: Path | None
    records: dict[str, Any] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    dirty: bool = False

    @classmethod
    def open(cls, folder: Path | None) -> "Cache":
        if folder is None:
            return cls(None)
        path = folder / "results.json"
        try:
            document = json.loads(read_text(path, CACHE_LIMIT))
            if (
                isinstance(document, dict)
                and document.get("format") == FORMAT
                and isinstance(document.get("records"), dict)
            ):
                return cls(path, document["records"])
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            pass  # no cache yet, or one that cannot be trusted: start empty
        return cls(path)

    def get(self, key: str) -> Any:
        record = self.records.get(key)
        if record is not None:
            self.used.add(key)
        return record

    def put(self, key: str, record: Any) -> None:
        if self.path is None:
            return  # no cache this run: keep nothing in memory either
        self.records[key] = record
        self.used.add(key)
        self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        records = self.records
        if len(records) > MAX_RECORDS:
            records = {key: value for key, value in records.items() if key in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(self.path) and not os.path.isfile(self.path):
                return  # a FIFO or a device planted in the cache folder is never written into
            write_atomic(self.path, json.dumps({"format": FORMAT, "records": records}, separators=(",", ":")))
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower
