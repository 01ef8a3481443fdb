"""A baseline hides today's findings through edits elsewhere and moved blocks; a new one shows."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from im_lint.cli import main

PROPOSAL = """proposal P-1 "Laptops"
kind procurement
decision-by board

goal G1 "Students practise at their own level" {
  strategy "School plan, ambition 1"
}

process PR1 "Giving lessons" {
  owner school-management
}

process PR2 "Enrolment" {
  owner school-management
  executor ict
}
"""


def check(path: Path, *flags: str):
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--lang", "en", *flags])
    return result, [(f["code"], f["line"]) for f in json.loads(result.output)["findings"]]


def test_baseline_survives_edits_and_moves_and_shows_a_new_instance(tmp_path: Path) -> None:
    proposal, baseline = tmp_path / "p.proposal", tmp_path / "baseline.json"
    proposal.write_text(PROPOSAL, encoding="utf-8")
    _, before = check(proposal, "--write-baseline", str(baseline))
    assert ("IM305", 9) in before  # PR1 has an owner but no executor
    result, after = check(proposal, "--baseline", str(baseline))
    assert after == [] and result.exit_code == 0

    # A comment at the top, and PR1's block moved below PR2: every line number changes.
    moved = (
        "# Reviewed by the information manager\n"
        + PROPOSAL.replace('process PR1 "Giving lessons" {\n  owner school-management\n}\n\n', "")
        + ('\nprocess PR1 "Giving lessons" {\n  owner school-management\n}\n')
    )
    proposal.write_text(moved, encoding="utf-8")
    _, after = check(proposal, "--baseline", str(baseline))
    assert after == []

    # A second instance of the same problem is new, and shows.
    proposal.write_text(moved + '\nprocess PR3 "Reporting" {\n  owner board\n}\n', encoding="utf-8")
    result, after = check(proposal, "--baseline", str(baseline))
    assert [code for code, _ in after] == ["IM305"] and result.exit_code == 0  # IM305 is info


def test_baseline_is_language_independent(tmp_path: Path) -> None:
    proposal, baseline = tmp_path / "p.proposal", tmp_path / "baseline.json"
    proposal.write_text(PROPOSAL, encoding="utf-8")
    CliRunner().invoke(main, ["check", str(proposal), "--lang", "nl", "--write-baseline", str(baseline)])
    _, after = check(proposal, "--baseline", str(baseline))
    assert after == []


def test_a_bad_baseline_file_is_exit_two(tmp_path: Path) -> None:
    proposal, baseline = tmp_path / "p.proposal", tmp_path / "baseline.json"
    proposal.write_text(PROPOSAL, encoding="utf-8")
    baseline.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(proposal), "--baseline", str(baseline)])
    assert result.exit_code == 2 and "baseline" in result.output and "Traceback" not in result.output
