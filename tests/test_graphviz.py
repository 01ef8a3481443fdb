"""The DOT output, rendered by the real Graphviz `dot`: every edge of our diagram is drawn, and no edge
runs through a box it does not connect. Mermaid's "supports" lines keep their arrowheads."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, require_command

from im_lint import api
from im_lint.report.diagram import layout
from im_lint.report.diagram_text import to_dot, to_mermaid

PROPOSALS = [
    EXAMPLES / "ipads.proposal",
    EXAMPLES / "chromebooks.voorstel",
    *sorted((ROOT / "tests" / "data" / "report").glob("*.voorstel")),
]


def _boxes(rendered: dict) -> dict[int, tuple[float, float, float, float]]:
    boxes = {}
    for number, node in enumerate(rendered["objects"]):
        if "pos" not in node or "width" not in node:
            continue  # a cluster
        x, y = (float(v) for v in node["pos"].split(","))
        w, h = float(node["width"]) * 72 / 2, float(node["height"]) * 72 / 2
        boxes[node["_gvid"] if "_gvid" in node else number] = (x - w, y - h, x + w, y + h)
    return boxes


@pytest.mark.parametrize("path", PROPOSALS, ids=lambda p: p.name)
def test_dot_draws_every_edge_and_none_through_a_box(path: Path) -> None:
    dot = require_command("dot", "graphviz")
    proposal = api.parse(path.read_text(encoding="utf-8")).proposal
    source = to_dot(proposal, "nl")
    done = subprocess.run([dot, "-Tjson"], input=source, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rendered = json.loads(done.stdout)
    boxes = _boxes(rendered)
    visible = [edge for edge in rendered.get("edges", []) if edge.get("style") != "invis"]
    assert len(visible) == len(layout(proposal, "nl").edges)
    for edge in visible:
        ends = {edge["tail"], edge["head"]}
        points = [p for op in edge.get("_draw_", []) if op["op"] == "b" for p in op["points"]]
        for number, (x0, y0, x1, y1) in boxes.items():
            if number in ends:
                continue
            inside = [p for p in points if x0 + 2 < p[0] < x1 - 2 and y0 + 2 < p[1] < y1 - 2]
            assert not inside, f"an edge runs through box {rendered['objects'][number]['name']} in {path.name}"


def test_mermaid_supports_lines_have_arrowheads() -> None:
    proposal = api.parse((EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")).proposal
    text = to_mermaid(proposal, "en")
    supports = [line for line in text.splitlines() if "-.-" in line and ".->" in line or "<-.-" in line]
    assert (
        supports and all("-.->" in line for line in supports) and not any("<-.-" in line for line in text.splitlines())
    )
