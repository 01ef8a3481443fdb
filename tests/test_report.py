"""The board report: what each proposal shows, in HTML and in Markdown, and the chain's diagram."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from conftest import EXAMPLES, ROOT
from markdown_it import MarkdownIt

from im_lint import api
from im_lint.report import CSP, build, diagram, diagram_text, readings, render
from im_lint.report.build import short_why
from im_lint.report.render import md, md_code

DATA = ROOT / "tests" / "data" / "report"
CHROMEBOOKS = str(EXAMPLES / "chromebooks.voorstel")
IPADS = str(EXAMPLES / "ipads.proposal")
PRIVACY = str(DATA / "leerlingvolgsysteem.voorstel")
HOSTILE = str(DATA / "hostile.proposal")
SVG = "{http://www.w3.org/2000/svg}"


def lint(*paths: str, lang: str = "nl"):
    return api.lint_paths(list(paths), keep_proposals=True, overrides={"lang": lang})


@pytest.fixture(scope="module")
def engine():
    return api.engine()


@pytest.fixture(scope="module")
def three():
    return lint(CHROMEBOOKS, IPADS, PRIVACY)


def gfm(text: str) -> str:
    """GitHub-flavoured Markdown -> HTML. Raw HTML is let through, as a permissive renderer would:
    then nothing from a proposal may come out as a tag."""
    return MarkdownIt("gfm-like", {"html": True, "linkify": False}).render(text)


class Rows(HTMLParser):
    """The stakeholder rows of each proposal section: anchor -> {subject: state}."""

    def __init__(self) -> None:
        super().__init__()
        self.section: str | None = None
        self.rows: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "section" and "proposal" in (found.get("class") or "").split():
            self.section = found["id"]
            self.rows[self.section] = {}
        if tag == "tr" and "data-state" in found:
            self.rows[self.section][found["data-subject"]] = found["data-state"]


def stakeholder_states(html: str) -> list[dict[str, str]]:
    parser = Rows()
    parser.feed(html)
    return list(parser.rows.values())


def md_states(markdown: str, section_id: str) -> dict[str, str]:
    """`| Leerlingen | 🟢 genoemd | ...` rows of one proposal's section, by label -> state word."""
    section = markdown.split(f"## {section_id}", 1)[1].split("\n## ", 1)[0]
    table = section.split("| Groep |", 1)[1]
    states = {}
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        states[cells[0]] = cells[1].split(" ", 1)[1]
    return states


