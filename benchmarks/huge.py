"""Huge and broken files: how long one file of 1, 5 and 10 MB takes to check, and its peak memory;
and how long the chain diagram of a large proposal takes in `graph` and `report`.

    .venv/bin/python benchmarks/huge.py [--sizes 1,5,10] [--limit 120] [--chains 68,212,1024]

Four shapes, each the worst of its kind that a committer can write (issue 14, item 2):

- broken-line: `x` lines, every one an unknown keyword (IM002);
- lone-brace: `{` lines, each a block that is never closed or a brace on its own;
- huge-list: one `depends-on P-1, P-1, ...` line (IM704 once per repeat);
- many-element: `goal G{i} "..."` lines, each a valid element missing its strategy;
- valid: goals with their strategy, for the speed per MB of a file without syntax errors.

Each file is checked once by `im-lint check --no-cache --format json` in its own process (output
discarded), stopped after `--limit` seconds. Then `chain` proposals of `--chains` KB (each unit a
goal, an activity serving it and the one before, a need, a provision, an existing technology and the
technology that replaces it: every kind of line the diagram draws) go through `graph --format svg`
and `report -o x.html` (issue 13, item 11: a 1 MB proposal in under 5 s). Writes
docs/performance-huge.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from memory import run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEADER = 'proposal P-1 "Huge"\nkind change\n'
MiB = 1024 * 1024


def shape(name: str, size: int) -> str:
    if name == "broken-line":
        return HEADER + "x\n" * ((size - len(HEADER)) // 2)
    if name == "lone-brace":
        return HEADER + "{\n" * ((size - len(HEADER)) // 2)
    if name == "huge-list":
        return HEADER + "depends-on P-1" + ", P-1" * ((size - len(HEADER) - 15) // 5) + "\n"
    if name == "many-element":
        lines, total, number = [HEADER], len(HEADER), 0
        while total < size:
            line = f'goal G{number} "Goal {number}"\n'
            lines.append(line)
            total += len(line)
            number += 1
        return "".join(lines)
    lines, total, number = [HEADER], len(HEADER), 0  # valid: goals with their strategy
    while total < size:
        line = f'goal G{number} "Goal {number}" {{\n  strategy "Koersplan, ambition {number}"\n}}\n'
        lines.append(line)
        total += len(line)
        number += 1
    return "".join(lines)


SHAPES = ["valid", "broken-line", "lone-brace", "huge-list", "many-element"]
CHAIN_HEAD = (
    'proposal P-1 "Huge chain"\nkind change\nstatus submitted\nschool "S"\nauthor "A"\n'
    "submitted-by information-management\ndecision-by board\nmeeting 2027-03-09\nbudget 100 EUR\n"
)


def chain(size: int) -> str:
    parts, total, i = [CHAIN_HEAD], len(CHAIN_HEAD), 0
    while total < size:
        unit = (
            f'goal G{i} "Goal {i} for the students" {{\n  strategy "School plan, ambition {i}"\n}}\n'
            f'activity A{i} "Activity {i} in the classroom" {{\n  serves G{i}, G{max(i - 1, 0)}\n}}\n'
            f'need N{i} "Need {i} of the teacher" {{\n  for A{i}\n}}\n'
            f'provision V{i} "Provision {i}" {{\n  meets N{i}\n}}\n'
            f'existing E{i} "Old thing {i}" {{\n  supports A{i}\n}}\n'
            f'technology T{i} "Technology {i}" {{\n  realizes V{i}\n  replaces E{i}\n  supports A{i}\n}}\n'
        )
        parts.append(unit)
        total += len(unit)
        i += 1
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,5,10")
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--chains", default="68,212,1024")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    rows, diagrams = [], []
    with tempfile.TemporaryDirectory() as folder:
        for name in SHAPES:
            for megabytes in sizes:
                path = Path(folder) / f"{name}-{megabytes}.proposal"
                path.write_text(shape(name, megabytes * MiB - 1024), encoding="utf-8")
                command = ["timeout", str(options.limit), sys.executable, "-m", "im_lint"]
                output = Path(folder) / "out.json"
                with output.open("wb") as sink:
                    wall, cpu, code, peak, _ = run(
                        [*command, "check", "--no-cache", "--format", "json", str(path)], stdout=sink
                    )
                finished = code != 124
                rows.append((name, megabytes, wall, cpu, peak, finished, stopped_at(output) if finished else ""))
                shown = f"{wall:.1f} s" if finished else f"over {options.limit} s"
                print(f"{name:13} {megabytes:3} MB  {shown:>12}  CPU {cpu:.1f} s  {peak / MiB:.0f} MiB", flush=True)
                path.unlink()
        for kilobytes in [int(k) for k in options.chains.split(",") if k]:
            path = Path(folder) / f"chain-{kilobytes}.proposal"
            path.write_text(chain(kilobytes * 1024), encoding="utf-8")
            base = ["timeout", str(options.limit), sys.executable, "-m", "im_lint"]
            for command in (["graph", "--format", "svg", str(path)], ["report", "-o", f"{folder}/x.html", str(path)]):
                wall, cpu, code, peak, _ = run([*base, *command])
                finished = code != 124
                diagrams.append((command[0], kilobytes, wall, cpu, peak, finished))
                shown = f"{wall:.1f} s" if finished else f"over {options.limit} s"
                print(
                    f"{command[0]:6} {kilobytes:5} KB  {shown:>12}  CPU {cpu:.1f} s  {peak / MiB:.0f} MiB", flush=True
                )
            path.unlink()
    write(rows, diagrams, options.limit)


def stopped_at(output: Path) -> str:
    """Where the parser stopped reading (its IM001 with `rest`), or "all"."""
    try:
        findings = json.loads(output.read_text(encoding="utf-8"))["findings"]
    except (OSError, ValueError, KeyError):
        return "?"
    stops = [f for f in findings if f["code"] == "IM001" and "rest" in f["args"]]
    return f"to line {stops[0]['line']:,}" if stops else "all"


def write(rows: list, diagrams: list, limit: int) -> None:
    per_mb = {(n, m): w / m for n, m, w, _, _, f, _ in rows if f}
    lines = [
        "# Huge and broken files",
        "",
        "Written by `benchmarks/huge.py`; do not edit by hand. One file a run, `im-lint check --no-cache",
        f"--format json`, stopped after {limit} s. Target (issue 14): any file up to the size limit (10 MB)",
        "in under 30 s and 500 MiB, at a speed per MB within 3x of a valid file's.",
        "",
        f"Measured on {date.today().isoformat()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average at the end "
        f"{os.getloadavg()[0]:.2f} (other work on the machine stretches wall times).",
        "",
        "| file | size | read | wall | CPU | peak RSS | per MB vs valid | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, megabytes, wall, cpu, peak, finished, read in rows:
        valid = per_mb.get(("valid", megabytes))
        ratio = f"{(wall / megabytes) / valid:.1f}x" if finished and valid else "-"
        ok = (
            finished
            and wall < 30
            and peak < 500 * MiB
            and (name == "valid" or not valid or wall / megabytes <= 3 * valid)
        )
        shown = f"{wall:.1f} s" if finished else f"over {limit} s"
        lines.append(
            f"| {name} | {megabytes} MB | {read} | {shown} | {cpu:.1f} s | {peak / MiB:.0f} MiB | {ratio} | "
            f"{'PASS' if ok else 'FAIL'} |"
        )
    lines += [
        "",
        "## The chain diagram of a large proposal",
        "",
        "`graph --format svg` and `report -o x.html` of one `chain` proposal (every kind of line the diagram",
        "draws, about 30 elements per 4 KB). Target (issue 13): a 1 MB proposal in under 5 s, judged by",
        "wall time; on this shared machine other work can stretch it to 1.5 times the CPU time.",
        "",
        "| command | size | wall | CPU | peak RSS | target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for command, kilobytes, wall, cpu, peak, finished in diagrams:
        shown = f"{wall:.1f} s" if finished else f"over {limit} s"
        ok = finished and (kilobytes < 1024 or wall < 5)
        lines.append(
            f"| {command} | {kilobytes} KB | {shown} | {cpu:.1f} s | {peak / MiB:.0f} MiB | {'PASS' if ok else 'FAIL'} |"
        )
    lines += ["", *NOTES]
    (ROOT / "docs" / "performance-huge.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


NOTES = [
    "## What bounds the cost",
    "",
    "- **Broken lines.** After 1,000 lines that are no statement (unknown keywords and syntax errors",
    "  together), the parser stops reading; one IM001 says at which line and how many lines were not read.",
    "- **Size.** After 250,000 words, lines and comments together (a full proposal has about 600",
    "  words on 150 lines) the same: a file of more than 1 to 2 MB is read up to there, so the tree,",
    "  the model and the findings of any file stay below 500 MiB. Past that point a larger file costs",
    "  only its reading and decoding.",
    "- **Suppression comments.** The first 1,000 in a file are read as suppressions; IM008 says the",
    "  rest suppress nothing (matching every finding against every comment is bounded).",
    "- **One huge token.** The lexer's patterns repeat possessively, so a string, value, text block",
    "  or run of comment lines of megabytes needs no backtracking stack (a 9 MB string took 1.7 GiB);",
    "  a value of megabytes is named in findings shortened to 120 characters, and gets no fix.",
    "- **Findings.** At most `max-findings-per-code` (50) findings of one rule per file are listed, then",
    "  one IM010 says how many more, with the severity of the worst of them: the verdict is the same as",
    "  with every finding listed.",
    "- **The diagram.** Routing is linear in the number of lines drawn (before: every node scanned",
    "  every edge, and a 212 KB proposal took 58 s in `graph`).",
    "",
    "Both stops are errors (IM001), so a file that is not read to its end can never be 'ready'.",
    "",
    "Before this (the same machine, 2026-12-01, stopped after 60 s): a 1 MB file of broken lines took",
    "over 60 s and 1,236 MiB, lone braces over 60 s and 1,062 MiB, a huge list 15 s and 313 MiB; at",
    "5 and 10 MB every shape but the huge list ran over 60 s, with up to 2.4 GiB. The diagram of a",
    "212 KB proposal took 58 s in `graph`.",
]


if __name__ == "__main__":
    main()
