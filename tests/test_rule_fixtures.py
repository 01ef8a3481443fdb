"""Every rule's fixture file: each case's findings of that rule, exactly, by code and line. Run by
`im_lint.packtest.run_case`, the runner of `im-lint test-pack`, so a fixture means the same here as
in an organisation's pack."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from im_lint.config import Config
from im_lint.engine.packs import load_yaml
from im_lint.packtest import run_case

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 6, 1)  # fixtures are judged on a fixed date (a case may set its own `today`)


def _cases():
    for path in sorted(FIXTURES.glob("IM*.yaml")):
        data = load_yaml(path.read_text(encoding="utf-8"), str(path))
        for number, case in enumerate(data["cases"], start=1):
            yield pytest.param(
                data["rule"], case, f"{path.stem} case {number}", id=f"{path.stem}-{number}-{case['name']}"
            )


@pytest.fixture(scope="module")
def test_catalogue(tmp_path_factory) -> Path:
    """`catalogue: test-model` in a case: the small generated FORA-like model, imported."""
    from fora_model import write_coarchi

    from im_lint.reference.fora import import_fora

    folder = tmp_path_factory.mktemp("fora")
    path = folder / "fora.json"
    path.write_text(import_fora(write_coarchi(folder / "clone")).catalogue.to_json(), encoding="utf-8")
    return path


@pytest.mark.parametrize(("rule", "case", "label"), list(_cases()))
def test_fixture_case(rule: str, case: dict, label: str, request) -> None:
    catalogue = {"catalogue": str(request.getfixturevalue("test_catalogue"))} if case.get("catalogue") else {}
    outcome = run_case(rule, case, Config(today=TODAY, **catalogue), label)
    assert outcome.ok and not outcome.detail.startswith("skipped"), f"{label} ({case['name']}): {outcome.detail}"
