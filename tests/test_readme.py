"""The README's set-up commands are the ones CI runs."""

from __future__ import annotations

import re

from conftest import ROOT


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)?\n(.+?)\n```", setup, re.DOTALL)


def test_readme_has_two_setup_commands_and_ci_runs_the_second() -> None:
    commands = _commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip() in ci.splitlines()
    assert "im-lint check" in commands[0]


def test_the_tour_commands_run_as_written(tmp_path) -> None:
    """Each line of 'A short tour' (the `.venv/bin/im-lint` part), in a fresh folder."""
    import re
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    tour = text.split("## A short tour", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [re.sub(r"\s+#.*$", "", line).strip() for line in tour.strip().splitlines()]
    assert len(commands) >= 6
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    launcher = tmp_path / ".venv" / "bin" / "im-lint"
    launcher.write_text(f'#!/bin/sh\nexec {sys.executable} -m im_lint "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    (tmp_path / "proposals").mkdir()
    shutil.copy(Path(__file__).parent.parent / "examples" / "chromebooks.voorstel", tmp_path / "proposals")
    for command in commands:
        run = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert run.returncode in (0, 1), (command, run.stdout[-500:], run.stderr[-500:])
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr, (command, run.stderr)


def test_the_readme_shows_what_im_lint_says_of_the_ipad_example(monkeypatch) -> None:
    """The first example's shown lines (all but `...`) are im-lint's own output, summary included."""
    from click.testing import CliRunner

    from im_lint.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ im-lint check examples/ipads.proposal\n", 1)[1].split("```", 1)[0]
    shown = [line for line in block.splitlines() if line and line != "..."]
    assert len(shown) >= 3
    monkeypatch.chdir(ROOT)
    output = CliRunner().invoke(main, ["check", "--no-cache", "examples/ipads.proposal"]).output
    for line in shown:
        assert line in output.splitlines(), f"README.md shows a line im-lint no longer writes: {line}"
