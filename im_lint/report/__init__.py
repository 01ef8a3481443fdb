"""The board report: one self-contained HTML page or one GitHub-flavoured Markdown document.

    from im_lint import api
    from im_lint.report import render
    result = api.lint_paths(["proposals/"], keep_proposals=True)
    html = render(result, api.engine(), "html")            # Dutch by default
    text = render(result, api.engine(), "markdown", lang="en")

For each proposal: its header (ID, title, meeting, budget, who submits, who decides), a verdict at a
glance, the findings by severity with each rule's reason in plain words, the chain from goal to
technology as a diagram, and the stakeholder coverage as a table; with several files, an overview
first. Files that are no proposal (IM006) appear in the overview with their finding.

The diagram's layout is ours (`im_lint.report.diagram`), shared with `im-lint graph`.
"""

from __future__ import annotations

from typing import Literal

from im_lint.engine.run import Engine
from im_lint.findings import RunResult
from im_lint.report.build import Report, build
from im_lint.report.render import CSP, render_report

__all__ = ["CSP", "Report", "build", "render"]


def render(
    result: RunResult,
    engine: Engine,
    fmt: Literal["html", "markdown"],
    lang: Literal["nl", "en"] = "nl",
    fail_on: str = "error",
) -> str:
    """The board report of a run, as `html` or `markdown` text, in `lang`.

    `result` should come from `api.lint_paths(..., keep_proposals=True)`: without the proposals'
    models, every file is shown with its findings only. A proposal is *ready for the meeting* when
    none of its findings at or above `fail_on` counts for the exit code."""
    if fmt not in ("html", "markdown"):
        raise ValueError(f"no report format {fmt!r}; there are: html, markdown")
    if lang not in ("nl", "en"):
        raise ValueError(f"no report language {lang!r}; there are: nl, en")
    if fail_on not in ("error", "warning", "info"):
        raise ValueError(f"no severity {fail_on!r}; there are: error, warning, info")
    return render_report(build(result, engine, lang, fail_on), fmt)