# --- HTML -----------------------------------------------------------------------------------------
def test_html_is_one_self_contained_page_without_script(three, engine) -> None:
    html = render(three, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html.replace("&#39;", "'")
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    lowered = html.lower()
    assert "<script" not in lowered and "javascript:" not in lowered
    assert "<link" not in lowered and "@import" not in lowered
    assert not re.search(r"\b(src|href)=\"(?!#)", html), "only in-page links"
    assert not re.search(r"url\((?!#)", html), "no external resource from CSS or SVG"
    assert "@media print" in html and "page-break-inside: avoid" in html and "size: A4" in html


def test_html_has_every_proposal_with_facts_and_verdict(three, engine) -> None:
    html = render(three, "html")
    for pid, title in [
        ("PO-2027-002", "Devices voor groep 6 tot en met 8"),
        ("VO-2020-011", "Laptops for every student"),
        ("VO-2027-031", "Nieuw leerlingvolgsysteem voor de onderbouw"),
    ]:
        assert pid in html and title in html
    assert "Overzicht" in html  # several files: the overview comes first
    assert html.index("Overzicht") < html.index('class="proposal"')
    sections = html.split('<section class="proposal"')[1:]
    chromebooks, ipads, privacy = sections
    assert "Klaar voor de vergadering" in chromebooks and "9 maart 2027" in chromebooks and "€ 31.500" in chromebooks
    assert "Informatiemanagement" in chromebooks and "Bestuur" in chromebooks
    stopping = sum(f.severity == "error" for f in three.findings if f.path == IPADS)
    assert "Nog niet klaar voor de vergadering" in ipads and f"{stopping} bevindingen houden het tegen" in ipads
    for code in ("IM101", "IM201", "IM203", "IM204", "IM303", "IM601"):
        assert code in ipads.split('class="card findings"')[0], f"{code} stops the iPads proposal"
    assert "IM603" not in ipads.split('class="card findings"')[0], "a suggestion does not stop it"
    assert "Suggesties" in ipads and "geen gebrek" in ipads
    assert "Nog niet klaar" in privacy and "IM501" in privacy and "IM503" in privacy


def test_each_finding_carries_its_rules_why(three, engine) -> None:
    html = render(three, "html")
    why = short_why(engine.catalogue.rules["IM601"].docs.nl.why)
    assert why and str(why.split('"')[0]).strip() in html
    assert html.count("Waarom:") >= 10


def test_html_stakeholder_matrix(three, engine) -> None:
    chromebooks, ipads, privacy = stakeholder_states(render(three, "html"))
    assert chromebooks == {
        "students": "stated",
        "teachers": "stated",
        "team-leads": "none",
        "school-leaders": "stated",
        "board": "stated",
        "ict-staff": "stated",
        "processes": "stated",
        "information": "stated",
    }
    assert ipads == {
        "students": "stated",
        "teachers": "missing",
        "team-leads": "missing",
        "school-leaders": "missing",
        "board": "missing",
        "ict-staff": "missing",
        "processes": "missing",
        "information": "missing",
    }
    assert privacy["mr"] == "missing" and privacy["parents"] == "stated" and privacy["board"] == "none"


def test_html_stakeholder_details(three, engine) -> None:
    html = render(three, "html")
    chromebooks = html.split('<section class="proposal"')[1]
    assert "5 oktober 2026" in chromebooks  # consulted
    assert "Een teamvergadering over beheer en inloggen" in chromebooks  # training
    assert "De school heeft geen teamleiders" in chromebooks  # the reason of `none`
    ipads = html.split('<section class="proposal"')[2]
    assert "zegt niets" in ipads and "niet geraadpleegd" in ipads  # TODO, and no involved date
    privacy = html.split('<section class="proposal"')[3]
    assert "Medezeggenschapsraad (mr)" in privacy


def test_english_report(engine) -> None:
    html = render(lint(CHROMEBOOKS, IPADS, lang="en"), "html", lang="en")
    assert '<html lang="en">' in html
    assert "Ready for the meeting" in html and "Not ready for the meeting yet" in html and "Stakeholders" in html
    assert "9 March 2027" in html and "€31,500" in html and "Information management" in html
    assert "Suggestions" in html and "Why:" in html


def test_what_stops_a_proposal_is_said_without_proposal_syntax(engine) -> None:
    """IM303's summary quotes `besluit-door`; the board reads its board summary instead."""
    markdown = render(lint(IPADS), "markdown")
    stoppers = markdown.split("houden het tegen:")[1].split("###")[0]
    assert "IM303: Het besluit ligt bij een ict-rol in plaats van bij de schoolleiding of het bestuur." in stoppers
    assert "besluit-door" not in markdown


def test_fail_on_decides_what_stops_a_proposal(engine) -> None:
    result = lint(PRIVACY)
    at_error = render(result, "markdown", fail_on="error")
    at_warning = render(result, "markdown", fail_on="warning")
    # The counts come from the run, not from a number copied here: a new rule may add findings.
    errors = sum(f.severity == "error" for f in result.findings)
    warnings = sum(f.severity == "warning" for f in result.findings)
    assert errors and warnings
    assert (
        f"{errors} bevindingen houden het tegen" in at_error and "- IM502" not in at_error.split("### Bevindingen")[0]
    )
    assert f"{errors + warnings} bevindingen houden het tegen" in at_warning
    assert "- IM502" in at_warning.split("### Bevindingen")[0]
    # the consent nobody asked for is a reason the proposal is not ready (IM901, twice: both sections)
    assert "- IM901" in at_error.split("### Bevindingen")[0]


def test_decided_proposal_is_shown_but_not_counted(tmp_path, engine) -> None:
    decided = tmp_path / "decided.proposal"
    decided.write_text(
        (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8").replace("status submitted", "status decided"),
        encoding="utf-8",
    )
    html = render(lint(str(decided)), "html")
    assert "Klaar voor de vergadering" in html and "besloten" in html and "tellen niet mee" in html
    assert "IM601" in html


def test_file_that_is_no_proposal_is_in_the_overview(tmp_path, engine) -> None:
    (tmp_path / "a.proposal").write_text(
        (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "empty.voorstel").write_text("", encoding="utf-8")
    result = lint(str(tmp_path))
    html = render(result, "html")
    overview = html.split('class="card overview"')[1].split("</section>")[0]
    assert "empty.voorstel" in overview and "IM006" in overview and "Geen voorstel" in overview
    markdown = render(result, "markdown")
    row = next(line for line in markdown.splitlines() if "empty.voorstel" in line and line.startswith("|"))
    assert "IM006" in row and "Geen voorstel" in row


def test_one_proposal_has_no_overview(engine) -> None:
    html = render(lint(CHROMEBOOKS), "html")
    assert 'class="card overview"' not in html and "Bestuursrapportage: PO-2027-002" in html


def test_render_refuses_unknown_format(engine) -> None:
    with pytest.raises(ValueError):
        render(lint(CHROMEBOOKS), "pdf")


# --- Markdown -------------------------------------------------------------------------------------
def test_markdown_renders_as_gfm_with_tables_and_mermaid(three, engine) -> None:
    markdown = render(three, "markdown")
    assert markdown.count("```mermaid\nflowchart LR\n") == 3
    html = gfm(markdown)
    # overview; per proposal: facts and stakeholders; the participation table of the two that have one
    assert html.count("<table>") == 1 + 3 * 2 + 2
    assert html.count('<code class="language-mermaid">') == 3
    for pid in ("PO-2027-002", "VO-2020-011", "VO-2027-031"):
        assert re.search(rf"<h2>{pid} — ", html)
    assert "<h3>Belanghebbenden</h3>" in html and "<h3>Bevindingen</h3>" in html
    assert "✅ Klaar voor de vergadering" in html and "⛔ Nog niet klaar voor de vergadering" in html
    overview = html.split("</table>")[0]
    assert overview.count("<tr>") == 4  # header and three proposals
    assert "<td>VO-2020-011</td>" in overview and "<td>⛔ Niet klaar</td>" in overview


def test_markdown_stakeholder_matrix(three, engine) -> None:
    markdown = render(three, "markdown")
    assert md_states(markdown, "PO-2027-002") == {
        "Leerlingen": "genoemd",
        "Leraren": "genoemd",
        "Team- en vakgroepleiders": "geen impact",
        "Schoolleiders": "genoemd",
        "Bestuur": "genoemd",
        "ICT-beheerders": "genoemd",
        "Bestaande activiteiten en processen": "genoemd",
        "Informatiebehoefte en -voorziening": "genoemd",
    }
    ipads = md_states(markdown, "VO-2020-011")
    assert ipads["Leerlingen"] == "genoemd (zegt niets)"
    assert [
        ipads[k] for k in ("Leraren", "Team- en vakgroepleiders", "Schoolleiders", "Bestuur", "ICT-beheerders")
    ] == ["ontbreekt"] * 5
    privacy = md_states(markdown, "VO-2027-031")
    assert privacy["Medezeggenschapsraad (mr)"] == "ontbreekt" and privacy["Ouders"] == "genoemd"


def test_markdown_escapes_user_text(engine) -> None:
    markdown = render(lint(HOSTILE), "markdown")
    assert "<script" not in markdown.lower() and "<img" not in markdown.lower() and "<svg" not in markdown.lower()
    html = gfm(markdown)
    assert not re.search(r"<(script|img|svg|iframe|object|style|base|meta|a)\b", html)
    assert "{{7*7}}" in html and ">49<" not in html
    assert "| a | b |" not in html.split("<table>")[0]  # the summary's pipes made no table
    assert html.count("<table>") == 3  # facts, stakeholders, participation
    states = md_states(markdown, "EVIL-1")
    assert len(states) == 9  # six groups, the declared one, processes, information: no row broke


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a | b", "a \\| b"),
        ("line\nbreak", "line break"),
        ("<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y"),
        ("# heading", "\\# heading"),
        ("1. item", "1\\. item"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"),
    ],
)
def test_md_escape(text, expected) -> None:
    assert md(text) == expected


def test_md_code_keeps_plain_code_spans_only() -> None:
    assert md_code('Add `impact teachers "..."` now') == 'Add `impact teachers "..."` now'
    assert md_code("title `<script>` x") == "title &lt;script&gt; x"
    assert md_code("odd ` tick | pipe") == "odd \\` tick \\| pipe"


# --- the diagram ----------------------------------------------------------------------------------
def chain_elements(proposal) -> int:
    return sum(
        len(x)
        for x in (
            proposal.goals,
            proposal.activities,
            proposal.needs,
            proposal.provisions,
            proposal.technologies,
            proposal.existing,
        )
    )


@pytest.mark.parametrize("path", [CHROMEBOOKS, IPADS, PRIVACY, HOSTILE])
def test_svg_is_well_formed_with_one_node_per_element(path) -> None:
    proposal = lint(path).proposals[path]
    plan = diagram.layout(proposal)
    root = ET.fromstring(diagram.to_svg(plan))
    assert root.tag == f"{SVG}svg"
    nodes = [g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()]
    assert len(nodes) == chain_elements(proposal) == len(plan.nodes)
    ids = [g.get("data-id") for g in nodes]
    assert sorted(ids) == sorted(
        e.id
        for e in [
            *proposal.goals,
            *proposal.activities,
            *proposal.needs,
            *proposal.provisions,
            *proposal.technologies,
            *proposal.existing,
        ]
    )


def test_svg_inline_in_html_is_well_formed(three, engine) -> None:
    html = render(three, "html")
    svgs = re.findall(r"<svg .*?</svg>", html, re.DOTALL)
    assert len(svgs) == 3
    for svg in svgs:
        ET.fromstring(svg)
    assert len(set(re.findall(r'<marker id="([^"]+)"', html))) == 9, "marker ids are unique in the page"


def test_diagram_columns_and_edges_follow_the_references() -> None:
    proposal = lint(CHROMEBOOKS).proposals[CHROMEBOOKS]
    plan = diagram.layout(proposal)
    assert [c.kind for c in plan.columns] == ["goal", "activity", "need", "provision", "technology", "existing"]
    column_of = {n.ident: plan.columns[n.column].kind for n in plan.nodes}
    assert column_of == {
        "D1": "goal",
        "A1": "activity",
        "A2": "activity",
        "B1": "need",
        "V1": "provision",
        "T1": "technology",
        "E1": "existing",
    }
    edges = {(plan.node(e.source).ident, plan.node(e.target).ident, e.relation) for e in plan.edges}
    assert edges == {
        ("A1", "D1", "serves"),
        ("A2", "D1", "serves"),
        ("B1", "A1", "for"),
        ("B1", "A2", "for"),
        ("V1", "B1", "meets"),
        ("T1", "V1", "realizes"),
        ("T1", "E1", "replaces"),
        ("T1", "A1", "supports"),
        ("E1", "A1", "supports"),
    }
    assert plan.dropped_activities == []
    for node in plan.nodes:  # nothing overlaps within a column
        for other in plan.nodes:
            if node is not other and node.column == other.column:
                assert node.bottom <= other.y or other.bottom <= node.y


def test_replacement_that_drops_an_activity_is_red_and_dashed() -> None:
    result = lint(IPADS)
    proposal = result.proposals[IPADS]
    # What is drawn dropped is what IM601 found, from its findings' args; the diagram decides nothing.
    assert diagram.layout(proposal).dropped_activities == []
    dropped = readings.dropped_activities(result.findings)
    assert dropped == {"A2"}
    plan = diagram.layout(proposal, dropped=dropped)
    assert [n.ident for n in plan.dropped_activities] == ["A2"]
    edges = [e for e in plan.edges if e.dropped]
    assert [(plan.node(e.source).ident, plan.node(e.target).ident) for e in edges] == [("E1", "A2")]
    svg = diagram.to_svg(plan)
    root = ET.fromstring(svg)
    node = next(g for g in root.iter(f"{SVG}g") if g.get("data-id") == "A2")
    assert "dropped" in node.get("class")
    rect = node.find(f"{SVG}rect")
    assert rect.get("stroke") == diagram.DROPPED and rect.get("stroke-dasharray")
    path = next(p for p in root.iter(f"{SVG}path") if "dropped" in (p.get("class") or ""))
    assert path.get("stroke") == diagram.DROPPED and path.get("stroke-dasharray")
    # empty columns show that the chain has no need and no provision
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "placeholder"]) == 2
    mermaid = diagram_text.to_mermaid(proposal, dropped=dropped)
    assert "class n2 dropped" in mermaid and "stroke-dasharray" in mermaid
    dot = diagram_text.to_dot(proposal, dropped=dropped)
    assert 'style=dashed, color="#b42318"' in dot


