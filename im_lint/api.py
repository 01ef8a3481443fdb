"""The Python API: everything the command line does, it does through these functions.

    from im_lint import api
    parsed = api.parse(text)                     # the model and the language findings
    findings = api.lint_text(text)               # every finding of one text
    result = api.lint_paths(["proposals/"])      # files and folders, with the nearest configuration
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from im_lint.config import Config, ConfigError, find_config_file, read_config_file
from im_lint.discover import MissingPath, discover, repository_root
from im_lint.engine.baseline import BaselineError
from im_lint.engine.portfolio import PORTFOLIO_CHECKS, Entry, entry_of
from im_lint.engine.run import Engine, FileCheck, keyed
from im_lint.findings import Finding, RunResult
from im_lint.language import Declarations, Parsed, parse_bytes, parse_text
from im_lint.language.decode import DEFAULT_MAX_FILE_SIZE, decode, from_text, unreadable
from im_lint.source import Diagnostic

__all__ = [
    "Config", "ConfigError", "Engine", "Finding", "MissingPath", "RunResult", "engine", "lint_paths", "lint_text",
    "load_config", "parse", "schema", "apply_baseline", "write_baseline", "BaselineError", "Formatted", "format_file",
    "format_text", "init_text",
]

SCHEMAS = ("findings", "proposal", "config", "pack")


def parse(text: str, declarations: Declarations | None = None) -> Parsed:
    """A proposal's text -> its model (`.proposal`, None when it is no proposal) and language findings."""
    return parse_text(text, declarations)


def engine(config: Config | None = None) -> Engine:
    """The rules, their selection, severities and options for a configuration (for `rules`, `explain`)."""
    return Engine.create(config)


def schema(name: str) -> dict:
    """The JSON Schema of a shape: findings (the json output), proposal, config or pack."""
    if name == "findings":
        from im_lint.output.json import FindingsDocument

        return FindingsDocument.model_json_schema()
    if name == "proposal":
        from im_lint.model import Proposal

        return Proposal.model_json_schema(by_alias=True)
    if name == "config":
        return Config.model_json_schema(by_alias=True)
    if name == "pack":
        from im_lint.engine.packs import PackFile

        return PackFile.model_json_schema(by_alias=True)
    raise ValueError(f"no schema named {name!r}; there are: {', '.join(SCHEMAS)}")


def write_baseline(path: str | Path, result: RunResult) -> None:
    from im_lint.engine.baseline import write_baseline as write

    write(path, result.findings)


def apply_baseline(path: str | Path, result: RunResult) -> RunResult:
    """The same result with only the findings the baseline does not know."""
    from im_lint.engine.baseline import only_new, read_baseline

    return result.model_copy(update={"findings": only_new(result.findings, read_baseline(path))})


def lint_text(text: str, path: str = "-", config: Config | None = None, engine: Engine | None = None) -> list[Finding]:
    engine = engine or Engine.create(config)
    return engine.lint(path, parse_text(text, engine.declarations))


def load_config(path: str | Path | None = None, near: str | Path | None = None) -> Config:
    """The configuration named by `path`, else the nearest one above `near`, else the defaults."""
    if path is not None:
        return read_config_file(Path(path))
    found = find_config_file(Path(near).resolve()) if near is not None else None
    return read_config_file(found) if found else Config()


def read_file(path: str, engine: Engine) -> Parsed:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        return Parsed(None, None, [unreadable("unreadable", reason=error.strerror or type(error).__name__)], None)
    return parse_bytes(data, engine.declarations, engine.config.max_file_size)


def lint_paths(paths: list[str], config: Config | None = None, config_path: str | Path | None = None,
               overrides: dict | None = None, keep_proposals: bool = False) -> RunResult:
    """Lint files and folders. Without a `config`, each file uses the nearest configuration file
    above it (or `config_path` when given); `overrides` (settings from flags) win over any file.
    `keep_proposals` keeps each file's model in `result.proposals` (for the board report).
    Raises MissingPath or ConfigError (exit 2)."""
    engines: dict[Path | None, Engine] = {}

    def configured(loaded: Config) -> Config:
        return loaded.model_copy(update=overrides) if overrides else loaded

    def engine_for(file: str) -> Engine:
        if config is not None:
            key = None
        elif config_path is not None:
            key = Path(config_path)
        else:
            key = find_config_file(Path(file).resolve()) if file != "-" else find_config_file(Path.cwd())
        if key not in engines:
            engines[key] = Engine.create(configured(config if config is not None else (read_config_file(key) if key else Config())))
        return engines[key]

    root_engine = engine_for(paths[0] if paths else ".")
    root = root_engine.config.source.parent if root_engine.config.source else None
    files = discover(paths, root_engine.config.exclude, root)
    checked: list[tuple[Engine, FileCheck]] = []
    entries: list[Entry] = []
    languages: dict[str, str] = {}
    proposals: dict[str, object] = {}
    for file in files:
        engine = engine_for(file)
        parsed = read_file(file, engine)
        languages[file] = engine.config.lang or parsed.lang
        if parsed.proposal is not None:
            entries.append(entry_of(file, parsed.proposal))
            if keep_proposals:
                proposals[file] = parsed.proposal
        checked.append((engine, engine.check_file(file, parsed)))
    hits = _portfolio(files, entries, [engine for engine, _ in checked], engine_for)
    findings: list[Finding] = []
    for engine, check in checked:
        findings.extend(engine.finish(check, hits.get(check.path, [])))
    return RunResult(files=files, findings=findings, fail_on=root_engine.config.fail_on, languages=languages,
                     proposals=proposals)


