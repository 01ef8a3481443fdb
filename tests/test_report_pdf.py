"""`im-lint report -o pack.pdf`: printed by the real headless Chromium, read back as a board member
gets it, page by page, with poppler (pdfinfo, pdftotext). A4; each proposal from a new page; no
heading at the foot of a page; the chain's words legible; on every page the page number, the
report's date and the revision of the proposals."""

from __future__ import annotations

import html as html_lib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import require, require_command
from report_pack import LAST_MEETING, TODAY, build_pack, proposal_ids

from im_lint import api
from im_lint.cli import main
from im_lint.report import pdf, render

IM_LINT = str(Path(sys.executable).parent / "im-lint")
A4 = (595, 842)  # points, rounded
MIN_CHAIN_POINTS = 7.0  # the smallest type in the chain, as printed
BOX_PER_POINT = 1.157  # pdftotext's word box height per point of type (measured on the report's body)


def poppler(*args: str) -> str:
    done = subprocess.run(list(args), capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    require(pdf.find_chromium() is not None, "chromium is not installed (apt-get install chromium)")
    require_command("pdftotext", "poppler-utils")
    require_command("git", "git")
    return build_pack(tmp_path_factory.mktemp("print") / "voorstellen", changes=True)


def revision(pack: Path) -> str:
    return poppler("git", "-C", str(pack), "rev-parse", "--short", "HEAD").strip()


def make_pdf(pack: Path, lang: str, *extra: str) -> tuple[Path, str]:
    target = pack.parent / f"pack-{lang}.pdf"
    done = subprocess.run(
        [IM_LINT, "report", str(pack), "-o", str(target), "--lang", lang, "--today", TODAY, *extra],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    page = subprocess.run(
        [IM_LINT, "report", str(pack), "-o", "-", "--format", "html", "--lang", lang, "--today", TODAY, *extra],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return target, page.stdout


@pytest.fixture(scope="module")
def english(pack) -> tuple[Path, str]:
    """The whole pack: what changed since the last meeting, the proposals, the decision log."""
    return make_pdf(pack, "en", "--since", LAST_MEETING, "--log")


def pages_of(target: Path) -> list[str]:
    return poppler("pdftotext", str(target), "-").split("\f")[:-1]  # the text ends with a form feed


FOOTER = re.compile(r"^(Report date|Rapportdatum) |^(page|pagina) \d+ (of|van) \d+$")


def body_lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip() and not FOOTER.match(line.strip())]


def headings(page_html: str) -> list[str]:
    """Every heading of the report (h1-h4, and the table's group rows), as text."""
    found = re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", page_html, re.S)
    found += re.findall(r'<tr class="group-row">(.*?)</tr>', page_html, re.S)
    return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split()) for text in found]


@pytest.mark.slow
def test_a4_and_a_page_per_proposal_at_least(english, pack) -> None:
    target, _ = english
    info = poppler("pdfinfo", "-f", "1", "-l", "999", str(target))
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert count >= len(proposal_ids(pack)) == 4
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert len(sizes) == count
    for width, height in sizes:  # portrait, or landscape for the chain
        assert sorted((round(float(width)), round(float(height)))) == sorted(A4), (width, height)
    assert "(A4)" in info


@pytest.mark.slow
def test_each_proposal_starts_on_a_new_page(english, pack) -> None:
    target, _ = english
    pages = pages_of(target)
    starts = []
    for ident in proposal_ids(pack):
        opens = [n for n, page in enumerate(pages) if ident in body_lines(page)[:2]]  # the ID beside the title
        assert len(opens) == 1, f"{ident} opens no page (or more than one): {opens}"
        starts.append(opens[0])
    assert starts == sorted(starts) and starts[0] == 1  # after the overview, in the report's order


@pytest.mark.slow
def test_the_changes_open_the_pack_and_the_decision_log_has_pages_of_its_own(english) -> None:
    target, _ = english
    pages = pages_of(target)
    first = body_lines(pages[0])
    changes = next(n for n, line in enumerate(first) if line.startswith(f"What changed since {LAST_MEETING}"))
    assert changes < first.index("Overview")
    assert "What is different: Impact on parents added" in first
    assert "What is different: New technology T2 ‘Chromebooks’" in first
    opens = [n for n, page in enumerate(pages) if body_lines(page)[:1] == ["Decision log"]]
    assert len(opens) == 1 and opens[0] > 1


@pytest.mark.slow
def test_every_page_has_its_number_the_date_and_the_revision(english, pack) -> None:
    target, _ = english
    pages = pages_of(target)
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines()]
        assert f"page {number} of {len(pages)}" in lines, f"page {number}"
        assert f"Report date 1 December 2026 \u00b7 source {revision(pack)}" in lines, f"page {number}"


