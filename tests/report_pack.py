"""A board pack for the print and accessibility tests (and docs/screenshots.py): the shipped
examples (a ready proposal, proposals with errors, warnings and suggestions, in Dutch and English)
plus one waived finding, in a git repository of its own so that the report names a revision."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WAIVER = "# im-lint: ignore IM205 -- the students were heard in the pupils' council; see its minutes of 2020-05-12\n"
TODAY = "2026-12-01"


# Since the last meeting (the tag): a new impact in one proposal, a new technology in another.
LAST_MEETING = "vergadering-2026-11"
CHANGES = {
    "chromebooks.voorstel": '\nimpact ouders "Ouders krijgen een brief over de nieuwe devices." {\n  betrokken 2026-10-07\n}\n',
    "ipads.proposal": '\ntechnology T2 "Chromebooks" {\n  supports A1\n}\n',
}


def build_pack(folder: Path, commit: bool = True, changes: bool = False) -> Path:
    """Copy the examples into `folder`, waive a finding in the iPad case, and commit it all. With
    `changes`, that commit is tagged as the last meeting's pack and two proposals change after it."""
    shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True)
    ipads = folder / "ipads.proposal"
    lines = ipads.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith('impact students "TODO"'))
    lines.insert(at, WAIVER)
    ipads.write_text("".join(lines), encoding="utf-8")
    if commit and shutil.which("git"):
        git(folder, "init", "-q", "-b", "main")
        git(folder, "add", ".")
        git(folder, "commit", "-q", "-m", "the pack")
        if changes:
            git(folder, "tag", LAST_MEETING)
            for name, addition in CHANGES.items():
                with open(folder / name, "a", encoding="utf-8") as stream:
                    stream.write(addition)
            git(folder, "commit", "-q", "-a", "-m", "two proposals changed")
    return folder


def git(folder: Path, *args: str) -> None:
    when = {"GIT_AUTHOR_DATE": f"{TODAY}T09:00:00+01:00", "GIT_COMMITTER_DATE": f"{TODAY}T09:00:00+01:00"}
    subprocess.run(  # the same files and dates give the same commit: screenshots stay the same
        ["git", "-c", "user.name=im-lint", "-c", "user.email=im-lint@example.org", "-c", "tag.gpgsign=false", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=60,
        env={**os.environ, **when},
    )


def proposal_ids(folder: Path) -> list[str]:
    """The IDs of the pack's proposals, as their `proposal`/`voorstel` lines give them."""
    ids = []
    for path in sorted([*folder.rglob("*.proposal"), *folder.rglob("*.voorstel")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("proposal ", "voorstel ")):
                ids.append(line.split()[1])
                break
    return ids
