"""The command line: thin click commands over `im_lint.api`. Exit 0 clean, 1 findings, 2 could not run."""

from __future__ import annotations

import functools
import json
import os
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from im_lint import __version__
from im_lint.files import describe
from im_lint.names import SCHEMAS
from im_lint.printable import printable
from im_lint.tool_words import mostly_dutch, say

if TYPE_CHECKING:
    from im_lint import api

FORMATS = ["text", "json"]
SEVERITIES = ["error", "warning", "info"]


def _fail(message: str) -> NoReturn:
    click.echo(f"im-lint: {printable(message)}", err=True)  # it may quote a file's name or text
    sys.exit(2)


def _write_output(output: str, text: str | bytes) -> None:
    """Write `-o FILE` whole or not at all; a write error is one clear line, exit 2."""
    from im_lint.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as error:
        _fail(f"cannot write {output}: {describe(error)}")


def _named(paths: tuple[str, ...]) -> str:
    return ", ".join(paths) if paths else "."


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _user_language(config: api.Config | None) -> str:
    """For text about no file in particular: the configuration's language, else the user's locale."""
    if config is not None and config.lang:
        return config.lang
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "nl" if locale.lower().startswith("nl") else "en"


def _load_config(config_path: str | None) -> api.Config:
    from im_lint import api  # the engine, imported by the commands that run it

    try:
        return api.load_config(config_path, near=os.getcwd())
    except api.ConfigError as error:
        _fail(str(error))


def _engine(config: api.Config) -> api.Engine:
    from im_lint import api  # the engine, imported by the commands that run it

    try:
        return api.engine(config)
    except api.ConfigError as error:
        _fail(str(error))


