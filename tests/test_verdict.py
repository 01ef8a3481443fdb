"""Issue 13: a verdict the board can trust. Each test is one reproduction from the issue."""

from __future__ import annotations

from pathlib import Path

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
    report = build(result, lang)
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


CHANGE = """proposal VO-2026-031 "One timetable for both locations"
kind change
decision-by board
impact board "The board sets the budget for the new timetable program once."
impact teachers "Teachers enter room changes themselves." {
  involved 2026-09-14
  training none "The program is the one they use now; only the second location is new to it."
}
capacity {
  collaboration none "No other school uses this timetable program."
}
need N1 "Which 35 devices each location needs for the timetable screens" {
  data "rooms"
}
impact processes "Fewer."
"""


def test_the_deciding_body_is_not_asked_for_an_involved_date() -> None:
    codes = {(f.code, f.line) for f in api.lint_text(CHANGE)}
    assert ("IM205", 4) not in codes  # the board decides: it is not consulted about its own decision
    school = CHANGE.replace("decision-by board", "decision-by school-management")
    assert ("IM205", 4) in {(f.code, f.line) for f in api.lint_text(school)}


def test_a_generic_device_word_is_no_product_and_training_none_with_a_reason_is_accepted() -> None:
    findings = api.lint_text(CHANGE)
    assert not [f for f in findings if f.code in ("IM103", "IM206", "IM003")], [f.message for f in findings]
    training = api.parse(CHANGE).proposal.impacts[1].training
    assert training.value.none and training.value.text.startswith("The program")


def test_the_vague_impact_message_calls_an_aspect_no_group() -> None:
    message = next(f.message for f in api.lint_text(CHANGE) if f.code == "IM202")
    assert "group" not in message and "processes" in message


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_board_report_says_no_collaboration_not_no_impact(tmp_path, lang) -> None:
    path = tmp_path / "p.proposal"
    path.write_text(CHANGE, encoding="utf-8")
    result = api.lint_paths([str(path)], keep_proposals=True, use_cache=False)
    entry = build(result, lang).entries[0]
    lines = [line for _, items in entry.further for line in items]
    wanted = {
        "nl": "Samenwerking: geen samenwerking (No other school",
        "en": "Collaboration: no collaboration (No other",
    }
    assert any(line.startswith(wanted[lang]) for line in lines), lines
    teachers = next(row for row in entry.stakeholders if row.subject == "teachers")
    assert teachers.training.startswith({"nl": "geen scholing nodig", "en": "no training needed"}[lang])


def test_a_budget_below_the_costs_is_flagged_naming_both() -> None:
    text = 'proposal P-1 "Laptops for the exam room"\nkind procurement\nbudget 6450 EUR\n'
    text += 'technology T1 "Laptops" {\n  cost 64_500 EUR\n}\n'
    found = [f for f in api.lint_text(text) if f.code == "IM604"]
    assert [(f.line, f.severity) for f in found] == [(3, "warning")]
    assert "6450 EUR" in found[0].message and "64500 EUR" in found[0].message


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "github"])
def test_a_file_name_that_is_not_utf8_is_linted_and_shown_escaped(tmp_path, output_format) -> None:
    import os

    from conftest import EXAMPLES

    bad = os.path.join(os.fsencode(tmp_path), b"bad\xffname.proposal")
    with open(bad, "wb") as stream:
        stream.write((EXAMPLES / "ipads.proposal").read_bytes())
    (tmp_path / "good.voorstel").write_bytes((EXAMPLES / "chromebooks.voorstel").read_bytes())
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", output_format, "--no-cache"])
    assert result.exit_code == 1 and "internal error" not in result.output, result.output
    assert "xffname.proposal" in result.output and "IM601" in result.output  # JSON doubles the backslash


def test_a_report_over_a_file_name_that_is_not_utf8(tmp_path) -> None:
    import os

    from conftest import EXAMPLES

    with open(os.path.join(os.fsencode(tmp_path), b"bad\xffname.proposal"), "wb") as stream:
        stream.write((EXAMPLES / "ipads.proposal").read_bytes())
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    result = CliRunner().invoke(main, ["report", str(tmp_path), "-o", str(target)])
    assert result.exit_code in (0, 1) and "internal error" not in result.output, result.output
    assert "bad\\xffname.proposal" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["check"], ["report", "-o", "-", "--format", "markdown"], ["fmt", "--check"]])
