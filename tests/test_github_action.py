"""The composite GitHub Action (action.yml), run step by step as the runner would: its shell steps
with their inputs, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, on a repository with the iPad case.
(`uses:` steps and the install step are GitHub's own and need its network; the rest is ours.)"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import EXAMPLES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _value(expression: str, inputs: dict, outputs: dict) -> str:
    if expression.startswith("inputs."):
        return inputs[expression.removeprefix("inputs.")]
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
    assert match, f"an expression this test does not know: {expression}"
    return outputs.get(match[1], {}).get(match[2], "")


def _run_action(repo: Path, given: dict[str, str]) -> tuple[list[subprocess.CompletedProcess], Path]:
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()} | given
    summary = repo / "summary.md"
    summary.touch()
    outputs: dict[str, dict[str, str]] = {}
    done = []
    bin_folder = str(Path(sys.executable).parent)  # where this test's im-lint is installed
    for step in ACTION["runs"]["steps"]:
        if "uses" in step or step.get("id") == "install":
            continue
        output_file = repo / f"output-{step['id']}"
        output_file.write_text("")
        env = {
            name: EXPRESSION.sub(lambda m: _value(m[1], inputs, outputs), str(value))
            for name, value in step.get("env", {}).items()
        }
        env |= {
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_STEP_SUMMARY": str(summary),
            "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
            "HOME": os.environ.get("HOME", "/tmp"),
        }
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], "inputs reach a script through its environment, never pasted into it"
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
        done.append(result)
        outputs[step["id"]] = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
    return done, summary


def test_the_action_annotates_writes_sarif_and_a_summary_and_fails_on_errors(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "ipads.proposal", tmp_path / "ipads.proposal")
    (tmp_path / "sub dir").mkdir()
    shutil.copy(EXAMPLES / "chromebooks.voorstel", tmp_path / "sub dir" / "chromebooks.voorstel")
    check, summary_step, verdict = _run_action(tmp_path, {"paths": "."})[0]
    assert "::error file=ipads.proposal,line=" in check.stdout
    sarif = json.loads((tmp_path / "im-lint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert summary_step.returncode == 0
    assert "VO-2020-011" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert verdict.returncode == 1  # the job fails: the iPad case has errors


def test_a_clean_proposal_passes_and_a_hostile_path_input_stays_a_path(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "chromebooks.voorstel", tmp_path / "chromebooks.voorstel")
    steps, _ = _run_action(tmp_path, {"paths": "chromebooks.voorstel"})
    assert [step.returncode for step in steps] == [0, 0, 0]
    steps, _ = _run_action(tmp_path, {"paths": "$(touch pwned)"})
    assert not (tmp_path / "pwned").exists()
    assert steps[0].returncode == 2 and "no such file" in steps[0].stderr
