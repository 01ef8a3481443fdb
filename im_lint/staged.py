"""What a commit being made changes, as git's index says: for the portfolio hook, which must run when
a proposal is deleted (pre-commit passes no file for a deletion)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from im_lint.discover import SUFFIXES


class NotARepository(Exception):
    pass


def work_tree(start: Path) -> Path:
    done = _git(start, "rev-parse", "--show-toplevel")
    return Path(done.strip())


def staged_proposals(start: Path) -> list[str]:
    """Proposals that the staged change adds, changes, renames (either name) or deletes."""
    output = _git(start, "diff", "--cached", "--name-status", "-M", "-z", "--diff-filter=ACDMR")
    fields = output.split("\0")
    touched: list[str] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        count = 2 if status[:1] in ("R", "C") else 1  # a rename names the old and the new path
        touched += [name for name in fields[index + 1 : index + 1 + count] if name.endswith(SUFFIXES)]
        index += 1 + count
    return touched


def _git(start: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=start, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise NotARepository(f"git could not be run: {error}") from None
    if done.returncode != 0:
        raise NotARepository(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "not a git repository")
    return done.stdout
