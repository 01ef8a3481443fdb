"""The real `pre-commit` tool, in a proposals repository whose .pre-commit-config.yaml points at
this repository: a clean proposal commits, a flawed one is refused with its findings, nothing in the
repository is written by im-lint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, require

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def proposals_repo(tmp_path_factory) -> Path:
    require(PRE_COMMIT.exists(), "pre-commit is not installed (pip install -e '.[test]')")
    require(shutil.which("git") is not None, "git is not installed")
    head = git(ROOT, "rev-parse", "HEAD")
    if head.returncode != 0:
        pytest.skip("this copy of im-lint is not a git repository, so pre-commit cannot clone it")
    folder = tmp_path_factory.mktemp("proposals")
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "im@example.org")
    git(folder, "config", "user.name", "Informatiemanager")
    (folder / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: im-lint\n", encoding="utf-8"
    )
    git(folder, "add", ".pre-commit-config.yaml")
    git(folder, "commit", "-q", "-m", "pre-commit")
    return folder


def commit(folder: Path, name: str, text: str) -> subprocess.CompletedProcess:
    (folder / name).write_text(text, encoding="utf-8")
    git(folder, "add", name)
    environment = {**os.environ, "PRE_COMMIT_HOME": str(folder.parent / "pre-commit-home")}
    subprocess.run([str(PRE_COMMIT), "install"], cwd=folder, capture_output=True, timeout=60, env=environment)
    return subprocess.run(
        ["git", "commit", "-m", f"add {name}"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        env={**environment, "PATH": f"{PRE_COMMIT.parent}{os.pathsep}{os.environ['PATH']}"},
    )


def test_clean_proposal_commits_and_flawed_one_is_refused(proposals_repo: Path) -> None:
    clean = commit(proposals_repo, "devices.voorstel", (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8"))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert git(proposals_repo, "log", "--oneline").stdout.count("\n") == 2

    flawed = commit(proposals_repo, "ipads.proposal", (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8"))
    output = flawed.stdout + flawed.stderr
    assert flawed.returncode != 0
    assert "ipads.proposal:25:1: error IM601" in output and "IM303" in output
    assert git(proposals_repo, "log", "--oneline").stdout.count("\n") == 2  # refused

    # im-lint wrote nothing into the repository (no cache, no report, no changed file).
    status = git(proposals_repo, "status", "--porcelain", "--ignored").stdout.splitlines()
    assert sorted(status) == ["A  ipads.proposal"]
