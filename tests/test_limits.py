"""Limits: very large, deep, long or odd inputs and file systems, and interruptions. Each test asks
that im-lint finishes with findings (never a traceback, RecursionError or hang) under a generous
time limit; none asserts a speed.

In-process work runs under `within(seconds, ...)`, a thread-join guard that fails the test instead
of hanging the suite; whole runs of the command go through subprocesses with a timeout.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import hypothesis_profiles  # noqa: F401  - the same profile as the other robustness tests
import pytest
from click.testing import CliRunner
from test_robustness import TEXTS, assert_sane_findings

import im_lint.atomic
import im_lint.runner.batch as batch
from im_lint import api, cli
from im_lint.cli import main

HEADER = 'proposal P-1 "Limits"\nkind change\n'
VALID = (
    'proposal VO-2026-001 "Laptops voor groep 8"\nkind procurement\ngoal G1 "Leerlingen oefenen op eigen niveau" {\n'
    '  strategy "Koersplan 2024-2028"\n}\nactivity A1 "Rekenen oefenen" {\n  serves G1\n}\n'
)
LANGUAGE_ERRORS = ("IM001", "IM002", "IM003", "IM004", "IM005", "IM006")


def within(seconds: float, function, *args, **kwargs):
    """function(*args) in a thread; a test failure (not a hung suite) when it is not done in time.
    An exception in the thread is raised here; a RecursionError fails with its own message."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - handed to the test below
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"{getattr(function, '__name__', function)} did not finish within {seconds} s (a hang)")
    if isinstance(outcome.get("error"), RecursionError):
        pytest.fail(f"RecursionError: {outcome['error']}")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def language_errors(findings) -> list[tuple[str, int, str]]:
    return [(f.code, f.line, f.message) for f in findings if f.code in LANGUAGE_ERRORS]


def lint_folder(*paths, **options) -> api.RunResult:
    options = {"config": api.Config(), "use_cache": False, "jobs": 1, **options}
    return within(120, api.lint_paths, [str(p) for p in paths], **options)


def format_or_refuse(text: str, seconds: float = 300) -> str | None:
    """The formatted text, or None when fmt refuses (ValueError); nothing else may come out."""

    def run() -> str | None:
        try:
            return api.format_text(text)
        except ValueError:
            return None

    formatted = within(seconds, run)
    assert formatted is None or isinstance(formatted, str)
    return formatted


# --------------------------------------------------------------------------------------------------
# The heaviest inputs (20,000 nested blocks, lists of 100,000 items) are linted and formatted in
# subprocesses, two at a time, started when this module's first test runs: they overlap the tests
# that mostly wait (interrupts, pipes), and a hang or a RecursionError there fails one test, with its
# traceback, instead of the suite. Their tests are at the end of this file.

NESTED = 20_000
HEAVY: dict[str, str] = {
    "nested-balanced": HEADER + 'goal G1 "x" {\n' * NESTED + "}\n" * NESTED,
    "nested-never-closed": HEADER + 'goal G1 "x" {\n' * NESTED,
    "nested-only-closing": HEADER + "}\n" * NESTED,
    "list-serves": HEADER + 'goal G1 "g"\nactivity A1 "a" {\n  serves ' + ", ".join(["G1"] * 100_000) + "\n}\n",
    "list-voor": (
        'voorstel P-1 "Lijsten"\nsoort verandering\nactiviteit A1 "a"\nbehoefte N1 "b" {\n  voor '
        + ", ".join(f"A{i}" for i in range(1, 100_001))
        + "\n}\n"
    ),
}
HEAVY_TIMEOUT = 300  # seconds for one job; generous, no speed is asserted


def heavy_job(name: str) -> dict:
    """Lint and format one heavy text (in a subprocess); a summary, or an exception with its traceback."""
    from collections import Counter

    text = HEAVY[name]
    findings = api.lint_text(text)
    assert_sane_findings(findings, text)
    summary: dict = {"codes": dict(Counter(f.code for f in findings)), "formatted": None, "refusal": None}
    try:
        formatted = api.format_text(text)
    except ValueError as error:
        summary["refusal"] = str(error)
    else:
        # Canonical layout indents each level: ~800 MB for 20,000 levels. Its idempotence is left to
        # the property tests (a second pass over 800 MB takes minutes).
        summary["formatted"] = {character: formatted.count(character) for character in "{},"}
    return summary


