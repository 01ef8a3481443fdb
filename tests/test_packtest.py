"""`im-lint test-pack`: a pack's documented examples and fixture files run as tests, with a report
per rule; a wrong example is reported and fails the run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint.cli import main

PACK = EXAMPLES / "policies" / "pack"


def _invoke(*args: str):
    return CliRunner().invoke(main, ["test-pack", *args])


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(PACK, copy)
    return copy


def _edit(pack: Path, old: str, new: str) -> None:
    path = pack / "board-policies.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_example_policies_pass() -> None:
    result = _invoke(str(PACK))
    assert result.exit_code == 0, result.output
    assert "LND001 large-procurement-without-exit-or-board: ok (8 examples run)" in result.output
    assert "LND002 teacher-change-without-mr: ok (7 examples run)" in result.output


def test_the_builtin_pack_passes() -> None:
    result = _invoke()
    assert result.exit_code == 0, result.output
    assert "IM201 missing-stakeholder-impact: ok (4 examples run)" in result.output
    assert "every example gives what it says" in result.output


def test_a_wrong_fail_example_is_reported(pack: Path) -> None:
    # The English fail example made to pass: it no longer shows what the rule flags.
    _edit(
        pack,
        "decision-by school-management\n          budget 85000 EUR\n",
        "decision-by board\n          budget 100 EUR\n",
    )
    result = _invoke(str(pack))
    assert result.exit_code == 1, result.output
    assert "LND001 large-procurement-without-exit-or-board: FAILED" in result.output
    assert "  docs.en.fail: expected LND001, got " in result.output
    assert "docs.nl.fail" not in result.output and "LND002 teacher-change-without-mr: ok" in result.output
    assert "1 failed." in result.output


def test_a_wrong_pass_example_is_reported(pack: Path) -> None:
    _edit(pack, 'exit "Gegevens exporteren', 'risk "Gegevens exporteren')
    result = _invoke(str(pack))
    assert result.exit_code == 1, result.output
    assert "  docs.nl.pass: expected no LND001, got it at line 1" in result.output


def test_a_wrong_fixture_case_is_reported(pack: Path) -> None:
    path = pack / "fixtures" / "LND001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("budget 50000 EUR", "budget 50001 EUR"), encoding="utf-8")
    result = _invoke(str(pack))
    assert result.exit_code == 1, result.output
    assert "  fixture 3: exactly EUR 50,000 is not above it: expected [], got [('LND001', 1)]" in result.output


def test_an_organisation_rule_without_board_wording_is_a_warning(pack: Path) -> None:
    text = (pack / "board-policies.yaml").read_text(encoding="utf-8")
    start = text.index("    board:", text.index("code: LND002"))
    end = text.index("\n", text.index("      nl:", start)) + 1
    (pack / "board-policies.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    result = _invoke(str(pack))
    assert result.exit_code == 0, result.output
    assert "  warning: no `board` wording (the board report falls back to the summary)" in result.output


def test_a_pack_that_does_not_load_is_a_located_error(pack: Path) -> None:
    _edit(pack, "{missing: exit}", "{missing: exitt}")
    result = _invoke(str(pack))
    assert result.exit_code == 2
    assert "board-policies.yaml:" in result.output and "did you mean `exit`" in result.output
    assert _invoke(str(pack / "nothing-here")).exit_code == 2
