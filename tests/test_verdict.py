"""Issue 13: a verdict the board can trust. Each test is one reproduction from the issue."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from im_lint import api
from im_lint.cli import main
from im_lint.report import build

KINDS = ["procurement", "change", "policy"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_an_unfilled_template_fails_check_and_is_never_ready(tmp_path, lang: str, kind: str) -> None:
    target = tmp_path / ("x.voorstel" if lang == "nl" else "x.proposal")
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(target), "--lang", lang, "--kind", kind]).exit_code == 0
    checked = runner.invoke(main, ["check", str(target)])
    assert checked.exit_code == 1, checked.output
    assert "IM009" in checked.output
    result = api.lint_paths([str(target)], keep_proposals=True, use_cache=False)
    report = build(result, api.engine(), lang)
    assert not report.entries[0].verdict.ready


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_init_fills_in_no_dates(lang: str) -> None:
    import re

    text = api.init_text(lang, "procurement")
    written = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in written if re.search(r"\d{4}-\d{2}-\d{2}", line)]
    proposal = api.parse(text).proposal
    assert proposal.meeting is None and all(impact.involved is None for impact in proposal.impacts)


def test_a_brace_on_its_own_line_keeps_the_block_of_the_statement_above() -> None:
    text = (
        'proposal VO-2026-017 "Phones in the locker during lessons"\n'
        "kind policy\n"
        'goal G1 "Students concentrate better in lessons"\n'
        "{\n"
        '  strategy "School plan 2027-2031, ambition 2"\n'
        "  owner school-management\n"
        "}\n"
        'activity A1 "Hand in phones at the start of the school day" {\n'
        "  serves G1\n"
        "}\n"
    )
    goal = api.parse(text).proposal.goals[0]
    assert goal.strategy.value == "School plan 2027-2031, ambition 2" and goal.owner.value.id == "school-management"
    assert [(f.code, f.line) for f in api.lint_text(text)] == [("IM001", 4)]


def test_a_typo_in_an_element_keyword_is_the_one_finding() -> None:
    text = (
        'proposal VO-2026-017 "Phones in the locker during lessons"\n'
        "kind policy\n"
        'goal G1 "Students concentrate better in lessons" {\n'
        '  strategy "School plan 2027-2031, ambition 2"\n'
        "  owner school-management\n"
        "}\n"
        'activty A1 "Hand in phones at the start of the school day" {\n'
        "  serves G1\n"
        "}\n"
        'need N1 "Which phones were handed in" {\n'
        "  for A1\n"
        "}\n"
        'provision P1 "A list per class of the phones handed in" {\n'
        "  meets N1\n"
        "}\n"
        'activity A3 "Give the phones back" {\n'
        "  serves G1\n"
        "}\n"
    )
    found = [(f.code, f.line) for f in api.lint_text(text) if f.severity != "info"]
    assert found == [("IM002", 7)], found
