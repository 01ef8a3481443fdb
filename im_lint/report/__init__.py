"""The board report: one self-contained HTML page or one GitHub-flavoured Markdown document.

    from im_lint import api
    from im_lint.report import render
    result = api.lint_paths(["proposals/"], keep_proposals=True)
    html = render(result, "html")            # Dutch by default
    text = render(result, "markdown", lang="en")

For each proposal: its header (ID, title, meeting, budget, who submits, who decides), a verdict at a
glance, the findings by severity with each rule's reason in plain words, the chain from goal to
technology as a diagram, and the stakeholder coverage as a table; with several files, an overview
first. Files that are no proposal (IM006) appear in the overview with their finding. Everything
comes from the run: its findings (with their args), its rules' metadata and the proposals' models.

The diagram's layout is ours (`im_lint.report.diagram`), shared with `im-lint graph`.
"""

from __future__ import annotations

from typing import Literal

from im_lint.findings import RunResult
from im_lint.output import OutputOptions
from im_lint.report.build import Report, build
from im_lint.report.changes import Since
from im_lint.report.render import CSP, render_report

__all__ = ["CSP", "Report", "Since", "build", "render", "write_html", "write_markdown"]


def render(
    result: RunResult,
    fmt: Literal["html", "markdown"],
    lang: Literal["nl", "en"] = "nl",
    fail_on: str | None = None,
    since: Since | None = None,
    log: RunResult | None = None,
) -> str:
    """The board report of a run, as `html` or `markdown` text, in `lang`.

    `result` should come from `api.lint_paths(..., keep_proposals=True)`: without the proposals'
    models, every file is shown with its findings only. A proposal is *ready for the meeting* when
    none of its findings at or above `fail_on` (default: the run's) counts for the exit code.
    `since` (a `Since` with the run of the proposals at an earlier revision) opens the report with
    what changed; `log` (a run over the whole repository, with its models) adds the decision log."""
    fail_on = fail_on or result.fail_on
    if fmt not in ("html", "markdown"):
        raise ValueError(f"no report format {fmt!r}; there are: html, markdown")
    if lang not in ("nl", "en"):
        raise ValueError(f"no report language {lang!r}; there are: nl, en")
    if fail_on not in ("error", "warning", "info"):
        raise ValueError(f"no severity {fail_on!r}; there are: error, warning, info")
    return render_report(build(result, lang, fail_on, since, log), fmt)


def _lang(result: RunResult, options: OutputOptions | None) -> str:
    return (options.lang if options else None) or result.lang or "nl"  # the board reads Dutch unless asked


def write_html(result: RunResult, options: OutputOptions | None = None) -> str:
    return render(result, "html", _lang(result, options), options.fail_on if options else None)


def write_markdown(result: RunResult, options: OutputOptions | None = None) -> str:
    return render(result, "markdown", _lang(result, options), options.fail_on if options else None)


write_html.needs_proposals = write_markdown.needs_proposals = True  # the run must keep the models
