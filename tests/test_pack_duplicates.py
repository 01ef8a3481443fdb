"""A key given twice in a pack's YAML is an error at its line, not a silent choice of the last one:
`PACK:LINE:COL: duplicate key 'x' (first at line N)`, exit 2. The same for a pack's fixtures and
facts files. (Configuration is TOML, whose parser refuses duplicates itself; tested here too.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint.cli import main

PACK = EXAMPLES / "policies" / "pack"
RULES_FILE = "board-policies.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(PACK, tmp_path / "pack")
    (tmp_path / "im-lint.toml").write_text('packs = ["pack"]\n', encoding="utf-8")
    shutil.copy(EXAMPLES / "policies" / "proposals" / "platform.proposal", tmp_path / "p.proposal")
    return tmp_path


def _insert_before(path: Path, anchor: str, line: str, occurrence: int = 1) -> tuple[int, int]:
    """Insert `line` before the `occurrence`-th line that starts with `anchor`; returns the line
    number of the inserted line and of the one now after it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    found = [n for n, text in enumerate(lines) if text.startswith(anchor)][occurrence - 1]
    lines.insert(found, line + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return found + 1, found + 2


def _check(repo: Path):
    return CliRunner().invoke(main, ["check", str(repo / "p.proposal")])


def test_the_example_pack_has_no_duplicate_and_loads(repo: Path) -> None:
    assert _check(repo).exit_code == 1  # findings, not a pack error
    assert CliRunner().invoke(main, ["test-pack", str(repo / "pack")]).exit_code == 0


def test_a_key_twice_in_a_rule_entry(repo: Path) -> None:
    first, second = _insert_before(repo / "pack" / RULES_FILE, "    severity: error", "    severity: warning")
    result = _check(repo)
    assert result.exit_code == 2
    assert f"{RULES_FILE}:{second}:5: duplicate key 'severity' (first at line {first})" in result.output
    assert "internal error" not in result.output


def test_a_key_twice_at_the_top_of_the_pack_would_drop_rules(repo: Path) -> None:
    # A second `rules:` would silently replace every rule above it.
    path = repo / "pack" / RULES_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "rules: []\n", encoding="utf-8")
    first = text.splitlines().index("rules:") + 1
    result = _check(repo)
    assert result.exit_code == 2
    assert f"{RULES_FILE}:{len(text.splitlines()) + 1}:1: duplicate key 'rules' (first at line {first})" in (
        result.output
    )


def test_a_key_twice_in_a_flow_mapping_of_a_check(repo: Path) -> None:
    path = repo / "pack" / RULES_FILE
    text = path.read_text(encoding="utf-8")
    old = "{missing: exit}"
    assert old in text
    path.write_text(text.replace(old, "{missing: exit, missing: alternative}", 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    column = text.index(old) - text.rfind("\n", 0, text.index(old)) + len("{missing: exit, ")
    result = _check(repo)
    assert result.exit_code == 2
    assert f"{RULES_FILE}:{line}:{column}: duplicate key 'missing' (first at line {line})" in result.output


def test_the_same_key_in_different_mappings_and_a_yaml_merge_are_fine(repo: Path) -> None:
    path = repo / "pack" / RULES_FILE
    text = path.read_text(encoding="utf-8")
    # An anchor merged into a mapping that overrides one of its keys is YAML's own way to reuse.
    text = text.replace(
        '    source: {en: "Procurement policy',
        '    x-base: &base {en: "x", nl: "y"}\n    source: {<<: *base, en: "Procurement policy',
        1,
    )
    path.write_text(text, encoding="utf-8")
    result = _check(repo)
    assert "duplicate key" not in result.output


def test_a_key_twice_in_a_fixture_case_is_reported_by_test_pack(repo: Path) -> None:
    path = repo / "pack" / "fixtures" / "LND001.yaml"
    first, second = _insert_before(path, "    expect:", "    expect: []")
    result = CliRunner().invoke(main, ["test-pack", str(repo / "pack")])
    assert result.exit_code == 1, result.output
    assert f"LND001.yaml:{second}:5: duplicate key 'expect' (first at line {first})" in result.output


def test_a_key_twice_in_a_facts_file(repo: Path) -> None:
    facts = repo / "pack" / "facts"
    facts.mkdir()
    (facts / "wms.yaml").write_text('source: "Our regulation"\nsource: "Another"\ntriggers: []\n', encoding="utf-8")
    result = _check(repo)
    assert result.exit_code == 2
    assert "wms.yaml:2:1: duplicate key 'source' (first at line 1)" in result.output


def test_a_key_twice_in_the_configuration_is_refused_by_toml(repo: Path) -> None:
    (repo / "im-lint.toml").write_text('packs = ["pack"]\nlang = "nl"\nlang = "en"\n', encoding="utf-8")
    result = _check(repo)
    assert result.exit_code == 2
    assert "im-lint.toml: not valid TOML: Cannot overwrite a value (at line 3" in result.output
