"""`--format gitlab`: GitLab's Code Quality report, checked against GitLab's documented fields
(tests/data/gitlab-codequality.schema.json, written from GitLab's documentation of the format)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from conftest import EXAMPLES, ROOT

SCHEMA = json.loads((ROOT / "tests" / "data" / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))


def test_the_report_has_gitlabs_fields_unique_fingerprints_and_paths_from_the_repository_root(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "ipads.proposal").write_text((EXAMPLES / "ipads.proposal").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "im_lint", "check", ".", "--format", "gitlab", "--no-cache"],
        cwd=sub,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    issues = json.loads(done.stdout)
    jsonschema.validate(issues, SCHEMA)
    assert issues and {issue["location"]["path"] for issue in issues} == {"sub/ipads.proposal"}
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    assert {"major", "info"} <= {issue["severity"] for issue in issues}  # a warning below fail-on is info


def test_sarif_and_github_paths_start_at_the_repository_root_from_a_subfolder(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "ipads.proposal").write_text((EXAMPLES / "ipads.proposal").read_text(encoding="utf-8"), encoding="utf-8")

    def run(fmt: str) -> str:
        args = [sys.executable, "-m", "im_lint", "check", ".", "--format", fmt, "--no-cache"]
        return subprocess.run(args, cwd=sub, capture_output=True, text=True).stdout

    sarif = json.loads(run("sarif"))["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["results"]}
    assert uris == {"sub/ipads.proposal"}
    assert sarif["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert all("file=sub/ipads.proposal," in line for line in run("github").splitlines())


def test_a_sarif_run_is_in_one_language(tmp_path: Path) -> None:
    for name in ("ipads.proposal", "chromebooks.voorstel"):
        (tmp_path / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    dutch = (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")
    (tmp_path / "second.voorstel").write_text(dutch.replace("PO-2027-002", "PO-2027-099"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "im_lint", "check", ".", "--format", "sarif", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    run = json.loads(done.stdout)["runs"][0]
    assert run["language"] == "nl"
    ipads = [r["message"]["text"] for r in run["results"] if "ipads" in str(r["locations"])]
    assert any(m.startswith("Er staat geen impact") for m in ipads)  # the English file's findings, in Dutch
    assert not any(m.startswith("No impact stated") for m in ipads)
