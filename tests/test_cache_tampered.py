"""A cache someone tampered with (issue 14 item 12): every record is validated into the same typed
findings a fresh check gives, or the file is checked again. The run never crashes and never writes
invalid output; here its findings are even right, since every damaged record is recomputed."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from im_lint import api
from im_lint.cli import main

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")
CHROMEBOOKS = (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")
DEEP = "[" * 100_000 + "]" * 100_000


def _finding(change):
    def damage(record: dict) -> None:
        findings = json.loads(record["findings"])
        if findings:
            change(findings[0])
        record["findings"] = json.dumps(findings)

    return damage


def _entry(change):
    def damage(record: dict) -> None:
        if record.get("entry"):
            change(record["entry"])

    return damage


def _check(change):
    def damage(record: dict) -> None:
        check = json.loads(record["check"])
        change(check)
        record["check"] = json.dumps(check)

    return damage


DAMAGES = {
    "bogus-severity": _finding(lambda f: f.update(severity="catastrophic")),
    "null-message": _finding(lambda f: f.update(message=None)),
    "line-0": _finding(lambda f: f.update(line=0)),
    "unknown-code": _finding(lambda f: f.update(code="XYZ999")),
    "deep-findings": lambda r: r.update(findings=DEEP),
    "deep-check": lambda r: r.update(check=DEEP),
    "odd-language": lambda r: r.update(lang="tlh"),
    "entry-id-a-number": _entry(lambda e: e.update(id=5)),
    "entry-span-line-0": _entry(lambda e: e.update(span=[0, 1, 1, 2])),
    "check-span-a-string": _check(lambda c: [d[0].__setitem__(1, "here") for d in c["diagnostics"]]),
    "finding-without-a-field": _finding(lambda f: f.pop("affects_exit")),
    "finding-line-a-string": _finding(lambda f: f.update(line="3")),
    "mark-a-number": lambda r: r.update(mark=5),
    "mark-dropped": lambda r: r.pop("mark", None),
    "digest-a-number": lambda r: r.update(digest=5),
}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / ".git").mkdir()
    # Two files whose findings come straight from their records, and one with a dependency on a
    # proposal nobody defines (IM704), whose record is finished again by the portfolio step.
    (folder / "p0.proposal").write_text(IPADS, encoding="utf-8")
    (folder / "p1.voorstel").write_text(CHROMEBOOKS, encoding="utf-8")
    dependent = CHROMEBOOKS.replace("PO-2027-002", "PO-2099-001")
    dependent = dependent.replace("soort aanschaf\n", "soort aanschaf\nhangt-af-van VO-404\n", 1)
    (folder / "p2.voorstel").write_text(dependent, encoding="utf-8")
    return folder


def _codes(result) -> list[tuple]:
    return [(Path(f.path).name, f.code, f.line, f.severity, f.message) for f in result.findings]


@pytest.mark.parametrize("name", DAMAGES)
def test_a_tampered_record_is_recomputed(name: str, repository: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = _codes(api.lint_paths([str(repository)], use_cache=False))
    portfolio = {(name, code) for name, code, *_ in fresh if code.startswith("IM7")}
    assert ("p2.voorstel", "IM704") in portfolio and not [p for p in portfolio if p[0] == "p0.proposal"]
    api.lint_paths([str(repository)], cache_dir=str(cache))
    shards = list(cache.rglob("results/*.json"))
    assert any(r.get("mark") for shard in shards for r in json.loads(shard.read_text())["records"].values())
    for stored in shards:
        document = json.loads(stored.read_text(encoding="utf-8"))
        for record in document["records"].values():
            DAMAGES[name](record)
        stored.write_text(json.dumps(document), encoding="utf-8")
    assert _codes(api.lint_paths([str(repository)], cache_dir=str(cache))) == fresh
    for stored in shards:  # again, for a run on one file (which decodes its cached entry)
        document = json.loads(stored.read_text(encoding="utf-8"))
        for record in document["records"].values():
            DAMAGES[name](record)
        stored.write_text(json.dumps(document), encoding="utf-8")
    one = [c for c in fresh if c[0] == "p2.voorstel"]
    assert _codes(api.lint_paths([str(repository / "p2.voorstel")], cache_dir=str(cache))) == one
    outcome = CliRunner().invoke(main, ["check", "--format", "sarif", "--cache-dir", str(cache), str(repository)])
    assert outcome.exit_code == 1, outcome.output
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(outcome.stdout), schema)


def _indexed(change):
    def damage(item: list) -> None:
        if item[2]:
            change(item)

    return damage


INDEX_DAMAGES = {
    "entry-id-a-number": _indexed(lambda i: i[2].update(id=5)),
    "entry-span-line-0": _indexed(lambda i: i[2].update(span=[0, 1, 1, 2])),
    "entry-processes-a-string": _indexed(lambda i: i[2].update(processes="x")),
    "entry-a-list": _indexed(lambda i: i.__setitem__(2, [1, 2])),
    "entry-deep": _indexed(lambda i: i.__setitem__(2, json.loads("[" * 500 + "]" * 500))),
    "stat-strings": lambda i: i.__setitem__(0, ["a", "b", "c", "d"]),
    "digest-a-number": lambda i: i.__setitem__(1, 5),
    "item-too-short": lambda i: i.pop(),
}


@pytest.mark.parametrize("name", INDEX_DAMAGES)
def test_a_tampered_index_is_recomputed(name: str, repository: Path, tmp_path: Path, monkeypatch) -> None:
    from im_lint.runner import cache as cache_module

    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # files just written: trust their stat at once
    cache, named = tmp_path / "cache", str(repository / "p2.voorstel")
    fresh = _codes(api.lint_paths([named], use_cache=False))
    assert ("p2.voorstel", "IM704") in {(n, c) for n, c, *_ in fresh}
    api.lint_paths([str(repository)], cache_dir=str(cache))
    [stored] = list(cache.rglob("index.json"))
    document = json.loads(stored.read_text(encoding="utf-8"))
    assert len(document["files"]) == 3
    for item in document["files"].values():
        INDEX_DAMAGES[name](item)
    stored.write_text(json.dumps(document), encoding="utf-8")
    assert _codes(api.lint_paths([named], cache_dir=str(cache))) == fresh
    assert _codes(api.lint_paths([str(repository)], cache_dir=str(cache))) == _codes(
        api.lint_paths([str(repository)], use_cache=False)
    )
