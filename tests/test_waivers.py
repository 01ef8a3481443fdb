"""Waivers on record: a suppressed finding is kept with the reason its comment gives (for
--show-suppressed, SARIF and the board's register), never fails the run; `--no-suppress` audits."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint import api
from im_lint.cli import main

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")
REASON = "the board decided this in 2020 without asking"


def _waived(tmp_path: Path) -> Path:
    lines = IPADS.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("proposal "))
    lines.insert(index, f"# im-lint: ignore IM201 -- {REASON}\n")
    path = tmp_path / "ipads.proposal"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_a_suppressed_finding_is_kept_with_its_reason_and_line(tmp_path: Path) -> None:
    path = _waived(tmp_path)
    for use_cache in (False, True, True):  # the same from a fresh run and from the cache
        result = api.lint_paths([str(path)], use_cache=use_cache)
        assert "IM201" not in {f.code for f in result.findings}
        waived = [f for f in result.suppressed if f.code == "IM201"]
        assert waived and all(f.suppressed["reason"] == REASON for f in waived)
        assert all(f.suppressed["line"] == 2 and not f.affects_exit for f in waived)


def test_an_audit_run_reports_what_the_comments_waive(tmp_path: Path) -> None:
    path = _waived(tmp_path)
    result = CliRunner().invoke(main, ["check", str(path), "--no-suppress", "--format", "json"])
    codes = [f["code"] for f in json.loads(result.output)["findings"]]
    assert "IM201" in codes and "IM008" not in codes  # the comment is not "unused" in an audit
    assert all("suppressed" not in f for f in json.loads(result.output)["findings"])
    plain = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert "IM201" not in [f["code"] for f in json.loads(plain.output)["findings"]]


def test_waivers_are_on_record_in_sarif_text_and_json(tmp_path: Path) -> None:
    path = _waived(tmp_path)
    sarif = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "sarif"]).output)
    waived = [r for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert waived and all(r["suppressions"] == [{"kind": "inSource", "justification": REASON}] for r in waived)
    assert all(r["ruleId"] == "IM201" and r["level"] == "note" for r in waived)
    text = CliRunner().invoke(main, ["check", str(path), "--show-suppressed"]).output
    assert "suppressed IM201" in text and f"(waived on line 2: {REASON})" in text
    assert "suppressed IM201" not in CliRunner().invoke(main, ["check", str(path)]).output
    document = json.loads(
        CliRunner().invoke(main, ["check", str(path), "--format", "json", "--show-suppressed"]).output
    )
    assert document["suppressed"] and all(f["suppressed"]["reason"] == REASON for f in document["suppressed"])
    assert "suppressed" not in json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json"]).output)


def test_baselined_results_carry_their_baseline_state(tmp_path: Path) -> None:
    path = tmp_path / "ipads.proposal"
    path.write_text(IPADS, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    CliRunner().invoke(main, ["check", str(path), "--write-baseline", str(baseline)])
    path.write_text(IPADS + 'risk "A new risk nobody wrote down before"\n', encoding="utf-8")
    sarif = json.loads(
        CliRunner().invoke(main, ["check", str(path), "--baseline", str(baseline), "--format", "sarif"]).output
    )
    states = [r["baselineState"] for r in sarif["runs"][0]["results"]]
    assert "unchanged" in states and set(states) <= {"new", "unchanged"}
