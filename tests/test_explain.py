"""`im-lint rules`, `explain` and `schema`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from im_lint.cli import main
from im_lint.engine.packs import builtin_pack

CODES = [rule.code for pack_file in builtin_pack() for rule in pack_file.rules]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("code", CODES)
def test_explain_prints_every_section_in_both_languages(code: str) -> None:
    english, dutch = run("explain", code, "--lang", "en"), run("explain", code, "--lang", "nl")
    assert english.exit_code == dutch.exit_code == 0
    for heading in ("What it flags", "Why it matters", "Where it reports", "Flagged", "Passes", "Options"):
        assert heading in english.output
    for heading in (
        "Wat de regel meldt",
        "Waarom het ertoe doet",
        "Waar de melding staat",
        "Wordt gemeld",
        "Is in orde",
    ):
        assert heading in dutch.output
    assert english.output != dutch.output


def test_explain_by_name_and_json() -> None:
    by_name = run("explain", "missing-stakeholder-impact", "--lang", "en")
    assert by_name.output.startswith("IM201 missing-stakeholder-impact")
    document = json.loads(run("explain", "IM202", "--format", "json").output)
    assert document["options"]["min-length"]["default"] == 10 and document["docs"]["nl"]["pass"]


def test_explain_unknown_rule_suggests_the_nearest() -> None:
    result = run("explain", "IM2O1")
    assert result.exit_code == 2 and "IM201" in result.output


def test_rules_table_and_selection_state(tmp_path) -> None:
    (tmp_path / "im-lint.toml").write_text('ignore = ["IM6"]\n', encoding="utf-8")
    table = run("rules", "--lang", "en", "--config", str(tmp_path / "im-lint.toml")).output.splitlines()
    rows = {line.split()[0]: line for line in table[1:]}
    assert set(rows) == set(CODES)
    assert rows["IM601"].endswith("not selected") and rows["IM201"].endswith("selected")
    listed = json.loads(run("rules", "--format", "json").output)
    assert {"code", "name", "category", "severity", "selected"} <= set(listed[0])


@pytest.mark.parametrize("name", ["findings", "proposal", "config", "pack"])
def test_schema_commands_print_json_schema(name: str) -> None:
    result = run("schema", name)
    assert result.exit_code == 0
    assert json.loads(result.output)["type"] == "object"
