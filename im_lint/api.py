"""The Python API: everything the command line does, it does through these functions.

from im_lint import api
parsed = api.parse(text)                     # the model and the language findings
findings = api.lint_text(text)               # every finding of one text
result = api.lint_paths(["proposals/"])      # files and folders, with the nearest configuration
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from im_lint.config import Config, ConfigError, default_config, find_config_file, read_config_file
from im_lint.discover import MissingPath
from im_lint.engine.baseline import BaselineError
from im_lint.engine.run import Engine
from im_lint.findings import Finding, RunResult
from im_lint.language import Declarations, Parsed, parse_text
from im_lint.language.decode import DEFAULT_MAX_FILE_SIZE, decode, from_text
from im_lint.names import SCHEMAS
from im_lint.source import Diagnostic

if TYPE_CHECKING:
    from im_lint.runner.live import Linted, Workspace

__all__ = [
    "Config",
    "ConfigError",
    "Engine",
    "Finding",
    "MissingPath",
    "RunResult",
    "engine",
    "lint_paths",
    "lint_text",
    "load_config",
    "parse",
    "schema",
    "apply_baseline",
    "write_baseline",
    "BaselineError",
    "Formatted",
    "format_file",
    "format_text",
    "init_text",
    "Linted",
    "Parsed",
    "Workspace",
    "lint_document",
]


def __getattr__(name: str):
    # What only an editor's server needs is imported when it is first asked for, not at start-up.
    if name in ("Workspace", "Linted"):
        from im_lint.runner import live

        return getattr(live, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    if name == "catalogue":
        from im_lint.reference.catalogue import CatalogueFile

        return CatalogueFile.model_json_schema()
    raise ValueError(f"no schema named {name!r}; there are: {', '.join(SCHEMAS)}")


def write_baseline(path: str | Path, result: RunResult) -> None:
    from im_lint.engine.baseline import write_baseline as write

    write(path, result.findings)


def apply_baseline(path: str | Path, result: RunResult) -> RunResult:
    """The same result with only the findings the baseline does not know."""
    from im_lint.engine.baseline import only_new, read_baseline

    findings = list(result.findings)  # a run's packed findings give new objects at each pass
    new = only_new(findings, read_baseline(path))
    kept = {id(finding) for finding in new}
    baselined = [finding for finding in findings if id(finding) not in kept]
    return result.model_copy(update={"findings": new, "baselined": baselined})


def _with_today(config: Config | None, today) -> Config | None:
    if today is None:
        return config
    from datetime import date

    day = date.fromisoformat(today) if isinstance(today, str) else today
    return (config or default_config()).model_copy(update={"today": day})


def lint_text(
    text: str, path: str = "-", config: Config | None = None, engine: Engine | None = None, today=None
) -> list[Finding]:
    """Every finding of one text. `today` (a date or YYYY-MM-DD; default: the real date) is the
    run's date, which rules use where a proposal has no meeting date."""
    engine = engine or Engine.create(_with_today(config, today))
    return engine.lint(path, parse_text(text, engine.declarations))


def lint_document(text: str, path: str | Path) -> "Linted":
    """Lint a text as if it were the file at `path`: that path's configuration, and the portfolio
    rules (IM7) against the other proposals of its repository as they are on disk. Raises
    ConfigError. For many texts over time (an editor), keep one `Workspace` and call its `lint`."""
    from im_lint.runner.live import Workspace

    workspace = Workspace()
    absolute = str(Path(path).resolve())
    engine = workspace.engine_for(absolute)
    portfolio = workspace.portfolio(workspace.root_of(absolute))
    if portfolio is not None:
        portfolio.load(engine)
    return workspace.lint(text, absolute, engine)


def load_config(path: str | Path | None = None, near: str | Path | None = None) -> Config:
    """The configuration named by `path`, else the nearest one above `near`, else the defaults."""
    if path is not None:
        return read_config_file(Path(path))
    found = find_config_file(Path(near).resolve()) if near is not None else None
    return read_config_file(found) if found else default_config()


