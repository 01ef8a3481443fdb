"""The cache's index (runner/cache.py): a one-file run reads the other files' portfolio entries from
it, not their text (when their stat is the one recorded) and never their findings; a changed file is
always seen; an unchanged repository is finished from the cache, not again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLES

from im_lint import api
from im_lint.engine.run import Engine
from im_lint.runner import batch, index
from im_lint.runner import cache as cache_module

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")


def _text(number: int, identifier: str | None = None) -> str:
    return IPADS.replace("VO-2020-011", identifier or f"VO-{number}")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / ".git").mkdir()
    for number in range(8):
        (folder / f"p{number}.proposal").write_text(_text(number), encoding="utf-8")
    return folder


@pytest.fixture
def trusted(monkeypatch) -> None:
    """Files written a moment ago: trust their stat at once (see cache.signature)."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)


def _lint(*paths: Path, cache: Path):
    return api.lint_paths([str(p) for p in paths], cache_dir=str(cache), jobs=1)


def _codes(result) -> list[tuple[str, str, int]]:
    return [(Path(f.path).name, f.code, f.line) for f in result.findings]


def _watch(monkeypatch) -> dict[str, list[str]]:
    """Which files a run reads (proposals, cache documents) and parses."""
    seen: dict[str, list[str]] = {"read": [], "documents": [], "parsed": []}
    for module in (batch, index):
        original = module.read_bytes
        monkeypatch.setattr(
            module, "read_bytes", lambda path, *a, o=original: seen["read"].append(Path(path).name) or o(path, *a)
        )
    document = cache_module._document
    monkeypatch.setattr(cache_module, "_document", lambda path: seen["documents"].append(path) or document(path))
    for module in (batch, index):
        parse = module.parse_bytes
        monkeypatch.setattr(module, "parse_bytes", lambda *a, o=parse, **k: seen["parsed"].append(1) or o(*a, **k))
    return seen


def _index(cache: Path) -> dict:
    [stored] = list(cache.rglob("index.json"))
    files = json.loads(stored.read_text())["files"]
    for recent in cache.rglob("index-recent.json"):
        files.update(json.loads(recent.read_text())["files"])
    return files


def test_a_one_file_run_reads_no_other_file_and_no_other_findings(repo, tmp_path, trusted, monkeypatch) -> None:
    cache = tmp_path / "cache"
    _lint(repo, cache=cache)
    (repo / "p3.proposal").write_text(_text(3) + "\n# changed\n", encoding="utf-8")
    seen = _watch(monkeypatch)
    one = _lint(repo / "p3.proposal", cache=cache)
    assert seen["read"] == ["p3.proposal"] and len(seen["parsed"]) == 1
    shards = [p for p in seen["documents"] if p.parent.name == "results"]
    assert len(shards) == 1  # the changed file's own shard; no other file's findings
    assert sorted(p.name for p in seen["documents"] if p not in shards) == ["index-recent.json", "index.json"]
    assert _codes(one) == _codes(api.lint_paths([str(repo / "p3.proposal")], use_cache=False, jobs=1))


def test_an_unchanged_repository_is_read_not_even_opened(repo, tmp_path, trusted, monkeypatch) -> None:
    cache = tmp_path / "cache"
    first = _lint(repo, cache=cache)
    seen = _watch(monkeypatch)
    again = _lint(repo, cache=cache)
    assert seen["read"] == [] and seen["parsed"] == []
    assert [f.model_dump() for f in again.findings] == [f.model_dump() for f in first.findings]


def test_a_rewrite_that_keeps_the_modification_time_is_seen(repo, tmp_path, trusted) -> None:
    cache = tmp_path / "cache"
    _lint(repo, cache=cache)
    target = repo / "p5.proposal"
    before = target.stat()
    target.write_text(_text(5, "VO-0"), encoding="utf-8")  # now a duplicate of p0's ID (IM701)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or a sync tool would
    assert "IM701" in {f.code for f in _lint(repo / "p0.proposal", cache=cache).findings}
    assert ("p5.proposal", "IM701", 2) in _codes(_lint(repo, cache=cache))


