"""Files a committer, a pack author or the machine can plant: links to devices, FIFOs, loops of links,
full disks, odd configuration. Each ends in an IM006 or one clear line (exit 2), never a hang,
a traceback, "internal error", or a device turned into a file (issue 14, items 1, 4, 6, 7, 10).

Runs that could hang are subprocesses with a timeout, so a regression fails instead of hanging.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from im_lint import api
from im_lint.files import NotRegularFile, TooLarge, read_bytes

VALID = (
    'proposal VO-2026-001 "Laptops voor groep 8"\nkind procurement\ngoal G1 "Leerlingen oefenen op eigen niveau" {\n'
    '  strategy "Koersplan 2024-2028"\n}\nactivity A1 "Rekenen oefenen" {\n  serves G1\n}\n'
)
MESSY = 'proposal   P-1 "x"\nkind   change\ngoal G1 "g" {\n        strategy "s"\n}\n'


def im_lint(*args: str, cwd: Path, timeout: float = 20, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C"}
    env.pop("CI", None)
    env.pop("IM_LINT_DEBUG", None)
    try:
        return subprocess.run(
            [sys.executable, "-m", "im_lint", *args],
            cwd=cwd,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"im-lint {' '.join(args)} did not finish within {timeout} s (a hang)")


def assert_one_clear_line(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("im-lint: ") and "internal error" not in lines[0] and "None" not in lines[0], lines
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A git work tree (so the portfolio rules read every proposal) with one good proposal and three
    that are no regular file: a link to /dev/zero, a FIFO and a link to itself."""
    repository = tmp_path / "repo"
    repository.mkdir()
    (repository / ".git").mkdir()
    (repository / "good.proposal").write_text(VALID, encoding="utf-8")
    os.symlink("/dev/zero", repository / "zero.proposal")
    os.mkfifo(repository / "fifo.proposal")
    os.symlink("loop.proposal", repository / "loop.proposal")
    return repository


HOSTILE = ["zero.proposal", "fifo.proposal", "loop.proposal"]


@pytest.mark.parametrize("name", HOSTILE)
def test_check_of_a_file_that_is_no_regular_file_is_one_im006(name: str, planted: Path) -> None:
    done = im_lint("check", "--no-cache", "--format", "json", name, cwd=planted)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert [(f["path"], f["code"]) for f in findings] == [(name, "IM006")]


def test_check_of_a_folder_with_planted_files_lints_the_rest(planted: Path) -> None:
    done = im_lint("check", "--no-cache", "--format", "json", ".", cwd=planted)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert sorted(f["path"] for f in findings if f["code"] == "IM006") == sorted(HOSTILE)
    assert not [f for f in findings if f["path"] == "good.proposal" and f["code"] == "IM006"]


def test_fmt_of_planted_files_refuses_each_by_name(planted: Path) -> None:
    done = im_lint("fmt", *HOSTILE, cwd=planted)
    assert done.returncode == 1
    for name in HOSTILE:
        assert f"{name}: cannot read:" in done.stderr, done.stderr
    assert (planted / "zero.proposal").is_symlink() and stat.S_ISFIFO(os.lstat(planted / "fifo.proposal").st_mode)


def test_a_limit_holds_while_reading_not_only_by_the_size_on_disk() -> None:
    # /proc files are regular and say they are empty; their content is only known as it is read.
    with pytest.raises(TooLarge):
        read_bytes("/proc/self/status", 16)
    with pytest.raises(NotRegularFile):
        read_bytes("/dev/zero", 16)


@pytest.mark.parametrize("planted_as", ["link-to-zero", "fifo"])
def test_a_pack_file_that_is_no_regular_file_is_a_clear_error(planted_as: str, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    bad = packs / "evil.yaml"
    os.symlink("/dev/zero", bad) if planted_as == "link-to-zero" else os.mkfifo(bad)
    (tmp_path / "im-lint.toml").write_text('packs = ["packs"]\n', encoding="utf-8")
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    assert_one_clear_line(im_lint("check", "--no-cache", "a.proposal", cwd=tmp_path), "evil.yaml", "not a regular file")
    (tmp_path / "im-lint.toml").write_text('packs = ["packs/evil.yaml"]\n', encoding="utf-8")
    assert_one_clear_line(im_lint("check", "--no-cache", "a.proposal", cwd=tmp_path), "evil.yaml", "not a regular file")


@pytest.mark.parametrize("name", ["im-lint.toml", "pyproject.toml"])
def test_a_configuration_that_is_a_link_to_a_device_is_a_clear_error(name: str, tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / name)
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    assert_one_clear_line(im_lint("check", "--no-cache", "a.proposal", cwd=tmp_path), name, "not a regular file")
    assert_one_clear_line(
        im_lint("check", "--no-cache", "--config", "/dev/zero", "a.proposal", cwd=tmp_path), "/dev/zero"
    )


def test_a_baseline_that_is_a_device_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    done = im_lint("check", "--no-cache", "--baseline", "/dev/zero", "a.proposal", cwd=tmp_path)
    assert_one_clear_line(done, "/dev/zero", "not a regular file")


@pytest.mark.parametrize("planted_as", ["link-to-zero", "fifo"])
@pytest.mark.parametrize("document", ["index.json", "results/*.json"])
def test_a_cache_that_is_no_regular_file_is_ignored_and_left_alone(
    planted_as: str, document: str, tmp_path: Path
) -> None:
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    cache = tmp_path / "cache"
    first = im_lint("check", "--cache-dir", str(cache), "a.proposal", cwd=tmp_path)
    [results] = list(cache.glob(f"*/{document}"))
    results.unlink()
    os.symlink("/dev/zero", results) if planted_as == "link-to-zero" else os.mkfifo(results)
    again = im_lint("check", "--cache-dir", str(cache), "a.proposal", cwd=tmp_path)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout), again.stderr
    assert results.is_symlink() if planted_as == "link-to-zero" else stat.S_ISFIFO(os.lstat(results).st_mode)


