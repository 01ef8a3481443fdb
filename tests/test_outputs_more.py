"""The json output against its published schema; `graph`; no progress bar in a pipe."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint import api
from im_lint.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def test_json_output_validates_against_its_schema(tmp_path: Path) -> None:
    schema = json.loads(CliRunner().invoke(main, ["schema", "findings"]).output)
    jsonschema.Draft202012Validator.check_schema(schema)
    for target in [EXAMPLES, FIXTURES.parent / "scenarios", FIXTURES.parent / "data" / "report"]:
        document = json.loads(CliRunner().invoke(main, ["check", str(target), "--format", "json"]).output)
        jsonschema.validate(document, schema)
        assert _count_codes(document) == len(document["findings"])  # findings are the only objects with a `code`


def _count_codes(node) -> int:
    if isinstance(node, dict):
        return ("code" in node) + sum(_count_codes(value) for value in node.values())
    if isinstance(node, list):
        return sum(_count_codes(value) for value in node)
    return 0


@pytest.mark.parametrize(("fmt", "marker"), [("mermaid", "flowchart LR"), ("dot", "digraph"), ("svg", "<svg")])
def test_graph_formats(fmt: str, marker: str) -> None:
    result = CliRunner().invoke(main, ["graph", str(EXAMPLES / "ipads.proposal"), "--format", fmt])
    assert result.exit_code == 0 and marker in result.output
    assert "A2" in result.output and "E1" in result.output
    if fmt == "svg":
        ET.fromstring(result.output)  # every SVG is XML


def test_graph_uses_the_report_diagram(tmp_path: Path) -> None:
    from im_lint.report import diagram

    proposal = api.parse((EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")).proposal
    out = tmp_path / "keten.svg"
    assert (
        CliRunner()
        .invoke(main, ["graph", str(EXAMPLES / "chromebooks.voorstel"), "--format", "svg", "-o", str(out)])
        .exit_code
        == 0
    )
    assert out.read_text(encoding="utf-8").strip() == diagram.to_svg(diagram.layout(proposal, "nl")).strip()


@pytest.mark.parametrize("content", [b"", b"kind change\n"])
def test_graph_refuses_what_is_no_proposal(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.proposal"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["graph", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_graph_wants_one_file() -> None:
    assert CliRunner().invoke(main, ["graph", str(EXAMPLES)]).exit_code == 2
    assert CliRunner().invoke(main, ["graph", "nope.proposal"]).exit_code == 2


def test_no_progress_bar_in_a_pipe(tmp_path: Path) -> None:
    for number in range(250):
        (tmp_path / f"p{number}.proposal").write_text('proposal P "x"\nkind policy\n', encoding="utf-8")
    result = (
        CliRunner(mix_stderr=False).invoke(main, ["check", str(tmp_path), "--jobs", "1"])
        if "mix_stderr" in CliRunner.__init__.__code__.co_varnames
        else CliRunner().invoke(main, ["check", str(tmp_path), "--jobs", "1"])
    )
    assert "im-lint  [" not in result.output and "%" not in result.output
