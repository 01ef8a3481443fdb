"""The results cache: what a file gave last time, keyed by its content and everything that decides
its findings (tool version, configuration, rule packs, grammar).

One folder per repository, in the user's cache folder (never in the proposals repository or a
synced school folder), split so that a run reads only what it needs:

- `index.json`: every proposal of the repository seen so far, by path: its size, modification and
  change times and inode when it was read (its stat), the hash of its content, and its portfolio
  index (what the IM7 rules compare). A pre-commit run on one file reads this and nothing else of
  the other files: not their text when their stat is unchanged, and never their findings.
- `results/XX.json`: each file's results (findings, and what the portfolio rules may add to), by a
  key of its content, path and settings, in 256 shards named by the key's first two hex digits; a
  run reads only the shards of the files it lints.

Everything is plain data, so reading it can never run code; a document that is corrupt, from another
version, or half-written by a concurrent run is ignored (its files are checked again), never trusted.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from im_lint.atomic import write_atomic
from im_lint.files import CACHE_LIMIT, PACK_LIMIT, read_bytes, read_text

FORMAT = 6  # 2: findings keep their args; 3: and their waiver; 4: portfolio entries keep supersedes;
# 5: suppressions keep `ALL`; 6: an index of stats, hashes and portfolio entries apart from the results,
# the results in shards, a file's findings kept with the portfolio findings last added to them
MAX_RECORDS = 50_000  # a repository larger than this still works; the cache keeps the newest
SHARDS = 256
# A stat is trusted only for a file last changed this long before it was read: a change within the
# file system's timestamp granularity (up to 2 s on FAT) could otherwise keep the same stat.
RACY_NS = 2_000_000_000
LAZY_STATS = 32  # stats newly trusted (nothing else changed) worth writing the index for
RECENT_LIMIT = 100  # files changed since the whole index was written, kept apart from it


def default_cache_root() -> Path:
    from im_lint.user_cache import user_cache_root

    return Path(user_cache_root())


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


def digest(data: bytes) -> str:
    """A file's content, as the index and the result keys name it."""
    return hashlib.sha256(data).hexdigest()


def content_key(settings: str, path: str, content: str) -> str:
    """A file's results: its content (by digest), its path (a finding names its file, and
    `per-file-ignores` match it) and everything else that decides its findings."""
    return hashlib.sha256(f"{settings}\0{content}\0".encode() + os.fsencode(path)).hexdigest()


@lru_cache(maxsize=1)
def index_fingerprint(version: str) -> str:
    """The portfolio index of a file depends on its text and the tool only, not on configuration."""
    return hashlib.sha256(f"{FORMAT}\0{version}\0{_builtin_fingerprint()}".encode()).hexdigest()


def signature(status: os.stat_result, now: int | None = None) -> list[int] | None:
    """What the index keeps of a file's stat (as git's index does): size, modification and change
    time in nanoseconds, inode. None when the file changed too shortly before it was read to tell a
    later change by its stat; it is then hashed again at the next run. The change time cannot be set
    back by a program, so a rewrite that restores the modification time is still seen."""
    now = time.time_ns() if now is None else now
    if now - max(status.st_mtime_ns, status.st_ctime_ns) < RACY_NS:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def same_stat(known: object, status: os.stat_result) -> bool:
    return (
        type(known) is list
        and len(known) == 4
        and known[0] == status.st_size
        and known[1] == status.st_mtime_ns
        and known[2] == status.st_ctime_ns
        and known[3] == status.st_ino
    )


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection while the cache is read and its findings made: many objects, no
    cycles, and the collector would walk them all again and again (a third of a re-lint)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()  # what was made stays out of the collector's sight, as start-up's does
            gc.enable()