def test_the_stat_rule(tmp_path) -> None:
    """Size, modification time, change time and inode must all be the recorded ones; a file changed
    less than RACY_NS before it was read gets no stat at all (it is hashed again next time)."""
    file = tmp_path / "a.proposal"
    file.write_text("x", encoding="utf-8")
    status = os.stat(file)
    now = max(status.st_mtime_ns, status.st_ctime_ns) + cache_module.RACY_NS
    recorded = cache_module.signature(status, now)
    assert recorded is not None and cache_module.same_stat(recorded, status)
    for position in range(4):  # size, mtime, ctime, inode
        changed = list(recorded)
        changed[position] += 1
        assert not cache_module.same_stat(changed, status)
    assert cache_module.signature(status, now - 1) is None


def test_a_file_just_written_is_hashed_again_not_trusted(repo, tmp_path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    _lint(repo, cache=cache)  # every file was written a moment ago: no stat is trusted yet
    assert all(item[0] is None for item in _index(cache).values())
    seen = _watch(monkeypatch)
    _lint(repo / "p0.proposal", cache=cache)
    assert sorted(seen["read"]) == sorted(f"p{n}.proposal" for n in range(8))  # each read and hashed
    assert seen["parsed"] == []  # but none parsed: the hashes are the ones recorded


def test_a_touched_file_is_hashed_not_parsed(repo, tmp_path, trusted, monkeypatch) -> None:
    cache = tmp_path / "cache"
    _lint(repo, cache=cache)
    os.utime(repo / "p6.proposal")
    seen = _watch(monkeypatch)
    _lint(repo / "p0.proposal", cache=cache)
    assert seen["read"] == ["p6.proposal"] and seen["parsed"] == []


def test_an_unchanged_repository_is_not_finished_again(repo, tmp_path, trusted, monkeypatch) -> None:
    """Portfolio findings added to a file are kept with it, with a hash of what was added: the same
    additions read them back, other additions finish the file again."""
    cache = tmp_path / "cache"
    (repo / "p1.proposal").write_text(_text(1, "VO-0"), encoding="utf-8")  # p0 and p1: one ID
    first = _lint(repo, cache=cache)
    assert ("p0.proposal", "IM701", 2) in _codes(first)
    finished: list[str] = []
    original = Engine.finish
    monkeypatch.setattr(
        Engine, "finish", lambda self, check, *a, **k: finished.append(check.path) or original(self, check, *a, **k)
    )
    again = _lint(repo, cache=cache)
    assert finished == [] and [f.model_dump() for f in again.findings] == [f.model_dump() for f in first.findings]
    # p0's duplicate is now p2, not p1: p0 is finished again, and its finding names the new file.
    (repo / "p1.proposal").write_text(_text(1), encoding="utf-8")
    (repo / "p2.proposal").write_text(_text(2, "VO-0"), encoding="utf-8")
    [duplicate] = [f for f in _lint(repo, cache=cache).findings if f.code == "IM701" and f.path.endswith("p0.proposal")]
    assert "p2.proposal" in duplicate.message and "p1.proposal" not in duplicate.message


def test_the_index_forgets_deleted_files(repo, tmp_path, trusted) -> None:
    cache = tmp_path / "cache"
    _lint(repo, cache=cache)
    assert any(path.endswith("p2.proposal") for path in _index(cache))
    (repo / "p2.proposal").unlink()
    _lint(repo / "p0.proposal", cache=cache)
    assert not any(path.endswith("p2.proposal") for path in _index(cache)) and len(_index(cache)) == 7


def test_a_commit_writes_only_the_changed_files_index_line(repo, tmp_path, trusted, monkeypatch) -> None:
    cache = tmp_path / "cache"
    _lint(repo, cache=cache)
    [whole] = list(cache.rglob("index.json"))
    written = whole.read_bytes()
    (repo / "p3.proposal").write_text(_text(3, "VO-0"), encoding="utf-8")  # a duplicate of p0's ID
    _lint(repo / "p3.proposal", cache=cache)
    assert whole.read_bytes() == written
    [recent] = list(cache.rglob("index-recent.json"))
    assert [Path(p).name for p in json.loads(recent.read_text())["files"]] == ["p3.proposal"]
    seen = _watch(monkeypatch)
    assert ("p0.proposal", "IM701", 2) in _codes(_lint(repo / "p0.proposal", cache=cache))  # p3 from the index
    assert seen["parsed"] == [] and seen["read"] == []


def test_every_output_from_the_cache_is_the_fresh_one(repo, tmp_path, trusted) -> None:
    from click.testing import CliRunner

    from im_lint.cli import main

    (repo / "p1.proposal").write_text(_text(1, "VO-0"), encoding="utf-8")  # portfolio findings too
    for output in ("text", "json", "sarif"):
        check = ["check", "--format", output, "--jobs", "1", str(repo)]
        fresh = CliRunner().invoke(main, [*check, "--no-cache"])
        cached = [CliRunner().invoke(main, [*check, "--cache-dir", str(tmp_path / "c")]) for _ in range(3)]
        assert {(run.exit_code, run.stdout) for run in cached} == {(fresh.exit_code, fresh.stdout)}, output


def _count_portfolio_runs(monkeypatch) -> list[str]:
    ran: list[str] = []
    original = batch.run_portfolio_check
    monkeypatch.setattr(batch, "run_portfolio_check", lambda name, *a: ran.append(name) or original(name, *a))
    return ran


def test_an_unchanged_repository_runs_no_portfolio_check(repo, tmp_path, trusted, monkeypatch) -> None:
    cache = tmp_path / "cache"
    (repo / "p1.proposal").write_text(_text(1, "VO-0"), encoding="utf-8")
    first = _lint(repo, cache=cache)
    ran = _count_portfolio_runs(monkeypatch)
    again = _lint(repo, cache=cache)
    assert ran == [] and [f.model_dump() for f in again.findings] == [f.model_dump() for f in first.findings]
    (repo / "p4.proposal").write_text(_text(4, "VO-0"), encoding="utf-8")  # a third proposal VO-0
    changed = _lint(repo, cache=cache)
    assert ran and ("p4.proposal", "IM701", 2) in _codes(changed)


def test_the_portfolio_from_the_cache_is_the_one_of_this_folder(repo, tmp_path, trusted, monkeypatch) -> None:
    """A finding names the other file relative to where im-lint runs: a run from another folder
    over the same files does not take the marks kept for the first."""
    cache = tmp_path / "cache"
    (repo / "p1.proposal").write_text(_text(1, "VO-0"), encoding="utf-8")
    monkeypatch.chdir(repo)
    _lint(repo, cache=cache)  # the same absolute path from two folders
    monkeypatch.chdir(tmp_path)
    cached = _lint(repo, cache=cache)
    fresh = api.lint_paths([str(repo)], use_cache=False, jobs=1)
    assert [f.message for f in cached.findings] == [f.message for f in fresh.findings]
    assert any("repo/p1.proposal" in f.message for f in cached.findings if f.code == "IM701")


@pytest.mark.parametrize("marks", [{"x": 5}, "bogus", None, "every-mark-wrong"])
def test_damaged_portfolio_marks_are_recomputed(marks, repo, tmp_path, trusted) -> None:
    cache = tmp_path / "cache"
    (repo / "p1.proposal").write_text(_text(1, "VO-0"), encoding="utf-8")
    fresh = _codes(api.lint_paths([str(repo)], use_cache=False, jobs=1))
    _lint(repo, cache=cache)
    [stored] = list(cache.rglob("portfolio.json"))
    document = json.loads(stored.read_text())
    assert document["marks"]  # p0 and p1 have IM701
    document["marks"] = {path: "0" * 32 for path in document["marks"]} if marks == "every-mark-wrong" else marks
    stored.write_text(json.dumps(document))
    assert _codes(_lint(repo, cache=cache)) == fresh


def test_a_damaged_record_is_replaced(repo, tmp_path, trusted, monkeypatch) -> None:
    cache = tmp_path / "cache"
    for number in range(1, 8):  # one proposal: no portfolio finding finishes (and so stores) it again
        (repo / f"p{number}.proposal").unlink()
    _lint(repo, cache=cache)
    for shard in cache.rglob("results/*.json"):
        document = json.loads(shard.read_text())
        for record in document["records"].values():
            record["findings"] = record["findings"].replace('"severity":"error"', '"severity":"fatal"')
        shard.write_text(json.dumps(document))
    seen = _watch(monkeypatch)
    _lint(repo, cache=cache)
    assert len(seen["parsed"]) == 1  # checked again (IPADS has errors)
    seen["parsed"].clear()
    _lint(repo, cache=cache)
    assert seen["parsed"] == []  # and its record replaced
