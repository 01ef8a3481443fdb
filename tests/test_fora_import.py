"""`im-lint catalogue import fora`: a generated coArchi model and `.archimate` file -> the catalogue;
the catalogue file read back, and every way it can be wrong. One test reads a real clone of FORA
when IM_LINT_FORA names one (never in CI: FORA has no licence, so nothing of it is shipped)."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from fora_model import COUNTS, write_archimate, write_coarchi

from im_lint import api
from im_lint.cli import main
from im_lint.config import Config, ConfigError
from im_lint.reference import catalogue as catalogue_module
from im_lint.reference.catalogue import HIERARCHY, CatalogueError, ReferenceCatalogue, load
from im_lint.reference.fora import import_fora


@pytest.fixture
def model(tmp_path: Path) -> Path:
    return write_coarchi(tmp_path / "clone")


def test_coarchi_folder_gives_every_kept_element_and_reports_the_rest(model: Path) -> None:
    imported = import_fora(model)
    assert Counter(e.type for e in imported.catalogue.elements) == COUNTS
    problems = {Path(file).name: problem for file, problem in imported.problems}
    assert "not valid XML" in problems["BusinessObject_broken.xml"]
    assert "unknown FORA-type 'Wijk'" in problems["BusinessObject_odd-1.xml"]
    assert imported.left_out == {"in the Metamodel folder": 1, "without a FORA-type": 1}
    assert imported.catalogue.source.name == "FORA-test" and imported.catalogue.source.model_version == "5.0.0"


def test_archimate_file_is_the_same_model(model: Path, tmp_path: Path) -> None:
    exported = import_fora(write_archimate(tmp_path / "fora.archimate"))
    assert exported.catalogue.elements == import_fora(model).catalogue.elements
    assert exported.catalogue.source.date  # the export's date


def test_hierarchy_status_and_links(model: Path) -> None:
    reference = ReferenceCatalogue(import_fora(model).catalogue)
    process = reference.find("Inkopen producten en diensten", HIERARCHY)
    assert reference.path(process) == ["Bedrijfsvoering", "Inkoop en contractbeheer", "Inkoop", process.name]
    assert [r.name for r in map(reference.by_id.get, process.roles)] == ["Inkoper"]
    assert [law.name for law in reference.laws(process)] == ["Aanbestedingswet"]  # through its function
    absence = reference.find("Verzuim registreren en melden", HIERARCHY)
    assert [o.name for o in reference.personal_data_objects(absence)] == ["Aanwezigheid leerling", "Verzuimmelding"]
    assert [law.name for law in reference.laws(absence)] == ["AVG", "Leerplichtwet"]  # through its objects
    assert reference.domain(absence).name == "Leerlingbegeleiding en –zorg"
    assert reference.find("Toetsen afnemen", HIERARCHY).status == "todo"
    assert reference.find("Lessen plannen", HIERARCHY).status == "concept"
    assert reference.by_id["law-old"].status == "obsolete"
    objects = {e.name: e for e in reference.of_types(("Informatieobject",))}
    assert (objects["Verzuimmelding"].personal_data, objects["Verzuimmelding"].confidentiality) == (True, "Hoog")
    assert objects["Offerte"].personal_data is False and objects["Contract"].personal_data is None
    las = reference.find("LEERLINGADMINISTRATIESYSTEEM (las)", ("Referentiecomponent",))
    assert sorted(f.name for f in reference.functions(las)) == [
        "Cijfers vastleggen",
        "Gegevens uitwisselen met de overheid",
        "Inschrijven leerlingen",
        "Verzuim registreren",
    ]


def test_import_command_writes_a_catalogue_valid_against_its_schema(model: Path, tmp_path: Path) -> None:
    target = tmp_path / "fora.json"
    result = CliRunner().invoke(main, ["catalogue", "import", "fora", str(model), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "3 domains, 8 functions, 7 processes and steps, 4 information objects (2 with personal data)" in (
        result.stderr
    )
    assert "BusinessObject_broken.xml: not valid XML" in result.stderr
    schema = json.loads(CliRunner().invoke(main, ["schema", "catalogue"]).output)
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["format"] == "im-lint-catalogue" and document["version"] == 1
    assert load(target).by_id["p-ink"].name == "Inkopen producten en diensten"


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p, "no such file or folder"),
        (lambda p: (p.mkdir(), p)[1], "no FORA elements found"),
        (lambda p: (p.write_text("x"), p)[1], "`.archimate` file"),
        (lambda p: (p.with_suffix(".archimate").write_text("<a"), p.with_suffix(".archimate"))[1], "not valid XML"),
    ],
    ids=["missing", "empty-folder", "not-archimate", "broken-archimate"],
)
def test_import_command_unhappy_paths_exit_2_with_the_file(tmp_path: Path, make, expected: str) -> None:
    path = make(tmp_path / "thing")
    result = CliRunner().invoke(main, ["catalogue", "import", "fora", str(path), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe", "not a catalogue (not JSON"),
        (b'{"format": "im-lint-catalogue", "version": 7}', "format version 7"),
        (b'{"format": "im-lint-catalogue", "version": 1, "source": {}, "elements": [{"id": ""}]}', "elements.0"),
        (b"[]", "not a valid catalogue"),
    ],
)
def test_a_bad_catalogue_is_a_configuration_error_naming_the_file(tmp_path: Path, content: bytes, expected) -> None:
    (tmp_path / "fora.json").write_bytes(content)
    (tmp_path / "im-lint.toml").write_text('catalogue = "fora.json"\n', encoding="utf-8")
    (tmp_path / "p.proposal").write_text('proposal P "x"\nkind change\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        api.engine(api.load_config(tmp_path / "im-lint.toml"))
    assert "`catalogue`" in str(error.value) and str(tmp_path / "fora.json") in str(error.value)
    assert expected in str(error.value)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "p.proposal")])
    assert result.exit_code == 2 and expected in result.stderr


def test_catalogue_reads_are_bounded_and_regular_files_only(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    with pytest.raises(CatalogueError, match="larger than"):
        catalogue_module.read_catalogue_bytes(big, limit=1024)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(CatalogueError, match="not a regular file"):
        # O_NONBLOCK is not needed: open() of a FIFO with no writer would block, so give it one.
        writer = os.open(fifo, os.O_RDWR)
        try:
            catalogue_module.read_catalogue_bytes(fifo)
        finally:
            os.close(writer)
    with pytest.raises(CatalogueError, match="cannot read"):
        load(tmp_path / "missing.json")


def test_the_catalogue_path_is_relative_to_the_configuration(model: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "data").mkdir()
    (project / "data" / "fora.json").write_text(import_fora(model).catalogue.to_json(), encoding="utf-8")
    (project / "im-lint.toml").write_text('catalogue = "data/fora.json"\n', encoding="utf-8")
    text = 'proposal P "x"\nkind change\nprocess PR1 "p" {\n  owner board\n  reference "Inkoop producten"\n}\n'
    (project / "sub" / "p.proposal").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(project / "sub" / "p.proposal"), "--select", "IM121"])
    assert result.exit_code == 1, result.output
    assert "did you mean Inkopen producten en diensten (Bedrijfsproces, under Inkoop ›" in result.output


def test_a_new_import_changes_the_cache_key(model: Path, tmp_path: Path) -> None:
    from im_lint.runner.cache import settings_fingerprint

    path = tmp_path / "fora.json"
    path.write_text(import_fora(model).catalogue.to_json(), encoding="utf-8")
    config = Config(catalogue=str(path))
    before = settings_fingerprint(config, "0")
    path.write_text(path.read_text(encoding="utf-8").replace("Inkoper", "Inkoopster"), encoding="utf-8")
    assert settings_fingerprint(config, "0") != before


def test_fora_personal_data_counts_for_im501_where_the_need_does_not_say(model: Path, tmp_path: Path) -> None:
    path = tmp_path / "fora.json"
    path.write_text(import_fora(model).catalogue.to_json(), encoding="utf-8")
    text = (
        'proposal P "Absence app"\nkind change\n'
        'process PR1 "Absence" {\n  owner school-management\n  reference "Verzuim registreren en melden"\n}\n'
        'activity A1 "Report" {\n  part-of PR1\n}\n'
        'need N1 "Parents report absence" {\n  for A1\n}\n'
    )
    with_catalogue = {f.code for f in api.lint_text(text, config=Config(catalogue=str(path)))}
    without = {f.code for f in api.lint_text(text)}
    assert "IM501" in with_catalogue and "IM502" in with_catalogue
    assert "IM501" not in without
    stated = text.replace("  for A1\n", "  for A1\n  personal-data no\n")
    assert "IM501" not in {f.code for f in api.lint_text(stated, config=Config(catalogue=str(path)))}


def test_real_fora_clone_counts() -> None:
    """IM_LINT_FORA=/path/to/a/clone/of/kennisnet/fora; skipped otherwise, and always in CI."""
    where = os.environ.get("IM_LINT_FORA")
    if not where or os.environ.get("CI") == "true":
        pytest.skip("set IM_LINT_FORA to a clone of kennisnet/fora (not shipped: it has no licence)")
    imported = import_fora(Path(where))
    reference = ReferenceCatalogue(imported.catalogue)
    counts = reference.counts()
    personal = sum(1 for e in reference.of_types(("Informatieobject",)) if e.personal_data)
    assert counts["Bedrijfsdomein"] == 7
    assert 170 <= counts["Hoofdbedrijfsfunctie"] + counts["Bedrijfsfunctie"] <= 200
    assert 400 <= counts["Bedrijfsproces"] + counts["Werkproces"] + counts["Processtap"] <= 470
    assert 400 <= counts["Informatieobject"] <= 450 and 150 <= personal <= 190
    assert 90 <= counts["Referentiecomponent"] <= 105 and 280 <= counts["Wet- en regelgeving"] <= 330
    las = reference.find("Leerlingadministratiesysteem (LAS)", ("Referentiecomponent",))
    assert len(reference.functions(las)) >= 30
    process = reference.find("Inkopen producten en diensten", HIERARCHY)
    assert reference.path(process)[:3] == ["Bedrijfsvoering", "Inkoop en contractbeheer", "Inkoop"]
