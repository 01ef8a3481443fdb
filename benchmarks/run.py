"""im-lint against yamllint, side by side, and docs/performance.md from the result.

    python3 benchmarks/run.py [--sizes 1000,10000] [--quick]

yamllint is the yardstick because it is the linter a school's repository most likely already runs
from pre-commit: a pure-Python, single-process linter of small text files, like im-lint. Comparing
in one run on one machine cancels out most of the machine's speed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import corpus
import memory

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / ".venv-bench"  # im-lint as a user installs it (`pip install .`)
IM_LINT = BENCH / "bin" / "im-lint"
PEER = ROOT / "benchmarks" / ".venv-peer"
YAMLLINT = PEER / "bin" / "yamllint"
MiB = 2**20
MB = 10**6


def peer_linter() -> None:
    # Its own environment, so the peer's dependencies can never shift im-lint's, nor the reverse.
    if not YAMLLINT.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER)], check=True)
        subprocess.run([str(PEER / "bin" / "pip"), "install", "--quiet", "yamllint"], check=True)


def installed() -> None:
    """Measure im-lint as a user installs it: `pip install .` of this checkout (not editable) into
    an environment of its own, with the project's Python, made anew each run. The project's own
    `.venv` is an editable install: every start there runs its import finder in `site` (about 9 ms)
    and compiles modules on first import. pip compiles an installed package's modules to bytecode
    as it installs them; no run of this benchmark skips the .pyc files (PYTHONDONTWRITEBYTECODE)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    pip = BENCH / "bin" / "pip"
    if not pip.exists():
        subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "venv", str(BENCH)], check=True)
        subprocess.run([str(pip), "install", "--quiet", str(ROOT)], check=True)  # with its dependencies
    # The checkout as it is now (the same version number as the last run's install, so forced).
    subprocess.run([str(pip), "install", "--quiet", "--force-reinstall", "--no-deps", str(ROOT)], check=True)


def output(*command: str | Path) -> str:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True).stdout.strip()


def checked(name: str, code: int, err: bytes) -> None:
    """0 is clean and 1 is findings, for both tools; anything else (2: usage, a crash) means we timed
    an error message, not a lint, so the benchmark fails rather than report nonsense."""
    if code not in (0, 1):
        sys.exit(f"benchmark failed: {name} exited {code}\n{err.decode(errors='replace')[-2000:]}")


def bulk(name: str, command: list) -> tuple[float, int, float]:
    """(wall seconds, peak tree RSS, CPU seconds) of one run. One run, not best-of-n: at 1,000+ files
    a run lasts seconds, so scheduling noise is small next to it; and yamllint on 10,000 takes minutes."""
    wall, cpu, code, rss, err = memory.run([str(c) for c in command])
    checked(name, code, err)
    print(f"  {name}: {wall:.2f} s (CPU {cpu:.2f} s), {rss / MiB:.0f} MiB", flush=True)
    return wall, rss, cpu


def cold(name: str, command: list, runs: int) -> tuple[float, float, float]:
    """(best, median, median CPU) of `runs` whole processes, as pre-commit starts one per commit: the
    interpreter start and every import, which is what a user waits for on one file."""
    times, cpus = [], []
    for _ in range(runs + 1):  # the first run only warms the disk cache and writes .pyc files
        wall, cpu, code, _, err = memory.run([str(c) for c in command])
        checked(name, code, err)
        times.append(wall)
        cpus.append(cpu)
    best, median, cpu = min(times[1:]), statistics.median(times[1:]), statistics.median(cpus[1:])
    print(f"  {name}: best {best:.3f} s, median {median:.3f} s (CPU {cpu:.3f} s)", flush=True)
    return best, median, cpu


