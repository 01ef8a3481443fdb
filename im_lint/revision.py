"""The proposals as they were at a git revision (for `report --since REV`): read with git itself, so
that a tag of the last meeting's pack is compared with the same engine as today's files.

Every git failure a user can cause (no repository, a revision a shallow clone lacks, a typo) is a
RevisionError with what to do, never a traceback.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from im_lint.discover import SUFFIXES, is_excluded
from im_lint.files import resolve


class RevisionError(Exception):
    """A message for the user: what is wrong and what to do."""


@dataclass
class Revision:
    name: str  # as the user wrote it (a tag such as `vergadering-2026-11`)
    commit: str
    day: str  # the commit's date, YYYY-MM-DD
    texts: dict[str, bytes]  # path, as today's run would name it -> the file's bytes at the revision


def _git(cwd: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise RevisionError("--since needs git, and git is not installed") from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RevisionError(f"git could not be run: {error}") from None


def _top(cwd: Path) -> Path:
    done = _git(cwd, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise RevisionError(
            f"{cwd}: not in a git work tree; --since compares the proposals with a git revision "
            "(a tag of the last meeting's pack), so run it in the proposals' repository"
        )
    return Path(done.stdout.decode().strip())


def _commit(top: Path, name: str) -> str:
    if name.startswith("-"):  # never an option of git's
        raise RevisionError(f"--since {name}: a revision cannot start with '-'")
    done = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    if done.returncode == 0:
        return done.stdout.decode().strip()
    shallow = _git(top, "rev-parse", "--is-shallow-repository").stdout.decode().strip() == "true"
    if shallow:
        raise RevisionError(
            f"--since {name}: this is a shallow clone and it does not have {name}. Fetch the history and "
            "the tags with `git fetch --tags --unshallow` (in GitHub Actions: actions/checkout with "
            "`fetch-depth: 0`), then run the report again"
        )
    raise RevisionError(
        f"--since {name}: no such revision in this repository. Name a tag, branch or commit "
        "(`git tag` lists the tags; `git fetch --tags` fetches them from the remote)"
    )


def _listed(top: Path, commit: str, given: str, exclude: list[str], root: Path | None) -> list[tuple[str, str]]:
    """(top-relative name in git, path as today's run names it) of the proposals under `given` at
    the revision, as `discover` would find them: hidden folders and excluded paths left out."""
    where = resolve(given)
    try:
        inside = where.relative_to(top).as_posix()
    except ValueError:
        raise RevisionError(f"{given}: outside the git work tree {top}; --since reads proposals from git") from None
    spec = [] if inside == "." else ["--", inside]
    done = _git(top, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, *spec)
    if done.returncode != 0:
        raise RevisionError(f"git could not list the files of {commit[:12]}: {done.stderr.decode().strip()}")
    found = []
    for name in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not name.endswith(SUFFIXES):
            continue
        below = Path(name).relative_to(inside) if inside != "." else Path(name)
        if any(part.startswith(".") for part in below.parts[:-1]):
            continue
        shown = given if inside == name else str(Path(given, below))
        if not is_excluded(Path(shown), exclude, root):
            found.append((name, shown))
    return found


def _read(top: Path, commit: str, names: list[str]) -> list[bytes]:
    """Each file's bytes at the commit, with one `git cat-file --batch` for all of them."""
    if not names:
        return []
    request = "".join(f"{commit}:{name}\n" for name in names).encode("utf-8", "surrogateescape")
    done = _git(top, "cat-file", "--batch", data=request)
    if done.returncode != 0:
        raise RevisionError(f"git could not read the files of {commit[:12]}: {done.stderr.decode().strip()}")
    out, cursor, data = [], 0, done.stdout
    for name in names:
        end = data.index(b"\n", cursor)
        header = data[cursor:end].split()
        if len(header) != 3:  # "<name> missing": a submodule, say
            raise RevisionError(f"git has no file {name} at {commit[:12]}")
        size = int(header[2])
        out.append(data[end + 1 : end + 1 + size])
        cursor = end + 1 + size + 1
    return out


def proposals_at(name: str, paths: list[str], exclude: list[str] | None = None, root: Path | None = None) -> Revision:
    """The proposals under `paths` (files or folders, as given today, from the working folder) at
    revision `name`, in the git work tree of the first path."""
    first = resolve((paths or ["."])[0])
    top = _top(first if first.is_dir() else first.parent)
    commit = _commit(top, name)
    listed: dict[str, str] = {}
    for given in paths or ["."]:
        for in_git, shown in _listed(top, commit, given, exclude or [], root):
            listed.setdefault(in_git, shown)
    texts = dict(zip(listed.values(), _read(top, commit, list(listed))))
    day = _git(top, "log", "-1", "--format=%cs", commit).stdout.decode().strip()
    return Revision(name, commit, day, texts)


__all__ = ["Revision", "RevisionError", "proposals_at"]
