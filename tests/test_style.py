"""The project's own code passes its lint and format configuration (pyproject.toml [tool.ruff])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

RUFF = Path(sys.executable).parent / "ruff"


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"])
def test_ruff_passes(command: list[str]) -> None:
    if not RUFF.is_file():
        pytest.fail("ruff is part of the test extra: pip install -e '.[test]'")
    done = subprocess.run([str(RUFF), *command], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