def profile(folder: str) -> None:
    """Run by the project's Python (`run.py --profile DIR`): where lint_paths spends its time on 300
    files. In-process, so the interpreter start and the imports of im_lint.api are left out."""
    import cProfile
    import inspect
    import io
    import pstats

    from im_lint import api

    files = sorted(str(p) for p in Path(folder).iterdir())[:300]
    # One process and no cache, where the API offers the choice: else the profile shows only the
    # parent waiting for its workers, or cache look-ups instead of linting.
    accepted = inspect.signature(api.lint_paths).parameters
    options = {name: value for name, value in (("jobs", 1), ("use_cache", False)) if name in accepted}
    profiler = cProfile.Profile()
    profiler.runcall(api.lint_paths, files, **options)
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(15)
    text = stream.getvalue()
    for prefix in (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"], str(ROOT)):
        text = text.replace(prefix + "/", "")  # short paths read better in the document
    print(text.strip())


def machine(load: list[float]) -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    ram = (
        next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        * 1024
    )
    return [
        f"CPU: {model}, {os.cpu_count()} cores",
        f"RAM: {ram / 2**30:.1f} GiB",
        f"OS: {platform.system()} {platform.release()}",
        f"Python: {output(BENCH / 'bin' / 'python', '--version').split()[-1]} (im-lint), "
        f"{output(PEER / 'bin' / 'python', '--version').split()[-1]} (yamllint)",
        f"im-lint: {output(IM_LINT, '--version').split()[-1]}",
        f"yamllint: {output(YAMLLINT, '--version').split()[-1]}",
        f"load average (1 min) at start / end of the run: {load[0]:.2f} / {load[1]:.2f} "
        "(other work on the machine stretches wall times; the CPU times in the table hardly change)",
    ]


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "PASS" if ok else "FAIL"


def cold_in(name: str, command: list, runs: int, xdg: Path | None) -> tuple[float, float, float]:
    """As `cold`, with im-lint's user cache in `xdg`; None: a new, empty one for every run (the
    very first start on a machine, before any compiled pack exists)."""
    if xdg is not None:
        os.environ["XDG_CACHE_HOME"] = str(xdg)
        return cold(name, command, runs)
    times, cpus = [], []
    for _ in range(runs):
        os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="im-lint-first-")
        wall, cpu, code, _, err = memory.run([str(c) for c in command])
        checked(name, code, err)
        times.append(wall)
        cpus.append(cpu)
        shutil.rmtree(os.environ["XDG_CACHE_HOME"], ignore_errors=True)
    best, median, cpu = min(times), statistics.median(times), statistics.median(cpus)
    print(f"  {name}: best {best:.3f} s, median {median:.3f} s (CPU {cpu:.3f} s)", flush=True)
    return best, median, cpu


