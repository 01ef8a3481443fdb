"""Signals and worker processes (issue 14 item 3, issue 13 item 10): every signal that ends im-lint
ends its workers; a worker whose parent died exits; Ctrl-C ends a run at once at any --jobs, with
exit 130 and one line; Ctrl-C during start-up is one line too.

The runs are real `im-lint` processes in their own session. To have workers that are busy when the
signal comes, every file takes a minute to check (`SLOW` patches the check before the command
starts; worker processes are forked from it and inherit the patch). A test fails when a run, or
its output pipes, outlive the signal by far less than that minute.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

VALID = 'proposal P-1 "x"\nkind change\n'
SLOW = """
import sys, time
import im_lint.runner.batch as batch
checked = batch.check_path
def slow(path, engine, keep=False):
    time.sleep(60)
    return checked(path, engine, keep)
batch.check_path = slow
sys.argv = ["im-lint", *sys.argv[1:]]
from im_lint.command import run
run()
"""
PATIENCE = 15  # seconds: a generous bound for a loaded machine; the slow files take 60 s each


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("signals")
    for number in range(80):  # enough for the worker pool (64 or more files)
        (folder / f"p{number:02d}.proposal").write_text(VALID.replace("P-1", f"P-{number}"), encoding="utf-8")
    return folder


def start(folder: Path, jobs: int) -> tuple[subprocess.Popen, list[int]]:
    """A slow run with `jobs` processes, once its workers are at work."""
    env = {**os.environ, "NO_COLOR": "1", "NO_PROGRESS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW, "check", "--no-cache", "--jobs", str(jobs), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while len(_children(process.pid)) < jobs - 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(process.pid)
    assert len(workers) >= jobs - 1, "the workers did not start"
    time.sleep(0.5)  # they have taken their first files
    return process, workers


def finish(process: subprocess.Popen) -> tuple[int | None, str]:
    """Exit code and standard error once both pipes are closed, i.e. once no worker holds them
    either; (None, "") when that takes longer than PATIENCE."""
    try:
        _, stderr = process.communicate(timeout=PATIENCE)
        return process.returncode, stderr.decode("utf-8", errors="replace")
    except subprocess.TimeoutExpired:
        return None, ""
    finally:
        if process.poll() is None or _session_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)  # our own session only
            process.communicate()


def _session_alive(session: int) -> bool:
    try:
        os.killpg(session, 0)
        return True
    except OSError:
        return False


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        alive = [p for p in pids if Path(f"/proc/{p}").exists() and " Z " not in Path(f"/proc/{p}/stat").read_text()]
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("jobs", [2, 4])
def test_ctrl_c_at_a_terminal_ends_a_run_with_busy_workers_at_once(jobs: int, many: Path) -> None:
    process, workers = start(many, jobs)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
    code, stderr = finish(process)
    assert code == 130, f"the run did not end within {PATIENCE} s of Ctrl-C (exit {code})"
    assert stderr.strip() == "im-lint: interrupted; no file was left half-written.", stderr
    assert _gone(workers)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_or_sighup_to_im_lint_alone_ends_its_workers(name: str, many: Path) -> None:
    process, workers = start(many, 3)
    process.send_signal(getattr(signal, name))  # a CI runner cancelling the job, a closed terminal
    code, stderr = finish(process)
    assert code == 128 + getattr(signal, name), f"exit {code}: the output pipes stayed open (orphaned workers)"
    assert "Traceback" not in stderr and "interrupted" in stderr, stderr
    assert _gone(workers)


def test_a_worker_whose_parent_was_killed_exits(many: Path) -> None:
    process, workers = start(many, 3)
    process.kill()  # SIGKILL: nothing of im-lint's own runs any more
    code, _ = finish(process)
    assert code == -signal.SIGKILL, "the output pipes stayed open: a worker outlived its parent"
    assert _gone(workers)


STARTUP = """
import builtins, sys
real_import = builtins.__import__
def interrupted(name, *args, **kwargs):
    if name == "click":  # Ctrl-C while the command's modules are being imported
        raise KeyboardInterrupt
    return real_import(name, *args, **kwargs)
builtins.__import__ = interrupted
sys.argv = ["im-lint", "check", "."]
from im_lint.command import run
run()
"""


def test_ctrl_c_during_start_up_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", STARTUP], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 130
    assert done.stderr.strip().splitlines() == ["im-lint: interrupted before it started; nothing was changed."]
