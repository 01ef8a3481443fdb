"""The `im-lint-portfolio` hook with the real pre-commit: deleting a proposal that another depends
on is refused, although pre-commit passes no file for a deletion (and `im-lint` itself is skipped)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, require

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
CLEAN = (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")


def git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=60)


def _commit(folder: Path, message: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(folder.parent / "pre-commit-home")}
    environment["PATH"] = f"{PRE_COMMIT.parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["git", "commit", "-q", "-m", message], cwd=folder, capture_output=True, text=True, timeout=600, env=environment
    )


@pytest.mark.slow
def test_deleting_a_proposal_others_depend_on_is_refused(tmp_path: Path) -> None:
    require(PRE_COMMIT.exists(), "pre-commit is not installed (pip install -e '.[test]')")
    require(shutil.which("git") is not None, "git is not installed")
    head = git(ROOT, "rev-parse", "HEAD")
    if head.returncode != 0:
        pytest.skip("this copy of im-lint is not a git repository, so pre-commit cannot clone it")
    folder = tmp_path / "proposals"
    folder.mkdir()
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "im@example.org")
    git(folder, "config", "user.name", "Informatiemanager")
    hooks = "".join(f"      - id: {hook}\n" for hook in ("im-lint", "im-lint-portfolio"))
    (folder / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n{hooks}", encoding="utf-8"
    )
    (folder / "base.voorstel").write_text(CLEAN, encoding="utf-8")
    user = CLEAN.replace("voorstel PO-2027-002", "voorstel PO-2027-003").replace(
        "budget 31500 EUR", "budget 31500 EUR\nhangt-af-van PO-2027-002"
    )
    (folder / "user.voorstel").write_text(user, encoding="utf-8")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    subprocess.run([str(PRE_COMMIT), "install"], cwd=folder, capture_output=True, timeout=60, env=environment)
    git(folder, "add", ".")
    first = _commit(folder, "two proposals")
    assert first.returncode == 0, first.stdout + first.stderr

    git(folder, "rm", "-q", "base.voorstel")
    deleted = _commit(folder, "remove the base proposal")
    output = deleted.stdout + deleted.stderr
    assert deleted.returncode != 0, output
    assert "user.voorstel" in output and "IM704" in output
    assert "(no files to check)" in output  # the per-file hook alone would have let it through

    # A commit that touches no proposal does not run the portfolio at all.
    git(folder, "reset", "-q", "HEAD", "base.voorstel")
    git(folder, "checkout", "-q", "--", "base.voorstel")
    (folder / "notes.txt").write_text("agenda\n", encoding="utf-8")
    git(folder, "add", "notes.txt")
    unrelated = _commit(folder, "notes")
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr


def test_staged_proposals_names_additions_changes_renames_and_deletions(tmp_path: Path) -> None:
    from im_lint.staged import staged_proposals

    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "im@example.org")
    git(tmp_path, "config", "user.name", "IM")
    for name in ("keep.voorstel", "old.proposal", "gone.voorstel", "readme.txt"):
        (tmp_path / name).write_text(CLEAN + name, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    assert staged_proposals(tmp_path) == []
    git(tmp_path, "mv", "old.proposal", "new.proposal")
    git(tmp_path, "rm", "-q", "gone.voorstel")
    (tmp_path / "readme.txt").write_text("changed", encoding="utf-8")
    (tmp_path / "added.voorstel").write_text(CLEAN, encoding="utf-8")
    git(tmp_path, "add", ".")
    assert sorted(staged_proposals(tmp_path)) == ["added.voorstel", "gone.voorstel", "new.proposal", "old.proposal"]


def test_portfolio_outside_a_repository_is_a_clear_message(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "im_lint", "portfolio"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
    )
    assert done.returncode == 2 and done.stderr.startswith("im-lint: portfolio:") and "Traceback" not in done.stderr