def precommit(folder: Path, cache: Path, runs: int) -> dict:
    """The pre-commit hook after a full `im-lint check .` filled the cache: one changed file each
    commit, the portfolio rules reading the other files' index from the cache. Each run changes the
    file anew (a new comment line), so the file itself is always checked, never a cache hit."""
    full = bulk("full check, fills the cache", [IM_LINT, "check", "--cache-dir", cache, "-q", folder])
    changed = sorted(folder.iterdir())[len(list(folder.iterdir())) // 2]
    original = changed.read_bytes()
    times, cpus = [], []
    try:
        for commit in range(runs + 1):
            changed.write_bytes(original + f"# commit {commit}\n".encode())
            wall, cpu, code, _, err = memory.run([str(IM_LINT), "check", "--cache-dir", str(cache), str(changed)])
            checked("pre-commit", code, err)
            times.append(wall)
            cpus.append(cpu)
    finally:
        changed.write_bytes(original)
    result = {
        "full": full,
        "first": (times[0], cpus[0]),
        "median": (statistics.median(times[1:]), statistics.median(cpus[1:])),
    }
    print(f"  first commit after it: {times[0]:.3f} s; later commits, median {result['median'][0]:.3f} s", flush=True)
    return result


def measure(sizes: list[int], runs: int, work: Path, hand: int) -> dict:
    """Every figure of the run, keyed by name; the corpora live in `work` for the duration."""
    m = {"size": {}, "bulk": {}, "precommit": {}, "cached": {}}
    xdg = work / "user-cache"  # im-lint's user cache (the compiled pack) for this run only
    os.environ["XDG_CACHE_HOME"] = str(xdg)
    for n in sizes:
        m["size"][n] = corpus.write(work / str(n), n)
        (work / str(n) / "proposals" / ".git").mkdir()  # one repository: the portfolio rules see every file
        print(f"corpus {n}: {m['size'][n][0] / MB:.1f} MB proposals, {m['size'][n][1] / MB:.1f} MB YAML", flush=True)
    m["size"]["hand"] = corpus.write_handwritten(work / "hand", hand)
    m["hand_count"] = hand
    m["hand_sources"] = len(corpus.handwritten_texts())
    print(f"hand-written corpus: {hand} files, {m['size']['hand'][0] / MB:.1f} MB", flush=True)
    small = sizes[0]
    # Cold runs first: they also warm the disk cache for the bulk runs.
    mean = m["size"][small][0] / small
    chosen = min(sorted((work / str(small) / "proposals").glob("p*"))[:50], key=lambda p: abs(p.stat().st_size - mean))
    # Outside the corpus's repository: one proposal on its own (in a repository, --no-cache would
    # make the portfolio rules parse every other file; the pre-commit case below measures that).
    (work / "one").mkdir()
    one = work / "one" / chosen.name
    shutil.copyfile(chosen, one)
    m["one_size"] = one.stat().st_size
    print(f"one file cold ({one.stat().st_size} bytes), {runs} runs:")
    m["first_im"] = cold_in("im-lint, no compiled pack yet", [IM_LINT, "check", "--no-cache", one], runs, None)
    m["cold_im"] = cold_in("im-lint", [IM_LINT, "check", "--no-cache", one], runs, xdg)
    m["cold_y"] = cold("yamllint", [YAMLLINT, work / str(small) / "yaml" / f"c{one.name[1:6]}.yaml"], runs)  # same size
    m["commands"] = {
        name: cold_in(f"im-lint {name}", [IM_LINT, *args], runs, xdg)
        for name, args in (
            ("--version", ["--version"]),
            ("--help", ["--help"]),
            ("explain IM101", ["explain", "IM101"]),
            ("rules", ["rules"]),
        )
    }
    for n in sizes:
        print(f"bulk, {n} files:")
        proposals = work / str(n) / "proposals"
        m["bulk"]["im", n] = bulk("im-lint", [IM_LINT, "check", "--no-cache", "--format", "json", "-q", proposals])
        m["bulk"]["im1", n] = bulk(
            "im-lint --jobs 1", [IM_LINT, "check", "--no-cache", "--jobs", "1", "--format", "json", "-q", proposals]
        )
        m["bulk"]["y", n] = bulk("yamllint", [YAMLLINT, "-f", "parsable", work / str(n) / "yaml"])
    print(f"bulk, {hand} hand-written files:")
    m["bulk"]["im", "hand"] = bulk(
        "im-lint", [IM_LINT, "check", "--no-cache", "--format", "json", "-q", work / "hand" / "proposals"]
    )
    m["bulk"]["im1", "hand"] = bulk(
        "im-lint --jobs 1",
        [IM_LINT, "check", "--no-cache", "--jobs", "1", "--format", "json", "-q", work / "hand" / "proposals"],
    )
    m["bulk"]["y", "hand"] = bulk("yamllint", [YAMLLINT, "-f", "parsable", work / "hand" / "yaml"])
    for n in sizes:
        print(f"pre-commit, one changed file in {n} files:")
        m["precommit"][n] = precommit(work / str(n) / "proposals", work / f"cache-{n}", runs)
        print(f"re-lint from the cache, {n} files:")
        m["cached"][n] = bulk(
            "im-lint, from the cache",
            [IM_LINT, "check", "--cache-dir", work / f"cache-{n}", "-q", work / str(n) / "proposals"],
        )
    # What each command waits for before it reads a file: its imports, per package (the import budget).
    from imports import table as import_table  # benchmarks/imports.py, beside this file

    m["imports"] = import_table()
    print("profile of lint_paths on 300 files ...", flush=True)
    m["profile"] = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), __file__, "--profile", str(work / "hand" / "proposals")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return m


