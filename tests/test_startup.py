"""Start-up: each command imports only what it uses (issue 20). Speed itself is measured by
benchmarks/imports.py; these tests catch an import that comes back, not a slow machine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "chromebooks.voorstel"

# Runs the command as the `im-lint` executable does, then lists what it imported, even after the
# command has exited (click ends every command with SystemExit).
PROBE = """
import json, sys
from im_lint.command import run
try:
    run()
except SystemExit:
    pass
sys.__stderr__.write("\\nMODULES=" + json.dumps(sorted(sys.modules)) + "\\n")
"""


def imported(*args: str, tmp_path: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")},
        timeout=60,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES="))
    return set(json.loads(line.removeprefix("MODULES=")))


def heavy(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {m for m in modules if any(m == n or m.startswith(n + ".") for n in names)}


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"], ["schema", "--help"]])
def test_version_and_help_import_no_engine(args, tmp_path):
    modules = imported(*args, tmp_path=tmp_path)
    assert "click" in modules  # the probe ran the command
    assert heavy(modules, ("im_lint.engine", "im_lint.api", "im_lint.language", "pydantic", "lark", "yaml")) == set()


def test_check_of_one_file_imports_no_report(tmp_path):
    modules = imported("check", "--no-cache", str(EXAMPLE), tmp_path=tmp_path)
    assert "im_lint.engine.run" in modules  # it did lint
    assert heavy(modules, ("jinja2", "im_lint.report", "im_lint.lsp", "pygls")) == set()


@pytest.mark.parametrize("args", [["explain", "IM101"], ["rules"]])
def test_explain_and_rules_import_no_report(args, tmp_path):
    modules = imported(*args, tmp_path=tmp_path)
    assert "im_lint.output.catalogue" in modules
    assert heavy(modules, ("jinja2", "im_lint.report", "lark", "im_lint.lsp")) == set()
