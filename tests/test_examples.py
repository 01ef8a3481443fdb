"""The spec's two examples: the clean Dutch one lints clean, the iPad case gets what went wrong."""

from __future__ import annotations

from conftest import EXAMPLES

from im_lint import api


def _findings(name: str):
    return api.lint_paths([str(EXAMPLES / name)]).findings


def test_chromebooks_lints_without_error_or_warning() -> None:
    result = api.lint_paths([str(EXAMPLES / "chromebooks.voorstel")])
    assert [f for f in result.findings if f.severity != "info"] == []
    assert not result.failed()


def test_ipads_gets_each_mistake_at_its_line() -> None:
    lines = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8").splitlines()

    def line_of(start: str) -> int:
        return next(number for number, text in enumerate(lines, start=1) if text.startswith(start))

    got = {(f.code, f.line) for f in _findings("ipads.proposal")}
    proposal_line = line_of("proposal ")
    expected = {
        ("IM101", line_of("technology T1")),
        ("IM103", line_of("goal G1")),
        ("IM201", proposal_line),
        ("IM009", line_of("impact students")),
        ("IM303", line_of("decision-by")),
        ("IM601", line_of("technology T1")),
        ("IM602", proposal_line),
    }
    assert expected <= got
