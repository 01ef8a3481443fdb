"""Microsoft's SARIF Multitool (`@microsoft/sarif-multitool` from npm, in tests/consumers/) validates
im-lint's SARIF with the SARIF rules and GitHub's (rule kinds `Sarif;Ghas`): on the examples, from a
subfolder of a repository, and on a proposal with suppressed, baselined and fixable findings. It
must report no error and no warning; its notes must be among the known ones below, each left for a
reason (a new kind of note fails the test, so it is looked at)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, npm_tools, require, require_command

from im_lint.cli import main

CONSUMERS = Path(__file__).parent / "consumers"
IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")

# The Multitool's notes (advice, not errors) that im-lint's logs get, and why each stays.
KNOWN_NOTES = {
    "SARIF2002": "messages are whole sentences in the run's language, not message IDs with arguments",
    "SARIF2003": "no versionControlProvenance: the upload to code scanning adds the commit",
    "SARIF2010": "no code snippet: the proposal's line is one click away in the repository",
    "SARIF2011": "no context region, for the same reason",
    "SARIF2012": "rule names are im-lint's kebab-case names (`missing-stakeholder-impact`), as everywhere "
    "else; an organisation's rule has no help page to link to",
    "SARIF2013": "no embedded file content: proposals stay in the repository",
}


@pytest.fixture(scope="module")
def multitool() -> Path:
    modules = npm_tools(CONSUMERS)
    platform = {"linux": "linux", "darwin": "darwin", "win32": "win32"}.get(sys.platform, sys.platform)
    exe = (
        modules / "@microsoft" / f"sarif-multitool-{platform}" / ("Sarif.Multitool" + (".exe" * (platform == "win32")))
    )
    require(exe.is_file(), f"the SARIF Multitool has no build for {sys.platform}")
    return exe


def validate(multitool: Path, log: Path, folder: Path) -> list[dict]:
    """The Multitool's results on one SARIF log, errors, warnings and notes."""
    out = folder / f"{log.stem}.validation.sarif"
    done = subprocess.run(
        [
            str(multitool),
            "validate",
            str(log),
            "--output",
            str(out),
            "--log",
            "ForceOverwrite",
            "--rule-kind",
            "Sarif;Ghas",
            "--level",
            "Error;Warning;Note",
            "--config",
            str(CONSUMERS / "sarif-multitool.xml"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        # .NET unpacks itself into a folder of the test's, reports nothing home and needs no ICU.
        env={
            **os.environ,
            "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
            "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1",
            "DOTNET_BUNDLE_EXTRACT_BASE_DIR": str(folder / "dotnet"),
        },
    )
    assert done.returncode == 0 and out.is_file(), done.stdout + done.stderr
    run = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0]
    templates = {rule["id"]: rule.get("messageStrings", {}) for rule in run["tool"]["driver"].get("rules", [])}
    for result in run["results"]:  # the Multitool's message as it would print it
        message = result["message"]
        template = templates.get(result["ruleId"], {}).get(message.get("id"), {}).get("text", "{0}")
        try:
            text = message.get("text") or template.format(*message.get("arguments", []))
        except (IndexError, KeyError, ValueError):
            text = f"{template} {message.get('arguments')}"
        result["shown"] = f"{result['ruleId']} {result['level']}: {text}"
    return run["results"]


def assert_accepted(multitool: Path, log: Path, folder: Path) -> set[str]:
    results = validate(multitool, log, folder)
    assert [r["shown"] for r in results if r["level"] in ("error", "warning")] == []
    notes = {r["ruleId"] for r in results}
    assert notes <= set(KNOWN_NOTES), [r["shown"] for r in results if r["ruleId"] not in KNOWN_NOTES]
    return notes


def _sarif(tmp_path: Path, name: str, *args: str, cwd: Path | None = None) -> Path:
    log = tmp_path / f"{name}.sarif"
    previous = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        result = CliRunner().invoke(main, ["check", *args, "--format", "sarif", "--output", str(log)])
    finally:
        os.chdir(previous)
    assert result.exit_code in (0, 1), result.output
    return log


def test_the_examples_are_valid_for_the_multitool_and_github(multitool: Path, tmp_path: Path) -> None:
    log = _sarif(tmp_path, "examples", str(EXAMPLES))
    assert json.loads(log.read_text(encoding="utf-8"))["runs"][0]["results"], "the examples have findings"
    assert_accepted(multitool, log, tmp_path)


def test_a_run_from_a_subfolder_of_a_repository(multitool: Path, tmp_path: Path) -> None:
    repo = _git_repository(tmp_path / "repo")
    (repo / "sub").mkdir()
    (repo / "sub" / "ipads.proposal").write_text(IPADS, encoding="utf-8")
    log = _sarif(tmp_path, "subfolder", ".", cwd=repo / "sub")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in _results(log)}
    assert uris == {"sub/ipads.proposal"}  # from the repository's root, as GitHub resolves them
    assert_accepted(multitool, log, tmp_path)


def _git_repository(folder: Path) -> Path:
    """A real git work tree (im-lint asks git where its top is)."""
    git = require_command("git", "git")
    folder.mkdir(parents=True)
    subprocess.run([git, "init", "-q", str(folder)], check=True, capture_output=True)
    return folder


def _results(log: Path) -> list[dict]:
    return json.loads(log.read_text(encoding="utf-8"))["runs"][0]["results"]


def test_suppressed_baselined_and_fixable_findings(multitool: Path, tmp_path: Path) -> None:
    repo = _git_repository(tmp_path / "repo")
    path = repo / "ipads.proposal"
    path.write_text(IPADS, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    CliRunner().invoke(main, ["check", str(path), "--write-baseline", str(baseline)])
    assert baseline.is_file()
    # After the baseline: a waiver with its reason, a typo and a Dutch thousands dot (fixes), a new risk.
    lines = IPADS.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("proposal "))
    lines.insert(at, "# im-lint: ignore IM201 -- the board decided this in 2020 without asking\n")
    text = (
        "".join(lines)
        + 'risk "A new risk nobody wrote down before"\nactivty A9 "Print the timetable"\nbudget 85.000 EUR\n'
    )
    path.write_text(text, encoding="utf-8")
    log = _sarif(tmp_path, "waivers", "ipads.proposal", "--baseline", str(baseline), cwd=repo)
    results = _results(log)
    assert any(r.get("suppressions", [{}])[0].get("kind") == "inSource" for r in results)
    assert {
        r.get("baselineState") for r in results if "suppressions" not in r or r["suppressions"][0]["kind"] != "inSource"
    } == {"new", "unchanged"}
    assert any("fixes" in r for r in results), "a fixable finding carries its fix"
    assert_accepted(multitool, log, tmp_path)


def test_the_multitool_finds_what_github_would_refuse(multitool: Path, tmp_path: Path) -> None:
    """The check can fail: a result without a location and one without text are errors for GitHub."""
    log = _sarif(tmp_path, "broken", str(EXAMPLES / "ipads.proposal"))
    document = json.loads(log.read_text(encoding="utf-8"))
    results = document["runs"][0]["results"]
    del results[0]["locations"]
    results[1]["message"] = {"id": "default"}
    log.write_text(json.dumps(document), encoding="utf-8")
    found = {(r["ruleId"], r["level"]) for r in validate(multitool, log, tmp_path)}
    assert {level for _, level in found} >= {"error"}
    assert any(rule.startswith("GH") for rule, _ in found), found
