"""The meeting pack of a board that meets again and again: `report --since TAG` (what changed since
the last meeting's pack, shown first) and `report --log` (every proposal, by status and meeting,
with which replaces which), on a pack of six proposals in a real git repository."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, require_command

from im_lint import api, report_runs
from im_lint.cli import main
from im_lint.engine.validate import in_proposal_syntax
from im_lint.report import Since, build, render

CHROMEBOOKS = (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")
IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")
T2 = '\ntechnologie T2 "Chromebooks" {\n  gebruikers leerlingen\n}\n'  # serving no goal: IM101
PARENTS = '\nimpact ouders "Ouders krijgen een brief over de nieuwe devices." {\n  betrokken 2026-10-07\n}\n'


def _proposal(identifier: str, title: str, status: str = "ingediend", meeting: str = "2027-03-09", extra: str = ""):
    text = CHROMEBOOKS.replace(
        'voorstel PO-2027-002 "Devices voor groep 6 tot en met 8"', f'voorstel {identifier} "{title}"'
    )
    text = text.replace("status ingediend", f"status {status}").replace(
        "vergadering 2027-03-09", f"vergadering {meeting}"
    )
    return text.replace("sector po\n", f"sector po\n{extra}")


SIX = {
    "devices.voorstel": _proposal("P-2026-01", "Devices groep 6 tot en met 8"),
    "devices-bovenbouw.voorstel": _proposal("P-2026-02", "Devices bovenbouw", meeting="2027-04-13"),
    "oud/wifi.voorstel": _proposal("P-2025-03", "Wifi in het oude gebouw", status="besloten", meeting="2025-06-10"),
    "wifi.voorstel": _proposal("P-2026-07", "Wifi in alle gebouwen", extra="vervangt-voorstel P-2025-03\n"),
    "printers.voorstel": _proposal("P-2026-05", "Printers", status="ingetrokken", meeting="2026-11-10"),
    # many findings, one of them waived
    "laptops.proposal": IPADS.replace("proposal VO", "# im-lint: ignore IM201 -- asked in 2020\nproposal VO", 1),
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """Six proposals, tagged as the last meeting's pack; then two of them changed (one new
    technology, one new impact) and committed."""
    require_command("git", "git")
    repo = tmp_path / "voorstellen"
    (repo / "oud").mkdir(parents=True)
    (repo / "im-lint.toml").write_text('lang = "nl"\n', encoding="utf-8")
    for name, text in SIX.items():
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "pack of the November meeting")
    git(repo, "tag", "vergadering-2026-11")
    (repo / "devices.voorstel").write_text(SIX["devices.voorstel"] + T2, encoding="utf-8")
    (repo / "devices-bovenbouw.voorstel").write_text(SIX["devices-bovenbouw.voorstel"] + PARENTS, encoding="utf-8")
    git(repo, "commit", "-qam", "two proposals changed")
    return repo


def _report(repo: Path, out: Path, *extra: str):
    result = CliRunner().invoke(main, ["report", str(repo), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _changes(html: str) -> str:
    return html[
        html.index('<section class="card changes"') : html.index("</section>", html.index('class="card changes"'))
    ]


def test_the_changes_since_the_last_pack_come_first_and_name_exactly_the_two(pack: Path, tmp_path: Path) -> None:
    html = _report(pack, tmp_path / "pak.html", "--since", "vergadering-2026-11")
    assert html.index("Wat is er veranderd sinds vergadering-2026-11") < html.index('id="overview-title"')
    assert html.index('class="card changes"') < html.index('<section class="proposal"')
    changes = _changes(html)
    assert re.findall(r'data-proposal="([^"]+)"', changes) == ["P-2026-02", "P-2026-01"]  # the run's (file) order
    assert re.findall(r'data-state="([^"]+)"', changes) == ["changed", "changed"]
    assert "<b>Wat er anders is:</b> Nieuwe technologie T2 ‘Chromebooks’</p>" in changes
    assert "<b>Wat er anders is:</b> Impact op ouders toegevoegd</p>" in changes
    assert "4 voorstellen zijn niet veranderd." in changes
    assert "`" not in changes and "<code>" not in changes
    # each changed proposal links to its own section of the pack
    for anchor in re.findall(r'href="#(proposal-\d+)"', changes):
        assert f'<section class="proposal" id="{anchor}"' in html

    markdown = _report(pack, tmp_path / "pak.md", "--since", "vergadering-2026-11")
    assert markdown.index("## Wat is er veranderd sinds vergadering-2026-11") < markdown.index("## Overzicht")
    assert "### P-2026-01 Devices groep 6 tot en met 8: gewijzigd" in markdown


def test_the_changes_in_english(pack: Path, tmp_path: Path) -> None:
    html = _report(pack, tmp_path / "pack.html", "--since", "vergadering-2026-11", "--lang", "en")
    changes = _changes(html)
    assert "What changed since vergadering-2026-11" in changes
    assert "New technology T2 ‘Chromebooks’" in changes and "Impact on parents added" in changes
    assert "4 proposals did not change." in changes


def test_no_finding_text_in_the_pack_is_in_proposal_syntax(pack: Path) -> None:
    """Every finding the board reads: the findings, the verdicts' stoppers, the waiver registers
    and the changes (findings resolved and new, the changed elements)."""
    paths = [str(pack)]

    def lint(files, texts):
        return api.lint_paths(files, keep_proposals=True, overrides={"lang": "nl"}, texts=texts)

    result = lint(paths, None)
    before, day = report_runs.since("vergadering-2026-11", paths, api.load_config(None, near=pack), lint)
    for lang in ("nl", "en"):
        report = build(result, lang, "error", Since(before, "vergadering-2026-11", day), result)
        texts = [
            *(f.message for e in report.entries for g in e.groups for r in g.rules for f in r.findings),
            *(s.summary for e in report.entries for s in e.verdict.stoppers),
            *(w.rule for e in report.entries for w in e.waivers),
            *(t for c in report.changes.proposals for t in (*c.parts, *c.resolved, *c.added)),
        ]
        assert len(texts) > 40
        assert [t for t in texts if in_proposal_syntax(t)] == []
        assert any(c.added for c in report.changes.proposals)  # the new technology brings a finding
        assert any(e.waivers for e in report.entries)
    html = render(result, "html", "nl", since=Since(before, "vergadering-2026-11", day))
    for card in re.findall(r'<div class="card findings">(.*?)<div class="card waivers">', html, re.S):
        assert "<code>" not in card and "`" not in card


def test_decided_withdrawn_new_and_removed_since_a_revision(pack: Path, tmp_path: Path) -> None:
    git(pack, "tag", "vergadering-2026-12")
    wifi = pack / "wifi.voorstel"
    wifi.write_text(wifi.read_text(encoding="utf-8").replace("status ingediend", "status besloten"), encoding="utf-8")
    bovenbouw = pack / "devices-bovenbouw.voorstel"
    bovenbouw.write_text(bovenbouw.read_text(encoding="utf-8").replace("status ingediend", "status ingetrokken"))
    (pack / "laptops.proposal").unlink()
    (pack / "tablets.voorstel").write_text(_proposal("P-2027-01", "Tablets kleuters"), encoding="utf-8")
    html = _report(pack, tmp_path / "pak.html", "--since", "vergadering-2026-12")  # uncommitted: the work tree
    changes = _changes(html)
    states = dict(re.findall(r'data-proposal="([^"]+)" data-state="([^"]+)"', changes))
    assert states == {
        "P-2026-02": "withdrawn",
        "P-2027-01": "new",
        "P-2026-07": "decided",
        "VO-2020-011": "removed",
        "P-2026-01": "findings",  # unchanged, but the portfolio around it changed
    }
    assert "Status: ingediend → besloten" in changes and "niet meer in de map" in changes
    unchanged_text = changes[changes.index('data-proposal="P-2026-01"') :].split("</div>", 1)[0]
    assert "alleen de bevindingen veranderden" in unchanged_text and "Opgeloste bevindingen" in unchanged_text


def test_the_decision_log_shows_every_proposal_and_supersedes_both_ways(pack: Path, tmp_path: Path) -> None:
    html = _report(pack / "devices.voorstel", tmp_path / "pak.html", "--log")  # one proposal, the log of all
    log = html[html.index('<section class="card decision-log"') :]
    assert html.index('<section class="proposal"') < html.index('class="card decision-log"')
    rows = dict(re.findall(r'<tr data-proposal="([^"]+)" data-status="([^"]+)">', log))
    assert rows == {
        "P-2026-01": "submitted",
        "P-2026-02": "submitted",
        "P-2026-07": "submitted",
        "VO-2020-011": "submitted",
        "P-2025-03": "decided",
        "P-2026-05": "withdrawn",
    }
    wifi_new = log[log.index('data-proposal="P-2026-07"') :].split("</tr>", 1)[0]
    wifi_old = log[log.index('data-proposal="P-2025-03"') :].split("</tr>", 1)[0]
    assert "vervangt P-2025-03" in wifi_new and "vervangen door P-2026-07" in wifi_old
    timeline = log[log.index('<ol class="timeline">') : log.index("</ol>")]
    meetings = re.findall(r"<li><b>([^<]+)</b>", timeline)
    assert meetings == ["10 juni 2025", "10 november 2026", "9 maart 2027", "13 april 2027", "Nog geen vergadering"]
    assert '<a href="#proposal-1" class="code">P-2026-01</a>' in log  # the one in this pack links to its section
    markdown = _report(pack, tmp_path / "log.md", "--log", "--lang", "en")
    assert "## Decision log" in markdown and "replaced by P-2026-07" in markdown and "replaces P-2025-03" in markdown


def test_a_revision_that_is_not_there_is_a_clear_message(pack: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["report", str(pack), "-o", str(tmp_path / "x.html"), "--since", "vergadering-1999"]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--since vergadering-1999: no such revision" in result.output and "git tag" in result.output
    assert not (tmp_path / "x.html").exists()


def test_a_shallow_clone_says_how_to_fetch_the_tag(pack: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", pack.as_uri(), str(clone))
    if "vergadering-2026-11" in git(clone, "tag"):
        git(clone, "tag", "-d", "vergadering-2026-11")
    result = CliRunner().invoke(
        main, ["report", str(clone), "-o", str(tmp_path / "x.md"), "--since", "vergadering-2026-11"]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "shallow clone" in result.output
    assert "git fetch --tags --unshallow" in result.output and "fetch-depth: 0" in result.output


def test_outside_a_git_work_tree_since_is_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "los"
    folder.mkdir()
    (folder / "p.voorstel").write_text(CHROMEBOOKS, encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(folder), "-o", str(tmp_path / "x.md"), "--since", "v1"])
    assert result.exit_code == 2 and "not in a git work tree" in result.output and "Traceback" not in result.output


def test_the_portfolio_at_the_revision_is_the_repository_as_it_was(tmp_path: Path) -> None:
    """A proposal added since the tag with the same ID as an old one: IM701 is new for the old one
    too (the old run must not see today's file)."""
    require_command("git", "git")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.voorstel").write_text(_proposal("P-1", "Een"), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    git(repo, "tag", "m1")
    (repo / "b.voorstel").write_text(_proposal("P-1", "Twee"), encoding="utf-8")
    html = _report(repo / "a.voorstel", tmp_path / "x.html", "--since", "m1")
    changes = _changes(html)
    assert re.findall(r'data-proposal="([^"]+)" data-state="([^"]+)"', changes) == [("P-1", "findings")]
    assert "Twee voorstellen hebben hetzelfde nummer (P-1)" in changes.split("Nieuwe bevindingen", 1)[1]


def test_the_printed_pack_opens_with_the_changes_on_its_first_page(pack: Path, tmp_path: Path) -> None:
    """As a board member gets it: the PDF's first page, as text (Chromium prints, poppler reads)."""
    from conftest import require

    from im_lint.report import pdf

    require(pdf.find_chromium() is not None, "chromium is not installed (apt-get install chromium)")
    require_command("pdftotext", "poppler-utils")
    target = tmp_path / "pak.pdf"
    result = CliRunner().invoke(main, ["report", str(pack), "-o", str(target), "--since", "vergadering-2026-11"])
    assert result.exit_code == 0, result.output
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(first.split())
    assert "Wat is er veranderd sinds vergadering-2026-11" in flat
    assert "Nieuwe technologie T2 ‘Chromebooks’" in flat and "Impact op ouders toegevoegd" in flat
    assert flat.index("Wat is er veranderd") < flat.find("Overzicht") or "Overzicht" not in flat
    changed = flat.split("Wat is er veranderd", 1)[1].split("voorstellen zijn niet veranderd", 1)[0]
    assert set(re.findall(r"\b(?:P-\d{4}-\d{2}|VO-\d{4}-\d{3})\b", changed)) == {"P-2026-01", "P-2026-02"}


@pytest.mark.slow
def test_the_changes_and_the_log_meet_wcag_2_1_aa(pack: Path, tmp_path: Path) -> None:
    """axe-core (tests/a11y/, on Debian's chromium) on a pack with the changes and the decision log,
    on screen and as printed."""
    import json

    from conftest import ROOT, npm_tools

    chromium = require_command("chromium", "chromium")
    require_command("node", "nodejs")
    folder = ROOT / "tests" / "a11y"
    npm_tools(folder)
    pages = []
    for lang in ("nl", "en"):
        page = tmp_path / f"pak-{lang}.html"
        _report(pack, page, "--since", "vergadering-2026-11", "--log", "--lang", lang)
        pages.append(page)
    done = subprocess.run(
        ["node", "axe.js", chromium, *map(str, pages)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "HOME": str(tmp_path / "home")},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)["pages"]
    for page in pages:
        for media in ("screen", "print"):
            violations = found[f"{page} {media}"]["violations"]
            assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_a_moved_file_or_a_new_layout_is_no_change(pack: Path, tmp_path: Path) -> None:
    git(pack, "tag", "nu")
    (pack / "archief").mkdir()
    git(pack, "mv", "printers.voorstel", "archief/printers.voorstel")
    wifi = pack / "wifi.voorstel"  # the same proposal, other layout and a comment
    wifi.write_text(
        "# opnieuw ingedeeld\n" + wifi.read_text(encoding="utf-8").replace("\n\n", "\n\n\n"), encoding="utf-8"
    )
    changes = _changes(_report(pack, tmp_path / "pak.html", "--since", "nu"))
    assert "data-proposal" not in changes, changes
    assert "6 voorstellen zijn niet veranderd." in changes


@pytest.mark.slow
def test_the_meeting_pictures_of_the_docs_are_made_by_their_script(tmp_path: Path) -> None:
    """docs/screenshots_meetings.py makes the two pictures docs/report.md shows, from a real PDF."""
    from conftest import ROOT, require

    from im_lint.report import pdf

    require(pdf.find_chromium() is not None, "chromium is not installed (apt-get install chromium)")
    require_command("pdftoppm", "poppler-utils")
    script = ROOT / "docs" / "screenshots_meetings.py"
    done = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    shown = set(re.findall(r"\(images/(meeting-[a-z]+\.png)\)", (ROOT / "docs" / "report.md").read_text("utf-8")))
    assert shown == {"meeting-changes.png", "meeting-log.png"}
    for name in shown:
        assert (tmp_path / name).stat().st_size > 5_000 and (ROOT / "docs" / "images" / name).stat().st_size < 120_000


def test_outside_a_repository_the_log_has_the_named_proposals(tmp_path: Path) -> None:
    folder = tmp_path / "los"
    folder.mkdir()
    (folder / "a.voorstel").write_text(_proposal("P-1", "Een", status="besloten"), encoding="utf-8")
    (folder / "b.voorstel").write_text(_proposal("P-2", "Twee", extra="vervangt-voorstel P-1\n"), encoding="utf-8")
    markdown = _report(folder, tmp_path / "log.md", "--log")
    log = markdown.split("## Besluitenlijst", 1)[1]
    assert "| Ingediend | P-2 | Twee | 9 maart 2027 | vervangt P-1 |" in log
    assert "| Besloten | P-1 | Een | 9 maart 2027 | vervangen door P-2 |" in log
    assert "2 voorstellen: 1 ingediend, 1 besloten." in log