# Options that `check` and `report` share, written once.
_today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The run's date, YYYY-MM-DD (default: today): rules use it where a proposal has no meeting date.",
)
_allow_empty_option = click.option(
    "--allow-empty",
    is_flag=True,
    help="Exit 0 when the paths hold no proposal at all (default: exit 2, since a mistyped folder is no clean run).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="im-lint")
def main() -> None:
    """im-lint: find the known mistakes in a school's ICT decision proposal before the board meets."""


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--format",
    "output_format",
    default="text",
    show_default=True,
    help="Output format: text, json, sarif, junit, github; markdown or html for the board report; "
    "or one an installed distribution adds (the `im_lint.outputs` entry point group).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@click.option("--select", multiple=True, help="Rules to run: codes, names or prefixes (IM2), comma-separated.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selected ones.")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the messages (default: each file's own).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option(
    "--baseline", "baseline", type=click.Path(dir_okay=False), help="Report only findings this baseline does not hold."
)
@click.option(
    "--write-baseline",
    "write_baseline",
    type=click.Path(dir_okay=False),
    help="Record today's findings as the baseline.",
)
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails the run (default: error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache.")
@click.option(
    "--cache-dir", type=click.Path(file_okay=False), help="Keep the cache here (default: your user cache folder)."
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: the cores available).")
@click.option("--quiet", "-q", is_flag=True, help="Only the findings, no summary.")
@click.option("--statistics", is_flag=True, help="Add a count per rule.")
@click.option(
    "--max-findings-per-code",
    type=click.IntRange(min=0),
    metavar="N",
    help="List at most N findings of one rule per file, then one IM010 with how many more (default: 50; 0: all).",
)
@_today_option
@_allow_empty_option
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="Read the proposal from standard input, as if it were the file PATH: its configuration, the "
    "other proposals of its repository and the path in every output come from PATH.",
)
@click.option(
    "--no-suppress",
    "--ignore-suppressions",
    "no_suppress",
    is_flag=True,
    help="An audit: report every finding, as if no suppression comment waived any.",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the configuration in force for the file named, and where each value came from.",
)
@click.option(
    "--show-suppressed",
    is_flag=True,
    help="Text and JSON: also show the findings suppression comments waive, with the reason given.",
)
@click.option("--fix", is_flag=True, help="Apply the safe fixes (the only sensible reading), then report what remains.")
@click.option(
    "--unsafe-fixes", is_flag=True, help="With --fix or --diff: also the fixes to review (skeletons, guesses)."
)
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a unified diff; change nothing.")
@click.option("--show-fixes", is_flag=True, help="With --fix: list each fix applied.")
@click.option(
    "--add-suppression",
    metavar="REASON",
    help='Write "# im-lint: ignore CODE -- REASON" above each finding that remains (never IM001-IM008).',
)
def check(
    paths,
    output_format,
    output,
    select,
    ignore,
    extend_select,
    lang,
    config_path,
    baseline,
    write_baseline,
    fail_on,
    exit_zero,
    no_cache,
    cache_dir,
    jobs,
    quiet,
    statistics,
    max_findings_per_code,
    today,
    allow_empty,
    stdin_filename,
    no_suppress,
    show_settings,
    fix,
    unsafe_fixes,
    show_diff,
    show_fixes,
    add_suppression,
    show_suppressed,
) -> None:
    """Lint proposals: files, folders (every *.proposal and *.voorstel below), or - for standard input."""
    from im_lint import api  # the engine, imported by the commands that run it

    if show_settings:
        _show_settings(paths, config_path)
    texts = None
    if stdin_filename is not None:
        if paths not in ((), ("-",)):
            _fail("--stdin-filename reads standard input: name no other path (or only -)")
        texts = {stdin_filename: sys.stdin.buffer.read()}
        paths = (stdin_filename,)
    overrides = {
        key: value
        for key, value in {
            "select": _split(select) or None,
            "ignore": _split(ignore) or None,
            "extend_select": _split(extend_select) or None,
            "lang": lang,
            "fail_on": fail_on,
            "today": today.date() if today else None,
            "no_suppress": no_suppress or None,
            "max_findings_per_code": max_findings_per_code,
        }.items()
        if value is not None
    }
    if fix or show_diff or add_suppression is not None:
        if stdin_filename is not None:
            _fail("--fix, --diff and --add-suppression change files: they do not read standard input")
        if add_suppression is not None and not add_suppression.strip():
            _fail("--add-suppression needs a reason: why may these findings stay?")
        changed = _apply_fixes(paths, overrides, config_path, unsafe_fixes, show_diff, show_fixes, add_suppression)
        if show_diff:
            sys.exit(1 if changed else 0)
    if output_format in ("markdown", "html"):  # the board report is one language, Dutch unless asked
        overrides["lang"] = lang or _load_config(config_path).lang or "nl"
    write = _writer(output_format)  # an unknown format stops here, before any file is read
    try:
        with _progress_bar() as progress:
            lint = functools.partial(
                api.lint_paths,
                list(paths) or ["."],
                config_path=config_path,
                overrides=overrides,
                keep_proposals=getattr(write, "needs_proposals", False),
                use_cache=not no_cache,
                cache_dir=cache_dir,
                jobs=jobs,
                texts=texts,
            )
            result = lint(progress=progress)
        if write_baseline:
            api.write_baseline(write_baseline, result)
        if baseline:
            result = api.apply_baseline(baseline, result)
    except api.MissingPath as missing:
        _fail(f"no such file or folder: {missing}")
    except (api.ConfigError, api.BaselineError) as error:
        _fail(str(error))
    except OSError as error:  # the baseline could not be written (a full disk, a missing folder)
        _fail(f"cannot write {error.filename or write_baseline}: {describe(error)}")
    if not result.files and not allow_empty:
        _fail(say(lang or _load_config(config_path).lang, "empty", paths=_named(paths)))
    if output_format == "sarif" and not lang and len(set(result.languages.values())) > 1:
        # A SARIF run's messages are in one language: the one most of its files use.
        overrides["lang"] = result.language()
        result = None  # the first run's findings: freed before the second run (and its workers) start
        result = lint()  # the same flags (cache, jobs) as the first run
        if baseline:
            result = api.apply_baseline(baseline, result)
    colour = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = dict(colour=colour, quiet=quiet, statistics=statistics, show_suppressed=show_suppressed)
    pieces = None if output else _pieces(output_format)
    if pieces is not None:  # written as it is made: a run's whole output is never held at once
        for piece in pieces(result, _options(output_format, lang or overrides.get("lang"), **options)):
            click.echo(piece, nl=False)
    else:
        text = _render(result, output_format, lang or overrides.get("lang"), **options)
        if output:
            _write_output(output, text)
        else:
            click.echo(text, nl=False)
    sys.exit(0 if exit_zero or not result.failed() else 1)


