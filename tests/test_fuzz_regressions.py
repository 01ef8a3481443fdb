"""Every input the fuzzer (or the hostile-repository harness) once broke im-lint with is linted and
formatted again without an error, and every output made of it is sound: text output shows no
control character raw, the SVG is XML, Graphviz accepts the DOT."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import require_command

from im_lint import api
from im_lint.findings import RunResult
from im_lint.language import parse_bytes
from im_lint.output import text as text_output
from im_lint.report import diagram, diagram_text

REGRESSIONS = sorted((Path(__file__).parent / "fuzz" / "regressions").glob("*"))
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
DOT_STRING_LIMIT = 16384  # bytes, Graphviz's own


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_fuzz_regression(path: Path) -> None:
    data = path.read_bytes()
    parse_bytes(data)
    text = data.decode("utf-8", errors="replace")
    findings = api.lint_text(text, path="a\x1b[2K\nforged.proposal")
    for finding in findings:
        assert finding.line >= 1 and finding.column >= 1 and finding.message
    shown = text_output.write(RunResult(files=["x"], findings=findings, fail_on="error", languages={}))
    assert not RAW_CONTROL.search(shown), "a control character reaches the terminal"
    assert len(shown.splitlines()) <= len(findings) + 2, "a line break in a name or message forged a line"
    proposal = api.parse(text).proposal
    if proposal is not None:
        for lang in ("nl", "en"):
            ET.fromstring(diagram.to_svg(diagram.layout(proposal, lang)))
        dot = diagram_text.to_dot(proposal, "nl")
        longest = max((len(s.encode()) for s in re.findall(r'"(?:[^"\\]|\\.)*"', dot)), default=0)
        assert longest < DOT_STRING_LIMIT, longest
    try:
        formatted = api.format_text(text)
    except ValueError:
        return
    assert api.format_text(formatted) == formatted
    if proposal is not None:  # what the proposal says is kept: every value, text blocks exactly
        assert _without_spans(api.parse(formatted).proposal.model_dump()) == _without_spans(proposal.model_dump())


def _without_spans(value):
    if isinstance(value, dict):
        return {k: _without_spans(v) for k, v in value.items() if k not in ("span", "id_span", "subject_span")}
    if isinstance(value, list):
        return [_without_spans(v) for v in value]
    return value


@pytest.mark.parametrize("name", ["dot-long-label-1.bin", "control-characters-1.bin"])
def test_graphviz_accepts_the_dot_of_a_regression(name: str) -> None:
    dot = require_command("dot", "graphviz")
    proposal = api.parse((Path(__file__).parent / "fuzz" / "regressions" / name).read_text(encoding="utf-8")).proposal
    done = subprocess.run([dot, "-Tsvg"], input=diagram_text.to_dot(proposal, "en"), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    ET.fromstring(done.stdout)


def test_regressions_folder_exists() -> None:
    assert (Path(__file__).parent / "fuzz").is_dir()
