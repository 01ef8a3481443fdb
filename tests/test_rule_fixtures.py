"""Every rule's fixture file: each case's findings of that rule, exactly, by code and line."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from im_lint import api
from im_lint.config import Config

FIXTURES = Path(__file__).parent / "fixtures"


def _cases():
    for path in sorted(FIXTURES.glob("IM*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, case in enumerate(data["cases"], start=1):
            yield pytest.param(data["rule"], case, id=f"{path.stem}-{number}-{case['name']}")


def _lint_files(case: dict, config: Config, folder: Path):
    """A portfolio case: several files in one git repository; `lint` names the files the run is
    given (default: all), as a pre-commit hook would."""
    (folder / ".git").mkdir()
    for name, text in case["files"].items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    named = [str(folder / name) for name in case.get("lint", case["files"])]
    return api.lint_paths(named, config=config).findings


@pytest.fixture(scope="module")
def test_catalogue(tmp_path_factory) -> Path:
    """`catalogue: test-model` in a case: the small generated FORA-like model, imported."""
    from fora_model import write_coarchi

    from im_lint.reference.fora import import_fora

    folder = tmp_path_factory.mktemp("fora")
    path = folder / "fora.json"
    path.write_text(import_fora(write_coarchi(folder / "clone")).catalogue.to_json(), encoding="utf-8")
    return path


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_fixture_case(rule: str, case: dict, tmp_path: Path, request) -> None:
    settings = {"rules": {rule: case["options"]}} if case.get("options") else {}
    if case.get("catalogue") == "test-model":
        settings["catalogue"] = str(request.getfixturevalue("test_catalogue"))
    # Fixtures are judged on a fixed date (a case may set its own) and, where a case says so, a sector.
    settings["today"] = case.get("today", date(2026, 6, 1))
    if case.get("sector"):
        settings["sector"] = case["sector"]
    config = Config(**settings)
    if "files" in case:
        findings = _lint_files(case, config, tmp_path)
        where = lambda f: (f.code, Path(f.path).name, f.line)  # noqa: E731
        expected = Counter((item["code"], item["file"], item["line"]) for item in case["expect"])
    else:
        findings = api.lint_text(case["text"], path=f"{rule}.proposal", config=config)
        where = lambda f: (f.code, f.line)  # noqa: E731
        expected = Counter((item["code"], item["line"]) for item in case["expect"])
    got = Counter(where(f) for f in findings if f.code == rule)
    shown = "\n".join(f"  {Path(f.path).name}:{f.line}:{f.column} {f.code} {f.message}" for f in findings)
    assert got == expected, f"findings of {rule} differ from the fixture; all findings:\n{shown}"
    for item in case["expect"]:
        if "message_contains" in item:
            messages = [f.message for f in findings if f.code == item["code"] and f.line == item["line"]]
            assert any(item["message_contains"].lower() in m.lower() for m in messages), messages