class Cache:
    """One repository's cache folder: the index, read at open, and the result shards, each read
    when a run first looks up a key in it. Written back by `save`, each document atomically."""

    def __init__(self, folder: Path | None, tool: str = "") -> None:
        self.folder = folder
        self.tool = tool
        self.files: dict[str, list] = {}  # path -> [stat signature or None, digest, entry]
        self.shards: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.dirty: set[str] = set()  # shards to write
        self.changed: set[str] = set()  # paths whose content or entry this run found new
        self.lazy: set[str] = set()  # paths whose stat is newly trusted (worth a write only when many)
        self.recent: set[str] = set()  # paths kept in `index-recent.json`
        self.rewrite = True  # the whole index is written again (none yet, files forgotten, many changes)
        self.portfolio: dict | None = None  # marks of the portfolio's additions to write (additions.py)

    @property
    def path(self) -> Path | None:
        return self.folder

    @classmethod
    def open(cls, folder: Path | None) -> "Cache":
        from im_lint import __version__

        cache = cls(folder, index_fingerprint(__version__))
        if folder is not None:
            # The whole index, and the few files changed since it was written: a commit of one
            # file writes only that file's line, not ten thousand.
            document, recent = _document(folder / "index.json"), _document(folder / "index-recent.json")
            if document.get("tool") == cache.tool and isinstance(document.get("files"), dict):
                cache.files, cache.rewrite = document["files"], False
                if recent.get("tool") == cache.tool and isinstance(recent.get("files"), dict):
                    cache.files.update(recent["files"])
                    cache.recent = set(recent["files"])
        return cache

    # --- the index -------------------------------------------------------------------------------
    def known(self, path: str, status: os.stat_result | None) -> tuple[str, Any] | None:
        """(digest, entry data) of a file whose stat is the one the index recorded; else None."""
        item = self.files.get(path)
        if status is not None and type(item) is list and len(item) == 3 and same_stat(item[0], status):
            if isinstance(item[1], str):
                return item[1], item[2]
        return None

    def indexed(self, path: str, content: str) -> tuple[bool, Any]:
        """(True, entry data) when the index has this content for this path."""
        item = self.files.get(path)
        if type(item) is list and len(item) == 3 and item[1] == content:
            return True, item[2]
        return False, None

    def remember(self, path: str, status: os.stat_result | None, content: str, entry: Any) -> None:
        if self.folder is None:
            return
        stamp = signature(status) if status is not None else None
        item = self.files.get(path)
        if type(item) is list and len(item) == 3 and item[1] == content and item[2] == entry:
            if stamp is not None and item[0] != stamp:
                item[0] = stamp
                self.lazy.add(path)
            return
        self.files[path] = [stamp, content, entry]
        self.changed.add(path)

    def keep_only(self, root: str, paths: set[str]) -> None:
        """Forget the files below `root` that a walk over it no longer found (deleted, renamed)."""
        prefix = root.rstrip(os.sep) + os.sep
        gone = [path for path in self.files if path.startswith(prefix) and path not in paths]
        for path in gone:
            del self.files[path]
        self.rewrite = self.rewrite or bool(gone)

    # --- the portfolio's marks (additions.py) ----------------------------------------------------------
    def marks(self, state: str) -> dict[str, str] | None:
        if self.folder is None:
            return None
        document = _document(self.folder / "portfolio.json")
        marks = document.get("marks")
        if document.get("state") != state or not isinstance(marks, dict):
            return None
        return marks if all(type(mark) is str for mark in marks.values()) else None

    def keep_marks(self, state: str, marks: dict[str, str]) -> None:
        self.portfolio = {"format": FORMAT, "state": state, "marks": marks}

    # --- the results -------------------------------------------------------------------------------
    def _shard(self, key: str) -> dict[str, Any] | None:
        name = key[:2]
        if len(name) != 2 or name.strip("0123456789abcdef") or self.folder is None:
            return None
        if name not in self.shards:
            document = _document(self.folder / "results" / f"{name}.json")
            records = document.get("records")
            self.shards[name] = records if isinstance(records, dict) else {}
        return self.shards[name]

    def get(self, key: str) -> Any:
        shard = self._shard(key)
        record = shard.get(key) if shard is not None else None
        if record is not None:
            self.used.add(key)
        return record

    def put(self, key: str, record: Any) -> None:
        shard = self._shard(key)
        if shard is None:
            return  # no cache this run: keep nothing in memory either
        shard[key] = record
        self.used.add(key)
        self.dirty.add(key[:2])

    def save(self) -> None:
        if self.folder is None:
            return
        current = {item[1] for item in self.files.values() if type(item) is list and len(item) == 3}
        for name in sorted(self.dirty):
            records = self.shards[name]
            if len(records) > MAX_RECORDS // SHARDS:  # keep what this run used and what is current
                records = {
                    key: record
                    for key, record in records.items()
                    if key in self.used or isinstance(record, dict) and record.get("digest") in current
                }
            _write(self.folder / "results" / f"{name}.json", {"format": FORMAT, "records": records})
        if self.portfolio is not None:
            _write(self.folder / "portfolio.json", self.portfolio)
        if not (self.changed or self.rewrite or len(self.lazy) >= LAZY_STATS):
            return
        recent = self.recent | self.changed | self.lazy
        if self.rewrite or len(recent) > RECENT_LIMIT:
            _write(self.folder / "index.json", {"format": FORMAT, "tool": self.tool, "files": self.files})
            recent = set()
        files = {path: self.files[path] for path in sorted(recent) if path in self.files}
        _write(self.folder / "index-recent.json", {"format": FORMAT, "tool": self.tool, "files": files})


def _document(path: Path) -> dict:
    """A cache document of this format, or {} (none yet, or one that cannot be trusted)."""
    try:
        document = json.loads(read_text(path, CACHE_LIMIT))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return {}
    return document if isinstance(document, dict) and document.get("format") == FORMAT else {}


def _write(path: Path, document: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(path) and not os.path.isfile(path):
            return  # a FIFO or a device planted in the cache folder is never written into
        write_atomic(path, json.dumps(document, separators=(",", ":")))
    except OSError:
        pass  # a cache that cannot be written only makes the next run slower