def _portfolio(files: list[str], entries: list[Entry], engines: list[Engine], engine_for) -> dict[str, list]:
    """IM7 hits per named file. The rules see every proposal of the repositories the named files
    belong to (the folder of their configuration file, else their git work tree), and report on the
    named files only."""
    rules = {code: rule for engine in engines for code, rule in engine.catalogue.rules.items()
             if rule.scope == "portfolio" and code in engine.selected}
    if not rules:
        return {}
    named = {_identity(file) for file in files}
    for repository in sorted({root for file in files if (root := repository_root(file)) is not None}):
        engine = engine_for(str(repository / "_"))
        for other in discover([str(repository)], engine.config.exclude, repository):
            if _identity(other) not in named:
                named_or_not = read_file(other, engine)
                if named_or_not.proposal is not None:
                    entries.append(entry_of(other, named_or_not.proposal))
    by_identity = {_identity(file): file for file in files}
    named_paths = {entry.path for entry in entries if _identity(entry.path) in by_identity}
    hits: dict[str, list] = {}
    for code, rule in rules.items():
        for path, hit in PORTFOLIO_CHECKS[rule.check](entries, named_paths):
            hits.setdefault(path, []).append(keyed(code, hit))
    return hits


def _identity(path: str) -> str:
    return path if path == "-" else os.path.realpath(path)


@dataclass
class Formatted:
    """What `fmt` did, or would do, with one file."""

    path: str
    changed: bool = False
    diff: str = ""
    error: str | None = None  # why the file was left untouched


def format_text(text: str) -> str:
    """The canonical layout of a proposal's text; raises ValueError on a syntax error."""
    from im_lint.fmt import format_text as format_

    source = from_text(text)
    if isinstance(source, Diagnostic):
        raise ValueError("not a proposal text (empty or not UTF-8)")
    return format_(source.text, source.newline, source.has_bom)


def format_file(path: str, write: bool = True, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Formatted:
    """Format one file in place (atomically, mode kept), or only report what would change."""
    import difflib

    from im_lint.atomic import write_atomic
    from im_lint.fmt import format_text as format_

    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return Formatted(path, error=f"cannot read: {error.strerror or error}")
    source = decode(data, max_size)
    if isinstance(source, Diagnostic):
        return Formatted(path, error="not formatted: the file is empty, not UTF-8 text, or too large")
    try:
        formatted = format_(source.text, source.newline, source.has_bom)
    except ValueError as error:
        return Formatted(path, error=f"not formatted: {error}; run `im-lint check {path}`")
    original = data.decode("utf-8")
    if formatted == original:
        return Formatted(path)
    diff = "".join(difflib.unified_diff(original.splitlines(keepends=True), formatted.splitlines(keepends=True),
                                        fromfile=f"{path} (original)", tofile=f"{path} (formatted)"))
    if write:
        write_atomic(path, formatted.encode("utf-8"))
    return Formatted(path, changed=True, diff=diff)


def init_text(lang: str = "nl", kind: str = "procurement", identifier: str | None = None, file: str = "") -> str:
    """A commented proposal to start from: the whole chain and every stakeholder, with TODOs."""
    from datetime import date
    from importlib.resources import files as package_files

    from im_lint.language.vocabulary import lookup_value

    pair = lookup_value("kind", kind)
    if pair is None:
        raise ValueError(f"unknown kind `{kind}`: use procurement, change or policy (aanschaf, verandering, beleid)")
    name = "init.nl.voorstel" if lang == "nl" else "init.en.proposal"
    template = package_files("im_lint.templates").joinpath(name).read_text(encoding="utf-8")
    today = date.today()
    values = {"{id}": identifier or f"P-{today.year}-001", "{kind}": pair[1] if lang == "nl" else pair[0],
              "{date}": today.isoformat(), "{file}": file or ("voorstel.voorstel" if lang == "nl" else "proposal.proposal")}
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    return template
