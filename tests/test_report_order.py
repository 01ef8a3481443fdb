"""The meeting pack's order per proposal, and the waiver register ("Afwijkingen met reden")."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES

from im_lint import api
from im_lint.report import render

CHROMEBOOKS = (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")
REASON = "De leraren zijn in de teamvergadering gehoord"

# The parts of one proposal, as the board reads them: what is asked first, the verdict after the
# participation status, the chain and the table last.
ORDER = {
    ("html", "nl"): [
        "Voorgesteld besluit",
        "<h3>Medezeggenschap (WMS)</h3>",
        'class="verdict',
        "<h3>Bevindingen</h3>",
        "<h3>Afwijkingen met reden</h3>",
        "<h3>De keten: van doel naar technologie</h3>",
        "<h3>Belanghebbenden</h3>",
    ],
    ("html", "en"): [
        "Proposed decision",
        "<h3>Participation council (WMS)</h3>",
        'class="verdict',
        "<h3>Findings</h3>",
        "<h3>Waivers with their reasons</h3>",
        "<h3>The chain: from goal to technology</h3>",
        "<h3>Stakeholders</h3>",
    ],
    ("markdown", "nl"): [
        "| Voorgesteld besluit |",
        "### Medezeggenschap (WMS)",
        "> **",
        "### Bevindingen",
        "### Afwijkingen met reden",
        "### De keten: van doel naar technologie",
        "### Belanghebbenden",
    ],
    ("markdown", "en"): [
        "| Proposed decision |",
        "### Participation council (WMS)",
        "> **",
        "### Findings",
        "### Waivers with their reasons",
        "### The chain: from goal to technology",
        "### Stakeholders",
    ],
}


def _waived_teachers(tmp_path: Path) -> Path:
    """The Chromebooks example without its teachers' impact, and that IM201 waived with a reason:
    the only error of the proposal."""
    text = CHROMEBOOKS.replace(
        'impact leraren "Zelfde oefenprogramma; inloggen gaat voortaan met de schoolaccount." {\n'
        "  betrokken 2026-10-05\n"
        '  scholing "Een teamvergadering over beheer en inloggen"\n'
        "}\n",
        "",
    )
    assert text != CHROMEBOOKS
    text = text.replace("voorstel PO-2027-002", f"# im-lint: ignore IM201 -- {REASON}\nvoorstel PO-2027-002")
    path = tmp_path / "chromebooks.voorstel"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("fmt", "lang"), list(ORDER))
def test_each_proposal_shows_its_parts_in_the_boards_order(tmp_path, fmt, lang) -> None:
    path = _waived_teachers(tmp_path)
    text = render(api.lint_paths([str(path)], keep_proposals=True, overrides={"lang": lang}), fmt, lang=lang)
    positions = [text.find(marker) for marker in ORDER[fmt, lang]]
    assert -1 not in positions, [m for m, p in zip(ORDER[fmt, lang], positions) if p == -1]
    assert positions == sorted(positions), list(zip(ORDER[fmt, lang], positions))


def test_a_waived_error_is_in_the_register_with_its_reason_and_the_verdict_says_so(tmp_path) -> None:
    path = _waived_teachers(tmp_path)
    result = api.lint_paths([str(path)], keep_proposals=True, overrides={"lang": "nl"})
    assert [f.code for f in result.suppressed] == ["IM201"] and not result.failed()  # the run: waived, exit 0
    html = render(result, "html", lang="nl")
    verdict = html[html.index('class="verdict') : html.index("<h3>Bevindingen</h3>")]
    assert "Klaar voor de vergadering, met afwijkingen" in verdict  # never a plain "ready"
    assert "Met reden afgeweken: 1 fout" in verdict and "niet klaar zijn" in verdict
    register = html[html.index("<h3>Afwijkingen met reden</h3>") : html.index('class="card chain"')]
    assert REASON in register
    assert "Niet beschreven wat dit voor leraren betekent" in register  # the board wording, with its args
    assert "regel 3" in register and "uitzondering op regel 2" in register
    assert "impact" not in register.lower() and "`" not in register  # no proposal syntax
    findings = html[html.index("<h3>Bevindingen</h3>") : html.index("<h3>Afwijkingen met reden</h3>")]
    assert "IM201" not in findings  # waived: in the register, not among the findings


def test_the_english_register_and_the_overview_pill(tmp_path) -> None:
    path = _waived_teachers(tmp_path)
    other = tmp_path / "ipads.proposal"
    other.write_text((EXAMPLES / "ipads.proposal").read_text(encoding="utf-8"), encoding="utf-8")
    result = api.lint_paths([str(path), str(other)], keep_proposals=True, overrides={"lang": "en"})
    markdown = render(result, "markdown", lang="en")
    overview = markdown.split("## Overview", 1)[1].split("\n## ", 1)[0]
    assert "Ready (1 waived)" in overview
    register = markdown.split("### Waivers with their reasons", 1)[1].split("\n### ", 1)[0]
    assert REASON in register and "| Error |" in register and "whole proposal" not in register
    ipads = markdown.split("## VO-2020-011", 1)[1]
    assert "No waivers: the proposal sets no finding aside." in ipads.split("### Waivers with their reasons", 1)[1]


def test_a_whole_file_waiver_without_a_reason_is_shown_as_such(tmp_path) -> None:
    path = _waived_teachers(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            f"# im-lint: ignore IM201 -- {REASON}", "# im-lint: ignore-file IM201"
        ),
        encoding="utf-8",
    )
    result = api.lint_paths([str(path)], keep_proposals=True, overrides={"lang": "nl"})
    html = render(result, "html", lang="nl")
    register = html[html.index("<h3>Afwijkingen met reden</h3>") : html.index('class="card chain"')]
    assert "geen reden gegeven" in register and "hele voorstel" in register
    assert "IM007" in html  # the missing reason is itself a finding