# --- writing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["check -o", "graph -o", "check --write-baseline"])
def test_output_to_a_full_disk_is_one_clear_line(option: str, tmp_path: Path) -> None:
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    # Through a link of our own: code that renames over its target replaces the link, never the
    # machine's /dev/full (as root it could).
    os.symlink("/dev/full", tmp_path / "full")
    done = im_lint(*option.split(), "full", "a.proposal", cwd=tmp_path)
    assert_one_clear_line(done, "cannot write full", "No space left on device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("command", ["check", "graph", "report", "baseline"])
def test_output_into_a_missing_folder_is_one_clear_line(command: str, tmp_path: Path) -> None:
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    target = "missing/out.html"
    args = {
        "check": ["check", "-o", target],
        "graph": ["graph", "-o", target],
        "report": ["report", "-o", target],
        "baseline": ["check", "--write-baseline", target],
    }[command]
    assert_one_clear_line(im_lint(*args, "a.proposal", cwd=tmp_path), target, "No such file or directory")


def test_a_full_standard_output_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    with open("/dev/full", "w") as full:  # only opened: im-lint writes into it as standard output
        done = im_lint("check", "a.proposal", cwd=tmp_path, stdout=full)
    assert_one_clear_line(done, "standard output", "No space left on device")


def test_output_to_a_fifo_is_written_into_it_and_it_stays_a_fifo(tmp_path: Path) -> None:
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = im_lint("check", "--format", "json", "-o", str(fifo), "a.proposal", cwd=tmp_path)
    reader.join(10)
    assert done.returncode == 1, done.stderr
    assert json.loads(received[0])["files"] == ["a.proposal"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"


def test_output_to_a_link_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "findings.json"
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "latest.json"
    os.symlink("reports/findings.json", link)
    done = im_lint("check", "--format", "json", "-o", "latest.json", "a.proposal", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert link.is_symlink() and os.readlink(link) == "reports/findings.json"
    assert json.loads(real.read_text(encoding="utf-8"))["files"] == ["a.proposal"]
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()) == [
        "a.proposal",
        "findings.json",
    ]


def test_fmt_of_a_linked_proposal_formats_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "p.proposal"
    real.write_text(MESSY, encoding="utf-8")
    link = tmp_path / "p.proposal"
    os.symlink("shared/p.proposal", link)
    done = im_lint("fmt", "p.proposal", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == "shared/p.proposal"
    assert real.read_text(encoding="utf-8") == api.format_text(MESSY)


KILLED_WRITE = """
import os, signal, sys
import im_lint.atomic as atomic
atomic.os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # killed before the rename
atomic.write_atomic(sys.argv[1], "new text\\n")
"""


def test_a_write_killed_with_sigkill_leaves_a_file_the_next_run_removes(tmp_path: Path) -> None:
    target = tmp_path / "p.proposal"
    target.write_text(MESSY, encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(target)], capture_output=True, timeout=30)
    assert killed.returncode == -9
    leftovers = [p.name for p in tmp_path.iterdir() if p != target]
    assert len(leftovers) == 1 and leftovers[0].endswith(".tmp"), leftovers
    assert target.read_text(encoding="utf-8") == MESSY, "the old file is whole"
    listed = im_lint("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    assert json.loads(listed.stdout)["files"] == ["p.proposal"], "the temporary file is not linted"
    done = im_lint("fmt", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.proposal"], "the leftover is removed"


def test_a_temporary_file_of_a_running_process_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "p.proposal"
    target.write_text(MESSY, encoding="utf-8")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = tmp_path / f".p.proposal.abcd.im-lint-{other.pid}.tmp"
        busy.write_text("being written", encoding="utf-8")
        assert im_lint("fmt", ".", cwd=tmp_path).returncode == 0
        assert busy.exists(), "another run's file, still being written"
    finally:
        other.kill()
        other.wait()


# --- configuration the user got wrong --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ("tool = 5\n[project]\nname = 'x'\n", ["pyproject.toml", "`tool` must be a table"]),
        ("[tool]\nim-lint = 'yes'\n", ["pyproject.toml", "`tool.im-lint` must be a table"]),
        ("[tool.im-lint]\nselect = " + "[" * 5000 + "]" * 5000 + "\n", ["pyproject.toml", "nested too deeply"]),
    ],
    ids=["tool-is-a-number", "im-lint-is-a-string", "nested-5000-deep"],
)
def test_a_pyproject_of_the_wrong_shape_is_a_clear_error(text: str, words: list[str], tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "a.proposal").write_text(VALID, encoding="utf-8")
    assert_one_clear_line(im_lint("check", "--no-cache", "a.proposal", cwd=tmp_path), *words)
