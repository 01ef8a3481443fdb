"""The machine formats: SARIF (valid against the official 2.1.0 schema), JUnit XML (read back with
junitparser) and GitHub Actions workflow commands (GitHub's escaping)."""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, ROOT
from junitparser import Failure, JUnitXml

from im_lint import api
from im_lint.config import Config
from im_lint.engine.packs import builtin_pack
from im_lint.findings import Finding, RunResult
from im_lint.output import OutputOptions, counts, github, junit, sarif

FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
EXAMPLE_PATHS = [EXAMPLES / "chromebooks.voorstel", EXAMPLES / "ipads.proposal", EXAMPLES / "policies" / "proposals"]


@cache
def default_engine():
    return api.engine()


@cache
def engine_near(path: Path):
    return api.engine(api.load_config(near=path))


@cache
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


@cache
def example(path: Path) -> RunResult:
    return api.lint_paths([str(path)])


def finding(**changes) -> Finding:
    fields = dict(
        path="proposals/a.proposal",
        proposal_id="VO-1",
        code="IM101",
        name="technology-before-need",
        category="IM1",
        severity="error",
        message="Something is wrong.",
        line=3,
        column=2,
        end_line=3,
        end_column=9,
        fingerprint="0123456789abcdef",
    )
    return Finding(**{**fields, **changes})


# --- SARIF -------------------------------------------------------------------------------------------

_VALID_RULES: set[str] = set()