# Why a target is missed, from the profiles of issue 20 (the figures themselves are this run's).
REASONS = [
    (
        "one file cold",
        "The start-up is the floor. Measured by instruction counts (callgrind) of a cold check: "
        "importing pydantic itself is about 30% (pydantic_core and the schema machinery pydantic.main "
        "imports, though a cold check builds no validator any more), im-lint's own modules about 28% "
        "(mostly pydantic making some 100 model classes - the proposal model, the pack format, "
        "findings, configuration, facts - at about 0.2 ms each even with defer_build), click about "
        "10%, Lark about 7%, the interpreter about 5%; reading the compiled pack about 9% (its JSON, "
        "constructing ~1,000 pack models, compiling the declarative checks); the engine, linting the "
        "file and writing the findings about 7%. Importing pydantic, click and Lark alone takes about "
        "0.9x the instructions of yamllint's whole run, so 1.0x needs the model off pydantic (which the project keeps) or a "
        "process that stays warm (the language server; a daemon for the command line is out of "
        "scope). Cut this issue: the compiled pack (no YAML, no validator built for the pack, the "
        "facts kept validated), no pydantic validator built at all (so no importlib.metadata), no "
        "entry-point scan, no git process for text output, no platformdirs, tomllib or difflib "
        "import, fewer garbage collections during start-up, no interpreter teardown, no "
        "multiprocessing or YAML import, im-lint measured as installed (not editable).",
    ),
    (
        "pre-commit",
        "The cold start above is the floor: the hook's own work above it is about 15 ms at 1,000 "
        "files and 0.17 s at 10,000. That is the walk over the repository and one stat per other "
        "file (none is read whose stat is the one the cache's index recorded, as git's index does), "
        "the index itself (stats, hashes and portfolio entries, about 300 bytes a file; no other "
        "file's findings are read, and only the changed file's line is written), each other file's "
        "portfolio entry decoded (about 6 us) and the IM7 checks run over all of them.",
    ),
    (
        "re-lint",
        "The cold start, plus a stat per file (no file is read whose stat is unchanged), every "
        "file's results from the cache's 256 shards (about 6 KB of JSON a file) and every cached "
        "finding validated into a Finding again (pydantic, from the JSON, about 4 us a finding; on "
        "purpose: a tampered cache never gives a bogus finding), then written; no IM7 check runs "
        "for an unchanged repository (portfolio.json).",
    ),
    (
        "vs a cold check",
        "Without a configuration file `explain` and `rules` read the rules' documentation from the "
        "compiled pack (no engine, pydantic or Lark: about 0.3x a cold check when measured here); "
        "with one they apply it through the engine, the same floor as `check`.",
    ),
    (
        "hand-written",
        "Token density: hand-written proposals have about one token per 10 bytes (short strings, many "
        "statements), the generated ones about one per 13, and the cost of a file is mostly per token. "
        "Cut this issue (CPU, --jobs 1, 1,000 files, side by side with the code before: 3.5 -> 2.4 s "
        "hand-written, 4.4 -> 3.0 s generated): the lexer and the LALR loop made from Lark's own "
        "tables instead of Lark's `lex` and `feed_token` (a parse 1.8x as fast, 1.27 -> 0.71 ms a "
        "hand-written file; tests/test_fast_parser.py), the builder's nodes made without "
        "model_construct's per-field work (0.62 -> 0.41 ms), the rules' checks found once per run and "
        "IM009's walk (the rules and findings 0.90 -> 0.64 ms). Left: the parse is still the largest "
        "part (a quarter the regular expression and the tokens, a fifth the LALR loop, the rest the "
        "tree), then the rules and the model; below that only fewer objects per token would go.",
    ),
    (
        "generated",
        "The parse and the model building (the profile below), in two processes: the parent checks "
        "files itself while one worker checks the rest, and both stay busy to the end (measured: "
        "4,800-5,300 of 10,000 files in the parent; /proc/PID/schedstat shows neither ever asleep, "
        "only waiting for a core while other work shares the machine). On one core stay reading and "
        "hashing the files, the portfolio rules with the files they add findings to, and writing the "
        "output: about 2 s of CPU at 10,000 files. A wall time close to the CPU time means another "
        "program had the second core during the run. Per file, the costs of the hand-written files "
        "(see there), at fewer tokens per byte.",
    ),
    (
        "time per file",
        "The CPU time per file (in brackets) does not grow: no pass is quadratic and the findings are "
        "kept packed, about 2 KB a file. Each size is one run, so a wall ratio above the CPU ratio "
        "says the machine was busier during one of the two runs, not that the work grew.",
    ),
    (
        "peak RSS",
        "Two im-lint processes, the parent and one worker, each about 40 MiB with the interpreter, "
        "pydantic, Lark and the engine (RSS counts the pages they share in both), and the run's "
        "packed results in the parent, about 4 KB a file: the findings compressed, the portfolio "
        "index, the check's details for the portfolio rules. The output is written as it is made.",
    ),
]


