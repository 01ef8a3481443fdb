"""The run -> the world. Every format is a writer with one signature:

    write(run: RunResult, options: OutputOptions) -> str

A writer reads only the run (findings with their args, the rules' metadata, the models when the
run kept them) and the options; it never needs an engine and never decides what a rule concludes.
Other distributions add formats through the `im_lint.outputs` entry point group
(`name = package.module:write`); a built-in name cannot be taken over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from im_lint.findings import RunResult  # noqa: F401

OUTPUTS_GROUP = "im_lint.outputs"
BUILTIN = {
    "text": "im_lint.output.text:write",
    "json": "im_lint.output.json:write",
    "sarif": "im_lint.output.sarif:write",
    "junit": "im_lint.output.junit:write",
    "github": "im_lint.output.github:write",
    "gitlab": "im_lint.output.gitlab:write",
    "markdown": "im_lint.report:write_markdown",
    "html": "im_lint.report:write_html",
}


@dataclass(frozen=True)
class OutputOptions:
    """How to write a run: what the command line's flags say, nothing about the rules."""

    lang: str | None = None  # None: each file's own language (text), else the run's configured one
    root: Path = field(default_factory=Path.cwd)  # paths in SARIF and GitHub annotations are relative to it
    colour: bool = False
    quiet: bool = False
    statistics: bool = False
    fail_on: str | None = None  # None: the run's own
    show_suppressed: bool = False  # text and JSON: also the findings a suppression comment waives


def counts(finding, run: RunResult, options: OutputOptions) -> bool:
    """The one rule every format follows: does this finding affect the exit code? (Not when it is
    below fail-on, in a decided or withdrawn proposal, or waived.) What does not is a notice."""
    return counts_data(finding.__dict__, options.fail_on or run.fail_on)


def counts_data(item: dict, fail_on: str) -> bool:
    """`counts` for a finding as plain data (the JSON and SARIF writers', which make no Finding)."""
    from im_lint.findings import SEVERITY_ORDER

    below = SEVERITY_ORDER[item["severity"]] < SEVERITY_ORDER[fail_on]
    return bool(item["affects_exit"]) and item["suppressed"] is None and not below


Writer = Callable[["RunResult", OutputOptions], str]


class UnknownFormat(ValueError):
    pass


def _load(reference: str) -> Writer:
    from importlib import import_module

    module, _, name = reference.partition(":")
    return getattr(import_module(module), name or "write")


def installed() -> dict[str, object]:
    """The formats other distributions register (their entry points, not yet loaded)."""
    from importlib.metadata import entry_points  # only when a format is not built in

    return {entry.name: entry for entry in entry_points(group=OUTPUTS_GROUP) if entry.name not in BUILTIN}


def writer(name: str) -> Writer:
    """The writer of a format: built in, else an installed entry point; UnknownFormat otherwise."""
    if name in BUILTIN:
        return _load(BUILTIN[name])
    found = installed()
    if name in found:
        return found[name].load()
    known = [*BUILTIN, *found]
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f"did you mean `{close[0]}`? " if close else ""
    raise UnknownFormat(f"no output format `{name}`; {hint}there are: {', '.join(known)}")


def pieces(name: str) -> Callable | None:
    """A built-in format's `chunks(run, options)`, where it has one: its writer's text (str) or
    bytes in pieces, as they are made, so that a large run's output is never held whole."""
    if name not in BUILTIN:
        return None
    from importlib import import_module

    return getattr(import_module(BUILTIN[name].partition(":")[0]), "chunks", None)


def write(run: RunResult, name: str, options: OutputOptions | None = None) -> str:
    return writer(name)(run, options or OutputOptions())
