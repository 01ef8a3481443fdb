"""The import budget: what each command imports before it does its work, summed per top-level
package (`python -X importtime`, self time). A module that comes back onto a path shows in these
figures; tests/test_startup.py fails when the engine or the report does.

    python benchmarks/imports.py          # prints the table docs/performance.md shows
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# As installed (`benchmarks/run.py` makes this environment), else the project's editable one.
BENCH = ROOT / "benchmarks" / ".venv-bench" / "bin" / "python"
PYTHON = str(BENCH if BENCH.exists() else ROOT / ".venv" / "bin" / "python")
EXAMPLE = str(ROOT / "examples" / "chromebooks.voorstel")
COMMANDS = {
    "--version": ["--version"],
    "--help": ["--help"],
    "explain IM101": ["explain", "IM101"],
    "rules": ["rules"],
    "check --no-cache FILE": ["check", "--no-cache", EXAMPLE],
}


def per_package(args: list[str]) -> collections.Counter:
    """Microseconds of import per top-level package for one run of `im-lint ARGS`."""
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: from .pyc files, not compiled at every start
    # Once before: writes the .pyc files and the compiled built-in pack, which a start then reads.
    subprocess.run([PYTHON, "-m", "im_lint", *args], capture_output=True, env=env)
    err = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "im_lint", *args], capture_output=True, text=True, env=env
    ).stderr
    spent: collections.Counter = collections.Counter()
    for line in err.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) == 3 and fields[0].strip().isdigit():
            spent[fields[2].strip().split(".")[0]] += int(fields[0])
    return spent


def table(top: int = 8) -> str:
    rows = []
    for name, args in COMMANDS.items():
        spent = per_package(args)
        heaviest = ", ".join(f"{package} {us / 1000:.0f}" for package, us in spent.most_common(top))
        rows.append(f"{name:24} {sum(spent.values()) / 1000:6.0f} ms  ({heaviest})")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.stdout.write(table() + "\n")
