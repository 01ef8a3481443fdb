"""The board report meets WCAG 2.1 AA as axe-core checks it: the whole of the wcag2a, wcag2aa,
wcag21a and wcag21aa rules, in Debian's chromium (puppeteer-core, tests/a11y/: nothing downloads a
browser), on screen and as printed, in both languages, with findings, waivers and a ready proposal.
A control page with poor contrast must fail, so that a run that checks nothing cannot pass."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, npm_tools, require_command
from report_pack import TODAY, build_pack

from im_lint import api
from im_lint.report import render

A11Y = ROOT / "tests" / "a11y"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CONTROL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>control</title></head>
<body><main><h1>Control</h1><p style="color: #b8b8b8; background: #ffffff">Pale grey on white: 2 to 1.</p></main></body>
</html>
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("a11y")
    pack = build_pack(folder / "voorstellen")
    result = api.lint_paths([str(pack)], keep_proposals=True, today=TODAY, overrides={"lang": "nl"})
    assert result.suppressed, "the pack has a waiver, so that the waiver register is checked too"
    written = {}
    for lang in ("nl", "en"):
        written[f"pack-{lang}"] = folder / f"pack-{lang}.html"
        written[f"pack-{lang}"].write_text(render(result, "html", lang=lang), encoding="utf-8")
    one = api.lint_paths([str(pack / "chromebooks.voorstel")], keep_proposals=True, today=TODAY)
    written["ready"] = folder / "ready.html"  # one proposal, ready: no overview
    written["ready"].write_text(render(one, "html", lang="nl"), encoding="utf-8")
    written["control"] = folder / "control.html"
    written["control"].write_text(CONTROL, encoding="utf-8")
    html = written["pack-en"].read_text(encoding="utf-8")
    assert "Ready for the meeting" in html and "Not ready for the meeting" in html
    assert 'class="card waivers"' in html and "pupils&#39; council" in html
    return written


@pytest.fixture(scope="module")
def axe(pages, tmp_path_factory) -> dict:
    chromium = require_command("chromium", "chromium")
    require_command("node", "nodejs")
    npm_tools(A11Y)
    done = subprocess.run(
        ["node", "axe.js", chromium, *(str(path) for path in pages.values())],
        cwd=A11Y,
        capture_output=True,
        text=True,
        timeout=600,
        # a home of its own: chromium writes its settings there, never into the repository
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "HOME": str(tmp_path_factory.mktemp("home"))},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def described(found: list[dict]) -> str:
    return "\n".join(f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in found)


@pytest.mark.slow
def test_all_of_wcag_2_1_aa_runs(axe) -> None:
    assert axe["tags"] == TAGS
    assert axe["rules"] >= 50, "axe ran the whole of WCAG 2.1 A and AA, not a handful of rules"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["pack-nl", "pack-en", "ready"])
@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_report_has_no_violation(axe, pages, name, media) -> None:
    found = axe["pages"][f"{pages[name]} {media}"]["violations"]
    assert not found, described(found)


@pytest.mark.slow
def test_the_control_page_with_poor_contrast_fails(axe, pages) -> None:
    for media in ("screen", "print"):
        found = axe["pages"][f"{pages['control']} {media}"]["violations"]
        assert [v["id"] for v in found] == ["color-contrast"], described(found)


# --- what axe cannot judge, checked here ---------------------------------------------------------
def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_chains_words_have_contrast(pages) -> None:
    """axe leaves SVG text as 'incomplete' (it cannot find the background): every word of the chain
    has 4.5:1 at least against its box (a node's own fill; the white card elsewhere)."""
    html = pages["pack-en"].read_text(encoding="utf-8")
    pairs = []
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        for node in re.findall(r'<g class="node [^"]*"[^>]*>.*?</g>', svg, re.S):
            fill = re.search(r'<rect[^>]*\sfill="(#[0-9a-fA-F]{6})"', node).group(1)
            pairs += [(colour, fill) for colour in re.findall(r'<text[^>]*\sfill="(#[0-9a-fA-F]{6})"', node)]
        rest = re.sub(r'<g class="node [^"]*"[^>]*>.*?</g>', "", svg, flags=re.S)
        pairs += [(colour, "#ffffff") for colour in re.findall(r'<text[^>]*\sfill="(#[0-9a-fA-F]{6})"', rest)]
    assert len(set(pairs)) >= 8 and ("#b42318", "#fef3f2") in pairs  # the dropped activity's words too
    for colour, background in set(pairs):
        assert contrast(colour, background) >= 4.5, f"{colour} on {background}: {contrast(colour, background):.2f}"


def test_the_verdict_is_told_in_words_not_colour_alone(pages) -> None:
    html = pages["pack-nl"].read_text(encoding="utf-8")
    boxes = re.findall(r'<div class="verdict (ready|stop)"[^>]*>\s*<strong class="headline">([^<]+)</strong>', html)
    assert {kind for kind, _ in boxes} == {"ready", "stop"}
    for kind, headline in boxes:
        assert headline == ("Klaar voor de vergadering" if kind == "ready" else "Nog niet klaar voor de vergadering")
    pills = re.findall(r'<span class="pill (ready|stop)">([^<]+)</span>', html)
    assert pills and all(text.strip() for _, text in pills)