def _apply_fixes(paths, overrides, config_path, unsafe, show_diff, show_fixes, reason) -> bool:
    """Fix the files (or, with --diff, show what would change); True when anything would change."""
    from im_lint import api  # the engine, imported by the commands that run it

    try:
        done = api.fix_paths(
            list(paths) or ["."],
            unsafe=unsafe,
            write=not show_diff,
            add_suppression=reason.strip() if reason else None,
            config_path=config_path,
            overrides=overrides,
        )
    except api.MissingPath as missing:
        _fail(f"no such file or folder: {missing}")
    except api.ConfigError as error:
        _fail(str(error))
    for fixed in done:
        if fixed.error:
            click.echo(f"im-lint: {fixed.path}: {fixed.error}", err=True)
        elif show_diff and fixed.changed:
            click.echo(fixed.diff(), nl=False)
        elif show_fixes:
            for applied in fixed.applied:
                click.echo(
                    f"{fixed.path}:{applied.line}: fixed {applied.code} ({applied.applicability}): {applied.title}"
                )
    count = sum(len(f.applied) for f in done if f.changed)
    if not show_diff and count:
        files = sum(1 for f in done if f.changed)
        click.echo(f"im-lint: applied {count} fixes in {files} files", err=True)
    return any(f.changed for f in done)


def _show_settings(paths: tuple[str, ...], config_path: str | None) -> NoReturn:
    from im_lint.config import settings_report

    if len(paths) > 1:
        _fail("--show-settings takes one file or folder")
    target = paths[0] if paths else "."
    config = _load_config(config_path) if config_path else _load_config_near(target)
    click.echo(f"# {config.source or 'no configuration file: the defaults'}")
    for key, value, origin in settings_report(config):
        click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}  # {origin}")
    sys.exit(0)


def _load_config_near(target: str) -> api.Config:
    from im_lint import api  # the engine, imported by the commands that run it

    try:
        return api.load_config(None, near=target)
    except api.ConfigError as error:
        _fail(str(error))


class _progress_bar:
    """A progress bar on standard error for long runs at a terminal; never in a pipe or in CI."""

    MINIMUM = 200  # files; a pre-commit run of a few files shows nothing

    def __init__(self):
        self.bar = None
        self.shown = 0
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI") and "NO_PROGRESS" not in os.environ

    def __enter__(self):
        return self if self.enabled else None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and total >= self.MINIMUM:
            self.bar = click.progressbar(length=total, label="im-lint", file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.shown)
            self.shown = done

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _writer(output_format: str):
    from im_lint.output import UnknownFormat, writer

    try:
        return writer(output_format)
    except UnknownFormat as error:
        _fail(str(error))


ROOTLESS = frozenset({"text", "json", "junit", "markdown", "html"})  # writers that never read options.root


def _source_root():
    """Where paths in SARIF, GitHub annotations and GitLab reports start: the top of the git work
    tree (GitHub and GitLab resolve paths from there, wherever im-lint ran), else the working folder."""
    from pathlib import Path

    from im_lint.staged import NotARepository, work_tree

    try:
        return work_tree(Path.cwd())
    except NotARepository:
        return Path.cwd()


