"""Every input the fuzzer once broke im-lint with is linted and formatted again, without an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from im_lint import api
from im_lint.language import parse_bytes

REGRESSIONS = sorted((Path(__file__).parent / "fuzz" / "regressions").glob("*"))


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_fuzz_regression(path: Path) -> None:
    data = path.read_bytes()
    parse_bytes(data)
    text = data.decode("utf-8", errors="replace")
    for finding in api.lint_text(text):
        assert finding.line >= 1 and finding.column >= 1 and finding.message
    try:
        formatted = api.format_text(text)
    except ValueError:
        return
    assert api.format_text(formatted) == formatted


def test_regressions_folder_exists() -> None:
    assert (Path(__file__).parent / "fuzz").is_dir()
