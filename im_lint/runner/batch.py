"""Many files: the cache, worker processes, the portfolio, and the findings in a stable order.

1. Each named file is read; a cache hit gives its results without parsing it.
2. The misses are checked: in this process for a few files (a pre-commit run starts no pool), in
   worker processes for many. Results come back in file order, whatever finished first.
3. The portfolio rules (IM7) compare every proposal of the repositories involved; the other files
   of a repository need only their portfolio index, which the cache keeps too.
4. Each file's findings are finished: portfolio findings added, suppressions judged.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from im_lint import __version__
from im_lint.config import Config, default_config, find_config_file, forget_config_lookups, read_config_file
from im_lint.discover import discover, repository_root
from im_lint.engine.portfolio import Entry, entry_of, run_portfolio_check
from im_lint.engine.run import Engine, keyed
from im_lint.files import TooLarge, describe, human_size, read_bytes, resolve
from im_lint.findings import RunResult
from im_lint.language import Parsed, parse_bytes
from im_lint.language.decode import unreadable
from im_lint.packed import FileFindings, Findings, pack, unpack
from im_lint.runner.additions import Additions, portfolio_state
from im_lint.runner.cache import Cache, cache_folder, content_key, digest, paused_gc, settings_fingerprint
from im_lint.runner.index import DAMAGED, entry_from_disk, stat
from im_lint.runner.records import (
    check_from_data,
    check_to_data,
    entry_from_data,
    entry_to_data,
    findings_from_json,
    findings_to_data,
    hits_mark,
)

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

POOL_THRESHOLD = 64  # fewer files than this are checked in this process: starting workers costs more
CHUNK = 16
KEEP_BYTES = 4 << 20  # the texts of files to check kept from the cache look-up (more are read again)

Progress = Callable[[int, int], None]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def read(path: str, engine: Engine) -> tuple[bytes | None, Parsed | None]:
    """A file's bytes, or (for a file that cannot be read) the IM006 that says so. Only a regular
    file is read, and never past the size limit (a link to /dev/zero or a FIFO is one IM006)."""
    import sys

    limit = engine.config.max_file_size
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1)
            if len(data) > limit:
                raise TooLarge(path, len(data), limit)
            return data, None
        return read_bytes(path, limit), None
    except TooLarge as error:
        diagnostic = unreadable("too-large", size=human_size(error.size), limit=human_size(error.limit))
        return None, Parsed(None, None, [diagnostic], None)
    except OSError as error:
        return None, Parsed(None, None, [unreadable("unreadable", reason=describe(error))], None)


def _record(path: str, parsed: Parsed, engine: Engine, keep_proposal: bool = False, content: str = "") -> dict:
    """Everything one file gives, as plain data (what the cache stores and workers send back)."""
    check = engine.check_file(path, parsed)
    findings = engine.finish(check, keep_waived=True)
    record = {
        "digest": content,  # of the bytes checked: the cache keys the record by them
        "check": _pack(check_to_data(check)),
        "lang": parsed.lang,
        "entry": entry_to_data(entry_of(path, parsed.proposal) if parsed.proposal is not None else None),
        # The findings as they are when no portfolio rule adds to this file (the usual case; `mark`
        # is set where the cache keeps them finished with what the portfolio rules added).
        "findings": _pack(findings_to_data(findings)),
        # Only for this run (never cached): what the run asks of the findings without unpacking them.
        "counts": FileFindings.counts(findings),
    }
    if keep_proposal:
        record["proposal"] = parsed.proposal  # not stored in the cache; only for the board report
    return record


def check_data(path: str, data: bytes, engine: Engine, keep_proposal: bool = False) -> dict:
    parsed = parse_bytes(data, engine.declarations, engine.config.max_file_size)
    return _record(path, parsed, engine, keep_proposal, digest(data))


# --- worker processes ------------------------------------------------------------------------------
_WORKER_ENGINES: dict[int, Engine] = {}


def _start_worker(parent: int, configs: list[Config]) -> None:
    from im_lint.signals import as_worker

    as_worker(parent)
    _WORKER_ENGINES.update({index: Engine.create(config) for index, config in enumerate(configs)})


def unreadable_record(path: str, engine: Engine, failed: Parsed) -> dict:
    """A file that could not be read (it vanished, or may not be opened): its IM006, never cached."""
    return {**_record(path, failed, engine), "uncacheable": True}


def check_path(path: str, engine: Engine, keep_proposal: bool = False) -> dict:
    data, failed = read(path, engine)
    return check_data(path, data, engine, keep_proposal) if failed is None else unreadable_record(path, engine, failed)


def _work(batch: list[tuple[str, int]]) -> list[dict]:
    return [compact(check_path(path, _WORKER_ENGINES[index])) for path, index in batch]


def compact(record: dict) -> dict:
    """A record as the run keeps it until the output is written: its JSON strings compressed (a
    fifth of the size; at 10,000 files tens of MB less, and less to send back from a worker)."""
    return {**record, "check": pack(record["check"]), "findings": pack(record["findings"])}


@dataclass
class Batch:
    """One run over many files."""

    config: Config | None = None
    config_path: str | Path | None = None
    overrides: dict = field(default_factory=dict)
    keep_proposals: bool = False
    use_cache: bool = True
    # Contents to use instead of reading these paths: standard input under --stdin-filename, or an
    # editor's unsaved buffer. The path is still the file's for configuration, portfolio and output.
    texts: dict[str, bytes] = field(default_factory=dict)
    cache_dir: str | None = None
    jobs: int | None = None
    progress: Progress | None = None
    engines: dict[Path | None, Engine] = field(default_factory=dict)
    configs: list[Config] = field(default_factory=list)
    _fingerprints: dict[int, str] = field(default_factory=dict)
    _by_folder: dict[str, Engine] = field(default_factory=dict)
    _keys: dict[int, str] = field(default_factory=dict)  # this run's files' result keys

    def engine_for(self, file: str) -> Engine:
        folder = os.path.dirname(file) if file != "-" else "-"
        if folder in self._by_folder:  # thousands of files share a few folders
            return self._by_folder[folder]
        if self.config is not None:
            key = None
        elif self.config_path is not None:
            key = Path(self.config_path)
        else:
            key = find_config_file(resolve(file)) if file != "-" else find_config_file(Path.cwd())
        self._by_folder[folder] = self._engine(key)
        return self._by_folder[folder]

    def _engine(self, key: Path | None) -> Engine:
        if key not in self.engines:
            loaded = self.config if self.config is not None else (read_config_file(key) if key else default_config())
            configured = loaded.model_copy(update=self.overrides) if self.overrides else loaded
            self.engines[key] = Engine.create(configured)
            self.configs.append(self.engines[key].config)  # with the run's date fixed
        return self.engines[key]

    def run(self, paths: list[str]) -> RunResult:
        forget_config_lookups()  # files may have changed since the last run in this process
        first = self.engine_for(paths[0] if paths else ".")
        root = first.config.source.parent if first.config.source else None
        on_disk = discover([p for p in paths if p not in self.texts], first.config.exclude, root)
        files = [*(p for p in paths if p in self.texts), *on_disk]
        cache = self._cache(first, files)
        with paused_gc():  # reading the cache makes many objects and no garbage cycles
            records, misses = self._look_up(files, cache)
        self._check_misses(files, records, misses, cache)
        with paused_gc():
            hits = self._portfolio(files, records, cache, walked_root(paths, first, root))
            packed: list[FileFindings] = []
            languages: dict[str, str] = {}
            proposals: dict[str, object] = {}
            for index, (file, record) in enumerate(zip(files, records)):
                records[index] = None  # its findings replace it: at 10,000 files, tens of MB freed as we go
                engine = self.engine_for(file)
                languages[file] = engine.config.lang or record["lang"]
                if record.get("proposal") is not None:
                    proposals[file] = record["proposal"]
                try:
                    packed.append(self._finish(file, record, engine, hits, cache, self._keys.get(index)))
                except DAMAGED:  # a cached record damaged inside
                    packed.append(self._recheck(file, engine, hits, cache))
            hits.keep()
            cache.save()
        rules = dict(first.describe())  # the first file's configuration decides, as for fail-on
        for engine in self.engines.values():  # a file with another configuration's packs adds its rules
            for code, info in engine.describe().items():
                rules.setdefault(code, info)
        selections = {}
        if len(self.engines) > 1:  # files of several configurations: each file's own selection
            selections = {file: self.engine_for(file).selected for file in files}
        if any(not _encodable(file) for file in files):  # a name that is not UTF-8: shown escaped
            languages = {shown(file): lang for file, lang in languages.items()}
            proposals = {shown(file): proposal for file, proposal in proposals.items()}
            selections = {shown(file): chosen for file, chosen in selections.items()}
            files = [shown(file) for file in files]
        # Made of typed findings and rule metadata already: constructed, not validated a second
        # time (which would also build RunResult's validator at every start).
        return RunResult.model_construct(
            files=files,
            baselined=None,
            findings=Findings(packed),
            suppressed=Findings(packed, waived=True),
            fail_on=first.config.fail_on,
            rules=rules,
            lang=first.config.lang,
            reference=first.reference,
            selections=selections,
            languages=languages,
            proposals=proposals,
            today=first.config.today,
        )

    def _look_up(self, files: list[str], cache: Cache) -> tuple[list, list[int]]:
        """Each file's cached record, or a note of what a check of it needs (a miss). A file whose
        stat is the one the cache's index recorded is not even read."""
        records: list[dict | None] = [None] * len(files)
        misses: list[int] = []
        self._keys.clear()
        spare = KEEP_BYTES
        for index, file in enumerate(files):
            engine = self.engine_for(file)
            kept = file == "-" or file in self.texts  # cannot be read (again) from disk
            data = None
            if kept:
                data, failed = (self.texts[file], None) if file in self.texts else read(file, engine)
                if failed is not None:
                    records[index] = unreadable_record(file, engine, failed)
                    continue
            records[index] = pending = {"data": data}
            if cache.path is None:  # nothing to look up: each file is read once, when it is checked
                misses.append(index)
                continue
            where = None if kept else os.path.abspath(file)
            status = None if kept else stat(file)  # before reading: see cache.signature
            known = cache.known(where, status) if where is not None else None
            if known is not None:
                content = known[0]  # unchanged since the index saw it: not even read
            else:
                if not kept:
                    data, failed = read(file, engine)
                    if failed is not None:
                        records[index] = unreadable_record(file, engine, failed)
                        continue
                content = digest(data)
            key = content_key(self._settings(engine), file, content)
            hit = cache.get(key)
            if hit is not None and usable(hit):
                records[index] = hit
                self._keys[index] = key
                if where is not None and known is None:  # a full check warms the one-file run's index
                    cache.remember(where, status, content, hit["entry"])
            else:
                misses.append(index)
                pending.update(settings=self._settings(engine), where=where, status=status)
                if data is not None and not kept and spare >= len(data):  # checked as read: no second read
                    pending["data"], spare = data, spare - len(data)
        return records, misses

    @staticmethod
    def _finish(
        file: str, record: dict, engine: Engine, hits: Additions, cache: Cache, key: str | None
    ) -> FileFindings:
        """A file's findings from its record, packed; a cached record is validated into the same
        typed findings a fresh check gives (ValueError, and so a fresh check, when it is not). Where
        the portfolio rules add to a file, the findings finished with those additions are kept
        instead, with a hash of the additions: the next run with the same (an unchanged repository)
        reads them back, any other finishes the file again from its check."""
        if record.get("mark", "") == hits.mark(file):
            if record.get("fresh") is _FRESH and "counts" in record:  # packed by this run already
                return FileFindings(shown(file), record["findings"], *record["counts"])
            # No JSON (no cache file) can hold _FRESH: a cached record is validated, and the
            # Findings made so are kept as they are (not packed to be unpacked again).
            findings, path = findings_from_json(unpack(record["findings"])), shown(file)
            for finding in findings:
                if finding.code not in engine.catalogue.rules:
                    raise ValueError("a finding of a rule this run does not know")
                finding.__dict__["path"] = path
            return FileFindings(path, b"", *FileFindings.counts(findings), kept=findings)
        more = hits.more(file)
        mark = hits_mark(more) if more else ""  # "": nothing added (what a check of the file gives)
        findings = engine.finish(check_from_data(file, json.loads(unpack(record["check"]))), more, keep_waived=True)
        stored = cache.get(key) if key is not None else None
        if isinstance(stored, dict):
            stored.update(findings=_pack(findings_to_data(findings)), mark=mark)
            cache.put(key, stored)
        if any(finding.code not in engine.catalogue.rules for finding in findings):
            raise ValueError("a finding of a rule this run does not know")
        return FileFindings.of(shown(file), findings)

    def _recheck(self, file: str, engine: Engine, hits: Additions, cache: Cache) -> FileFindings:
        """A file whose cached record is damaged inside: checked again, its record replaced."""
        result, key = compact(check_path(file, engine)), None
        if cache.path is not None and not result.get("uncacheable"):
            key = content_key(self._settings(engine), file, result["digest"])
            cache.put(key, {k: unpack(v) if k in _PACKED else v for k, v in result.items() if k not in _NOT_STORED})
        result["fresh"] = _FRESH
        return self._finish(file, result, engine, hits, cache, key)

    # --- steps -------------------------------------------------------------------------------------
    def _cache(self, engine: Engine, files: list[str]) -> Cache:
        if not self.use_cache or self.keep_proposals:
            return Cache(None)
        repository = next((root for f in files[:1] if (root := repository_root(f)) is not None), None)
        return Cache.open(cache_folder(self.cache_dir or engine.config.cache_dir, repository))

    def _settings(self, engine: Engine) -> str:
        if id(engine) not in self._fingerprints:
            self._fingerprints[id(engine)] = settings_fingerprint(engine.config, __version__)
        return self._fingerprints[id(engine)]

    def _check_misses(self, files: list[str], records: list, misses: list[int], cache: Cache) -> None:
        jobs = self.jobs or default_jobs()
        done = len(files) - len(misses)
        if self.progress:
            self.progress(done, len(files))
        in_memory = "-" in files or bool(self.texts)
        if jobs > 1 and len(misses) >= POOL_THRESHOLD and not self.keep_proposals and not in_memory:
            numbers = {id(engine): index for index, engine in enumerate(self.engines.values())}
            work = [(files[i], numbers[id(self.engine_for(files[i]))]) for i in misses]
            batches = [work[start : start + CHUNK] for start in range(0, len(work), CHUNK)]
            # jobs - 1 workers, and this process works too, taking chunks from the far end of the
            # queue that no worker has started: two cores, two processes (and half the memory of
            # three). Results are then read in file order, whoever made them.
            engines = list(self.engines.values())
            from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only for many files

            pool = ProcessPoolExecutor(
                max_workers=jobs - 1, initializer=_start_worker, initargs=(os.getpid(), list(self.configs))
            )
            report = threading.excepthook
            try:
                futures = [pool.submit(_work, batch) for batch in batches]
                _quiet_manager(pool, report)
                local: dict[int, list[dict]] = {}
                for position in range(len(futures) - 1, -1, -1):
                    if futures[position].cancel():
                        local[position] = [
                            compact(check_path(path, engines[index])) for path, index in batches[position]
                        ]
                        done += len(batches[position])
                        if self.progress:
                            self.progress(done, len(files))
                cursor = 0
                for position, future in enumerate(futures):
                    stolen = position in local
                    results = local.pop(position) if stolen else _result(future, batches[position])
                    for result in results:
                        self._store(records, misses[cursor], result, cache, files[misses[cursor]])
                        cursor += 1
                    if not stolen and self.progress:
                        done += len(results)
                        self.progress(done, len(files))
            except BaseException:  # Ctrl-C, SIGTERM, SIGHUP, an error: no worker outlives the run
                _end_workers(pool)
                raise
            pool.shutdown()
            threading.excepthook = report
        else:
            for index in misses:
                file, engine = files[index], self.engine_for(files[index])
                data = records[index]["data"]  # only standard input is kept: it cannot be read twice
                result = (
                    check_data(file, data, engine, self.keep_proposals)
                    if data is not None
                    else check_path(file, engine, self.keep_proposals)
                )
                self._store(records, index, compact(result), cache, file)
                done += 1
                if self.progress and done % CHUNK == 0:
                    self.progress(done, len(files))
        if self.progress:
            self.progress(len(files), len(files))

    def _store(self, records: list, index: int, result: dict, cache: Cache, file: str) -> None:
        pending = records[index]
        records[index] = result
        result["fresh"] = _FRESH  # made by this run: its findings need no validating again
        if cache.path is None or result.get("uncacheable") or "settings" not in pending:
            return
        # Keyed by the bytes that were checked (their digest comes back with the result).
        key = content_key(pending["settings"], file, result["digest"])
        self._keys[index] = key
        cache.put(key, {k: unpack(v) if k in _PACKED else v for k, v in result.items() if k not in _NOT_STORED})
        if pending["where"] is not None:  # the one-file run's index: a full check warms it
            cache.remember(pending["where"], pending["status"], result["digest"], result["entry"])

    def _portfolio(self, files: list[str], records: list, cache: Cache, walked: tuple | None) -> Additions:
        """IM7 findings per named file, from the portfolio index of every proposal of the
        repositories the named files belong to."""
        rules = {
            code: rule
            for engine in self.engines.values()
            for code, rule in engine.catalogue.rules.items()
            if rule.scope == "portfolio" and code in engine.selected
        }
        if not rules:
            return Additions.none()
        stored = [(file, record.get("entry")) for file, record in zip(files, records)]  # decoded when needed
        named = {_identity(f) for f in files}
        folders = {os.path.dirname(os.path.abspath(f)) for f in files if f != "-"}
        others: list[tuple[str, Engine]] = []
        for repository in sorted(
            {root for folder in folders if (root := repository_root(os.path.join(folder, "_"))) is not None}
        ):
            engine = self.engine_for(str(repository / "_"))
            if walked is not None and (repository, engine.config.exclude) == walked:
                cache.keep_only(str(repository), named)  # the index forgets deleted files
                continue  # the run was given this whole repository: every file of it is named already
            seen = set(named)
            for other in discover([str(repository)], engine.config.exclude, repository):
                if _identity(other) not in named:
                    seen.add(other)
                    others.append((other, engine))
            cache.keep_only(str(repository), seen)
        engine = self.engine_for(files[0] if files else ".")

        def compute() -> dict[str, list]:
            entries: list[Entry] = []
            for file, data in stored:
                try:
                    entry = entry_from_data(file, data)
                except DAMAGED:  # a cached record's entry damaged: the file's own text decides
                    entry = entry_from_disk(file, self.engine_for(file), Cache(None)) if os.path.isfile(file) else None
                if entry is not None:
                    entries.append(entry)
            for other, owner in others:
                if (entry := entry_from_disk(other, owner, cache)) is not None:
                    entries.append(entry)
            hits: dict[str, list] = {}
            for code, rule in rules.items():
                for path, hit in run_portfolio_check(
                    rule.check, entries, set(files), lambda code=code: engine.context(code)
                ):
                    hits.setdefault(path, []).append(keyed(code, hit))
            return hits

        if walked is None or others or cache.path is None:
            return Additions(compute)
        settings = sorted(self._settings(e) for e in self.engines.values())
        return Additions(compute, cache, portfolio_state(files, self._keys, settings))