@pytest.mark.slow
def test_the_dutch_footer_and_a_modified_work_tree(pack) -> None:
    ipads = pack / "ipads.proposal"
    original = ipads.read_text(encoding="utf-8")
    ipads.write_text(original + "\n", encoding="utf-8")
    try:
        target, _ = make_pdf(pack, "nl")
    finally:
        ipads.write_text(original, encoding="utf-8")
    pages = pages_of(target)
    lines = [line.strip() for line in pages[-1].splitlines()]
    assert f"pagina {len(pages)} van {len(pages)}" in lines
    assert f"Rapportdatum 1 december 2026 \u00b7 bron {revision(pack)} (gewijzigd)" in lines


@pytest.mark.slow
def test_no_heading_is_left_alone_at_the_foot_of_a_page(english) -> None:
    target, page_html = english
    titles = [title.casefold() for title in headings(page_html)]
    assert len(titles) > 20  # the check reads real headings
    for number, page in enumerate(pages_of(target), 1):
        lines = body_lines(page)
        for k in (1, 2, 3):  # a heading may wrap over a few lines
            tail = " ".join(lines[-k:]).casefold()
            assert not any(title.startswith(tail) for title in titles), f"page {number} ends with a heading: {tail!r}"


@pytest.mark.slow
def test_the_chain_is_legible_in_print(english) -> None:
    """The diagram is scaled to the page, never cut off, and its smallest words are printed at 7 pt
    or more: the chain gets a landscape page of its own."""
    target, page_html = english
    svg_words = set()
    for text in re.findall(r"<text[^>]*>(.*?)</text>", page_html, re.S):
        svg_words.update(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split())
    pages = pages_of(target)
    chain_pages = [n for n, page in enumerate(pages, 1) if "The chain: from goal to technology" in body_lines(page)]
    assert len(chain_pages) == 4
    for number in chain_pages:
        boxes = poppler("pdftotext", "-f", str(number), "-l", str(number), "-bbox", str(target), "-")
        heights = [
            float(y1) - float(y0)
            for _, y0, _, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', boxes
            )
            if html_lib.unescape(word) in svg_words and word not in ("", "·")
        ]
        assert len(heights) >= 6, f"page {number}: the diagram's words are not on the chain's page"
        smallest = min(heights) / BOX_PER_POINT
        assert smallest >= MIN_CHAIN_POINTS, f"page {number}: the chain's smallest type is {smallest:.1f} pt"


# --- when the PDF cannot be made ------------------------------------------------------------------
FAKE = """#!/bin/sh
case "$1" in --version) echo "Chromium 99.0.1.2"; exit 0;; esac
{body}
"""