def test_paths_without_any_proposal_exit_2_unless_allowed(tmp_path, command) -> None:
    (tmp_path / "notes.txt").write_text("not a proposal", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(main, [*command, str(tmp_path)])
    assert refused.exit_code == 2 and ("no proposal" in refused.output or "geen voorstel" in refused.output)
    assert "--allow-empty" in refused.output
    allowed = runner.invoke(main, [*command, str(tmp_path), "--allow-empty"])
    assert allowed.exit_code == 0, allowed.output


def test_the_tools_own_lines_follow_the_message_language(tmp_path) -> None:
    from conftest import EXAMPLES

    dutch = tmp_path / "p.voorstel"
    dutch.write_text((EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8").replace("\n", "\n\n"))
    runner = CliRunner()
    assert "1 opnieuw opgemaakt, 0 ongewijzigd" in runner.invoke(main, ["fmt", str(dutch)]).output
    report = runner.invoke(main, ["report", str(dutch), "-o", str(tmp_path / "r.html")])
    assert "geschreven (1 voorstel)" in report.output
    english = runner.invoke(main, ["report", str(dutch), "-o", str(tmp_path / "r.md"), "--lang", "en"])
    assert "wrote " in english.output and "(1 proposal)" in english.output
    assert "geschreven: vervang elke TODO" in runner.invoke(main, ["init", str(tmp_path / "n.voorstel")]).output


def test_ignore_file_all_suppresses_every_rule_that_can_be_suppressed() -> None:
    text = 'proposal P-1 "Laptops for the exam room"\n# im-lint: ignore-file ALL -- kept for the record\n'
    assert api.lint_text(text + "kind procurement\n") == []
    broken = api.lint_text(text + 'kind procurement\nactivty A1 "x y z"\n')
    assert [f.code for f in broken] == ["IM002"]  # a language error is never suppressed
    nothing = api.lint_text(
        'proposal P-1 "Headsets"\nkind policy\n# im-lint: ignore ALL -- no finding here\nrisk "The supplier may stop."\n'
    )
    assert [(f.code, f.line) for f in nothing] == [("IM008", 3)]


@pytest.mark.parametrize("cache", [False, True])
def test_ignore_file_all_holds_when_a_portfolio_rule_finishes_the_file_again(tmp_path, cache) -> None:
    # IM701 is found across files, so the file's findings are finished again from its stored
    # record: the `ALL` waiver must come through that record (and the cache) too.
    (tmp_path / "old.proposal").write_text(
        '# im-lint: ignore-file ALL -- kept for the record\nproposal P-1 "Old"\nkind procurement\n', encoding="utf-8"
    )
    (tmp_path / "new.proposal").write_text('proposal P-1 "New"\nkind policy\n', encoding="utf-8")
    for _ in range(2 if cache else 1):
        result = api.lint_paths([str(tmp_path)], use_cache=cache, cache_dir=str(tmp_path / "cache"))
        assert [(Path(f.path).name, f.code) for f in result.findings] == [("new.proposal", "IM701")]


def test_dates_that_cannot_be_true_are_measured_against_the_runs_date(tmp_path) -> None:
    text = (
        'proposal VO-2026-160 "One timetable for both locations"\nkind change\nstatus submitted\n'
        "meeting 2026-10-12\n"
        'impact teachers "Teachers enter room changes themselves." {\n  involved 2026-10-01\n}\n'
        "privacy {\n  dpo-consulted 2026-10-20\n}\n"
    )
    (tmp_path / "p.proposal").write_text(text, encoding="utf-8")

    def found(today: str) -> set:
        result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "--today", today])
        import json

        return {(f["code"], f["line"]) for f in json.loads(result.output)["findings"]} & {
            ("IM207", 6),
            ("IM507", 9),
            ("IM306", 4),
        }

    assert found("2026-09-20") == {("IM207", 6), ("IM507", 9)}  # involved in the future; the DPO after the meeting
    assert found("2026-11-01") == {("IM507", 9), ("IM306", 4)}  # the meeting has passed
