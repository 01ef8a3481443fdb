"""The "Done when" of issues 11 and 12, as an information manager would write the proposals."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from im_lint import api
from im_lint.config import Config, ConfigError
from im_lint.engine.run import Engine

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "rules" / "builtin" / "facts"

LAPTOPS = """\
voorstel VO-2026-090 "Laptops voor de leerlingen van klas 1 en 2"
soort aanschaf
status ingediend
sector vo
vergadering 2026-03-10
budget 260000 EUR
behoefte B1 "Docenten zien het werk van leerlingen" {
  gegevens "ingeleverd werk", "cijfers"
  gegevens-van leerlingen
}
technologie T1 "Laptops voor leerlingen" {
  gebruikers leerlingen
  leverancier "Een leverancier"
}
aanbesteding {
  waarde 260000 EUR
}
"""

MENDED = LAPTOPS.replace(
    "aanbesteding {\n  waarde 260000 EUR\n}\n",
    """aanbesteding {
  waarde 260000 EUR
  procedure inkoopcentrale
  via "SIVON"
}
medezeggenschap mr instemming {
  geleding ouders
  gevraagd 2026-01-12
  uitkomst akkoord 2026-02-09
}
medezeggenschap mr instemming {
  geleding leerlingen
  gevraagd 2026-01-12
  uitkomst akkoord 2026-02-16
}
""",
)


def law(findings, prefixes=("IM8", "IM9")):
    return [f for f in findings if f.code.startswith(prefixes)]


def test_a_vo_purchase_of_260000_eur_gets_im801_and_two_im901() -> None:
    found = law(api.lint_text(LAPTOPS, today=date(2026, 6, 1)))
    assert sorted(f.code for f in found) == ["IM801", "IM901", "IM901"]  # no IM802: IM801 says it
    im801 = next(f for f in found if f.code == "IM801")
    assert "260.000 EUR" in im801.message and "216.000 EUR" in im801.message and "2026-03-10" in im801.message
    students, parents = sorted((f for f in found if f.code == "IM901"), key=lambda f: "ouder" in f.message)
    assert "leerlingengeleding" in students.message
    assert "WMS 14(3)(c), WMS 14(3)(d)" in students.message and "B1, T1" in students.message
    assert "oudergeleding" in parents.message and "WMS 14(2)(f)" in parents.message
    assert all(f.severity == "error" for f in found)


def test_im901_names_the_section_by_its_value_and_the_dutch_law_panel_words_it() -> None:
    """The args are the same in both languages (`parents`, never the English phrase), so the board
    report's panel, which words them itself, writes Dutch in a Dutch report."""
    from im_lint.report.law import law_panel

    found = [f for f in api.lint_text(LAPTOPS, today=date(2026, 6, 1)) if f.code == "IM901"]
    assert sorted(f.args["section"] for f in found) == ["parents", "students"]
    assert {f.args["right"] for f in found} == {"consent"} and {f.args["body"] for f in found} == {"mr"}
    panel = law_panel(api.parse(LAPTOPS).proposal, found, "nl")
    rows = sorted((row.body, row.right, row.section) for row in panel.participation)
    assert rows == [("MR", "instemming", "leerlingen"), ("MR", "instemming", "ouders")]


def test_the_same_purchase_through_sivon_with_both_consents_is_clean_of_im8_and_im9() -> None:
    assert law(api.lint_text(MENDED, today=date(2026, 6, 1))) == []


@pytest.mark.parametrize(
    ("meeting", "threshold", "fires"), [("2025-12-31", "221,000", False), ("2026-01-01", "216,000", True)]
)
def test_the_threshold_switches_on_new_year(meeting: str, threshold: str, fires: bool) -> None:
    text = f"""proposal VO-2026-091 "Laptops"
kind procurement
meeting {meeting}
procurement {{
  value 218000 EUR
}}
"""
    found = law(api.lint_text(text))
    assert [f.code for f in found] == (["IM801"] if fires else ["IM802"])
    assert threshold + " EUR" in found[0].message


def test_a_new_period_in_a_copy_of_the_facts_changes_the_verdict_without_code(tmp_path: Path) -> None:
    """An organisation pack by path with a copy of the threshold facts and one period more."""
    text = """proposal VO-2028-001 "Laptops"
kind procurement
meeting 2028-03-01
procurement {
  value 230000 EUR
}
"""
    before = law(api.lint_text(text))
    assert [f.code for f in before] == ["IM801"] and "nearest" in before[0].message
    pack = tmp_path / "pack"
    shutil.copytree(FACTS, pack / "facts")
    with (pack / "facts" / "eu-thresholds.yaml").open("a", encoding="utf-8") as data:
        data.write(
            "  - from: 2028-01-01\n    to: 2029-12-31\n    supplies: 240000\n    services: 240000\n"
            '    works: 6000000\n    social-services: 750000\n    source: "A future Delegated Regulation"\n'
        )
    after = law(api.lint_text(text, config=Config(packs=[str(pack)])))
    assert [f.code for f in after] == ["IM802"] and "240,000 EUR" in after[0].message