def _render(
    result,
    output_format: str,
    lang: str | None,
    colour: bool = False,
    quiet: bool = False,
    statistics: bool = False,
    show_suppressed: bool = False,
) -> str:
    """The run in one of the formats of `check` (and the board report of `report`): every writer
    takes the run and the options, nothing else (the run carries its rules' metadata)."""
    options = _options(
        output_format, lang, colour=colour, quiet=quiet, statistics=statistics, show_suppressed=show_suppressed
    )
    return _writer(output_format)(result, options)


def _options(output_format: str, lang: str | None, **flags):
    from im_lint.output import OutputOptions

    # Asking git for the work tree is a process of its own: only for the formats that use it.
    return OutputOptions(lang=lang, **({} if output_format in ROOTLESS else {"root": _source_root()}), **flags)


def _pieces(output_format: str):
    from im_lint.output import pieces

    return pieces(output_format)


@main.command()
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the table's words.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
def rules(output_format, lang, config_path) -> None:
    """Every rule: code, name, category, severity, and whether it is selected."""
    from im_lint.output.catalogue import rules_table

    view, config = _catalogue_view(config_path)
    click.echo(rules_table(view, lang or _user_language(config), output_format == "json"), nl=False)


def _catalogue_view(config_path: str | None):
    """The rules as `rules` and `explain` show them, and the configuration (None: none applies).
    With no configuration, straight from the compiled built-in pack: no engine, no pydantic."""
    from im_lint.output.catalogue import compiled_view, engine_view

    if config_path is None:
        from pathlib import Path

        from im_lint.config_files import find_config_file

        if find_config_file(Path.cwd().resolve()) is None and (view := compiled_view()) is not None:
            return view, None
    config = _load_config(config_path)
    return engine_view(_engine(config)), config


@main.command("test-pack")
@click.argument("path", required=False)
@click.option("--fixtures", type=click.Path(file_okay=False), help="Fixture files (CODE.yaml); default: PATH/fixtures.")
@click.option("--catalogue", type=click.Path(dir_okay=False), help="A reference catalogue for rules that need one.")
def test_pack(path, fixtures, catalogue) -> None:
    """Run a pack's own examples: each rule's `fail` example must produce it, its `pass` example must
    not, and each fixture case must give exactly what it expects (no PATH: the built-in pack)."""
    from im_lint import api  # the engine, imported by the commands that run it
    from im_lint.engine.packs import PackError
    from im_lint.packtest import render
    from im_lint.packtest import test_pack as run_examples

    try:
        report = run_examples(path, fixtures, catalogue)
    except (PackError, api.ConfigError) as error:
        _fail(str(error))
    click.echo(render(report), nl=False)
    sys.exit(1 if report.failed else 0)


@main.command()
@click.argument("rule")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the documentation.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
def explain(rule, output_format, lang, config_path) -> None:
    """One rule's whole documentation: what it flags, why, where, examples, options."""
    from im_lint.output.catalogue import explain as explain_rule

    view, config = _catalogue_view(config_path)
    found = view.find(rule)
    if found is None:
        nearest = view.nearest(rule)
        _fail(f"no rule `{rule}`" + (f"; did you mean `{nearest}`?" if nearest else "; `im-lint rules` lists them"))
    click.echo(explain_rule(found, view, lang or _user_language(config), output_format == "json"), nl=False)