def walked_root(paths: list[str], first: Engine, root: Path | None) -> tuple[Path, list[str]] | None:
    """The repository folder itself (and the exclusions its walk used) when the run was given it
    (`im-lint check .` at its top) and walked it as a repository walk would; else None."""
    if len(paths) != 1 or paths[0] == "-" or not os.path.isdir(paths[0]):
        return None
    folder = resolve(paths[0])
    if repository_root(os.path.join(paths[0], "_")) != folder:
        return None
    if first.config.exclude and (root is None or resolve(root) != folder):
        return None  # the patterns were relative to another folder: the walks may differ
    return folder, first.config.exclude


class WorkerCrashed(RuntimeError):
    """A worker process ended in the middle of a chunk: killed, out of memory, or a crash."""

    def __init__(self, paths: list[str]):
        super().__init__(
            f"a worker process ended while checking one of {len(paths)} files ({shown(paths[0])} to "
            f"{shown(paths[-1])}); `--jobs 1` checks them in this process and shows which"
        )


def _result(future, batch: list[tuple[str, int]]) -> list[dict]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerCrashed([path for path, _ in batch]) from None


def _quiet_manager(pool: ProcessPoolExecutor, report) -> None:
    """When a worker dies, the pool's own thread trips over the futures this process took back
    (Python's race, InvalidStateError): that is no traceback for the user's screen; the run says
    what happened (WorkerCrashed)."""
    from concurrent.futures import InvalidStateError

    manager = getattr(pool, "_executor_manager_thread", None)

    def hook(args) -> None:
        if not (args.thread is manager and issubclass(args.exc_type, InvalidStateError)):
            report(args)

    threading.excepthook = hook


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the workers now: a worker in the middle of a chunk would otherwise finish it (and the
    chunks queued for it) before the run could end."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before 3.14
    manager = getattr(pool, "_executor_manager_thread", None)
    report = threading.excepthook
    # The pool's own thread may now trip over the futures this process took back (Python's race,
    # InvalidStateError); the run is ending, so that is not worth a traceback on the user's screen.
    threading.excepthook = lambda args: None if args.thread is manager else report(args)
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass  # already gone
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.join(1)
        except (OSError, ValueError, AssertionError, AttributeError):
            pass


def _pack(data: object) -> str:
    """A file's results as one compact JSON string: a few hundred bytes instead of the many small
    objects they are made of, so ten thousand files fit in memory; and the cache decodes only the
    files it needs (the findings to show, the details only where a portfolio rule adds to them)."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


_PACKED = ("check", "findings")  # compressed while the run keeps them; stored as text
_NOT_STORED = ("proposal", "counts", "fresh")


_FRESH = object()


def usable(record: object) -> bool:
    """Is a cached record of the shape this version writes? One that is not is recomputed, not
    trusted. (What is inside it is checked as it is decoded: the findings in _finish, the portfolio
    entry where the portfolio needs it.)"""
    if type(record) is not dict:
        return False
    check, lang, findings, content = (
        record.get("check"),
        record.get("lang"),
        record.get("findings"),
        record.get("digest"),
    )
    if type(check) is not str or type(findings) is not str or type(content) is not str:
        return False
    return lang in ("nl", "en") and isinstance(record.get("entry"), (dict, type(None)))


def _identity(path: str) -> str:
    return path if path == "-" else os.path.abspath(path)


def _encodable(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates) as `\\xff`."""
    return path if _encodable(path) else os.fsencode(path).decode("utf-8", "backslashreplace")
