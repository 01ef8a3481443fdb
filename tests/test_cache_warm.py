"""A full `im-lint check .` warms the cache the pre-commit hook reads: the first commit after it
parses only the changed file, the portfolio rules read the others' index from the cache."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES

from im_lint import api
from im_lint.runner import batch

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")


def _repo(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / ".git").mkdir()
    for number in range(count):
        (folder / f"p{number}.proposal").write_text(IPADS.replace("VO-2020-011", f"VO-{number}"), encoding="utf-8")
    return folder


def _count_parses(monkeypatch) -> list[int]:
    parsed: list[int] = []
    original = batch.parse_bytes
    monkeypatch.setattr(batch, "parse_bytes", lambda *a, **k: parsed.append(1) or original(*a, **k))
    return parsed


def test_a_full_check_warms_the_one_file_run(tmp_path: Path, monkeypatch) -> None:
    repo, cache = _repo(tmp_path, 12), tmp_path / "cache"
    full = api.lint_paths([str(repo)], cache_dir=str(cache), jobs=1)
    assert any(f.code.startswith("IM7") for f in full.findings)  # the portfolio rules ran
    parsed = _count_parses(monkeypatch)
    (repo / "p3.proposal").write_text(IPADS.replace("VO-2020-011", "VO-3") + "\n# changed\n", encoding="utf-8")
    one = api.lint_paths([str(repo / "p3.proposal")], cache_dir=str(cache), jobs=1)
    assert len(parsed) == 1  # the changed file; the other eleven come from the cache's index
    fresh = api.lint_paths([str(repo / "p3.proposal")], use_cache=False, jobs=1)
    assert [(f.code, f.line) for f in one.findings] == [(f.code, f.line) for f in fresh.findings]


def test_a_full_check_from_the_cache_keeps_the_index(tmp_path: Path, monkeypatch) -> None:
    # The second full run is all hits; the index must still be there for the hook afterwards.
    repo, cache = _repo(tmp_path, 6), tmp_path / "cache"
    api.lint_paths([str(repo)], cache_dir=str(cache), jobs=1)
    api.lint_paths([str(repo)], cache_dir=str(cache), jobs=1)
    parsed = _count_parses(monkeypatch)
    api.lint_paths([str(repo / "p0.proposal")], cache_dir=str(cache), jobs=1)
    assert parsed == []  # unchanged: the file itself is a hit too
