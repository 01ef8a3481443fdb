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


def _views():
    from im_lint import api
    from im_lint.engine.artifact import load_builtin
    from im_lint.output.catalogue import compiled_view, engine_view

    load_builtin()  # the compiled pack exists (a first start writes it)
    fast = compiled_view()
    assert fast is not None
    return fast, engine_view(api.engine(api.Config()))


def test_without_a_configuration_explain_and_rules_read_the_compiled_pack_and_say_the_same() -> None:
    # No configuration applies: the rules come from the compiled pack's documentation, without the
    # engine; what they print is what the engine's view prints, for every rule, language and format.
    from im_lint.output.catalogue import explain, rules_table

    fast, full = _views()
    assert list(fast.rules) == list(full.rules) == CODES
    for lang in ("en", "nl"):
        for as_json in (False, True):
            assert rules_table(fast, lang, as_json) == rules_table(full, lang, as_json)
            for code in CODES:
                assert explain(fast.find(code), fast, lang, as_json) == explain(full.find(code), full, lang, as_json)
    assert any(not rule["selected"] for rule in fast.rules.values())  # the rules that need a catalogue are off
    assert fast.find("missing-stakeholder-impact")["code"] == "IM201" and fast.nearest("IM2O1") == "IM201"


def test_a_damaged_documentation_part_falls_back_to_the_engine(monkeypatch, tmp_path) -> None:
    from im_lint.engine import artifact
    from im_lint.output.catalogue import compiled_view

    artifact.load_builtin()
    (path,) = artifact.artifact_folder().glob("builtin-*.json")
    good = path.read_bytes()
    try:
        header, pack, docs = good.split(b"\n", 2)
        path.write_bytes(header + b"\n" + pack + b"\n" + docs.replace(b'"what":', b'"wat":', 1))
        assert compiled_view() is None  # the digest no longer matches
        tampered = docs.replace(b'"what":', b'"wat":')  # a matching digest over a wrong shape
        fields = header.split(b" ")
        fields[-1] = __import__("hashlib").sha256(tampered).hexdigest().encode()
        path.write_bytes(b" ".join(fields) + b"\n" + pack + b"\n" + tampered)
        assert compiled_view() is None
        monkeypatch.chdir(tmp_path)
        result = run("explain", "IM101", "--lang", "en")
        assert result.exit_code == 0 and "What it flags" in result.output  # from the engine
    finally:
        path.write_bytes(good)