class Background:
    def __init__(self, jobs: list[str], lanes: int = 2):
        from concurrent.futures import ThreadPoolExecutor

        self.processes: dict[str, subprocess.Popen] = {}
        self.lock = threading.Lock()
        self.stopped = False
        self.pool = ThreadPoolExecutor(max_workers=lanes, thread_name_prefix="im-lint-limits")
        self.futures = {job: self.pool.submit(self._run, job) for job in jobs}

    def _run(self, job: str) -> tuple[int | None, str, str]:
        with self.lock:
            if self.stopped:
                return None, "", "stopped"
            process = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), job],
                cwd=Path(__file__).parent,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            self.processes[job] = process
        try:
            stdout, stderr = process.communicate(timeout=HEAVY_TIMEOUT)
            return process.returncode, stdout, stderr
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return None, "", f"no result within {HEAVY_TIMEOUT} s (a hang)"

    def result(self, job: str) -> dict:
        if job not in self.futures:  # not started with the module (a test selected by hand): run it now
            self.futures[job] = self.pool.submit(self._run, job)
        code, stdout, stderr = self.futures[job].result()
        if code is None:
            pytest.fail(f"{job}: {stderr}")
        if "RecursionError" in stderr:
            pytest.fail(f"{job}: RecursionError\n{stderr[-4000:]}")
        assert code == 0, f"{job} failed:\n{stderr[-6000:]}"
        return json.loads(stdout.strip().splitlines()[-1])

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            for process in self.processes.values():
                if process.poll() is None:
                    process.kill()  # only processes this fixture started, by their own handle
        self.pool.shutdown(wait=True)


@pytest.fixture(scope="module", autouse=True)
def heavy(request):
    here = Path(__file__).resolve()
    selected = [
        item.callspec.params["job"]
        for item in request.session.items
        if Path(str(item.fspath)).resolve() == here and hasattr(item, "callspec") and "job" in item.callspec.params
    ]
    order = ["nested-never-closed", "nested-balanced", "list-voor", "list-serves", "nested-only-closing"]
    background = Background([job for job in order if job in selected])
    yield background
    background.stop()


# --------------------------------------------------------------------------------------------------
# Size.


def five_megabytes() -> str:
    long = " ".join(["Leerlingen oefenen rekenen op hun eigen niveau en de leraar ziet de resultaten per groep."] * 14)
    parts = [HEADER]
    size, number = len(HEADER), 0
    while size < 5 * 1024 * 1024:
        number += 1
        block = (
            f'goal G{number} "Doel {number}: {long[:200]}" {{\n  strategy "{long}"\n  owner board\n}}\n'
            f'activity A{number} "Activiteit {number}" {{\n  serves G{number}\n}}\n'
            f'risk "{long}"\nalternative "{long}"\n'
        )
        parts.append(block)
        size += len(block)
    return "".join(parts)


def test_a_five_megabyte_proposal_lints(tmp_path: Path) -> None:
    text = five_megabytes()
    assert len(text.encode("utf-8")) >= 5 * 1024 * 1024
    path = tmp_path / "big.proposal"
    path.write_text(text, encoding="utf-8")
    result = lint_folder(path)  # under the default limit of 10 MB
    assert result.files == [str(path)]
    assert_sane_findings(result.findings, text, [str(path)])
    assert not language_errors(result.findings)


def padded(size: int) -> bytes:
    """A valid proposal of exactly `size` bytes (padded with a comment)."""
    body = VALID.encode("utf-8")
    padding = size - len(body) - len(b"# \n")
    assert padding >= 0
    return body + b"# " + b"x" * padding + b"\n"


