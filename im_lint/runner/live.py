"""One document at a time, as an editor needs it: a text linted as if it were the file at a path,
with that path's configuration and the portfolio (IM7) of its repository.

A `Workspace` keeps what a long-running process reuses: one engine per configuration file (made
again when that file or a pack it names changes on disk) and one portfolio index per repository
(every proposal's `Entry`, read once, then kept current from the editor's texts and file events).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from im_lint.config import (
    Config,
    catalogue_path,
    default_config,
    find_config_file,
    forget_config_lookups,
    read_config_file,
)
from im_lint.discover import discover, repository_root
from im_lint.engine.portfolio import Entry, entry_of, run_portfolio_check
from im_lint.engine.run import Engine, keyed
from im_lint.findings import Finding
from im_lint.language import Parsed, parse_text
from im_lint.runner.cache import Cache, cache_folder
from im_lint.runner.index import entry_from_disk
from im_lint.runner.records import check_from_data, check_to_data
from im_lint.source import Diagnostic

# The arguments of an IM7 hit that name the other file and line (the related location).
_OTHER_PLACES = (("other_path", "other_line"), ("path", "line"))


@dataclass
class Linted:
    """One text's results: its parse, findings, and for each finding the other places it is about."""

    path: str
    parsed: Parsed
    findings: list[Finding]
    related: dict[tuple[str, int, int], list[tuple[str, int]]] = field(default_factory=dict)
    check: str = ""  # the file's own results as data, to finish again when the portfolio changes
    root: Path | None = None  # the repository whose portfolio it belongs to
    entry_changed: bool = False  # what the other files' portfolio findings depend on has changed


@dataclass
class Portfolio:
    """The portfolio index of one repository (absolute path -> entry)."""

    root: Path
    entries: dict[str, Entry | None] = field(default_factory=dict)
    loaded: bool = False

    def load(self, engine: Engine) -> None:
        """Every proposal below the root, from the cache where a file is unchanged."""
        cache = Cache.open(cache_folder(engine.config.cache_dir, self.root))
        for file in discover([str(self.root)], engine.config.exclude, self.root):
            path = os.path.abspath(file)
            if path not in self.entries:  # an open document's text wins over the file on disk
                self.entries[path] = entry_from_disk(path, engine, cache)
        cache.save()
        self.loaded = True

    def reread(self, path: str, engine: Engine) -> None:
        if os.path.isfile(path):
            self.entries[path] = entry_from_disk(path, engine, Cache(None))
        else:
            self.entries.pop(path, None)

    def hits(self, path: str, engine: Engine) -> list[tuple[Diagnostic, str]]:
        rules = [
            (code, rule)
            for code, rule in engine.catalogue.rules.items()
            if rule.scope == "portfolio" and code in engine.selected
        ]
        if not rules:
            return []
        entries = [entry for entry in self.entries.values() if entry is not None]
        found = []
        for code, rule in rules:
            hits = run_portfolio_check(rule.check, entries, {path}, lambda code=code: engine.context(code))
            found.extend(keyed(code, hit) for _, hit in hits)
        return found


def _stamp(config: Config | None) -> tuple:
    """What, when it changes on disk, makes a configuration's engine stale: the file and its packs."""
    if config is None or config.source is None:
        return (date.today(),)  # an engine knows the date it was made on (rules compare with today)
    paths = [config.source]
    # The files it extends, and the FORA catalogue it names, are part of it too.
    paths += sorted(
        {Path(part) for origin in config.origins.values() for part in origin.split(" + ")} - {config.source}
    )
    catalogue = catalogue_path(config)
    if catalogue is not None:
        paths.append(catalogue)
    for reference in config.packs:
        pack = (config.source.parent / reference).resolve()
        paths.extend(sorted(pack.glob("*.y*ml")) if pack.is_dir() else [pack])
    stamp = []
    for path in paths:
        try:
            stamp.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            stamp.append((str(path), None))
    return (date.today(), *stamp)


@dataclass
class Workspace:
    """Engines and portfolios for a long-running process (a language server)."""

    folders: list[Path] = field(default_factory=list)  # the editor's workspace folders
    _engines: dict[Path | None, tuple[tuple, Engine]] = field(default_factory=dict)
    portfolios: dict[Path, Portfolio] = field(default_factory=dict)

    def config_file(self, path: str) -> Path | None:
        return find_config_file(Path(path).resolve())

    def engine_for(self, path: str) -> Engine:
        """The engine of the configuration that applies to `path`. Raises ConfigError."""
        source = self.config_file(path)
        known = self._engines.get(source)
        if known is not None and known[0] == _stamp(known[1].config):
            return known[1]
        config = read_config_file(source) if source else default_config()
        engine = Engine.create(config)
        self._engines[source] = (_stamp(config), engine)
        return engine

    def files_changed(self) -> None:
        """A configuration file may have appeared or gone: look the nearest one up again."""
        forget_config_lookups()

    def root_of(self, path: str) -> Path | None:
        root = repository_root(path)
        if root is not None:
            return root
        resolved = Path(path).resolve()
        inside = [folder for folder in self.folders if resolved.is_relative_to(folder)]
        return max(inside, key=lambda folder: len(folder.parts)) if inside else None

    def portfolio(self, root: Path | None) -> Portfolio | None:
        if root is None:
            return None
        return self.portfolios.setdefault(root, Portfolio(root))

    def lint(self, text: str, path: str, engine: Engine | None = None) -> Linted:
        """Lint a text as the file at `path` (absolute). Raises ConfigError for a bad configuration
        unless an engine is given."""
        engine = engine or self.engine_for(path)
        parsed = parse_text(text, engine.declarations)
        check = engine.check_file(path, parsed)
        root = self.root_of(path)
        portfolio = self.portfolio(root)
        changed = False
        if portfolio is not None:
            entry = entry_of(path, parsed.proposal) if parsed.proposal is not None else None
            changed = portfolio.entries.get(path) != entry
            portfolio.entries[path] = entry
        linted = Linted(path, parsed, [], check=json.dumps(check_to_data(check)), root=root, entry_changed=changed)
        return self.finish(linted, engine)

    def finish(self, linted: Linted, engine: Engine) -> Linted:
        """The findings of a linted text with the portfolio as it is now."""
        portfolio = self.portfolio(linted.root)
        hits = portfolio.hits(linted.path, engine) if portfolio is not None else []
        check = check_from_data(linted.path, json.loads(linted.check))
        linted.findings = engine.finish(check, hits)
        linted.related = {}
        for diagnostic, _ in hits:
            for path_key, line_key in _OTHER_PLACES:
                other, line = diagnostic.args.get(path_key), diagnostic.args.get(line_key)
                if isinstance(other, str) and isinstance(line, int):
                    place = (diagnostic.code, diagnostic.span.line, diagnostic.span.column)
                    linted.related.setdefault(place, []).append((os.path.abspath(other), line))
        return linted