def report(m: dict, sizes: list[int], runs: int, quick: bool, load: list[float]) -> str:
    small, large, size, res = sizes[0], sizes[-1], m["size"], m["bulk"]
    per_mb = lambda key, n, t=0: res[key, n][t] / (size[n][key == "y"] / MB)  # noqa: E731  (t=2: CPU seconds per MB)
    ratio = lambda key, n, t=0: per_mb(key, n, t) / per_mb("y", n, t)  # noqa: E731

    def both(wall, cpu, unit=" s"):
        digits = 2 if unit == "x" else 3
        return f"{wall:.{digits}f}{unit} (CPU {cpu:.{digits}f}{unit})"

    (im_best, im_median, im_cpu), (y_best, y_median, y_cpu) = m["cold_im"], m["cold_y"]
    first = m["first_im"]
    rows = []
    for n in [*sizes, "hand"]:
        label = f"{n:,} files" if n != "hand" else f"{m['hand_count']:,} hand-written files"
        for key, how in (("im", "default jobs"), ("im1", "--jobs 1")):
            rows.append(
                [
                    f"bulk, {label}, {how}",
                    f"{both(res[key, n][0], res[key, n][2])}, {per_mb(key, n):.2f} s/MB",
                    f"{both(res['y', n][0], res['y', n][2])}, {per_mb('y', n):.2f} s/MB",
                    f"{both(ratio(key, n), ratio(key, n, 2), 'x')} per byte",
                ]
            )
    per_file = {(k, t): [res[k, n][t] / n * 1000 for n in (small, large)] for k in ("im", "y") for t in (0, 2)}
    linear = {kt: b / a for kt, (a, b) in per_file.items()}

    def growth(k):
        return both(linear[k, 0], linear[k, 2], "x") + ": {:.2f} -> {:.2f} ms (CPU {:.2f} -> {:.2f})".format(
            *per_file[k, 0], *per_file[k, 2]
        )

    rss = res["im", large][1] / MiB
    rows += [
        [f"one file cold, best of {runs}", f"{im_best:.3f} s", f"{y_best:.3f} s", f"{im_best / y_best:.2f}x"],
        [
            f"one file cold, median of {runs}",
            both(im_median, im_cpu),
            both(y_median, y_cpu),
            both(im_median / y_median, im_cpu / y_cpu, "x"),
        ],
        [
            f"one file, the very first run (no compiled pack yet), median of {runs}",
            both(first[1], first[2]),
            both(y_median, y_cpu),
            both(first[1] / y_median, first[2] / y_cpu, "x"),
        ],
    ]
    for name, (_, median, cpu) in m["commands"].items():
        rows.append(
            [f"`im-lint {name}`, median of {runs}", both(median, cpu), "", f"{median / im_median:.2f}x a cold check"]
        )
    for n in sizes:
        hook = m["precommit"][n]
        rows += [
            [f"full `check` of {n:,} files, filling the cache", both(hook["full"][0], hook["full"][2]), "", ""],
            [
                f"pre-commit: first commit after it, one changed file of {n:,}",
                both(*hook["first"]),
                both(y_median, y_cpu),
                both(hook["first"][0] / y_median, hook["first"][1] / y_cpu, "x"),
            ],
            [
                f"pre-commit: later commits, one changed file of {n:,}, median of {runs}",
                both(*hook["median"]),
                both(y_median, y_cpu),
                both(hook["median"][0] / y_median, hook["median"][1] / y_cpu, "x"),
            ],
            [f"re-lint {n:,} unchanged files from the cache", both(m["cached"][n][0], m["cached"][n][2]), "", ""],
        ]
    rows += [
        [f"time per file, {small:,} -> {large:,} files", growth("im"), growth("y"), ""],
        [
            f"peak RSS, all processes, {large:,} files",
            f"{rss:.0f} MiB",
            f"{res['y', large][1] / MiB:.0f} MiB",
            f"{res['im', large][1] / res['y', large][1]:.1f}x",
        ],
    ]
    results = table(["measurement", "im-lint: wall (CPU)", "yamllint: wall (CPU)", "im-lint / yamllint"], rows)

    def target(name, limit, wall, cpu, ok, unit="x"):
        digits = 2 if unit == "x" else 3
        return [name, limit, f"{wall:.{digits}f}{unit}", "" if cpu is None else f"{cpu:.{digits}f}{unit}", verdict(ok)]

    commands = m["commands"]
    hook = m["precommit"][small]
    targets = [
        target(
            "one file cold vs yamllint, median",
            "<= 1.0x",
            im_median / y_median,
            im_cpu / y_cpu,
            im_median / y_median <= 1.0,
        ),
        target(
            "the very first run (no compiled pack) vs yamllint",
            "(reported)",
            first[1] / y_median,
            first[2] / y_cpu,
            None,
        ),
        target(
            f"pre-commit, one changed file of {small:,}, first commit after a full check",
            "<= 1.5x",
            hook["first"][0] / y_median,
            hook["first"][1] / y_cpu,
            hook["first"][0] / y_median <= 1.5,
        ),
        target(
            f"pre-commit, one changed file of {small:,}, later commits",
            "<= 1.5x",
            hook["median"][0] / y_median,
            hook["median"][1] / y_cpu,
            hook["median"][0] / y_median <= 1.5,
        ),
        target(
            f"re-lint of {small:,} unchanged files",
            "<= 0.3 s",
            m["cached"][small][0],
            m["cached"][small][2],
            m["cached"][small][0] <= 0.3,
            " s",
        ),
    ]
    if large >= 10000:
        per_10k = m["cached"][large][0] * 10000 / large
        targets.append(
            target(f"re-lint of {large:,} unchanged files", "<= 1.5 s per 10,000", per_10k, None, per_10k <= 1.5, " s")
        )
    for name in ("explain IM101", "rules"):
        _, median, cpu = commands[name]
        targets.append(
            target(f"`{name}` vs a cold check", "<= 0.5x", median / im_median, cpu / im_cpu, median / im_median <= 0.5)
        )
    for name in ("--version", "--help"):
        _, median, cpu = commands[name]
        targets.append(target(f"`{name}`", "<= 0.1 s", median, cpu, median <= 0.1, " s"))
    targets += [
        target(
            f"bulk per byte vs yamllint, {large:,} generated files",
            "<= 0.15x",
            ratio("im", large),
            ratio("im", large, 2),
            ratio("im", large) <= 0.15,
        ),
        target(
            f"bulk per byte vs yamllint, {m['hand_count']:,} hand-written files",
            "<= 0.15x",
            ratio("im", "hand"),
            ratio("im", "hand", 2),
            ratio("im", "hand") <= 0.15,
        ),
        target(
            f"time per file, {small:,} -> {large:,} files",
            "<= 1.15x",
            linear["im", 0],
            linear["im", 2],
            linear["im", 0] <= 1.15,
        ),
        [f"peak RSS at {large:,} files", "<= 150 MiB", f"{rss:.0f} MiB", "", verdict(rss <= 150)],
    ]
    targets_table = table(["target", "limit", "wall", "CPU", "result (wall)"], targets)
    missed = [
        f"- **{row[0]}**: {row[2]} (CPU {row[3] or 'n/a'}), limit {row[1]}. "
        + next((why for key, why in REASONS if key in row[0]), "See the profile below.")
        for row in targets
        if row[4] == "FAIL"
    ]
    print("\n" + results + "\n\n" + targets_table)
    template = (Path(__file__).parent / "performance.md.in").read_text()
    return template.format(
        date=datetime.date.today().isoformat(),
        machine="\n".join("- " + line for line in machine(load)),
        quick="\n\n**Quick run** (`--quick`): small corpora and 5 cold runs; the figures are rough." if quick else "",
        proposals=", ".join(f"{n:,} proposals ({size[n][0] / MB:.1f} MB)" for n in sizes),
        yaml=", ".join(f"{size[n][1] / MB:.1f} MB" for n in sizes),
        hand=f"{m['hand_count']:,}",
        hand_mb=f"{size['hand'][0] / MB:.1f}",
        hand_sources=m["hand_sources"],
        one_size=m["one_size"],
        runs=runs,
        small=f"{small:,}",
        large=f"{large:,}",
        results=results,
        targets=targets_table,
        misses="\n".join(missed) or "Every target is met.",
        profile=m["profile"],
        imports=m["imports"],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes in files, comma-separated")
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 files, 5 cold runs: to try the script out")
    parser.add_argument(
        "--profile", metavar="DIR", help=argparse.SUPPRESS
    )  # run.py calls itself with the project's Python
    args = parser.parse_args()
    if args.profile:
        return profile(args.profile)
    sizes = [200, 2000] if args.quick else sorted(int(s) for s in args.sizes.split(","))
    runs = 5 if args.quick else 15
    hand = 300 if args.quick else 1000
    load = [os.getloadavg()[0]]
    peer_linter()
    installed()
    work = Path(tempfile.mkdtemp(prefix="im-lint-bench-"))
    try:
        measured = measure(sizes, runs, work, hand)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load.append(os.getloadavg()[0])
    (ROOT / "docs" / "performance.md").write_text(report(measured, sizes, runs, args.quick, load))
    print(f"\nwrote {ROOT / 'docs' / 'performance.md'}")


if __name__ == "__main__":
    main()
