"""The documentation cannot drift: generated parts match their data, examples run."""

from __future__ import annotations

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "docs"))
import generate  # noqa: E402


def test_rules_md_is_generated_from_the_pack() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == generate.rules_md(), (
        "docs/rules.md is stale: run .venv/bin/python docs/generate.py"
    )


def test_language_md_keyword_table_is_generated_from_the_vocabulary() -> None:
    current = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    assert generate.START in current
    assert current == generate.language_md(current), "docs/language.md is stale: run .venv/bin/python docs/generate.py"


def test_api_md_example_runs() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/api.md", "exec"), {})