@main.command()
@click.argument("name", type=click.Choice(list(SCHEMAS)))
def schema(name) -> None:
    """The JSON Schema of findings (the json output), a proposal, the configuration or a rule pack."""
    from im_lint import api  # the engine, imported by the commands that run it

    click.echo(json.dumps(api.schema(name), indent=2, ensure_ascii=False))


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 when a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Change nothing; print what would change as a unified diff.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@_allow_empty_option
def fmt(paths, check_only, show_diff, config_path, allow_empty) -> None:
    """Rewrite proposals in the canonical layout, keeping every comment and each keyword's language."""
    from im_lint import api  # the engine, imported by the commands that run it
    from im_lint.discover import discover

    config = _load_config(config_path)
    try:
        files = [f for f in discover(list(paths) or ["."], config.exclude) if f != "-"]
    except api.MissingPath as missing:
        _fail(f"no such file or folder: {missing}")
    lang = config.lang or ("nl" if mostly_dutch(files) else "en")
    if not files and not allow_empty:
        _fail(say(lang, "empty", paths=_named(paths)))
    changed = refused = 0
    for file in files:
        try:
            outcome = api.format_file(file, write=not (check_only or show_diff), max_size=config.max_file_size)
        except OSError as error:
            outcome = api.Formatted(file, error=f"cannot write: {error.strerror or error}")
        if outcome.error:
            refused += 1
            click.echo(f"{printable(file)}: {printable(outcome.error)}", err=True)
        elif outcome.changed:
            changed += 1
            if show_diff:
                click.echo(outcome.diff, nl=False)
            elif check_only:
                click.echo(say(lang, "would_reformat", path=printable(file)))
            else:
                click.echo(say(lang, "reformatted", path=printable(file)))
    if not (check_only or show_diff):
        unchanged = len(files) - changed - refused
        click.echo(say(lang, "fmt_summary", changed=changed, unchanged=unchanged, refused=refused), err=True)
    sys.exit(1 if refused or ((check_only or show_diff) and changed) else 0)


@main.command()
@click.argument("file", required=False)
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the keywords and comments (default: nl).")
@click.option(
    "--kind", default="procurement", show_default=True, help="procurement, change or policy (or the Dutch words)."
)
@click.option("--id", "identifier", help="The proposal's ID (default: P-<year>-001).")
def init(file, lang, kind, identifier) -> None:
    """Write a commented proposal to start from; never overwrites a file. `-` prints it."""
    from im_lint import api  # the engine, imported by the commands that run it

    lang = lang or _load_config(None).lang or "nl"
    target = file or ("voorstel.voorstel" if lang == "nl" else "proposal.proposal")
    try:
        text = api.init_text(lang, kind, identifier, "-" if target == "-" else target)
    except ValueError as error:
        _fail(str(error))
    if target == "-":
        click.echo(text, nl=False)
        return
    from pathlib import Path

    try:
        with Path(target).open("x", encoding="utf-8") as stream:  # "x": refuses to overwrite
            stream.write(text)
    except FileExistsError:
        _fail(f"{target} already exists; im-lint init never overwrites a file. Name another file.")
    except OSError as error:
        _fail(f"cannot write {target}: {error.strerror or error}")
    click.echo(say(lang, "wrote_init", path=target), err=True)