def test_mermaid_and_dot_share_the_layouts_nodes() -> None:
    proposal = lint(PRIVACY).proposals[PRIVACY]
    plan = diagram.layout(proposal)
    mermaid = diagram_text.to_mermaid(proposal)
    dot = diagram_text.to_dot(proposal)
    for node in plan.nodes:
        assert f'{node.key}["{diagram_text.mermaid_label(node.label)}"]' in mermaid
        assert re.search(rf'\b{node.key} \[label=".*?pos="{node.cx:.0f},{plan.height - node.cy:.0f}!"', dot)
    links = [line for line in mermaid.splitlines() if re.match(r"\s+n\d+ (---|-\.|<-\.-)", line)]
    assert len(links) == len(plan.edges)


def test_mermaid_labels_cannot_break_out() -> None:
    label = diagram_text.mermaid_label('"] --> X["click A1 call alert(1)"] %% <b>&</b>\nnext')
    assert not set(label) & set('"[]()<>{}|`\n')
    assert label.startswith("#quot;#93; --#gt; X#91;#quot;click")
    proposal = lint(HOSTILE).proposals[HOSTILE]
    mermaid = diagram_text.to_mermaid(proposal)
    for line in mermaid.splitlines():
        if '["' in line:  # every label is one quoted string, closed at the end of its line
            assert line.count('"') == 2 and line.endswith('"]')
    assert "<" not in mermaid.replace(" <-.- ", " ") and "click" not in mermaid.replace("#quot;click", "")


