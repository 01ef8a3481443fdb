"""`check --stdin-filename PATH`: standard input linted as if it were PATH, with PATH's configuration,
portfolio and name (what editors and the language server need)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")
IM_LINT = [sys.executable, "-m", "im_lint"]


def _run(args: list[str], text: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*IM_LINT, *args], input=text, capture_output=True, text=True, cwd=cwd)


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "base.proposal").write_text(IPADS, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    return tmp_path


def _findings(done: subprocess.CompletedProcess) -> list[dict]:
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


def test_standard_input_alone_has_no_portfolio_but_a_file_name_gives_it(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    plain = _findings(_run(["check", "-", "--format", "json", "--no-cache"], IPADS, repo))
    assert "IM701" not in {f["code"] for f in plain}  # the same ID as base.proposal, but unseen
    named = _findings(
        _run(["check", "--stdin-filename", "sub/dup.proposal", "--format", "json", "--no-cache"], IPADS, repo)
    )
    assert "IM701" in {f["code"] for f in named}
    assert {f["path"] for f in named} == {"sub/dup.proposal"}


def test_the_configuration_of_the_named_path_applies(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "sub" / "im-lint.toml").write_text('ignore = ["IM201"]\n', encoding="utf-8")
    args = ["--format", "json", "--no-cache"]
    in_sub = _findings(_run(["check", "--stdin-filename", "sub/new.proposal", *args], IPADS, repo))
    at_top = _findings(_run(["check", "--stdin-filename", "new.proposal", *args], IPADS, repo))
    assert "IM201" not in {f["code"] for f in in_sub}
    assert "IM201" in {f["code"] for f in at_top}


def test_the_text_read_replaces_the_file_on_disk(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    # base.proposal on disk has the findings of the iPad case; the buffer given for it is clean of IM601.
    mended = IPADS.replace("replaces E1", "")
    done = _run(["check", "--stdin-filename", "base.proposal", "--format", "json", "--no-cache"], mended, repo)
    codes = [f["code"] for f in _findings(done)]
    assert "IM601" not in codes and "IM701" not in codes  # not a duplicate of its own old version


def test_stdin_filename_with_other_paths_is_refused(tmp_path: Path) -> None:
    done = _run(["check", "--stdin-filename", "x.proposal", "other.proposal"], IPADS, _repo(tmp_path))
    assert done.returncode == 2 and "--stdin-filename" in done.stderr and "Traceback" not in done.stderr
