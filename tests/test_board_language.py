"""The meeting-pack header statements: agenda, proposed decision, supersedes, in both languages."""

from __future__ import annotations

from im_lint import api
from im_lint.language import parse_text


def test_agenda_proposed_decision_and_supersedes_in_dutch_and_english() -> None:
    dutch = parse_text(
        'voorstel P-2 "Laptops"\nsoort aanschaf\nagenda Oordeelsvorming\n'
        'voorgesteld-besluit "Het bestuur stemt in."\nvervangt-voorstel P-1, P-0\n'
    )
    english = parse_text('proposal P-2 "Laptops"\nkind procurement\nagenda information\nsupersedes P-1\n')
    assert dutch.diagnostics == [] and english.diagnostics == []
    assert dutch.proposal.agenda.value == "opinion" and dutch.proposal.agenda.value_spelling == "Oordeelsvorming"
    assert dutch.proposal.proposed_decision.value == "Het bestuur stemt in."
    assert [ref.id for ref in dutch.proposal.supersedes.value] == ["P-1", "P-0"]
    assert english.proposal.agenda.value == "information"


def test_an_unknown_agenda_value_is_a_located_finding_with_the_allowed_values() -> None:
    findings = api.lint_text('voorstel P-2 "Laptops"\nsoort aanschaf\nagenda besluit\n', path="a.voorstel")
    found = [f for f in findings if f.line == 3]
    assert found and found[0].column == 8, findings
    assert "besluitvorming" in found[0].message


def test_the_proposal_schema_names_the_new_statements() -> None:
    properties = api.schema("proposal")["properties"]
    assert {"agenda", "proposed_decision", "supersedes"} <= set(properties)


def test_the_report_shows_the_proposed_decision_first_and_findings_in_board_words(tmp_path) -> None:
    import re
    from pathlib import Path

    from im_lint.report import render

    example = Path(__file__).parent.parent / "examples" / "ipads.proposal"
    result = api.lint_paths([str(example)], keep_proposals=True)
    html = render(result, "html", lang="nl")
    assert html.index("The board agrees to replace the iPads") < html.index('class="card findings"')
    findings = html[html.index('class="card findings"') : html.index('class="card chain"')]
    assert "<code>" not in findings and "`" not in findings
    assert re.search(r"leraren", findings), findings[:500]


def test_a_group_inside_a_board_sentence_is_written_in_lower_case(tmp_path) -> None:
    # "wat dit voor leraren betekent", not "voor Leraren"; an abbreviation keeps its capitals.
    (tmp_path / "p.voorstel").write_text(
        'voorstel P-1 "Tablets"\nsoort aanschaf\nbesluit-door bestuur\nimpact leerlingen "Ze oefenen."\n',
        encoding="utf-8",
    )
    result = api.lint_paths([str(tmp_path)], use_cache=False)
    from im_lint.report import render

    markdown = render(result, "markdown", "nl")
    assert "wat dit voor leraren betekent" in markdown
    assert "wat dit voor ICT-beheerders betekent" in markdown
    assert "voor Leraren" not in markdown