def lint_paths(
    paths: list[str],
    config: Config | None = None,
    config_path: str | Path | None = None,
    overrides: dict | None = None,
    keep_proposals: bool = False,
    use_cache: bool = True,
    cache_dir: str | None = None,
    jobs: int | None = None,
    progress=None,
    today=None,
    texts: dict[str, str | bytes] | None = None,
) -> RunResult:
    """Lint files and folders. Without a `config`, each file uses the nearest configuration file
    above it (or `config_path` when given); `overrides` (settings from flags) win over any file.
    `keep_proposals` keeps each file's model in `result.proposals` (for the board report).
    Results come from the cache where a file and the settings are unchanged (`use_cache=False`
    turns it off); `jobs` worker processes check the rest (default: the cores available);
    `progress(done, total)` is called as files are done; `today` (a date or YYYY-MM-DD) is the
    run's date (default: the real date). `texts` gives the contents of some paths instead of
    reading them (an editor's buffer; standard input under a file name): such a path need not
    exist, and is linted with the configuration and the portfolio of the place it names.
    Raises MissingPath or ConfigError."""
    from im_lint.runner.batch import Batch

    if today is not None:
        overrides = {**(overrides or {}), "today": _with_today(None, today).today}
    return Batch(
        config=config,
        config_path=config_path,
        overrides=overrides or {},
        keep_proposals=keep_proposals,
        use_cache=use_cache,
        cache_dir=cache_dir,
        jobs=jobs,
        progress=progress,
        texts={path: text.encode("utf-8") if isinstance(text, str) else text for path, text in (texts or {}).items()},
    ).run(paths)


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
    """Format one file in place (atomically, mode kept; a link's target, the link kept), or only
    report what would change."""
    import difflib

    from im_lint.atomic import write_atomic
    from im_lint.files import TooLarge, describe, human_size, read_bytes
    from im_lint.fmt import format_text as format_

    try:
        data = read_bytes(path, max_size)
    except TooLarge as error:
        return Formatted(path, error=f"not formatted: the file is larger than {human_size(error.limit)}")
    except OSError as error:  # a FIFO, a device, a loop of links, a file that may not be read
        return Formatted(path, error=f"cannot read: {describe(error)}")
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
    diff = "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True),
            formatted.splitlines(keepends=True),
            fromfile=f"{path} (original)",
            tofile=f"{path} (formatted)",
        )
    )
    if write:
        write_atomic(path, formatted.encode("utf-8"))
    return Formatted(path, changed=True, diff=diff)


def init_text(lang: str = "nl", kind: str = "procurement", identifier: str | None = None, file: str = "") -> str:
    """A commented proposal to start from: the whole chain and every stakeholder, with TODOs.
    It fills in no date or amount: those lines are notes until the writer states them."""
    from datetime import date
    from importlib.resources import files as package_files

    from im_lint.language.vocabulary import lookup_value

    pair = lookup_value("kind", kind)
    if pair is None:
        raise ValueError(f"unknown kind `{kind}`: use procurement, change or policy (aanschaf, verandering, beleid)")
    name = "init.nl.voorstel" if lang == "nl" else "init.en.proposal"
    template = package_files("im_lint.templates").joinpath(name).read_text(encoding="utf-8")
    today = date.today()
    values = {
        "{id}": identifier or f"P-{today.year}-001",
        "{kind}": pair[1] if lang == "nl" else pair[0],
        "{file}": file or ("voorstel.voorstel" if lang == "nl" else "proposal.proposal"),
        "{p}": "" if pair[0] == "procurement" else "# ",  # the procurement block, commented out where it does not apply
    }
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    return template


@dataclass
class Fixed:
    """What `check --fix` did, or would do, with one file."""

    path: str
    original: str = ""
    fixed: str = ""
    applied: list = None  # fix.Applied: the rule, line and title of each fix applied
    error: str | None = None  # why the file was left untouched

    @property
    def changed(self) -> bool:
        return self.error is None and self.fixed != self.original

    def diff(self) -> str:
        import difflib

        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.fixed.splitlines(keepends=True),
                fromfile=f"{self.path} (original)",
                tofile=f"{self.path} (fixed)",
            )
        )


def fix_paths(
    paths: list[str],
    unsafe: bool = False,
    write: bool = True,
    add_suppression: str | None = None,
    config_path: str | Path | None = None,
    overrides: dict | None = None,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
) -> list[Fixed]:
    """Apply the fixes findings carry: the safe ones, and with `unsafe` the review ones too; with
    `add_suppression` a reason, a suppression comment above every finding that remains. Each file is
    linted as it is on disk and written back atomically only if it did not change meanwhile (a file
    changed during the run is left alone, with an error saying so). `write=False` changes nothing."""
    from im_lint.atomic import write_atomic
    from im_lint.discover import discover
    from im_lint.files import describe, read_bytes
    from im_lint.fix import apply_once, fix_text, suppression_edits

    done: list[Fixed] = []
    for path in discover(paths):
        if path == "-":
            continue
        try:
            data = read_bytes(path, max_size)
        except OSError as error:
            done.append(Fixed(path, error=f"cannot read: {describe(error)}"))
            continue
        source = decode(data, max_size)
        if isinstance(source, Diagnostic):
            done.append(Fixed(path, error="not fixed: the file is empty, not UTF-8 text, or too large"))
            continue

        def lint(text: str, path: str = path) -> list[Finding]:
            run = lint_paths([path], config_path=config_path, overrides=overrides, texts={path: text})
            return run.findings

        result = fix_text(source.text, lint, unsafe=unsafe)
        if add_suppression:
            text, applied = apply_once(result.text, suppression_edits(result.text, lint(result.text), add_suppression))
            result.text, result.applied = text, [*result.applied, *applied]
        fixed = Fixed(path, source.text, result.text, result.applied)
        if write and fixed.changed:
            try:
                if read_bytes(path, max_size) != data:
                    fixed.error = "not fixed: the file changed on disk while im-lint was running"
                else:
                    write_atomic(path, (("\ufeff" if source.has_bom else "") + result.text).encode("utf-8"))
            except OSError as error:
                fixed.error = f"cannot write: {describe(error)}"
        done.append(fixed)
    return done
