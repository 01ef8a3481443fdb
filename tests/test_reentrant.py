"""The language stage is reentrant: parses, lints and formats from several threads at once give each
file exactly what a parse on its own gives (its own comments, and so its own suppressions and layout).
Put a module-level comment collector back into parse.py and these fail."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from im_lint import api
from im_lint.language.parse import parse

THREADS = 8


def _corpus() -> list[str]:
    """Different texts, each with comments of its own (and some with syntax errors, so both the fast
    path and the recovery run)."""
    sources = sorted(EXAMPLES.rglob("*.proposal")) + sorted(EXAMPLES.rglob("*.voorstel"))
    sources += sorted((ROOT / "tests" / "scenarios").glob("*.proposal")) + sorted(
        (ROOT / "tests" / "scenarios").glob("*.voorstel")
    )
    texts = []
    for number, path in enumerate(sources):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        marked = [
            f"# file {number} line {index}\n{line}" if index % 3 == 0 else line for index, line in enumerate(lines)
        ]
        if number % 3 == 0:  # suppressions are comments: a lost or foreign one changes the findings
            marked.insert(0, "# im-lint: ignore-file IM201, IM205, IM301 -- a test of threads")
        texts.append("\n".join(marked) + "\n")
        if number % 2:
            texts.append(texts[-1].replace("\n}", "\n  title ,\n}", 1))  # a broken line: recovery
    assert len(texts) > 20
    return texts


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return _corpus()


def _comments(text: str) -> list[tuple[str, int, int]]:
    tree = parse(text)
    return [(c.text, c.span.line, c.span.column) for c in tree.comments] + [
        (e.variant, e.span.line, e.span.column) for e in tree.errors
    ]


def _threaded(function, items):
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, so a shared state shows
    try:
        with ThreadPoolExecutor(THREADS) as pool:
            return list(pool.map(function, items))
    finally:
        sys.setswitchinterval(old)


def test_parses_in_threads_match_single_threaded(corpus):
    alone = [_comments(text) for text in corpus]
    assert all(alone), "every text of the corpus has comments"
    work = corpus * 4
    together = _threaded(_comments, work)
    wrong = [index for index, result in enumerate(together) if result != alone[index % len(corpus)]]
    assert not wrong, f"{len(wrong)} of {len(work)} parses in threads differ from the parse alone"


def test_format_file_in_threads_writes_each_file_its_own_layout(corpus, tmp_path):
    expected, paths = {}, []
    for number, text in enumerate(corpus * 4):
        path = tmp_path / f"p{number}.proposal"
        path.write_text(text, encoding="utf-8")
        try:
            expected[str(path)] = api.format_text(text)
        except ValueError:
            continue  # a text fmt refuses (syntax error) is left out
        paths.append(str(path))
    assert len(paths) > 10
    results = _threaded(api.format_file, paths)
    assert not [result.error for result in results if result.error]
    wrong = [path for path in paths if Path(path).read_text(encoding="utf-8") != expected[path]]
    assert not wrong, f"{len(wrong)} of {len(paths)} files formatted in threads differ from alone"


def test_lint_in_threads_matches_single_threaded(corpus):
    engine = api.engine()

    def findings(text: str) -> list[tuple[str, int, str]]:
        return [(f.code, f.line, f.message) for f in api.lint_text(text, engine=engine)]

    alone = [findings(text) for text in corpus]
    together = _threaded(findings, corpus * 4)
    assert together == alone * 4


def test_importing_the_cli_leaves_the_environment_alone():
    code = "import os; before = dict(os.environ); import im_lint.cli; print(dict(os.environ) == before)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
