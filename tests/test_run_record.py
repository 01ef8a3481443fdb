"""A self-describing run: each finding keeps the arguments that made its rule fire (`args`), in
every language alike, through the cache and the JSON output; the run carries its rules' metadata."""

from __future__ import annotations

import ast
import json
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

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

    text = (ROOT / "docs" / "outputs.md").read_text(encoding="utf-8")
    documented = json.loads(re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1))
    done = CliRunner().invoke(main, ["check", "examples/ipads.proposal", "--format", "json", "--no-cache"])
    written = next(f for f in json.loads(done.output)["findings"] if f["code"] == "IM601")
    assert written == documented, "docs/outputs.md is stale: paste the IM601 finding of examples/ipads.proposal"


# --- writers take the run ----------------------------------------------------------------------------
WRITER_MODULES = sorted(
    [*(ROOT / "im_lint" / "output").glob("*.py"), *(ROOT / "im_lint" / "report").glob("*.py")],
    key=lambda p: p.name,
)


@pytest.mark.parametrize("module", WRITER_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_writer_imports_the_engine_or_the_runner(module: Path) -> None:
    if module.name == "catalogue.py":  # `rules` and `explain` describe an engine's catalogue, not a run
        return
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    ]
    later = [name for name in imported if name and name.startswith(("im_lint.engine", "im_lint.runner", "im_lint.api"))]
    assert later == [], f"{module.name} imports {later}: a writer takes the run, never an engine"


def test_an_installed_output_format_through_its_entry_point(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "countsout"
    package.mkdir()
    (package / "__init__.py").write_text(
        textwrap.dedent("""\
        def write(run, options):
            lines = [f"{f.code} {run.rules[f.code].name} {sorted(f.args.items())}" for f in run.findings]
            return "\\n".join([*lines, f"lang={options.lang} models={len(run.proposals)}"]) + "\\n"

        def board(run, options):
            return ",".join(sorted(p.id for p in run.proposals.values())) + "\\n"

        board.needs_proposals = True
        """),
        encoding="utf-8",
    )
    info = tmp_path / "countsout-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: countsout\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[im_lint.outputs]\ncounts = countsout:write\nids = countsout:board\njson = countsout:write\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    path = tmp_path / "ipads.proposal"
    path.write_text(IPADS, encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(main, ["check", str(path), "--format", "counts", "--lang", "nl", "--no-cache"])
    assert done.exit_code == 1, done.output
    assert "IM601 replacement-drops-activity [('activity', 'A2'), ('activity_title'" in done.output
    assert done.output.endswith("lang=nl models=0\n")
    done = runner.invoke(main, ["check", str(path), "--format", "ids", "--no-cache"])
    assert done.output == "VO-2020-011\n"  # a writer that asks for the models gets them
    done = runner.invoke(main, ["check", str(path), "--format", "json", "--no-cache"])
    assert json.loads(done.output)["counts"]["total"] > 0  # a built-in name cannot be taken over
    done = runner.invoke(main, ["check", str(path), "--format", "count"])
    assert done.exit_code == 2
    assert "no output format `count`; did you mean `counts`?" in done.output
    sys.modules.pop("countsout", None)


def test_the_report_uses_each_files_configuration_not_the_working_directorys(tmp_path: Path, monkeypatch) -> None:
    """Its stakeholder rows are the groups the file's configuration asks for, its 'missing' what
    IM201 found there; a configuration in the working directory changes nothing."""
    school = tmp_path / "school"
    school.mkdir()
    (school / "im-lint.toml").write_text('stakeholders = ["students", "parents"]\n', encoding="utf-8")
    (school / "p.proposal").write_text(IPADS, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "im-lint.toml").write_text('ignore = ["IM2"]\n', encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    done = CliRunner().invoke(main, ["report", str(school), "-o", str(tmp_path / "r.md"), "--lang", "en"])
    assert done.exit_code == 0, done.output
    table = (tmp_path / "r.md").read_text(encoding="utf-8").split("| Group |", 1)[1].split("\n\n", 1)[0]
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ")[1] for line in table.splitlines()[2:]}
    aspects = {"Existing activities and processes", "Information need and provision"}
    assert set(rows) == {"Students", "Parents", *aspects}
    assert "missing" in rows["Parents"] and "stated" in rows["Students"]


def test_the_documented_csv_writer_runs() -> None:
    import re

    text = (ROOT / "docs" / "outputs.md").read_text(encoding="utf-8")
    namespace: dict = {}
    exec(compile(re.findall(r"```python\n(.*?)```", text, re.DOTALL)[-1], "docs/outputs.md", "exec"), namespace)
    run = api.lint_paths([str(EXAMPLES / "ipads.proposal")], use_cache=False)
    rows = namespace["write"](run, None).splitlines()
    assert rows[0] == "file,line,code,rule,message" and len(rows) == 1 + len(run.findings)
    assert any(",IM601,replacement-drops-activity," in row for row in rows)


def test_junit_lists_each_files_own_rules_when_configurations_differ() -> None:
    from im_lint.output import write

    run = api.lint_paths([str(EXAMPLES)], use_cache=False)
    xml = write(run, "junit")
    suites = {s.split('"')[1]: s for s in xml.split("<testsuite name=")[1:]}
    policy = next(text for name, text in suites.items() if name.endswith("rooster.voorstel"))
    plain = next(text for name, text in suites.items() if name.endswith("chromebooks.voorstel"))
    assert 'name="LND001 large-procurement-without-exit-or-board" />' in policy  # selected there, passing
    assert "LND001" not in plain  # the chromebooks' configuration has no such rule
