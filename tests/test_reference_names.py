"""Name matching against the catalogue: the same name whatever its case, accents and hyphens; the
nearest names by spelling and by shared words."""

from __future__ import annotations

from im_lint.reference import names

PROCESSES = {
    "p1": "Inkopen producten en diensten",
    "f1": "Inkoop",
    "p2": "Registereren verwerkingsactiviteiten",
    "p3": "Verzuim registreren en melden",
    "d1": "Leerlingbegeleiding en –zorg",
}


def test_case_diacritics_hyphens_and_spaces_do_not_count() -> None:
    assert names.key("Verzuimcoördinatie") == names.key("VERZUIMCOORDINATIE")
    assert names.key("Ict-ondersteuning") == names.key("ICT ondersteuning") == names.key("ictondersteuning")
    assert names.key("Leerlingbegeleiding en –zorg") == names.key("Leerlingbegeleiding en -zorg")
    assert names.key("Inkoop") != names.key("Inkopen")


def test_shared_words_find_a_process_named_otherwise_than_its_function() -> None:
    assert names.nearest("Inkoop producten", PROCESSES)[0] == "p1"
    assert names.nearest("producten inkopen", PROCESSES)[0] == "p1"  # word order does not matter


def test_edit_distance_finds_the_models_own_typo() -> None:
    assert names.nearest("Registreren verwerkingsactiviteiten", PROCESSES) == ["p2"]
    assert names.nearest("Verzuim registeren", PROCESSES)[0] == "p3"


def test_nothing_near_gives_no_suggestion() -> None:
    assert names.nearest("Drone piloting", PROCESSES) == []
    assert names.nearest("", PROCESSES) == []
    assert names.nearest("Inkoop", {}) == []


def test_filler_words_alone_do_not_make_names_alike() -> None:
    assert names.similarity("en van de", "Inkopen producten en diensten") < names.CUTOFF