def fake_browser(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-chromium"
    script.write_text(FAKE.format(body=body), encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_no_chromium_is_a_clear_message_and_exit_2(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    monkeypatch.delenv(pdf.ENVIRONMENT, raising=False)
    target = tmp_path / "pack.pdf"
    result = CliRunner().invoke(main, ["report", str(build_pack(tmp_path / "p", commit=False)), "-o", str(target)])
    assert result.exit_code == 2
    assert "apt-get install chromium" in result.output and "-o bestuursrapport.html" in result.output
    assert not target.exists()
    monkeypatch.setenv(pdf.ENVIRONMENT, str(tmp_path / "nothing-here"))
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    result = CliRunner().invoke(main, ["report", str(tmp_path / "p"), "-o", str(target), "--lang", "en"])
    assert result.exit_code == 2 and "IM_LINT_CHROMIUM is" in result.output and "not a program" in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script as the browser")
def test_a_browser_that_fails_leaves_the_old_pdf_whole(tmp_path, monkeypatch) -> None:
    pack = build_pack(tmp_path / "p", commit=False)
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"%PDF-1.4 the last meeting's pack")
    for body in (
        "echo 'it crashed' >&2; exit 3",
        "exit 0",
        'for a; do case "$a" in --print-to-pdf=*) echo "not a pdf" > "${a#--print-to-pdf=}";; esac; done; exit 0',
    ):
        monkeypatch.setenv(pdf.ENVIRONMENT, fake_browser(tmp_path, body))
        result = CliRunner().invoke(main, ["report", str(pack), "-o", str(target), "--lang", "en"])
        assert result.exit_code == 2, result.output
        assert "could not print the PDF" in result.output
        assert "Chromium 99: it prints no page numbers" in result.output  # too old for the footer: said
        assert target.read_bytes() == b"%PDF-1.4 the last meeting's pack"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert (
        "it crashed"
        in CliRunner()
        .invoke(
            main,
            ["report", str(pack), "-o", str(target)],
            env={pdf.ENVIRONMENT: fake_browser(tmp_path, "echo 'it crashed' >&2; exit 3")},
        )
        .output
    )


@pytest.mark.slow
def test_pdf_to_standard_output(pack) -> None:
    done = subprocess.run(
        [IM_LINT, "report", str(pack / "ipads.proposal"), "--format", "pdf", "-o", "-", "--today", TODAY],
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0 and done.stdout.startswith(b"%PDF-") and done.stderr == b""


# --- the pictures in docs/report.md ----------------------------------------------------------------
DOCS = Path(__file__).resolve().parent.parent / "docs"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is no PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_the_docs_show_each_part_in_a_small_picture() -> None:
    shown = re.findall(r"!\[[^\]]+\]\((images/report-[a-z-]+\.png)\)", (DOCS / "report.md").read_text(encoding="utf-8"))
    names = {Path(name).stem for name in shown}
    parts = {"report-overview", "report-top", "report-findings", "report-waivers", "report-chain"}
    assert parts | {"report-stakeholders", "report-footer"} <= names
    assert names == {path.stem for path in (DOCS / "images").glob("report-*.png")}  # none left over, none missing
    for name in shown:
        picture = DOCS / name
        assert picture.stat().st_size < 120_000, f"{name} is not small"
        width, height = png_size(picture)
        assert 300 < width < 900 and 20 < height < 800, (name, width, height)


@pytest.mark.slow
def test_the_screenshot_script_makes_every_picture(pack, tmp_path) -> None:
    require_command("pdftoppm", "poppler-utils")
    done = subprocess.run(
        [sys.executable, str(DOCS / "screenshots.py"), str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    made = {path.name: png_size(path) for path in tmp_path.glob("report-*.png")}
    assert set(made) == {path.name for path in (DOCS / "images").glob("report-*.png")}
    for name, (width, height) in made.items():  # (sizes vary with the fonts installed: not compared)
        assert 300 < width < 900 and 20 < height < 800, (name, width, height)


# --- a tall chain ----------------------------------------------------------------------------------
def tall_proposal(folder: Path, activities: int = 10) -> Path:
    lines = [
        'proposal TALL-1 "Many activities"',
        "kind change",
        "status draft",
        "",
        'goal G1 "A goal of the school"',
        "",
    ]
    for n in range(1, activities + 1):
        lines += [f'activity A{n} "Activity {n} of the teachers" {{', "  serves G1", "}", ""]
    for n in range(1, activities // 2 + 1):
        lines += [f'technology T{n} "Tool {n}" {{', f"  supports A{n}, A{n + activities // 2}", "}", ""]
    path = folder / "tall.proposal"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_wide_chain_prints_landscape_a_tall_one_portrait(tmp_path) -> None:
    from im_lint.report.render import chain_page

    assert chain_page('<svg viewBox="0 0 1058 244">') == "landscape"
    assert chain_page('<svg viewBox="0 0 880 108">') == "landscape"
    assert chain_page('<svg viewBox="0 0 880 824">') == "portrait"
    assert chain_page("<svg>") == "landscape"
    result = api.lint_paths([str(tall_proposal(tmp_path))], keep_proposals=True)
    assert '<div class="card chain" data-page="portrait">' in render(result, "html", lang="en")


@pytest.mark.slow
def test_a_tall_chain_gets_a_portrait_page_and_is_never_cut_off(pack, tmp_path) -> None:
    source = tall_proposal(tmp_path, activities=10)
    target = tmp_path / "tall.pdf"
    done = subprocess.run(
        [IM_LINT, "report", str(source), "-o", str(target), "--lang", "en"], capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    pages = pages_of(target)
    [number] = [n for n, page in enumerate(pages, 1) if "The chain: from goal to technology" in body_lines(page)]
    info = poppler("pdfinfo", "-f", str(number), "-l", str(number), str(target))
    width, height = (float(v) for v in re.search(r"size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert height > width, "a tall chain is printed on a portrait page"
    shown = set(body_lines(pages[number - 1]))
    assert {f"A{n}" for n in range(1, 11)} | {f"T{n}" for n in range(1, 6)} <= shown, "every box on the chain's page"


def _gone(pid: int) -> bool:
    import os
    import time

    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script as the browser")
def test_a_browser_that_hangs_is_ended_with_all_its_processes(tmp_path, monkeypatch) -> None:
    import signal

    pids = tmp_path / "pids"
    browser = fake_browser(tmp_path, f'sleep 60 & echo $! > "{pids}"; wait')
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    with pytest.raises(pdf.PdfError, match="no PDF after 1 seconds"):
        pdf.print_pdf("<p>x</p>", browser, "en")
    assert _gone(int(pids.read_text()))  # the browser's own child too
    monkeypatch.setattr(pdf, "TIMEOUT", 60)

    def interrupt(*_):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(KeyboardInterrupt):  # Ctrl-C: the browser, in a session of its own, ends too
            pdf.print_pdf("<p>x</p>", browser, "en")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert _gone(int(pids.read_text()))
