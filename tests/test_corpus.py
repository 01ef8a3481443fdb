"""A corpus of 1,500 mutated proposals, linted in one `im-lint check --format json` run: the run
ends with exit 0 or 1, the JSON accounts for exactly those files, and nothing prints a traceback.

The corpus is deterministic (random.Random(SEED) over the fixture cases and the examples, with the
mutations of tests/test_robustness.py), so a failure can be reproduced: run the test, or call
`write_corpus(folder)` from a Python prompt and lint the folder by hand.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import hypothesis_profiles  # noqa: F401  - the same profile as the other robustness tests
from test_robustness import MUTATIONS, TEXTS, assert_sane_findings, mutate

SEED = 20261208
COUNT = 1500
ROOT = Path(__file__).resolve().parent.parent


def write_corpus(folder: Path, count: int = COUNT, seed: int = SEED) -> list[str]:
    """`count` mutated proposals below `folder` (in subfolders of 100), as the paths the CLI shows."""
    rng = random.Random(seed)
    paths: list[str] = []
    for number in range(count):
        text = rng.choice(TEXTS).encode("utf-8")
        operations = [
            (rng.choice(MUTATIONS), rng.randrange(1 << 20), rng.randrange(1 << 20)) for _ in range(rng.randint(1, 4))
        ]
        data = mutate(text, operations)
        suffix = ".voorstel" if number % 3 == 0 else ".proposal"
        path = folder / f"batch-{number // 100:02d}" / f"p{number:04d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def _across_files(code: str) -> bool:
    return code.startswith("IM7") or code == "IM008"


def test_the_corpus_is_deterministic(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", count=40)
    second = write_corpus(tmp_path / "b", count=40)
    assert [Path(p).read_bytes() for p in first] == [Path(p).read_bytes() for p in second]


def test_one_check_run_over_1500_mutated_proposals(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    paths = write_corpus(folder)
    assert len(set(paths)) == COUNT

    env = {**os.environ, "NO_COLOR": "1", "PYTHONFAULTHANDLER": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "im_lint", "check", "--format", "json", "--no-cache", str(folder)],
        capture_output=True,
        timeout=300,
        cwd=tmp_path,
        env=env,
    )
    stderr = run.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in stderr, stderr[-4000:]
    assert run.returncode in (0, 1), (run.returncode, stderr[-4000:])

    document = json.loads(run.stdout)
    files = document["files"]
    assert len(files) == COUNT and sorted(files) == sorted(paths), "every file, and only those, is listed once"
    listed = set(files)
    for finding in document["findings"]:
        assert finding["path"] in listed, finding
        assert finding["line"] >= 1 and finding["column"] >= 1 and finding["message"].strip(), finding

    # The same findings as the API gives for a sample of the files, one at a time (but for the
    # portfolio rules, IM7, which compare the files of a run with each other, and IM008, which says
    # that a suppression of such a rule suppressed nothing).
    from im_lint import api

    by_path: dict[str, list[str]] = {}
    for finding in document["findings"]:
        if not _across_files(finding["code"]):
            by_path.setdefault(finding["path"], []).append(finding["code"])
    for path in paths[::150]:
        data = Path(path).read_bytes()
        result = api.lint_paths([path], config=api.Config(), use_cache=False, jobs=1)
        assert_sane_findings(result.findings, data.decode("utf-8", errors="replace"), [path])
        alone = sorted(f.code for f in result.findings if not _across_files(f.code))
        assert alone == sorted(by_path.get(path, [])), path
