"""The report's imprint: the date it reports on and the revision of the proposals it was made from.

A board member holding a printed pack must be able to tell which version of the proposals it shows:
each page's footer (and a line at the end of the page) gives the run's date (`--today`) and the git
commit of the proposals' repository, marked *gewijzigd* / *modified* when the files differ from it
(a changed tracked file, or a proposal of the run that git does not have). Outside a git repository,
or without git, there is no revision and nothing is said about one.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from im_lint.report.words import long_date

WORDS = {
    "nl": {
        "date": "Rapportdatum {date}",
        "revision": "bron {revision}",
        "modified": "gewijzigd",
        "page": "pagina",
        "of": "van",
    },
    "en": {
        "date": "Report date {date}",
        "revision": "source {revision}",
        "modified": "modified",
        "page": "page",
        "of": "of",
    },
}


@dataclass(frozen=True)
class Revision:
    commit: str  # git's short hash
    modified: bool


@dataclass(frozen=True)
class Imprint:
    date: str  # the run's date, in words
    revision: str | None  # "abc1234", "abc1234 (gewijzigd)", or None outside git
    line: str  # date and revision in one line, for the page and each printed page's footer
    page: str  # "pagina" / "page"
    of: str  # "van" / "of"


def imprint(files: list[str], today: date | None, lang: str) -> Imprint:
    word = WORDS.get(lang, WORDS["nl"])
    day = long_date(today or date.today(), lang)
    found = source_revision(files)
    revision = None
    if found is not None:
        revision = f"{found.commit} ({word['modified']})" if found.modified else found.commit
    parts = [word["date"].format(date=day)]
    if revision:
        parts.append(word["revision"].format(revision=revision))
    return Imprint(day, revision, " \u00b7 ".join(parts), word["page"], word["of"])


def source_revision(files: list[str]) -> Revision | None:
    """The commit of the git repository that holds the run's files (the first file's, when they lie
    in several), or None: not in a repository, no commit yet, or no git."""
    paths = [Path(f).resolve() for f in files if f != "-"]  # as git names them: links resolved
    if not paths:
        return None
    start = paths[0] if paths[0].is_dir() else paths[0].parent
    top = _git(start, "rev-parse", "--show-toplevel")
    commit = _git(start, "rev-parse", "--short", "HEAD") if top else None
    if not top or not commit:
        return None
    root = Path(top.strip())
    changed = _git(root, "status", "--porcelain", "--untracked-files=no")
    if changed is None:
        return None
    modified = bool(changed.strip()) or _untracked(root, paths)
    return Revision(commit.strip(), modified)


def _untracked(root: Path, paths: list[Path]) -> bool:
    """Whether a file of the run is not in git (new, or ignored): then the commit does not hold it.
    Other untracked files (the report itself, say) do not make the proposals differ."""
    inside = [p for p in paths if _within(p, root)]
    folders = sorted({str(p if p.is_dir() else p.parent) for p in inside})
    if not folders:
        return False
    listed = _git(root, "ls-files", "--others", "-z", "--full-name", "--", *folders)
    if not listed:
        return False
    others = {root / name for name in listed.split("\0") if name}
    return any(p in others for p in inside if not p.is_dir())


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _git(cwd: Path, *args: str) -> str | None:
    """git's output, or None when it fails or is not installed: the imprint then leaves it out."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=20,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
