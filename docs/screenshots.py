"""Regenerate the pictures of the board report in docs/images/ from a real PDF, as a board member
gets it:

    .venv/bin/python docs/screenshots.py [FOLDER]      (default: docs/images)

It builds the example pack (the shipped examples with one waiver, in a git repository of its own:
tests/report_pack.py), prints it with `im-lint report -o pack.pdf` (headless Chromium), finds each
part by its heading with `pdftotext -bbox-layout`, and cuts that part out of its page with
`pdftoppm`. Needs chromium and poppler-utils. The same files and date give the same pictures.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
RESOLUTION = 64  # dots per inch: small files, still readable
PAD = 6.0  # points around a part
MARGIN = 12 * 72 / 25.4  # the page's left and right margin (12 mm), in points
FOOTER = 17 * 72 / 25.4  # the page's bottom margin, where the footer is

sys.path.insert(0, str(ROOT / "tests"))
from report_pack import TODAY, build_pack  # noqa: E402

PROPOSAL = "VO-2020-011"  # the iPad case: errors, a waiver, a dropped activity
# (file name, the heading the part starts at, None: the proposal's own first line); Dutch, as boards read it
PARTS = [
    ("report-top", None),
    ("report-findings", "Bevindingen"),
    ("report-waivers", "Afwijkingen met reden"),
    ("report-chain", "De keten: van doel naar technologie"),
    ("report-stakeholders", "Belanghebbenden"),
]


@dataclass
class Line:
    page: int
    text: str
    top: float
    bottom: float


def main(images: Path = IMAGES) -> None:
    images.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        pack = build_pack(Path(folder) / "voorstellen")
        pdf = Path(folder) / "pack.pdf"
        report = [sys.executable, "-m", "im_lint", "report", pack.name, "--today", TODAY, "--lang", "nl"]
        run(*report, "-o", str(pdf), cwd=pack.parent)  # from the pack's folder: its files' names are short
        lines, sizes = read_lines(pdf)
        first = next(page for page in sizes if PROPOSAL in [line.text for line in lines if line.page == page][:3])
        boundaries = headings(run(*report, "-o", "-", "--format", "html", cwd=pack.parent))
        cut(pdf, sizes, images / "report-overview", 1, top=0.0, bottom=bottom_of(lines, 1, sizes))
        for name, heading in PARTS:
            start = next(line for line in lines if line.page >= first and line.text == (heading or PROPOSAL))
            if heading is None:  # the top of the proposal: its header, participation and verdict
                stop = [line.top for line in lines if line.page == start.page and line.text == "Bevindingen"]
                bottom = stop[0] - PAD if stop else bottom_of(lines, start.page, sizes)
                cut(pdf, sizes, images / name, start.page, top=start.top - 3 * PAD, bottom=bottom)
                continue
            after = [
                line.top
                for line in lines
                if line.page == start.page and line.top > start.bottom + 1 and line.text in boundaries
            ]
            bottom = min(after) - 3 * PAD if after else bottom_of(lines, start.page, sizes)
            cut(pdf, sizes, images / name, start.page, top=start.top - 2 * PAD, bottom=bottom)
        width, height = sizes[first]
        cut(pdf, sizes, images / "report-footer", first, top=height - FOOTER, bottom=height - FOOTER / 3)
    for picture in sorted(images.glob("report-*.png")):
        print(f"{picture}: {picture.stat().st_size // 1024} KB")


def run(*command: str, cwd: Path = ROOT) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=cwd)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} ... failed:\n{done.stderr}")
    return done.stdout


def read_lines(pdf: Path) -> tuple[list[Line], dict[int, tuple[float, float]]]:
    """Every line of text with its page and height on it (points from the top), and each page's size."""
    layout = run("pdftotext", "-bbox-layout", str(pdf), "-")
    lines: list[Line] = []
    sizes: dict[int, tuple[float, float]] = {}
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", layout, re.S), 1):
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
        sizes[number] = (float(size.group(1)), float(size.group(2)))
        for top, bottom, body in re.findall(
            r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', page, re.S
        ):
            words = [html.unescape(word) for word in re.findall(r">([^<]*)</word>", body)]
            lines.append(Line(number, " ".join(words), float(top), float(bottom)))
    return lines, sizes


def headings(page: str) -> set[str]:
    """The headings of the HTML report (each card's h3 and the proposals' IDs): where a part ends."""
    found = {
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
        for text in re.findall(r"<h3[^>]*>(.*?)</h3>", page, re.S)
    }
    return found | set(re.findall(r'<span class="pid">([^<]+)</span>', page))


def bottom_of(lines: list[Line], page: int, sizes: dict[int, tuple[float, float]]) -> float:
    """Below the last line of a page's content (the footer not counted)."""
    limit = sizes[page][1] - FOOTER
    return max(line.bottom for line in lines if line.page == page and line.bottom < limit) + 2 * PAD


def cut(pdf: Path, sizes, target: Path, page: int, top: float, bottom: float) -> None:
    """One part of one page as a PNG: the page's width between its margins, from `top` to `bottom`."""
    width, _ = sizes[page]
    scale = RESOLUTION / 72
    left = MARGIN - PAD
    box = [
        round(left * scale),
        round(max(top, 0) * scale),
        round((width - 2 * left) * scale),
        round((bottom - max(top, 0)) * scale),
    ]
    run(
        "pdftoppm", "-png", "-singlefile", "-r", str(RESOLUTION), "-f", str(page), "-l", str(page),
        "-x", str(box[0]), "-y", str(box[1]), "-W", str(box[2]), "-H", str(box[3]),
        str(pdf), str(target),
    )  # fmt: skip


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else IMAGES)
