"""Report data -> HTML or Markdown through Jinja2 templates; every text is escaped by default.

HTML: an environment with autoescape on, so every `{{ value }}` is HTML-escaped unless it is Markup
(only the SVG that diagram.py built with XML escaping, and the small filters below that escape first).

Markdown: an environment whose `finalize` escapes every `{{ value }}` for Markdown (tables, inline
markup, and the HTML-significant < > & as entities), unless the value is `MarkdownSafe` (the mermaid
block, built with Mermaid's own escaping). A template cannot forget to escape.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from im_lint.report.build import Report

# The policy of the HTML report: nothing may load or run; only our inline CSS and data: images.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_CODE = re.compile(r"`([^`\n]+)`")


# --- HTML filters ---------------------------------------------------------------------------------
def html_code(text: Any) -> Markup:
    """Escape, then show `backticked` words (rule messages and docs use them) as <code>."""
    escaped = str(escape("" if text is None else str(text)))
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped))


def css_string(text: Any) -> Markup:
    """A quoted CSS string for the style element: every character that could end the string, the
    declaration or the element (quotes, backslash, newlines, < > &) written as a CSS escape."""
    out = []
    for ch in "" if text is None else str(text):
        if ch in "\"\\<>&'" or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


# The room a chain has on its page when printed, in CSS pixels (report.css.j2: A4 less the page's
# margins and the card's padding; the heights are the diagram's max-height there).
CHAIN_ROOM = {"landscape": (1000, 529), "portrait": (675, 813)}


def chain_page(svg: str) -> str:
    """The A4 orientation that prints this chain largest: a wide chain gets a landscape page, a
    tall one (many activities) a portrait page, each scaled to fit the page, never cut off."""
    box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if not box or not float(box.group(1)) or not float(box.group(2)):
        return "landscape"
    width, height = float(box.group(1)), float(box.group(2))
    scale = {page: min(w / width, h / height) for page, (w, h) in CHAIN_ROOM.items()}
    return "portrait" if scale["portrait"] > scale["landscape"] else "landscape"


# --- Markdown escaping ----------------------------------------------------------------------------
class MarkdownSafe(str):
    """Text that is already Markdown (built by our code with its own escaping)."""


_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_PUNCT = set("\\`*_[]|~")
_LINE_START = re.compile(r"^(\s*)([#+=\-]|\d+[.)])")


def md(text: Any) -> str:
    """One line of Markdown that shows `text` as written: fit for a table cell, a heading or a list
    item. Newlines become spaces; < > & become entities, so nothing becomes raw HTML; the characters
    that make emphasis, links, code or table cells are backslash-escaped; a leading `#`, `-`, `+`,
    `=` or `1.` cannot start a block."""
    if text is None:
        return ""
    if isinstance(text, MarkdownSafe):
        return text
    flat = re.sub(r"\s+", " ", str(text))
    out = []
    for ch in flat:
        if ch in _MD_ENTITIES:
            out.append(_MD_ENTITIES[ch])
        elif ch in _MD_PUNCT:
            out.append("\\" + ch)
        else:
            out.append(ch)
    escaped = "".join(out)
    match = _LINE_START.match(escaped)
    if match:
        marker = match.group(2)
        fixed = ("\\" + marker) if not marker[0].isdigit() else marker[:-1] + "\\" + marker[-1]
        escaped = match.group(1) + fixed + escaped[match.end() :]
    return escaped


def md_code(text: Any) -> MarkdownSafe:
    """Like `md`, but a `backticked` part is kept as a code span when it is plain (no < > & | or
    backslash), so rule messages read as in the terminal; any other part is escaped text."""
    parts = str(text or "").split("`")
    out = []
    for i, part in enumerate(parts):
        span = i % 2 == 1 and i < len(parts) - 1  # between two backticks
        if span and part.strip() and part.strip() == part and not set(part) & set("<>&|\\\n"):
            out.append(f"`{part}`")
        elif span:
            out.append(md(part))
        else:
            out.append(md(part if i % 2 == 0 else "`" + part))  # after an unmatched backtick: as written
    return MarkdownSafe("".join(out))


def _finalize_markdown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, MarkdownSafe):
        return value
    return md(value)


# --- the environments -----------------------------------------------------------------------------
def _html_env() -> Environment:
    env = Environment(
        loader=PackageLoader("im_lint.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["code"] = html_code
    env.filters["css_string"] = css_string
    return env


def _markdown_env() -> Environment:
    env = Environment(
        loader=PackageLoader("im_lint.report", "templates"),
        autoescape=False,
        finalize=_finalize_markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["code"] = md_code
    env.filters["raw"] = MarkdownSafe
    return env


_ENVS: dict[str, Environment] = {}


def environment(fmt: str) -> Environment:
    if fmt not in _ENVS:
        _ENVS[fmt] = _html_env() if fmt == "html" else _markdown_env()
    return _ENVS[fmt]


def render_report(report: Report, fmt: str) -> str:
    if fmt == "html":
        entries_svg = {entry.anchor: Markup(entry.svg) for entry in report.entries if entry.svg}
        pages = {anchor: chain_page(svg) for anchor, svg in entries_svg.items()}
        return (
            environment("html")
            .get_template("report.html.j2")
            .render(report=report, svg=entries_svg, chain_page=pages, csp=CSP)
        )
    if fmt == "markdown":
        text = environment("markdown").get_template("report.md.j2").render(report=report)
        return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
    raise ValueError(f"no report format {fmt!r}; there are: html, markdown")