def test_dot_strings_cannot_break_out() -> None:
    assert diagram_text.dot_string('a "b" \\N c\nd') == '"a \\"b\\" \\\\N c d"'
    dot = diagram_text.to_dot(lint(HOSTILE).proposals[HOSTILE])
    for line in dot.splitlines():  # quotes balance on every line once escapes are taken out
        assert line.replace("\\\\", "").replace('\\"', "").count('"') % 2 == 0


def test_build_gives_plain_data(three, engine) -> None:
    report = build(three, "en")
    assert [entry.id for entry in report.entries] == ["PO-2027-002", "VO-2020-011", "VO-2027-031"]
    ipads = report.entries[1]
    assert not ipads.verdict.ready and {s.code for s in ipads.verdict.stoppers} >= {"IM101", "IM601"}
    assert [g.severity for g in ipads.groups] == ["error", "warning", "info"]
    found = [f for f in three.findings if f.path == IPADS]
    assert ipads.counts == {s: sum(f.severity == s for f in found) for s in ("error", "warning", "info")}
    assert ipads.counts["error"] >= 7 and ipads.counts["warning"] and ipads.counts["info"]
    assert ipads.dropped == ["A2: Control the digital whiteboard and the lights"]


def test_short_why_is_one_or_two_sentences(engine) -> None:
    for rule in engine.catalogue.rules.values():
        for lang in ("nl", "en"):
            full = " ".join(rule.docs.get(lang).why.split())
            short = short_why(rule.docs.get(lang).why)
            assert short and full.startswith(short[:40]) and len(short) <= len(full)
            assert short.count('"') % 2 == 0, f"{rule.code} {lang}: a quotation cut in half"


def test_policy_proposals_mark_unstated_groups_as_not_required(tmp_path) -> None:
    """IM201 asks every group only of a change or procurement; a policy's table says so."""
    from click.testing import CliRunner

    from im_lint.cli import main

    path = tmp_path / "beleid.proposal"
    path.write_text(
        'proposal P-1 "Policy"\nkind policy\nimpact teachers "Teachers plan lessons weekly now."\n', encoding="utf-8"
    )
    out = tmp_path / "r.md"
    assert CliRunner().invoke(main, ["report", str(path), "-o", str(out), "--lang", "en"]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "| Students | ⚪ not required |" in text and "missing" not in text.split("Students", 1)[1].split("\n")[0]
    path.write_text(path.read_text(encoding="utf-8").replace("kind policy", "kind change"), encoding="utf-8")
    CliRunner().invoke(main, ["report", str(path), "-o", str(out), "--lang", "en"])
    assert "| Students | 🔴 missing |" in out.read_text(encoding="utf-8")