@main.command()
@click.argument("path")
@click.option(
    "--format", "output_format", type=click.Choice(["mermaid", "dot", "svg"]), default="mermaid", show_default=True
)
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the labels (default: the file's).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
def graph(path, output_format, lang, output) -> None:
    """One proposal's chain, goal to technology, as Mermaid, Graphviz DOT or SVG (the report's diagram)."""
    from im_lint import api  # the engine, imported by the commands that run it
    from im_lint.report import diagram, diagram_text, readings

    try:
        # The language rules, and the ones whose findings the diagram draws (a dropped activity).
        select = ["IM0", *readings.DIAGRAM_RULES]
        result = api.lint_paths([path], keep_proposals=True, overrides={"select": select})
    except api.MissingPath as missing:
        _fail(f"no such file or folder: {missing}")
    except api.ConfigError as error:
        _fail(str(error))
    if len(result.files) != 1:
        _fail(f"{path}: graph draws one proposal; name a single file")
    proposal = result.proposals.get(result.files[0])
    if proposal is None:
        click.echo(_render(result, "text", None, quiet=True), err=True, nl=False)
        _fail(f"{path}: not a proposal im-lint can read")
    lang = lang or result.language()
    dropped = readings.dropped_activities(result.findings)
    if output_format == "svg":
        text = diagram.to_svg(diagram.layout(proposal, lang, dropped))
    else:
        text = (diagram_text.to_mermaid if output_format == "mermaid" else diagram_text.to_dot)(proposal, lang, dropped)
    if output:
        _write_output(output, text)
    else:
        click.echo(text)


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="The report file: .html (one self-contained page), .pdf (printed by Chromium) or .md (Markdown); "
    "- for standard output.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["html", "pdf", "markdown"]),
    help="html, pdf or markdown (default: from the file's extension); needed for - or a name without one, "
    'such as -o "$GITHUB_STEP_SUMMARY".',
)
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the report (default: nl).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option(
    "--fail-on", type=click.Choice(SEVERITIES), help="What stops a proposal from being ready (default: error)."
)
@click.option(
    "--since",
    "since_rev",
    metavar="REV",
    help="Open the report with what changed since this git revision (e.g. the tag of the last meeting's pack).",
)
@click.option(
    "--log",
    "with_log",
    is_flag=True,
    help="Add the decision log: every proposal of the repository by status and meeting, and which replaces which.",
)
@_today_option
@_allow_empty_option
def report(paths, output, report_format, lang, config_path, fail_on, since_rev, with_log, today, allow_empty) -> None:
    """The board report: per proposal a verdict, the findings with why they matter, the chain as a
    diagram and who was asked. Always exit 0 when written; the report itself says what is wrong."""
    from im_lint import api  # the engine, imported by the commands that run it

    report_format = report_format or _report_format(output)
    lang = lang or _load_config(config_path).lang or "nl"
    overrides = {"lang": lang, **({"fail_on": fail_on} if fail_on else {})}  # findings in the report's language
    if today:
        overrides["today"] = today.date()
    try:
        result = api.lint_paths(list(paths) or ["."], config_path=config_path, overrides=overrides, keep_proposals=True)
    except api.MissingPath as missing:
        _fail(f"no such file or folder: {missing}")
    except api.ConfigError as error:
        _fail(str(error))
    if not result.files and not allow_empty:
        _fail(say(lang, "empty", paths=_named(paths)))
    text = _report_text(
        result,
        "html" if report_format == "pdf" else report_format,
        lang,
        paths,
        config_path,
        overrides,
        since_rev,
        with_log,
    )
    if report_format == "pdf":
        _write_pdf(text, output, lang)
    elif output == "-":
        click.echo(text, nl=False)
    else:
        _write_output(output, text)
    if output == "-":
        return
    click.echo(say(lang, "wrote_report", path=output, count=len(result.files)), err=True)


def _report_text(result, report_format, lang, paths, config_path, overrides, since_rev, with_log) -> str:
    """The report, with what changed since a revision and the decision log when asked for: each
    from a run of the same engine and settings as the report's own."""
    if not since_rev and not with_log:
        return _render(result, report_format, lang)
    from im_lint import api, report_runs
    from im_lint.report import Since, render
    from im_lint.revision import RevisionError

    def lint(files, texts):
        return api.lint_paths(files, config_path=config_path, overrides=overrides, keep_proposals=True, texts=texts)

    since = None
    try:
        if since_rev:
            before, day = report_runs.since(since_rev, list(paths), _load_config(config_path), lint)
            since = Since(before, since_rev, day)
        log = report_runs.repository(result, list(paths), _load_config(config_path), lint) if with_log else None
    except RevisionError as error:
        _fail(str(error))
    except api.ConfigError as error:
        _fail(str(error))
    return render(result, report_format, lang, since=since, log=log)


def _report_format(output: str) -> str:
    from pathlib import Path

    suffix = Path(output).suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix == ".pdf":
        return "pdf"
    _fail(
        f"{output}: the report is HTML (.html), PDF (.pdf) or Markdown (.md): name the file with one of those "
        "extensions, or say which with --format html, --format pdf or --format markdown"
    )


