"""The board report's FORA panel: a process's place in FORA (domain › function › process) and the
laws that influence it, only with a catalogue and only for references it knows."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from fora_model import write_coarchi

from im_lint.cli import main
from im_lint.reference.fora import import_fora

PROPOSAL = """voorstel VO-2026-300 "Verzuim in de nieuwe app"
soort verandering
proces PR1 "Verzuim" {
  eigenaar schoolleiding
  referentie "Verzuim registreren en melden"
}
proces PR2 "Iets anders" {
  eigenaar schoolleiding
  referentie "Bestaat niet in het model"
}
proces PR3 "Toetsen" {
  eigenaar schoolleiding
  referentie "Toetsen afnemen"
}
"""


def report(tmp_path: Path, catalogue: bool, suffix: str) -> str:
    if catalogue:
        (tmp_path / "fora.json").write_text(import_fora(write_coarchi(tmp_path / "clone")).catalogue.to_json())
        (tmp_path / "im-lint.toml").write_text('catalogue = "fora.json"\n')
    else:
        (tmp_path / "im-lint.toml").write_text("")
    (tmp_path / "p.voorstel").write_text(PROPOSAL, encoding="utf-8")
    out = tmp_path / f"r{suffix}"
    result = CliRunner().invoke(
        main, ["report", str(tmp_path / "p.voorstel"), "-o", str(out), "--config", str(tmp_path / "im-lint.toml")]
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_markdown_shows_the_path_and_the_laws(tmp_path: Path) -> None:
    text = report(tmp_path, True, ".md")
    assert "### Waar de processen in FORA liggen" in text
    assert (
        "**PR1: Verzuim**: Leerlingbegeleiding en –zorg › Leerlingbegeleiding › Verzuimcoördinatie › "
        "Verzuim registreren en melden (Bedrijfsproces)" in text
    )
    assert "- AVG\n- Leerplichtwet" in text
    assert "PR2: Iets anders" not in text.split("Waar de processen")[1].split("###")[0]
    assert "(Bedrijfsproces, nog niet af in FORA (TODO))" in text
    assert "FORA noemt er geen wetten bij." in text  # PR3


def test_html_has_the_panel_and_no_catalogue_no_panel(tmp_path: Path) -> None:
    html = report(tmp_path / "a", True, ".html") if (tmp_path / "a").mkdir() is None else ""
    assert "Waar de processen in FORA liggen" in html and "<li>Leerplichtwet</li>" in html
    (tmp_path / "b").mkdir()
    assert "Waar de processen in FORA liggen" not in report(tmp_path / "b", False, ".md")
