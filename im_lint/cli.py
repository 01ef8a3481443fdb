"""The command line: thin click commands over `im_lint.api`."""

from __future__ import annotations

import os
import sys

import click

from im_lint import __version__, api
from im_lint.config import ConfigError

FORMATS = ["text", "json"]
SEVERITIES = ["error", "warning", "info"]


def _fail(message: str) -> None:
    click.echo(f"im-lint: {message}", err=True)
    sys.exit(2)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="im-lint")
def main() -> None:
    """im-lint: find the known mistakes in a school's ICT decision proposal before the board meets."""


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of standard output.")
@click.option("--select", multiple=True, help="Rules to run: codes, names or prefixes (IM2), comma-separated.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selected ones.")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the messages (default: each file's own).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails the run (default: error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache.")
@click.option("--quiet", "-q", is_flag=True, help="Only the findings, no summary.")
@click.option("--statistics", is_flag=True, help="Add a count per rule.")
def check(paths, output_format, output, select, ignore, extend_select, lang, config_path, fail_on, exit_zero,
          no_cache, quiet, statistics) -> None:
    """Lint proposals: files, folders (every *.proposal and *.voorstel below), or - for standard input."""
    if not paths:
        paths = (".",)
    overrides = {}
    if select:
        overrides["select"] = _split(select)
    if ignore:
        overrides["ignore"] = _split(ignore)
    if extend_select:
        overrides["extend_select"] = _split(extend_select)
    if lang:
        overrides["lang"] = lang
    if fail_on:
        overrides["fail_on"] = fail_on
    try:
        result = api.lint_paths(list(paths), config_path=config_path, overrides=overrides)
    except api.MissingPath as missing:
        _fail(f"no such file or folder: {missing}")
    except ConfigError as error:
        _fail(str(error))
    if output_format == "json":
        from im_lint.output import json as json_output

        text = json_output.write(result)
    else:
        from im_lint.output import text as text_output

        colour = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = text_output.write(result, colour=colour, lang=lang, quiet=quiet, statistics=statistics)
    if output:
        from im_lint.atomic import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(0 if exit_zero or not result.failed() else 1)