def _write_pdf(html: str, output: str, lang: str) -> None:
    """The HTML report printed to PDF by Chromium; exit 2 with how to get Chromium when it is missing."""
    from im_lint.report.pdf import PdfError, render_pdf

    try:
        data = render_pdf(html, lang, warn=lambda text: click.echo(f"im-lint: {text}", err=True))
    except PdfError as error:
        _fail(str(error))
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    _write_output(output, data)


@main.command()
@click.option(
    "--staged",
    is_flag=True,
    help="Only when the commit being made adds, changes, renames or deletes a proposal (the pre-commit hook).",
)
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the messages (default: each file's own).")
def portfolio(staged, lang) -> None:
    """Run the rules across proposals (IM7) on every proposal of this git repository."""
    from pathlib import Path

    from im_lint import api  # the engine, imported by the commands that run it
    from im_lint.staged import NotARepository, staged_proposals, work_tree

    try:
        root = work_tree(Path.cwd())
        if staged and not staged_proposals(root):
            sys.exit(0)
    except NotARepository as error:
        _fail(f"portfolio: {error}")
    overrides = {"select": ["IM7"], **({"lang": lang} if lang else {})}
    try:
        result = api.lint_paths([str(root)], overrides=overrides)
    except api.ConfigError as error:
        _fail(str(error))
    click.echo(_render(result, "text", lang), nl=False)
    sys.exit(1 if result.failed() else 0)


@main.command()
def lsp() -> None:
    """A language server for editors (LSP over standard input and output): findings as you type,
    completion, hover, quick fixes. Needs `pip install 'im-lint[lsp]'`; see docs/editors.md."""
    try:
        from im_lint.lsp.server import serve
    except ImportError as error:  # the extra is not installed
        _fail(f"the language server needs the lsp extra ({error.name} is missing): pip install 'im-lint[lsp]'")
    serve()
    if sys.stdout.closed:  # the server closes standard output when the editor says `exit`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more is written there


from im_lint.cli_catalogue import catalogue  # noqa: E402  (light: click only until a command runs)

main.add_command(catalogue)


def run() -> None:
    """The `im-lint` command: main(), with Ctrl-C and a closed pipe ending quietly, not in a
    traceback. Files are only ever replaced whole (write_atomic), so an interrupted run loses none."""
    try:
        try:
            main.main(standalone_mode=False)  # click's own mode would turn Ctrl-C into "Aborted!", exit 1
        finally:
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not in Python's exit
    except (KeyboardInterrupt, click.exceptions.Abort) as stopped:  # Ctrl-C, SIGTERM, SIGHUP
        # (click has already ended the line that ^C was echoed on when it turned Ctrl-C into Abort)
        newline = "" if isinstance(stopped, click.exceptions.Abort) else "\n"
        click.echo(f"{newline}im-lint: interrupted; no file was left half-written.", err=True)
        sys.exit(getattr(stopped.__cause__ or stopped, "exit_code", 130))  # click wraps it in Abort
    except click.ClickException as error:  # a bad flag or argument: exit 2, as click would
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:  # `im-lint check ... | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's own flush at exit quiet
        sys.exit(1)
    except OSError as error:  # the system's refusal (a full disk, a device), not a bug in im-lint
        if error.filename is None:  # standard output: stop Python's own flush at exit trying again
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        where = error.filename if error.filename is not None else "standard output"
        click.echo(f"im-lint: cannot write to {where}: {describe(error)}", err=True)
        sys.exit(2)
    except Exception as error:  # a bug in im-lint, never the user's doing: one line, and how to report it
        if os.environ.get("IM_LINT_DEBUG"):
            raise
        click.echo(
            f"im-lint: internal error ({type(error).__name__}: {error}). This is a bug in im-lint; "
            "please report it with the file that caused it. IM_LINT_DEBUG=1 shows the details.",
            err=True,
        )
        sys.exit(2)