def validate(document: dict) -> None:
    """The whole document against the schema. The rules (the same for every document of one engine
    and language, and the bulk of the work) are validated once; schema validation checks each
    array item on its own, so this is the same verdict, several times faster."""
    driver = document["runs"][0]["tool"]["driver"]
    key = json.dumps(driver["rules"], sort_keys=True)
    if key in _VALID_RULES:
        document = {**document, "runs": [{**document["runs"][0], "tool": {"driver": {**driver, "rules": []}}}]}
    errors = sorted(validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    _VALID_RULES.add(key)


def check_sarif(result: RunResult, engine, root: Path, lang: str = "en") -> dict:
    """Write, validate against the schema, and check what code scanning relies on."""
    document = json.loads(sarif.write(result, OutputOptions(root=root, lang=lang)))
    validate(document)
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "im-lint" and driver["version"] and driver["informationUri"]
    assert [rule["id"] for rule in driver["rules"]][: len(engine.catalogue.rules)] == list(engine.catalogue.rules)
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.resolve().as_uri().rstrip("/") + "/"
    waived = [*result.suppressed, *(result.baselined or [])]
    assert len(run["results"]) == len(result.findings) + len(waived)
    for got, expected in zip(run["results"], result.findings):
        assert got["ruleId"] == expected.code
        assert driver["rules"][got["ruleIndex"]]["id"] == expected.code
        # What does not affect the exit code (below fail-on, decided history) is a note, its own
        # severity in the properties.
        level = {"error": "error", "warning": "warning", "info": "note"}[expected.severity]
        assert got["level"] == (level if counts(expected, result, OutputOptions()) else "note")
        assert got["properties"]["severity"] == expected.severity
        assert got["message"]["text"] == expected.message
        assert got["partialFingerprints"] == {"imLintFingerprint/v1": expected.fingerprint}
        location = got["locations"][0]["physicalLocation"]
        assert location["region"] == {
            "startLine": expected.line,
            "startColumn": expected.column,
            "endLine": expected.end_line,
            "endColumn": expected.end_column,
        }
        artifact = location["artifactLocation"]
        assert run["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
        uri = artifact["uri"]
        if expected.path == "-":
            assert uri == "stdin"
        else:
            assert artifact["uriBaseId"] == "%SRCROOT%"
            assert not uri.startswith("/") and ".." not in uri.split("/") and "\\" not in uri and ":" not in uri
            assert (root / uri).resolve() == Path(expected.path).resolve()
    for artifact in run["artifacts"]:
        assert not artifact["location"]["uri"].startswith("/")
    return document


@pytest.mark.parametrize("path", EXAMPLE_PATHS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_sarif_of_each_example_is_valid(path: Path) -> None:
    result = example(path)
    document = check_sarif(result, engine_near(path), ROOT)
    run = document["runs"][0]
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        Path(f).resolve().relative_to(ROOT).as_posix() for f in result.files
    ]
    if path.name == "proposals":
        assert {"LND001", "LND002"} <= {r["ruleId"] for r in run["results"]}


def test_sarif_rule_metadata() -> None:
    engine = engine_near(EXAMPLE_PATHS[2])
    document = check_sarif(example(EXAMPLE_PATHS[2]), engine, ROOT)
    rules = {rule["id"]: rule for rule in document["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == set(engine.catalogue.rules)
    builtin = {rule.code for pack_file in builtin_pack() for rule in pack_file.rules}
    headings = set(re.findall(r"^### (\S+) (\S+)$", (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), re.M))
    for code, rule in engine.catalogue.rules.items():
        got = rules[code]
        assert got["name"] == rule.name
        assert got["shortDescription"]["text"] == rule.summary.en
        assert got["fullDescription"]["text"] == rule.docs.en.what.strip()
        assert rule.docs.en.why.strip() in got["help"]["text"] and rule.source.en in got["help"]["text"]
        assert rule.docs.en.why.strip() in got["help"]["markdown"]
        assert (
            got["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        )
        assert got["properties"]["category"] == engine.catalogue.category_of[code]
        assert got["properties"]["tags"][0] == engine.catalogue.category_of[code]
        if code in builtin:
            assert (
                got["helpUri"]
                == f"https://github.com/im-lint/im-lint/blob/main/docs/rules.md#{code.lower()}-{rule.name}"
            )
            assert (code, rule.name) in headings, f"docs/rules.md has no heading for {code} {rule.name}"
        else:  # an organisation's pack rule has no section in docs/rules.md
            assert "helpUri" not in got


def test_sarif_rule_texts_in_the_chosen_language() -> None:
    engine = default_engine()
    document = check_sarif(example(EXAMPLE_PATHS[1]), engine, ROOT, lang="nl")
    rule = document["runs"][0]["tool"]["driver"]["rules"][0]
    code = next(iter(engine.catalogue.rules))
    assert rule["shortDescription"]["text"] == engine.catalogue.rules[code].summary.nl
    assert "Waarom het ertoe doet" in rule["help"]["markdown"]


def _fixture_files():
    return sorted(FIXTURES.glob("*.yaml"))


@pytest.mark.parametrize("fixture", _fixture_files(), ids=lambda p: p.stem)
def test_sarif_of_every_fixture_case_is_valid(fixture: Path, tmp_path: Path) -> None:
    data = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    rule = data["rule"]
    for number, case in enumerate(data["cases"]):
        config = Config(rules={rule: case["options"]}) if case.get("options") else None
        engine = api.engine(config) if config else default_engine()
        if "files" in case:  # a portfolio case: several files of one repository
            folder = tmp_path / str(number)
            (folder / ".git").mkdir(parents=True)
            for name, text in case["files"].items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(text, encoding="utf-8")
            result = api.lint_paths(
                [str(folder / name) for name in case.get("lint", case["files"])], config=config or Config()
            )
            check_sarif(result, engine, folder)
        else:
            path = f"fixtures/{rule}.proposal"
            findings = api.lint_text(case["text"], path=path, engine=engine)
            result = RunResult(files=[path], findings=findings, rules=engine.describe())
            check_sarif(result, engine, Path.cwd())


def test_sarif_paths_outside_root_standard_input_and_odd_names(tmp_path: Path) -> None:
    inside = tmp_path / "root" / "sub dir" / "één%.proposal"
    outside = tmp_path / "elsewhere.proposal"
    findings = [finding(path=str(inside)), finding(path=str(outside)), finding(path="-", severity="info")]
    result = RunResult(files=[str(inside), str(outside), "-"], findings=findings)
    document = json.loads(sarif.write(result, OutputOptions(root=tmp_path / "root")))
    validate(document)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in document["runs"][0]["results"]]
    assert uris[0] == {"uri": "sub%20dir/%C3%A9%C3%A9n%25.proposal", "uriBaseId": "%SRCROOT%", "index": 0}
    assert uris[1] == {"uri": outside.resolve().as_uri(), "index": 1}  # no relative form exists
    assert uris[2] == {"uri": "stdin", "index": 2}
    assert document["runs"][0]["results"][2]["level"] == "note"
    assert document["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_sarif_rule_of_another_configuration_and_overrides() -> None:
    # `examples` holds files of two configurations: the run carries the rules of both, the first
    # file's configuration first, so every result has a rule to point at.
    result = example(EXAMPLES)
    assert {"LND001", "LND002"} <= {f.code for f in result.findings}
    document = check_sarif(result, default_engine(), ROOT)
    assert {"LND001", "LND002"} <= {rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]}
    config = Config(ignore=["IM108"], severity={"IM603": "error"})
    engine = api.engine(config)
    document = check_sarif(api.lint_paths([str(EXAMPLE_PATHS[1])], config=config), engine, ROOT)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    overrides = {o["descriptor"]["id"]: o for o in document["runs"][0]["invocations"][0]["ruleConfigurationOverrides"]}
    # without a catalogue (FORA) the rules that need one are off too
    needing_catalogue = {code for code, rule in engine.catalogue.rules.items() if rule.requires == "catalogue"}
    assert needing_catalogue and set(overrides) == {"IM108", "IM603"} | needing_catalogue
    assert overrides["IM108"]["configuration"] == {"enabled": False}
    assert overrides["IM603"]["configuration"] == {"level": "error"}
    assert all(rules[o["descriptor"]["index"]]["id"] == code for code, o in overrides.items())


# --- JUnit -------------------------------------------------------------------------------------------


def check_junit(result: RunResult, engine) -> JUnitXml:
    xml = JUnitXml.fromstring(junit.write(result, OutputOptions(root=ROOT)))
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == result.files
    selected = [code for code in engine.catalogue.rules if code in engine.selected]
    total_failures = 0
    for path, suite in suites.items():
        # Only what affects the exit code fails a case; the rest is in the case's system-out.
        mine = [f for f in result.findings if f.path == path and counts(f, result, OutputOptions())]
        codes = {f.code for f in mine}
        cases = list(suite)
        assert suite.tests == len(cases) == len(selected)
        assert suite.failures == len(codes)
        total_failures += len(codes)
        assert [case.name for case in cases] == [f"{code} {engine.catalogue.rules[code].name}" for code in selected]
        for case in cases:
            assert case.classname == path
            code = case.name.split()[0]
            failures = [r for r in case.result if isinstance(r, Failure)]
            if code not in codes:
                assert case.is_passed and not failures
                continue
            expected = [f for f in mine if f.code == code]
            assert len(failures) == 1
            assert failures[0].type == code
            assert failures[0].message == expected[0].message
            assert failures[0].text.splitlines() == [
                f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} {f.message}" for f in expected
            ]
    assert xml.tests == len(result.files) * len(selected)
    assert xml.failures == total_failures
    return xml


def test_junit_of_the_two_examples() -> None:
    engine = default_engine()
    clean = example(EXAMPLE_PATHS[0])
    xml = check_junit(clean, engine)
    assert xml.failures == len({f.code for f in clean.findings if f.severity == "error"})
    ipads = example(EXAMPLE_PATHS[1])
    xml = check_junit(ipads, engine)
    errors = {f.code for f in ipads.findings if f.severity == "error"}
    assert xml.failures == len(errors) >= 5  # warnings below fail-on do not fail a case
    both = RunResult(files=clean.files + ipads.files, findings=clean.findings + ipads.findings, rules=clean.rules)
    check_junit(both, engine)


def test_junit_of_the_policies_example() -> None:
    path = EXAMPLE_PATHS[2]
    xml = check_junit(example(path), engine_near(path))
    names = {case.name for suite in xml for case in suite if not case.is_passed}
    assert {"LND001 large-procurement-without-exit-or-board"} <= names


def test_junit_escapes_markup_and_control_characters() -> None:
    message = 'Title "<b>A & B</b>" ends in \x07 and \x1b[0m'
    result = RunResult(files=["a&b.proposal"], findings=[finding(path="a&b.proposal", message=message)])
    xml = JUnitXml.fromstring(junit.write(result))
    (case,) = [case for suite in xml for case in suite if not case.is_passed]
    assert case.classname == "a&b.proposal"
    assert case.result[0].message == 'Title "<b>A & B</b>" ends in \\x07 and \\x1b[0m'
    assert case.result[0].text == "a&b.proposal:3:2: error IM101 " + case.result[0].message


# --- GitHub ------------------------------------------------------------------------------------------


def test_github_escapes_data_and_properties() -> None:
    crafted = finding(
        path="odd,dir:x/100%.proposal",
        message="50% done: a, b\r\nnext line",
        severity="error",
        line=4,
        column=7,
        end_line=5,
        end_column=2,
    )
    assert github.write(RunResult(files=[crafted.path], findings=[crafted])) == (
        "::error file=odd%2Cdir%3Ax/100%25.proposal,line=4,col=7,endLine=5,endColumn=2,"
        "title=IM101 technology-before-need::50%25 done: a, b%0D%0Anext line\n"
    )


def test_github_levels_paths_and_standard_input(tmp_path: Path) -> None:
    inside = tmp_path / "repo" / "p.proposal"
    findings = [finding(severity="error"), finding(severity="info", path=str(inside)), finding(path="-")]
    lines = github.write(RunResult(files=[], findings=findings), OutputOptions(root=tmp_path / "repo")).splitlines()
    assert lines[0].startswith("::error file=proposals/a.proposal,line=3,col=2,endLine=3,endColumn=9,title=")
    assert lines[1].startswith("::notice file=p.proposal,line=3,")  # relative to the root
    assert lines[2].startswith("::error line=3,col=2,")  # standard input: no file


@pytest.mark.parametrize("path", EXAMPLE_PATHS[1:], ids=lambda p: p.name)
def test_github_one_line_per_finding(path: Path) -> None:
    result = example(path)
    assert result.findings
    text = github.write(result, OutputOptions(root=ROOT))
    lines = text.splitlines()
    assert text.endswith("\n") and len(lines) == len(result.findings)
    pattern = re.compile(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::[^\r\n]+$"
    )
    for line, found in zip(lines, result.findings):
        assert pattern.match(line), line
        level = {"error": "error", "warning": "warning", "info": "notice"}[found.severity]
        assert line.startswith("::" + (level if counts(found, result, OutputOptions()) else "notice") + " ")
        assert line.split("::", 2)[2] == found.message.replace("%", "%25")
        assert f"file={Path(found.path).resolve().relative_to(ROOT).as_posix()}," in line


def test_github_nothing_found_writes_nothing() -> None:
    assert github.write(RunResult(files=["a.proposal"], findings=[]), OutputOptions(root=Path(os.getcwd()))) == ""


# --- One meaning of "does not count" (what does not affect the exit code is a notice) ------------


def test_what_does_not_affect_the_exit_is_a_notice_in_every_format() -> None:
    import json as json_module

    from im_lint.output import gitlab
    from im_lint.output import json as json_output

    below = finding(severity="warning")  # below the default fail-on (error)
    history = finding(severity="error", affects_exit=False, line=5)  # a decided proposal's finding
    counted = finding(severity="error", line=7)
    result = RunResult(files=[below.path], findings=[below, history, counted])
    lines = github.write(result).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::notice", "::notice", "::error"]
    levels = [r["level"] for r in json_module.loads(sarif.write(result))["runs"][0]["results"]]
    assert levels == ["note", "note", "error"]
    xml = JUnitXml.fromstring(junit.write(result))
    failing = [case for suite in xml for case in suite if not case.is_passed]
    assert len(failing) == 1 and "error IM101" in failing[0].result[0].text and ":7:" in failing[0].result[0].text
    assert ":3:2: warning IM101" in junit.write(result) and "<system-out>" in junit.write(result)
    document = json_module.loads(json_output.write(result))
    assert [f["affects_exit"] for f in document["findings"]] == [False, False, True]
    assert [i["severity"] for i in json_module.loads(gitlab.write(result))] == ["info", "info", "major"]
    with_warning = json_module.loads(json_output.write(result, OutputOptions(fail_on="warning")))
    assert [f["affects_exit"] for f in with_warning["findings"]] == [True, False, True]