def test_a_file_over_max_file_size_gets_exactly_one_im006(tmp_path: Path) -> None:
    (tmp_path / "over.proposal").write_bytes(padded(1001))
    (tmp_path / "at.proposal").write_bytes(padded(1000))
    (tmp_path / "small.proposal").write_bytes(padded(300))
    result = lint_folder(tmp_path, config=api.Config(max_file_size=1000))
    by_file = {Path(p).name: [f for f in result.findings if f.path == p] for p in result.files}
    assert set(by_file) == {"over.proposal", "at.proposal", "small.proposal"}
    assert codes(by_file["over.proposal"]) == ["IM006"], "a file over the limit: one IM006 and nothing else"
    assert by_file["over.proposal"][0].line == 1 and by_file["over.proposal"][0].message.strip()
    assert "IM006" not in codes(by_file["at.proposal"]), "a file of exactly the limit is not over it"
    assert "IM006" not in codes(by_file["small.proposal"])
    assert codes(by_file["at.proposal"]) == codes(by_file["small.proposal"]), "the same proposal, the same findings"


def test_max_file_size_from_im_lint_toml(tmp_path: Path) -> None:
    (tmp_path / "im-lint.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    over, small = tmp_path / "over.proposal", tmp_path / "small.proposal"
    over.write_bytes(padded(5000).replace(b"G1 ", b"G1  "))  # also not in canonical layout
    small.write_bytes(padded(300))
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", str(tmp_path)])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert sorted(document["files"]) == sorted([str(over), str(small)])
    assert [f["code"] for f in document["findings"] if f["path"] == str(over)] == ["IM006"]
    assert "IM006" not in [f["code"] for f in document["findings"] if f["path"] == str(small)]

    before = over.read_bytes()
    formatted = CliRunner().invoke(main, ["fmt", "--config", str(tmp_path / "im-lint.toml"), str(over)])
    assert formatted.exception is None or isinstance(formatted.exception, SystemExit), formatted.exc_info
    assert formatted.exit_code == 1, "fmt refuses a file over the limit"
    assert over.read_bytes() == before


# --------------------------------------------------------------------------------------------------
# Length (depth and breadth are at the end of the file).


def test_a_title_of_a_million_characters() -> None:
    unit = 'Leerlingen oefenen op eigen niveau; é € \u202e \\" '  # an escaped quote among them
    title = unit * (1_000_000 // len(unit))
    title += "x" * (1_000_000 - len(title))
    text = HEADER + f'goal G1 "{title}" {{\n  strategy "Koersplan"\n}}\n'
    assert len(title) == 1_000_000
    findings = within(120, api.lint_text, text)
    assert_sane_findings(findings, text)
    assert not language_errors(findings)
    formatted = format_or_refuse(text)
    assert formatted is not None and len(formatted) >= 1_000_000
    assert api.format_text(formatted) == formatted


# --------------------------------------------------------------------------------------------------
# Numbers, amounts and dates.

# (amount, does the board report crash on it today?)
AMOUNTS = [
    ("99999999999999999999999999999999 EUR", True),
    ("1e309 EUR", False),
    ("85_000_000_000_000.999999 EUR", False),
    ("9999999999999999999999999999.99 EUR", True),
    ("1" + "0" * 400 + " EUR", True),
    ("0.000000000000000000000000000001 EUR", False),
    ("99_999_999_999_999_999_999_999_999_999 EUR", True),
]


def amount_text(amount: str) -> str:
    return (
        f'proposal P-1 "Bedragen"\nkind procurement\nbudget {amount}\ngoal G1 "g"\nactivity A1 "a" {{\n'
        f'  serves G1\n}}\nneed N1 "n" {{\n  for A1\n}}\nprovision V1 "v" {{\n  meets N1\n}}\n'
        f'technology T1 "t" {{\n  realizes V1\n  cost {amount}\n}}\n'
    )


@pytest.mark.parametrize("amount", [a for a, _ in AMOUNTS])
def test_huge_numbers_and_amounts_lint_and_format(amount: str, tmp_path: Path) -> None:
    text = amount_text(amount)
    findings = api.lint_text(text)
    assert_sane_findings(findings, text)
    assert "IM001" not in codes(findings), "a number is a value, never a syntax error"
    if "e" in amount.split()[0]:
        lines = [number for number, line in enumerate(text.splitlines(), start=1) if amount in line]
        assert [f.line for f in findings if f.code == "IM003"] == lines, "1e309 is not a number in the language"
    formatted = api.format_text(text)
    assert api.format_text(formatted) == formatted
    path = tmp_path / "a.proposal"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    for arguments in (
        ["check", "--format", "json", "--no-cache", str(path)],
        ["check", "--format", "sarif", "--no-cache", str(path)],
        ["graph", "--format", "svg", str(path)],
    ):
        result = runner.invoke(main, arguments)
        assert result.exception is None or isinstance(result.exception, SystemExit), (arguments, result.exc_info)
        assert result.exit_code in (0, 1), (arguments, result.output)
        if "json" in arguments or "sarif" in arguments:
            json.loads(result.stdout)
        else:
            ET.fromstring(result.stdout)  # every SVG is XML


@pytest.mark.parametrize("suffix", [".html", ".md"])
@pytest.mark.parametrize(
    "amount", [a for a, _ in AMOUNTS]
)  # amounts over 28 digits once crashed the report (decimal precision)
def test_huge_amounts_in_the_board_report(amount: str, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / "a.proposal"
    path.write_text(amount_text(amount), encoding="utf-8")
    output = tmp_path / f"report{suffix}"
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(output)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 0, result.output
    assert output.stat().st_size > 0


@pytest.mark.parametrize(
    "date, exists",
    [
        ("0000-00-00", False),
        ("9999-12-31", True),
        ("2026-13-01", False),
        ("2026-02-29", False),
        ("2028-02-29", True),
        ("0001-01-01", True),
        ("2026-04-31", False),
        ("2026-00-10", False),
    ],
)
def test_dates_at_and_past_the_edges(date: str, exists: bool, tmp_path: Path) -> None:
    text = (
        f'proposal P-1 "Data"\nkind procurement\nmeeting {date}\ngoal G1 "g"\nactivity A1 "a" {{\n  serves G1\n}}\n'
        f'need N1 "n" {{\n  for A1\n  established {date}\n}}\nprovision V1 "v" {{\n  meets N1\n}}\n'
        f'technology T1 "t" {{\n  realizes V1\n  chosen {date}\n}}\nimpact students "s" {{\n  involved {date}\n}}\n'
        f"privacy {{\n  dpo-consulted {date}\n}}\n"
    )
    date_lines = [number for number, line in enumerate(text.splitlines(), start=1) if date in line]
    findings = api.lint_text(text)
    assert_sane_findings(findings, text)
    impossible = sorted(f.line for f in findings if f.code == "IM003" and f.line in date_lines)
    if exists:
        assert impossible == [], f"{date} exists"
    else:
        assert impossible == date_lines, f"{date} does not exist: one IM003 on each line that has it"
        assert all(date in f.message for f in findings if f.code == "IM003")
    assert api.format_text(api.format_text(text)) == api.format_text(text)
    path = tmp_path / "d.proposal"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(tmp_path / "r.html")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 0, result.output


# --------------------------------------------------------------------------------------------------
# File systems: links, folders with a proposal's name, files that cannot be read or that vanish.


def test_a_folder_with_a_symlink_loop_is_linted_and_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "proposals"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.proposal").write_text(VALID, encoding="utf-8")
    (folder / "sub" / "b.voorstel").write_text(VALID.replace("VO-2026-001", "VO-2026-002"), encoding="utf-8")
    os.symlink(folder, folder / "loop")
    os.symlink(folder, folder / "sub" / "back.proposal")  # a link to a folder, named like a proposal
    result = lint_folder(folder)
    files = {str(folder / "a.proposal"), str(folder / "sub" / "b.voorstel")}
    assert files <= set(result.files)
    real = [os.path.realpath(p) for p in result.files if os.path.isfile(p)]
    assert len(real) == len(set(real)), "a file is linted once, not once per way to reach it"
    for other in set(result.files) - files:  # a link to a folder, if listed at all, cannot be read
        assert codes(f for f in result.findings if f.path == other) == ["IM006"], other
    for path in files:  # each finding within its own file's lines
        mine = [f for f in result.findings if f.path == path]
        assert_sane_findings(mine, Path(path).read_text(encoding="utf-8"), [path])

    for arguments in (["check", "--format", "json", "--no-cache", str(folder)], ["fmt", "--check", str(folder)]):
        outcome = within(120, CliRunner().invoke, main, arguments)
        assert outcome.exception is None or isinstance(outcome.exception, SystemExit), (arguments, outcome.exc_info)
        assert outcome.exit_code in (0, 1), (arguments, outcome.output)


def test_a_folder_named_like_a_proposal_does_not_stop_the_run(tmp_path: Path) -> None:
    # LANGUAGE.md/TOOL.md: a folder is walked for *.proposal and *.voorstel files; a folder named
    # `x.proposal` is a folder, so its own proposals are linted, and it is not a file of its own.
    folder = tmp_path / "proposals"
    (folder / "x.proposal").mkdir(parents=True)
    (folder / "y.voorstel").mkdir()
    (folder / "y.voorstel" / "inner.proposal").write_text(VALID.replace("VO-2026-001", "VO-2026-003"), encoding="utf-8")
    (folder / "a.proposal").write_text(VALID, encoding="utf-8")
    result = lint_folder(folder)
    assert str(folder / "a.proposal") in result.files
    assert str(folder / "y.voorstel" / "inner.proposal") in result.files
    assert not [f for f in result.findings if f.path == str(folder / "a.proposal") and f.code in LANGUAGE_ERRORS]
    for path in (folder / "x.proposal", folder / "y.voorstel"):
        if str(path) in result.files:  # if it is listed at all, it is as a file that cannot be read
            assert codes(f for f in result.findings if f.path == str(path)) == ["IM006"]
    outcome = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", str(folder)])
    assert outcome.exit_code in (0, 1) and json.loads(outcome.stdout)["files"] == result.files


@pytest.mark.parametrize("kind", ["dangling", "self-loop"])
def test_a_link_that_cannot_be_read_gets_im006_and_the_rest_is_linted(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "proposals"
    folder.mkdir()
    (folder / "a.proposal").write_text(VALID, encoding="utf-8")
    broken = folder / "broken.proposal"
    os.symlink(folder / "nowhere.proposal" if kind == "dangling" else broken, broken)
    result = lint_folder(folder)
    assert sorted(result.files) == sorted([str(folder / "a.proposal"), str(broken)])
    assert codes(f for f in result.findings if f.path == str(broken)) == ["IM006"]
    assert codes(f for f in result.findings if f.path == str(folder / "a.proposal")), "a.proposal is linted"
    assert_sane_findings([f for f in result.findings if f.path == str(broken)], "", [str(broken)])


def test_a_fifo_named_like_a_proposal_does_not_hang_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "proposals"
    folder.mkdir()
    (folder / "a.proposal").write_text(VALID, encoding="utf-8")
    fifo = folder / "pipe.proposal"
    os.mkfifo(fifo)
    outcome: dict = {}
    thread = threading.Thread(
        target=lambda: outcome.update(
            result=api.lint_paths([str(folder)], config=api.Config(), use_cache=False, jobs=1)
        ),
        daemon=True,
    )
    thread.start()
    thread.join(3)  # two small files take milliseconds
    hung = thread.is_alive()
    deadline = time.monotonic() + 10
    while thread.is_alive() and time.monotonic() < deadline:  # unblock the reader so no thread is left behind
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        thread.join(0.1)
    assert not hung, "the run waited for someone to write into the pipe"
    result = outcome["result"]
    assert str(folder / "a.proposal") in result.files
    if str(fifo) in result.files:
        assert codes(f for f in result.findings if f.path == str(fifo)) == ["IM006"]


def _three_proposals(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(3):
        path = folder / f"p{number}.proposal"
        path.write_text(VALID.replace("VO-2026-001", f"VO-2026-01{number}"), encoding="utf-8")
        paths.append(path)
    return paths


def test_a_file_that_vanishes_after_discovery_gets_im006(tmp_path: Path, monkeypatch) -> None:
    paths = _three_proposals(tmp_path / "proposals")
    victim = paths[1]
    real_discover = batch.discover

    def discover_then_delete(*args, **kwargs):
        found = real_discover(*args, **kwargs)
        if str(victim) in found:
            victim.unlink(missing_ok=True)
        return found

    monkeypatch.setattr(batch, "discover", discover_then_delete)
    result = lint_folder(tmp_path / "proposals")
    assert result.files == [str(p) for p in paths]
    assert codes(f for f in result.findings if f.path == str(victim)) == ["IM006"]
    for path in (paths[0], paths[2]):
        assert codes(f for f in result.findings if f.path == str(path)), f"{path.name} is still linted"
        assert "IM006" not in codes(f for f in result.findings if f.path == str(path))


@pytest.mark.parametrize("jobs, count", [(1, 3), (2, 70)])  # 70 files: the worker processes read them
def test_a_file_that_vanishes_between_reading_and_checking_gets_im006(
    jobs: int, count: int, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "proposals"
    paths = _three_proposals(folder)
    for number in range(3, count):
        path = folder / f"p{number:02d}.proposal"
        path.write_text(VALID.replace("VO-2026-001", f"VO-2026-{number:03d}"), encoding="utf-8")
        paths.append(path)
    victim = paths[1]
    real_read = batch.read

    def read_then_delete(path, engine):
        outcome = real_read(path, engine)
        if path == str(victim):
            victim.unlink(missing_ok=True)  # read once for the cache key; gone when it is checked
        return outcome

    monkeypatch.setattr(batch, "read", read_then_delete)
    monkeypatch.setattr(batch, "KEEP_BYTES", 0)  # no text kept from the look-up: each is read again
    # With a cache (without one, each file is read once, when it is checked).
    result = lint_folder(folder, jobs=jobs, use_cache=True, cache_dir=str(tmp_path / "cache"))
    assert sorted(result.files) == sorted(str(p) for p in paths)
    assert codes(f for f in result.findings if f.path == str(victim)) == ["IM006"]
    for path in paths:
        if path != victim:
            assert "IM006" not in codes(f for f in result.findings if f.path == str(path)), path


# --------------------------------------------------------------------------------------------------
# Interruptions.


def big_folder(folder: Path, count: int = 3000) -> Path:
    texts = [t for t in TEXTS if t.strip()]
    for number in range(count):
        path = folder / f"b{number // 500}" / f"p{number:05d}.proposal"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[number % len(texts)], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    return big_folder(tmp_path_factory.mktemp("interrupt") / "big")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def interrupt(folder: Path, whole_group: bool, timeout: float = 30) -> tuple[bool, int | None, str]:
    """`python -m im_lint check FOLDER` in its own session; SIGINT after a second, once the run is
    underway (its worker processes exist). Returns (whether the signal was sent before the run
    ended, the exit code or None for a hang, standard error)."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CI", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "im_lint", "check", "--no-cache", "--jobs", "2", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        started = time.monotonic()
        time.sleep(1)
        while not _children(process.pid) and process.poll() is None and time.monotonic() - started < 30:
            time.sleep(0.05)
        time.sleep(0.3)
        signalled = process.poll() is None
        if signalled:
            if whole_group:
                os.killpg(process.pid, signal.SIGINT)  # Ctrl-C at a terminal reaches the whole group
            else:
                process.send_signal(signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=timeout)
            return signalled, process.returncode, stderr.decode("utf-8", errors="replace")
        except subprocess.TimeoutExpired:
            return signalled, None, ""
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # our own session only
            process.communicate()


def assert_interrupted_cleanly(signalled: bool, code: int | None, stderr: str) -> None:
    assert code is not None, "the run did not end after SIGINT (a hang)"
    assert "Traceback" not in stderr, stderr[-3000:]
    if signalled:
        assert code == 130, (code, stderr[-3000:])
        assert "interrupted" in stderr, stderr[-3000:]
    else:  # the run finished before the signal
        assert code in (0, 1), (code, stderr[-3000:])


def test_sigint_to_check_exits_130_without_a_traceback(big: Path) -> None:
    assert_interrupted_cleanly(*interrupt(big, whole_group=False))


def test_ctrl_c_to_the_process_group_exits_130_without_a_traceback(big: Path) -> None:
    assert_interrupted_cleanly(*interrupt(big, whole_group=True, timeout=10))


def test_keyboard_interrupt_in_run_exits_130(tmp_path: Path, monkeypatch, capsys) -> None:
    path = tmp_path / "a.proposal"
    path.write_text(VALID, encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "lint_paths", interrupted)
    monkeypatch.setattr(sys, "argv", ["im-lint", "check", str(path)])
    with pytest.raises(SystemExit) as exit_:
        cli.run()
    assert exit_.value.code == 130
    assert "interrupted" in capsys.readouterr().err


def test_fmt_interrupted_while_replacing_a_file_loses_nothing(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "proposals"
    folder.mkdir()
    messy = {
        f"p{n}.proposal": f'proposal   P-{n} "x"\nKIND   change\ngoal G1 "g" {{\n        strategy "s"\n}}\n'
        for n in range(3)
    }
    for name, text in messy.items():
        (folder / name).write_text(text, encoding="utf-8")
    before = {name: (folder / name).read_bytes() for name in messy}
    real_replace = os.replace
    replaced: list[str] = []

    def replace(source, target, *args, **kwargs):
        if Path(target).name == "p1.proposal":
            raise KeyboardInterrupt  # Ctrl-C at the worst moment: the new text is written, not yet in place
        replaced.append(Path(target).name)
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(im_lint.atomic.os, "replace", replace)
    result = CliRunner().invoke(main, ["fmt", str(folder)])
    monkeypatch.undo()
    assert result.exit_code != 0, "an interrupted fmt does not report success"
    assert replaced == ["p0.proposal"]
    assert (folder / "p1.proposal").read_bytes() == before["p1.proposal"], "the interrupted file is untouched"
    assert (folder / "p2.proposal").read_bytes() == before["p2.proposal"], "a file never reached is untouched"
    assert (folder / "p0.proposal").read_bytes() == api.format_text(messy["p0.proposal"]).encode("utf-8")
    assert sorted(p.name for p in folder.iterdir()) == sorted(messy), "no temporary file is left behind"


# --------------------------------------------------------------------------------------------------
# Depth and breadth (the background jobs started by the `heavy` fixture).


@pytest.mark.parametrize("job", ["nested-balanced", "nested-never-closed", "nested-only-closing"])
def test_twenty_thousand_nested_blocks_lint_and_format_without_recursion_error(job: str, heavy: Background) -> None:
    summary = heavy.result(job)
    found = summary["codes"]
    assert found, "nesting goals in goals is wrong; something must be said"
    if job == "nested-balanced":
        assert "IM001" not in found, "the braces are balanced"
        if summary["formatted"] is not None:
            assert summary["formatted"]["{"] == NESTED and summary["formatted"]["}"] == NESTED
    else:
        assert "IM001" in found, "an unbalanced block is a syntax error"
        assert summary["formatted"] is None and summary["refusal"], "fmt refuses a text with a syntax error"


@pytest.mark.parametrize("job", ["list-serves", "list-voor"])
def test_a_hundred_thousand_list_items(job: str, heavy: Background) -> None:
    summary = heavy.result(job)
    assert "IM001" not in summary["codes"]
    if job == "list-voor":  # A2 ... A100000 do not exist
        assert summary["codes"].get("IM005", 0) >= 1
    assert summary["formatted"] is not None, "a long list is no reason to refuse"
    assert summary["formatted"][","] == HEAVY[job].count(",")


if __name__ == "__main__":  # a background job: `python tests/test_limits.py JOB`
    print(json.dumps(heavy_job(sys.argv[1])))
