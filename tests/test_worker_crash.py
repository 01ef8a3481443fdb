"""A worker process that dies in the middle of a run (killed, out of memory, a crash) ends the run
with one clear line naming the files it was checking: never a hang, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CRASH = """
import os, sys
import im_lint.runner.batch as batch
checked = batch.check_path
parent = os.getpid()
def crash(path, engine, keep=False):
    if os.getpid() != parent and path.endswith("p03.proposal"):
        os._exit(9)  # the worker dies as a killed process does: no exception, no result
    return checked(path, engine, keep)
batch.check_path = crash
sys.argv = ["im-lint", *sys.argv[1:]]
from im_lint.command import run
run()
"""


def test_a_worker_that_dies_ends_the_run_with_one_line(tmp_path: Path) -> None:
    for number in range(80):  # enough for the worker pool (64 or more files)
        (tmp_path / f"p{number:02d}.proposal").write_text(f'proposal P-{number} "x"\nkind change\n', encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "NO_PROGRESS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", CRASH, "check", "--no-cache", "--jobs", "2", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "a worker process ended while checking one of 16 files" in done.stderr, done.stderr
    assert "p00.proposal to " in done.stderr and "p15.proposal" in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
