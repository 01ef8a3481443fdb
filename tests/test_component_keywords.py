"""`component`, `covers` and `drops`: the keywords that name a reference component and what a
replacement does with its application functions, in both languages."""

from __future__ import annotations

from im_lint import api

EN = """proposal P-1 "New student administration"
kind change
activity A1 "Register students"
existing E1 "Old LAS" {
  component "Leerlingadministratiesysteem (LAS)"
  supports A1
}
technology T1 "New LAS" {
  supports A1
  replaces E1
  component "Leerlingadministratiesysteem (LAS)"
  covers "Inschrijven", "Verzuim registreren"
  covers "Cijfers"
  drops "Rooster" "the timetable system does this"
}
"""


def test_component_covers_and_drops_fill_the_model() -> None:
    parsed = api.parse(EN)
    assert parsed.diagnostics == []
    technology = parsed.proposal.technologies[0]
    assert technology.component.value == "Leerlingadministratiesysteem (LAS)"
    assert [c.value for c in technology.covers] == [["Inschrijven", "Verzuim registreren"], ["Cijfers"]]
    assert [(d.value.function, d.value.reason) for d in technology.drops] == [
        ("Rooster", "the timetable system does this")
    ]
    assert parsed.proposal.existing[0].component.value == "Leerlingadministratiesysteem (LAS)"


def test_dutch_spellings_are_the_same_keywords() -> None:
    nl = (
        EN.replace("covers", "dekt")
        .replace("drops", "laat-vallen")
        .replace("technology", "technologie")
        .replace("existing", "bestaand")
    )
    parsed = api.parse(nl)
    assert parsed.diagnostics == []
    assert len(parsed.proposal.technologies[0].drops) == 1


def test_drops_without_a_reason_is_a_finding_not_a_silent_drop() -> None:
    text = EN.replace('drops "Rooster" "the timetable system does this"', 'drops "Rooster"')
    findings = api.lint_text(text, path="p.proposal")
    missing = [f for f in findings if f.code == "IM003" and f.line == 14]
    assert missing, [(f.code, f.line, f.message) for f in findings]


def test_component_outside_technology_is_misplaced() -> None:
    text = EN.replace('activity A1 "Register students"', 'activity A1 "Register students" {\n  component "X"\n}')
    findings = api.lint_text(text, path="p.proposal")
    assert any(f.code == "IM002" and f.line == 4 for f in findings)


def test_fmt_keeps_the_new_keywords() -> None:
    assert api.format_text(EN).count("drops") == 1
    assert 'covers "Inschrijven", "Verzuim registreren"' in api.format_text(EN)
