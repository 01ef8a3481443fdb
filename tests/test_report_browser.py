"""Nothing in a proposal runs in a browser: the board report of a hostile proposal, opened in real
headless Chromium.

Every payload in tests/data/report/hostile.proposal, if it ran, would mark the page: the attribute
`data-pwned` on <body> (or <html>), or the title PWNED. The dumped DOM must show neither. The test can
fail: the control pages, with an inline script and an image's onerror handler, must show the mark;
and the report must stay clean with its Content-Security-Policy removed (escaping alone holds).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, require
from markdown_it import MarkdownIt

from im_lint import api
from im_lint.report import render

HOSTILE = str(ROOT / "tests" / "data" / "report" / "hostile.proposal")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=3000",
]
# Tags the payloads would open; as text they are escaped (&lt;script), so none may appear raw.
PAYLOAD_MARKERS = (
    "<script",
    "<iframe",
    "<object",
    "<img",
    "<svg onload",
    "<base",
    '<meta http-equiv="refresh',
    "<style>body",
)
# An event handler (onerror=, onload=) inside a real tag; as escaped text it is harmless and stays.
HANDLER_IN_TAG = re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


@pytest.fixture(scope="module")
def browser() -> str:
    found = chromium()
    require(found is not None, "chromium is not installed (apt-get install chromium)")
    return found


class Marks(HTMLParser):
    """The attributes of <html> and <body>, and the text of <title>, in a dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: dict[str, dict[str, str | None]] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in ("html", "body") and tag not in self.attributes:
            self.attributes[tag] = dict(attrs)
        self._in_title = tag == "title" and not self.title

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    @property
    def pwned(self) -> bool:
        marked = any("data-pwned" in attrs for attrs in self.attributes.values())
        return marked or "PWNED" in self.title


def dump_dom(browser: str, html: str) -> Marks:
    """Open the page from a file in a fresh profile and return the marks of the DOM it ends with."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(html, encoding="utf-8")
        done = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={Path(folder) / 'profile'}", "--dump-dom", page.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<body" in done.stdout, f"chromium dumped no DOM: {done.stderr[-2000:]}"
    marks = Marks()
    marks.feed(done.stdout)
    return marks


@pytest.fixture(scope="module")
def hostile_html() -> str:
    result = api.lint_paths([HOSTILE], keep_proposals=True)
    assert HOSTILE in result.proposals, "the hostile proposal must parse, so that every text reaches the report"
    return render(result, "html", lang="en")


@pytest.fixture(scope="module")
def hostile_markdown() -> str:
    result = api.lint_paths([HOSTILE], keep_proposals=True)
    return render(result, "markdown", lang="en")


def test_no_payload_survives_escaping(hostile_html, hostile_markdown) -> None:
    # the payloads did reach the report, as text
    assert "&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;title&#39;)" in hostile_html
    assert "{{7*7}}" in hostile_html and ">49<" not in hostile_html
    lowered = hostile_html.lower()
    for marker in PAYLOAD_MARKERS:
        assert marker not in lowered, f"raw {marker!r} from user input in the HTML report"
    assert not HANDLER_IN_TAG.search(hostile_html), "an onerror=/onload= inside a tag"
    assert "onerror=&#34;" in hostile_html  # ... while the payload is there, as text
    assert not re.search(r"<[a-z][^<>]*\s(href|src|data|action|formaction)\s*=\s*[\"']?\s*javascript:", lowered), (
        "no javascript: link"
    )
    assert lowered.count("<html") == 1 and lowered.count("</table>") == lowered.count("<table")
    md = hostile_markdown.lower()
    for marker in PAYLOAD_MARKERS:
        assert marker not in md, f"raw {marker!r} from user input in the Markdown report"
    assert not HANDLER_IN_TAG.search(hostile_markdown)
    rendered = MarkdownIt("gfm-like", {"html": True, "linkify": False}).render(hostile_markdown).lower()
    for marker in PAYLOAD_MARKERS:
        assert marker not in rendered, f"raw {marker!r} in the Markdown report rendered to HTML"
    assert not HANDLER_IN_TAG.search(rendered)


def test_control_pages_show_the_mark(browser) -> None:
    """Detection works: a page whose script runs is caught, synchronous and from an event handler."""
    script = dump_dom(
        browser,
        "<!DOCTYPE html><html><head><title>control</title></head><body><p>x</p>"
        "<script>document.body.setAttribute('data-pwned','control')</script></body></html>",
    )
    assert script.pwned
    handler = dump_dom(
        browser,
        "<!DOCTYPE html><html><head><title>control</title></head><body>"
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"></body></html>",
    )
    assert handler.pwned
    title = dump_dom(
        browser,
        "<!DOCTYPE html><html><head><title>control</title></head><body>"
        "<script>document.title='PWNED'</script></body></html>",
    )
    assert title.pwned


def test_hostile_report_runs_nothing_in_chromium(browser, hostile_html) -> None:
    marks = dump_dom(browser, hostile_html)
    assert not marks.pwned, marks.attributes
    assert marks.title.startswith("Board report: EVIL-1")


def test_hostile_report_without_its_csp_still_runs_nothing(browser, hostile_html) -> None:
    """The Content-Security-Policy is a second wall; the escaping alone must hold."""
    without = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", hostile_html)
    assert without != hostile_html and "Content-Security-Policy" not in without
    marks = dump_dom(browser, without)
    assert not marks.pwned, marks.attributes


def test_hostile_markdown_rendered_with_raw_html_allowed_runs_nothing(browser, hostile_markdown) -> None:
    """A Markdown renderer that lets raw HTML through (as some do) still gets no tag from a proposal."""
    body = MarkdownIt("gfm-like", {"html": True, "linkify": False}).render(hostile_markdown)
    page = f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>markdown</title></head><body>{body}</body></html>'
    marks = dump_dom(browser, page)
    assert not marks.pwned, marks.attributes
