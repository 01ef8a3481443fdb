"""A self-describing run: each finding keeps the arguments that made its rule fire (`args`), in
every language alike, through the cache and the JSON output; the run carries its rules' metadata."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint import api
from im_lint.cli import main

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")


def by_code(findings, code: str) -> list[dict]:
    return [f.args for f in findings if f.code == code]


def test_args_are_the_values_that_made_the_rule_fire() -> None:
    findings = api.lint_text(IPADS)
    assert by_code(findings, "IM601") == [
        {
            "id": "T1",
            "existing": "E1",
            "activity": "A2",
            "activity_title": "Control the digital whiteboard and the lights",
        }
    ]
    assert [args["group"] for args in by_code(findings, "IM201")] == [
        "teachers",
        "team-leads",
        "school-leaders",
        "board",
        "ict-staff",
    ]
    assert by_code(findings, "IM303") == [{"role": "ict"}]  # a term: its canonical English value
    assert by_code(findings, "IM009") == [{"statement": "impact students", "text": "TODO"}]


def test_args_do_not_depend_on_the_language_of_the_message() -> None:
    english = api.lint_text(IPADS, config=api.Config(lang="en"))
    dutch = api.lint_text(IPADS, config=api.Config(lang="nl"))
    assert [f.message for f in english] != [f.message for f in dutch]
    assert [f.args for f in english] == [f.args for f in dutch]
    language = api.lint_text('proposal P-1 "x"\nsoort onbekend\n', config=api.Config(lang="en"))
    assert all(json.loads(json.dumps(f.args)) == f.args for f in language)  # plain JSON values only


def test_args_survive_the_cache(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.proposal").write_text(IPADS, encoding="utf-8")
    first = api.lint_paths([str(tmp_path)], cache_dir=str(tmp_path / "cache"))
    second = api.lint_paths([str(tmp_path)], cache_dir=str(tmp_path / "cache"))
    assert (tmp_path / "cache").is_dir()
    assert [f.args for f in second.findings] == [f.args for f in first.findings]
    assert by_code(second.findings, "IM601")[0]["activity"] == "A2"


def test_json_output_has_args_and_the_schema_describes_them(tmp_path: Path) -> None:
    path = tmp_path / "ipads.proposal"
    path.write_text(IPADS, encoding="utf-8")
    done = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-cache"])
    document = json.loads(done.output)
    schema = api.schema("findings")
    jsonschema.validate(document, schema)
    im601 = next(f for f in document["findings"] if f["code"] == "IM601")
    assert im601["args"]["existing"] == "E1"
    assert list(im601)[list(im601).index("message") + 1] == "args"  # next to the message
    described = schema["$defs"]["Finding"]["properties"]["args"]
    assert "canonical English value" in described["description"]


def test_the_run_carries_the_metadata_of_its_rules(tmp_path: Path) -> None:
    (tmp_path / "im-lint.toml").write_text('ignore = ["IM108"]\n[severity]\nIM603 = "error"\n', encoding="utf-8")
    (tmp_path / "a.proposal").write_text(IPADS, encoding="utf-8")
    result = api.lint_paths([str(tmp_path / "a.proposal")], use_cache=False)
    im601, im108, im603 = (result.rules[code] for code in ("IM601", "IM108", "IM603"))
    assert (im601.name, im601.category, im601.severity) == ("replacement-drops-activity", "IM6", "error")
    assert im601.summary["nl"].startswith("Een technologie") and im601.docs["en"].fail
    assert im601.docs_url.endswith("docs/rules.md#im601-replacement-drops-activity")
    assert not im108.selected and im601.selected
    assert (im603.severity, im603.default_severity) == ("error", "info")
    assert result.rules["IM201"].options["groups"][0] == "students"
    assert "rules" not in result.model_dump()  # not part of the JSON document


def test_the_documented_json_finding_is_what_im_lint_writes() -> None:
    import re

    from conftest import ROOT

    text = (ROOT / "docs" / "outputs.md").read_text(encoding="utf-8")
    documented = json.loads(re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1))
    done = CliRunner().invoke(main, ["check", "examples/ipads.proposal", "--format", "json", "--no-cache"])
    written = next(f for f in json.loads(done.output)["findings"] if f["code"] == "IM601")
    assert written == documented, "docs/outputs.md is stale: paste the IM601 finding of examples/ipads.proposal"
