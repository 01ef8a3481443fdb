"""`im-lint check` as a user runs it: exit codes, formats, languages, bad input never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint.cli import main

CLEAN = (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")
IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_clean_proposal_exits_zero_with_a_summary() -> None:
    result = run("check", str(EXAMPLES / "chromebooks.voorstel"))
    assert result.exit_code == 0
    assert "Geen bevindingen" in result.output or "suggestie" in result.output


def test_findings_exit_one_with_path_line_column_code_and_name() -> None:
    result = run("check", str(EXAMPLES / "ipads.proposal"))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    path, line, column, rest = first.split(":", 3)
    assert path.endswith("ipads.proposal") and line.isdigit() and column.isdigit()
    severity, code = rest.split()[:2]
    assert severity in ("error", "warning", "info") and code.startswith("IM") and rest.rstrip().endswith("]")


def test_standard_input_and_language_flag() -> None:
    english = run("check", "-", "--lang", "en", input=IPADS)
    dutch = run("check", "-", "--lang", "nl", input=IPADS)
    assert english.exit_code == dutch.exit_code == 1
    assert english.output.startswith("-:")
    assert english.output != dutch.output
    assert "Found" in english.output and "gevonden" in dutch.output


def test_messages_default_to_the_language_the_file_uses() -> None:
    dutch_file = 'voorstel P-1 "Devices"\nsoort aanschaf\nvergadering 08-12-2026\n'
    result = run("check", "-", input=dutch_file)
    assert "Schrijf" in result.output or "schrijf" in result.output


# Its only finding is a warning (IM106): the default `--fail-on error` passes it, `warning` does not.
WARNING_ONLY = (
    'proposal VO-2026-085 "Retention periods"\nkind policy\nneed N1 "The office knows how long a file is kept"\n'
)


def test_fail_on_and_exit_zero() -> None:
    def exit_code(text: str, *flags: str) -> int:
        return run("check", "-", *flags, input=text).exit_code

    shown = run("check", "-", input=WARNING_ONLY).output
    assert "-:3:1: warning IM106 " in shown and "Found 1 warning in 1 file." in shown
    assert exit_code(WARNING_ONLY) == 0
    assert exit_code(WARNING_ONLY, "--fail-on", "error") == 0
    assert exit_code(WARNING_ONLY, "--fail-on", "warning") == 1
    assert exit_code(WARNING_ONLY, "--fail-on", "info") == 1
    assert exit_code(WARNING_ONLY, "--fail-on", "warning", "--exit-zero") == 0
    # CLEAN has a suggestion (info) and nothing else: only `--fail-on info` fails it.
    assert "info IM901" in run("check", "-", input=CLEAN).output
    assert (exit_code(CLEAN, "--fail-on", "warning"), exit_code(CLEAN, "--fail-on", "info")) == (0, 1)
    assert (exit_code(IPADS), exit_code(IPADS, "--exit-zero")) == (1, 0)


def test_json_output_has_the_documented_shape(tmp_path: Path) -> None:
    out = tmp_path / "findings.json"
    result = run(
        "check",
        str(EXAMPLES / "chromebooks.voorstel"),
        str(EXAMPLES / "ipads.proposal"),
        "--format",
        "json",
        "--output",
        str(out),
    )
    assert result.exit_code == 1 and result.output == ""
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["tool"]["name"] == "im-lint"
    assert sorted(Path(f).name for f in document["files"]) == ["chromebooks.voorstel", "ipads.proposal"]
    finding = document["findings"][0]
    for key in (
        "path",
        "proposal_id",
        "code",
        "name",
        "category",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "fingerprint",
    ):
        assert key in finding
    assert document["counts"]["total"] == len(document["findings"])
    assert sum(document["counts"]["by_code"].values()) == len(document["findings"])


def test_missing_path_is_exit_two_with_one_clear_line() -> None:
    result = CliRunner().invoke(main, ["check", "does-not-exist.proposal"])
    assert result.exit_code == 2
    assert "does-not-exist.proposal" in result.output and "Traceback" not in result.output


def test_bad_flag_is_exit_two() -> None:
    result = CliRunner().invoke(main, ["check", "--format", "pdf"])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "variant_words"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "UTF-8"),
        (b"# only a comment\n", "proposal"),
        (b"kind procurement\n", "proposal"),
    ],
)
def test_unreadable_files_get_one_im006(tmp_path: Path, content: bytes, variant_words: str) -> None:
    path = tmp_path / "bad.proposal"
    path.write_bytes(content)
    result = run("check", str(path), "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    assert [f["code"] for f in findings] == ["IM006"]
    assert variant_words.lower() in findings[0]["message"].lower()


def test_folder_lints_both_suffixes_and_skips_others(tmp_path: Path) -> None:
    (tmp_path / "a.proposal").write_text(IPADS, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.voorstel").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a proposal", encoding="utf-8")
    result = run("check", str(tmp_path), "--format", "json")
    files = json.loads(result.output)["files"]
    assert sorted(Path(f).name for f in files) == ["a.proposal", "b.voorstel"]


def test_the_installed_command_runs_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.proposal"
    broken.write_text('proposal P "unterminated\nkind procurement\n}\n', encoding="utf-8")
    command = [sys.executable, "-m", "im_lint", "check", str(broken)]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert "IM001" in completed.stdout


def test_an_internal_error_is_one_line_not_a_traceback(tmp_path: Path, monkeypatch, capsys) -> None:
    from im_lint import cli
    from im_lint.engine import run as engine_run

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(engine_run.Engine, "check_file", broken)
    (tmp_path / "p.proposal").write_text(CLEAN, encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["im-lint", "check", "--no-cache", str(tmp_path / "p.proposal")])
    with pytest.raises(SystemExit) as exit_info:
        cli.run()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "internal error" in err and "simulated bug" in err and "Traceback" not in err