def test_an_organisation_adds_a_participation_trigger_and_its_own_threshold_without_python(tmp_path: Path) -> None:
    pack = tmp_path / "org"
    (pack / "facts").mkdir(parents=True)
    (pack / "facts" / "wms.yaml").write_text(
        """source: "Medezeggenschapsreglement Stichting Voorbeeld"
triggers:
  - id: cameras
    when: {observes: [students]}
    right: consent
    what: {en: "cameras that observe students", nl: "camera's die leerlingen observeren"}
    sections: {po: {parents: "MR-reglement art. 7"}, so: {parents: "MR-reglement art. 7"},
               vo: {parents: "MR-reglement art. 7"}, vso: {parents: "MR-reglement art. 7"}}
    source: "MR-reglement art. 7"
""",
        encoding="utf-8",
    )
    text = """proposal VO-2026-140 "Cameras in the corridors"
kind procurement
sector vo
technology T1 "Cameras" {
  observes students
}
procurement {
  value 30000 EUR
}
"""
    assert law(api.lint_text(text)) == []
    config = Config(packs=[str(pack)], rules={"IM802": {"min-value": 25000}})
    found = law(api.lint_text(text, config=config))
    assert sorted(f.code for f in found) == ["IM802", "IM901"]
    assert "MR-reglement art. 7" in next(f.message for f in found if f.code == "IM901")


def test_a_broken_facts_file_in_an_organisation_pack_is_a_clear_error(tmp_path: Path) -> None:
    pack = tmp_path / "org"
    (pack / "facts").mkdir(parents=True)
    (pack / "facts" / "eu-thresholds.yaml").write_text("periods:\n  - from: 2028-01-01\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="eu-thresholds.yaml"):
        Engine.create(Config(packs=[str(pack)]))


def test_two_purchases_of_120000_eur_four_months_apart_get_im803_on_both(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for name, meeting in (("a.proposal", "2026-03-10"), ("b.proposal", "2026-07-07")):
        (tmp_path / name).write_text(
            f'proposal VO-{name[0]} "Laptops, school {name[0]}"\nkind procurement\nmeeting {meeting}\n'
            'procurement {\n  value 120000 EUR\n  procedure multiple-quotes\n  commodity "Devices"\n}\n',
            encoding="utf-8",
        )
    result = api.lint_paths([str(tmp_path)], use_cache=False)
    found = [(Path(f.path).name, f.line) for f in result.findings if f.code == "IM803"]
    assert sorted(found) == [("a.proposal", 7), ("b.proposal", 7)]


MATHS = """\
proposal VO-2026-120 "Adaptive maths platform"
kind change
sector vo
need N1 "Teachers see each student's progress" {
  data "practice results"
  data-of students
}
provision P1 "Progress overview per class" {
  meets N1
}
technology T1 "Maths platform" {
  realizes P1
  processing scoring
  vendor "Example Learning Ltd"
}
privacy {
  dpia not-needed "The supplier says it is safe."
  processor-agreement yes
}
"""

MATHS_MENDED = (
    MATHS.replace(
        '  vendor "Example Learning Ltd"\n',
        '  vendor "Example Learning Ltd"\n  ai high-risk "Annex III 3(b)"\n  privacy-notice yes\n',
    )
    .replace('dpia not-needed "The supplier says it is safe."', 'dpia planned "Before the pilot, with the FG."')
    .replace(
        "  processor-agreement yes\n",
        "  processor-agreement yes\n  agreement-model convenant-4.0\n  dpo-consulted 2026-01-20\n",
    )
    + 'impact teachers "Teachers read the advice and decide." {\n  training "AI literacy: what the platform does and where it errs"\n}\n'
)


def test_the_adaptive_maths_platform_gets_im504_im512_im505_im506() -> None:
    found = {f.code: f for f in api.lint_text(MATHS) if f.code.startswith("IM5")}
    assert {"IM504", "IM505", "IM506", "IM512"} <= set(found)
    assert "children's data" in found["IM504"].message and "scoring" in found["IM504"].message
    assert "scoring" in found["IM512"].message


def test_the_mended_maths_platform_is_clean_of_im5() -> None:
    found = [f for f in api.lint_text(MATHS_MENDED) if f.code.startswith("IM5")]
    assert found == [], [f"{f.code} {f.message}" for f in found]


def test_emotieherkenning_gets_im511_in_dutch() -> None:
    text = 'voorstel VO-2026-130 "Camera\'s"\nsoort aanschaf\ntechnologie T1 "Camera\'s met emotieherkenning" {\n}\n'
    found = [f for f in api.lint_text(text) if f.code == "IM511"]
    assert len(found) == 1 and "verboden door de AI-verordening" in found[0].message and found[0].line == 3
