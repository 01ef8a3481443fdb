"""The cache gives the same findings as a fresh run, and never a stale or untrusted one; worker
processes give the same findings in the same order; no run touches the network."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint import api
from im_lint.cli import main
from im_lint.runner import batch

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / ".git").mkdir()
    for number in range(5):
        (folder / f"p{number}.proposal").write_text(IPADS.replace("VO-2020-011", f"VO-{number}"), encoding="utf-8")
    return folder


def codes(result) -> list[tuple[str, str, int]]:
    return [(Path(f.path).name, f.code, f.line) for f in result.findings]


def lint(folder: Path, cache: Path, **kwargs):
    return api.lint_paths([str(folder)], cache_dir=str(cache), **kwargs)


def test_second_run_comes_from_the_cache_with_the_same_findings(repo: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    first = lint(repo, cache)
    checked = []
    original = batch.check_data
    monkeypatch.setattr(batch, "check_data", lambda *a, **k: checked.append(a[0]) or original(*a, **k))
    second = lint(repo, cache)
    assert checked == []  # nothing parsed again
    assert [f.model_dump() for f in second.findings] == [f.model_dump() for f in first.findings]
    assert not any(repo.rglob("*cache*")) and sorted(p.name for p in repo.iterdir()) == [
        ".git",
        *[f"p{n}.proposal" for n in range(5)],
    ]


def test_a_changed_file_is_linted_again(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    lint(repo, cache)
    (repo / "p2.proposal").write_text(
        IPADS.replace("VO-2020-011", "VO-2").replace("decision-by ict", "decision-by board"), encoding="utf-8"
    )
    result = lint(repo, cache)
    assert ("p2.proposal", "IM303", 6) not in codes(result) and ("p1.proposal", "IM303", 6) in codes(result)


def test_a_changed_configuration_or_pack_is_linted_again(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert "IM303" in {f.code for f in lint(repo, cache).findings}
    (repo / "im-lint.toml").write_text('ignore = ["IM303"]\n', encoding="utf-8")
    assert "IM303" not in {f.code for f in lint(repo, cache).findings}
    pack = repo / "pack"
    pack.mkdir()
    rule = (EXAMPLES / "policies" / "pack" / "board-policies.yaml").read_text(encoding="utf-8")
    (pack / "p.yaml").write_text(rule, encoding="utf-8")
    (repo / "im-lint.toml").write_text('packs = ["pack"]\n', encoding="utf-8")
    before = {f.code for f in lint(repo, cache).findings}
    (pack / "p.yaml").write_text(
        rule.replace('{compare: [budget, ">", "50000 EUR"]}', '{compare: [budget, ">", "500000 EUR"]}'),
        encoding="utf-8",
    )
    after = {f.code for f in lint(repo, cache).findings}
    assert "LND001" in before and "LND001" not in after  # the budget is 120000 EUR


def test_the_portfolio_sees_changes_in_other_files(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert "IM701" not in {f.code for f in lint(repo, cache).findings}
    (repo / "p4.proposal").write_text(IPADS.replace("VO-2020-011", "VO-0"), encoding="utf-8")
    named = api.lint_paths([str(repo / "p0.proposal")], cache_dir=str(cache))
    assert "IM701" in {f.code for f in named.findings}


def _documents(cache: Path) -> list[Path]:
    found = [*cache.rglob("index.json"), *cache.rglob("results/*.json")]
    assert found
    return found


@pytest.mark.parametrize(
    "damage", [b"{not json", b'{"format": 1, "records": {"x": 1}}', b"\x00\xff", b'{"format": 99}', b"[" * 100_000]
)
def test_a_corrupt_cache_is_ignored(repo: Path, tmp_path: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    fresh = codes(lint(repo, cache))
    one = codes(api.lint_paths([str(repo / "p1.proposal")], cache_dir=str(cache)))
    for stored in _documents(cache):
        stored.write_bytes(damage)
    assert codes(lint(repo, cache)) == fresh
    for stored in _documents(cache):
        stored.write_bytes(damage)
    assert codes(api.lint_paths([str(repo / "p1.proposal")], cache_dir=str(cache))) == one


def test_records_of_the_wrong_shape_are_recomputed(repo: Path, tmp_path: Path) -> None:
    """Documents of this format and tool whose records or index entries are nonsense."""
    cache = tmp_path / "cache"
    fresh = codes(lint(repo, cache))
    one = codes(api.lint_paths([str(repo / "p1.proposal")], cache_dir=str(cache)))
    for nonsense in ({"nonsense": True}, None, [1, 2, 3], "x"):
        for stored in _documents(cache):
            document = json.loads(stored.read_text())
            if "records" in document:
                document["records"] = {key: nonsense for key in document["records"]}
            else:
                document["files"] = {path: nonsense for path in document["files"]}
            stored.write_text(json.dumps(document))
        assert codes(lint(repo, cache)) == fresh
        assert codes(api.lint_paths([str(repo / "p1.proposal")], cache_dir=str(cache))) == one


def test_no_cache_reads_and_writes_nothing(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    lint(repo, cache, use_cache=False)
    assert not cache.exists()


def test_jobs_give_the_same_findings_in_the_same_order(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    texts = [IPADS, (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8"), 'proposal P "x\nkind change\n', ""]
    for number in range(batch.POOL_THRESHOLD + 20):
        (folder / f"f{number:03}.proposal").write_text(
            texts[number % len(texts)].replace("VO-2020-011", f"V{number}"), encoding="utf-8"
        )
    one = api.lint_paths([str(folder)], use_cache=False, jobs=1)
    two = api.lint_paths([str(folder)], use_cache=False, jobs=2)
    assert [f.model_dump() for f in two.findings] == [f.model_dump() for f in one.findings]
    assert two.files == one.files


def test_jobs_flag_and_cache_dir_flag(repo: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(repo), "--jobs", "2", "--cache-dir", str(tmp_path / "c"), "-q"])
    assert result.exit_code == 1 and (tmp_path / "c").is_dir()
    assert CliRunner().invoke(main, ["check", str(repo), "--jobs", "0"]).exit_code == 2


def test_no_network_is_used(repo: Path, tmp_path: Path, monkeypatch) -> None:
    """Every way to open a connection is recorded and refused; none may be tried, and the run's
    output is the same as without the patch (a refused connection must not hide in exit code 1)."""
    runner = CliRunner()
    check = ["check", str(repo), "--jobs", "1", "--cache-dir"]
    expected = runner.invoke(main, [*check, str(tmp_path / "plain")])
    assert expected.exit_code == 1 and "Found " in expected.output and "IM601" in expected.output
    attempts: list[str] = []

    def refuse(name: str):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args}")
            raise OSError(f"this test allows no network: {name}")

        return refused

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    cold = runner.invoke(main, [*check, str(tmp_path / "c")])
    warm = runner.invoke(main, [*check, str(tmp_path / "c")])  # from the cache just written
    formatted = runner.invoke(main, ["fmt", "--check", str(repo)])
    assert attempts == []
    assert (cold.exit_code, cold.output) == (warm.exit_code, warm.output) == (1, expected.output)
    assert formatted.exit_code in (0, 1) and "error" not in formatted.output.lower()
