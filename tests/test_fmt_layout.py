"""The canonical layout is the one people see: every shipped example, every `init` template and
every proposal written in the docs is already in the layout `im-lint fmt` writes, so the
`im-lint-fmt` hook never refuses a proposal copied from them (issue 13, item 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from im_lint.cli import main
from im_lint.fmt import format_text
from im_lint.language.parse import parse

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A fenced block without a language (or marked `proposal`) whose first statement is a proposal.
_FENCE = re.compile(r"^```(proposal|voorstel)?\n(.*?)^```$", re.S | re.M)
_HEADER = re.compile(r"\A(?:\s*#[^\n]*\n)*\s*(proposal|voorstel)\s", re.S)


def _doc_proposals() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in _FENCE.finditer(text):
            block = match.group(2)
            # A block that shows a syntax error on purpose has no layout to keep.
            if _HEADER.match(block) and not parse(block).errors:
                line = text.count("\n", 0, match.start()) + 1
                found.append((f"{doc.relative_to(ROOT)}:{line}", block))
    return found


def _examples() -> list[Path]:
    return sorted(p for p in (ROOT / "examples").rglob("*") if p.suffix in (".proposal", ".voorstel"))


DOC_PROPOSALS = _doc_proposals()


def test_the_docs_hold_full_proposals_to_check() -> None:
    # Guards the collector: if the fence pattern stopped matching, every test below would pass.
    assert len(DOC_PROPOSALS) >= 100
    assert any(where.startswith("docs/language.md") for where, _ in DOC_PROPOSALS)


@pytest.mark.parametrize(("where", "text"), DOC_PROPOSALS, ids=[where for where, _ in DOC_PROPOSALS])
def test_doc_proposal_is_in_canonical_layout(where: str, text: str) -> None:
    assert format_text(text) == text, f"{where}: run the block through `im-lint fmt`"


def test_examples_are_in_canonical_layout() -> None:
    result = CliRunner().invoke(main, ["fmt", "--check", *map(str, _examples())])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("kind", ["procurement", "change", "policy"])
def test_init_writes_the_canonical_layout(tmp_path: Path, lang: str, kind: str) -> None:
    target = tmp_path / f"new.{'proposal' if lang == 'en' else 'voorstel'}"
    runner = CliRunner()
    assert runner.invoke(main, ["init", "--lang", lang, "--kind", kind, str(target)]).exit_code == 0
    result = runner.invoke(main, ["fmt", "--check", str(target)])
    assert result.exit_code == 0, target.read_text(encoding="utf-8")
