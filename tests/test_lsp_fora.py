"""FORA names in the editor: completion after `reference`/`component`/`covers`/`drops`, inside the
quotes and before them, and the hover of a name; nothing of it without a catalogue."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from fora_model import write_coarchi  # noqa: E402

from im_lint import api  # noqa: E402
from im_lint.config import Config  # noqa: E402
from im_lint.lsp.completion import complete  # noqa: E402
from im_lint.lsp.context import cursor_at  # noqa: E402
from im_lint.lsp.fora import fora_hover  # noqa: E402
from im_lint.lsp.symbols import Index  # noqa: E402
from im_lint.reference.fora import import_fora  # noqa: E402

TEXT = 'proposal P "x"\nkind change\nprocess PR1 "p" {\n  reference "Inko'


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fora")
    path = folder / "fora.json"
    path.write_text(import_fora(write_coarchi(folder / "clone")).catalogue.to_json(), encoding="utf-8")
    return api.engine(Config(catalogue=str(path)))


def labels(text: str, engine) -> list[str]:
    return [item.label for item in complete(cursor_at(text, len(text)), "en", Index(), engine)]


def test_reference_completes_processes_and_functions_inside_the_quotes(engine) -> None:
    got = labels(TEXT, engine)
    assert "Inkopen producten en diensten" in got and "Bedrijfsvoering" in got
    assert "Leerlingadministratiesysteem (LAS)" not in got  # a component is no process
    assert got.index("Lesgeven") < got.index("Toetsen afnemen")  # finished ones first


def test_component_completes_components_with_their_quotes(engine) -> None:
    text = 'proposal P "x"\nkind change\nexisting E1 "old" {\n  component '
    items = complete(cursor_at(text, len(text)), "nl", Index(), engine)
    assert [i.label for i in items] == ["Financieel systeem", "Leerlingadministratiesysteem (LAS)"]
    assert items[1].insert_text == '"Leerlingadministratiesysteem (LAS)"'
    assert items[1].detail == "Referentiecomponent · Bedrijfsvoering"


def test_without_a_catalogue_a_string_gets_no_completion() -> None:
    assert labels(TEXT, api.engine(Config())) == []


def test_hover_describes_the_name_under_the_cursor(engine) -> None:
    line = '  reference "Verzuim registreren en melden"'
    text = fora_hover(line, line.index("registreren") + 1, engine)
    assert text.startswith("Verzuim registreren en melden (Bedrijfsproces · Leerlingbegeleiding en –zorg")
    assert "Verzuimmelding (personal data)" in text and "Leerplichtwet" in text
    assert fora_hover(line, 2, engine) is None  # on the keyword
    assert fora_hover('  vendor "Verzuim registreren en melden"', 12, engine) is None
    assert fora_hover(line, 14, api.engine(Config())) is None


def test_names_for_completion_of_an_unknown_kind_is_empty(engine) -> None:
    from im_lint.reference.editor import names_for_completion

    assert names_for_completion(engine.reference, "vendor") == []
