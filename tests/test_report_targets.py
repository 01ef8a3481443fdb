"""`report -o -` writes to standard output, `--format` names the format for a file without an
extension (GitHub's step summary), and a name im-lint cannot tell the format of is a clear error."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint.cli import main

IPADS = str(EXAMPLES / "ipads.proposal")


def test_report_to_standard_output_in_markdown() -> None:
    result = CliRunner().invoke(main, ["report", IPADS, "-o", "-", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# ") and "VO-2020-011" in result.stdout and "<html" not in result.stdout


def test_report_to_standard_output_defaults_to_asking_for_a_format() -> None:
    result = CliRunner().invoke(main, ["report", IPADS, "-o", "-"])
    assert result.exit_code == 2 and "--format" in result.output


def test_a_file_without_an_extension_takes_the_format_given(tmp_path: Path) -> None:
    summary = tmp_path / "step_summary_1234"
    result = CliRunner().invoke(main, ["report", IPADS, "-o", str(summary), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert summary.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    result = CliRunner().invoke(main, ["report", IPADS, "-o", str(tmp_path / "no-extension")])
    assert result.exit_code == 2 and "--format html, --format pdf or --format markdown" in result.output
