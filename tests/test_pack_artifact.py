"""The built-in pack's compiled artifact (engine/artifact.py): used when it is good, rebuilt when the
pack or the version changes, rejected when damaged or tampered with, never read when it is not a
regular file of bounded size; and the built-in pack alone scans no installed distribution."""

from __future__ import annotations

import importlib.metadata
import os
from pathlib import Path

import pytest

from im_lint import api
from im_lint.engine import artifact
from im_lint.engine.packs import PackFile


def _dump(packs) -> list[dict]:
    return [pack.model_dump() for pack in packs]


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, tuple]:
    folder = tmp_path / "packs"
    return folder, artifact.load_builtin(folder).packs


def _the_artifact(folder: Path) -> Path:
    (path,) = folder.glob("builtin-*.json")
    return path


def _yaml_loads(monkeypatch) -> list[str]:
    from im_lint.engine import packs

    loads: list[str] = []
    real = packs.load_pack_file
    monkeypatch.setattr(packs, "load_pack_file", lambda path, text: loads.append(path) or real(path, text))
    return loads


def test_the_artifact_gives_the_same_pack_without_the_yaml(built, monkeypatch) -> None:
    folder, first = built
    loads = _yaml_loads(monkeypatch)
    again = artifact.load_builtin(folder).packs
    assert loads == []  # read from the artifact
    assert _dump(again) == _dump(first)
    assert [p.model_fields_set for p in again] == [p.model_fields_set for p in first]
    rules = [rule for pack in again for rule in pack.rules]
    assert all(isinstance(pack, PackFile) for pack in again)
    # The declarative checks are ready to run, as after a load from the YAML.
    assert [rule.compiled is None for rule in rules] == [r.compiled is None for p in first for r in p.rules]
    assert any(rule.compiled is not None for rule in rules)


def test_a_changed_pack_or_version_makes_a_new_artifact(built, monkeypatch) -> None:
    folder, first = built
    old = _the_artifact(folder)
    sources = artifact._builtin_sources()
    yaml_files = [name for name, _ in sources if not name.startswith("facts/")]
    changed = [(name, data + b"\n# edited\n" if index == 0 else data) for index, (name, data) in enumerate(sources)]
    monkeypatch.setattr(artifact, "_builtin_sources", lambda: changed)
    loads = _yaml_loads(monkeypatch)
    artifact.load_builtin(folder)
    assert len(loads) == len(yaml_files)  # the YAML again, not the old artifact
    monkeypatch.setattr(artifact, "_builtin_sources", lambda: sources)
    monkeypatch.setattr(artifact, "__version__", "99.0")
    loads.clear()
    artifact.load_builtin(folder)
    assert len(loads) == len(yaml_files)
    assert old.exists() and len(list(folder.glob("builtin-*.json"))) == 3  # one per pack and version


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b.replace(b"IM101", b"IM999", 1),  # an edited rule, digest unchanged: tampered
        lambda b: b[: len(b) // 2],  # half-written
        lambda b: b"",
        lambda b: b"\x00\xff" * 100,
        lambda b: b.split(b"\n", 1)[0] + b"\n[]",  # a valid header over another body
    ],
)
def test_a_damaged_or_tampered_artifact_is_rejected_and_rebuilt(built, monkeypatch, damage) -> None:
    folder, first = built
    path = _the_artifact(folder)
    path.write_bytes(damage(path.read_bytes()))
    loads = _yaml_loads(monkeypatch)
    again = artifact.load_builtin(folder).packs
    assert loads and _dump(again) == _dump(first)
    assert "IM999" not in path.read_text(encoding="utf-8", errors="replace")  # rewritten, good again
    loads.clear()
    artifact.load_builtin(folder)
    assert loads == []


def test_a_tampered_artifact_with_a_matching_digest_names_only_pack_models(built, monkeypatch) -> None:
    # Even a body whose digest was made to match can only name the pack's model classes.
    import hashlib

    folder, first = built
    path = _the_artifact(folder)
    header, body = path.read_bytes().split(b"\n", 1)
    body = body.replace(b'"$":"Text"', b'"$":"Path"', 1)
    fields = header.split(b" ")
    fields[-1] = hashlib.sha256(body).hexdigest().encode()
    path.write_bytes(b" ".join(fields) + b"\n" + body)
    loads = _yaml_loads(monkeypatch)
    assert _dump(artifact.load_builtin(folder).packs) == _dump(first)
    assert loads  # rejected, loaded from the YAML


def test_an_oversized_or_irregular_artifact_is_never_read(built, monkeypatch) -> None:
    folder, first = built
    path = _the_artifact(folder)
    monkeypatch.setattr(artifact, "MAX_ARTIFACT", 1000)
    loads = _yaml_loads(monkeypatch)
    assert _dump(artifact.load_builtin(folder).packs) == _dump(first) and loads
    monkeypatch.setattr(artifact, "MAX_ARTIFACT", 16 * 1024 * 1024)
    path.unlink()
    os.mkfifo(path)  # reading a FIFO would hang the start
    loads.clear()
    assert _dump(artifact.load_builtin(folder).packs) == _dump(first) and loads
    assert path.is_fifo()  # and nothing was written through it


def test_a_link_in_place_of_the_artifact_is_not_written_through(built, tmp_path: Path) -> None:
    folder, _ = built
    path = _the_artifact(folder)
    path.unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    path.symlink_to(victim)
    artifact.load_builtin(folder)
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_cache_that_cannot_be_written_still_loads_the_pack(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert artifact.load_builtin(blocked / "packs").packs  # from the YAML, nothing written


def test_the_builtin_pack_alone_scans_no_installed_distribution(monkeypatch) -> None:
    def no_scan(*args, **kwargs):
        raise AssertionError("entry points scanned")

    monkeypatch.setattr(importlib.metadata, "entry_points", no_scan)
    engine = api.engine(api.Config())
    assert any(rule.scope == "portfolio" for rule in engine.catalogue.rules.values())
    assert api.lint_text('proposal P "x"\nkind policy\n', engine=engine)


def test_the_artifact_keeps_the_facts_validated(built) -> None:
    from im_lint.engine.facts import Facts, merge

    folder, _ = built
    made = artifact.load_builtin(folder)  # from the artifact this time
    assert isinstance(made.merged, Facts)
    assert made.merged == merge(made.facts)  # what validating the raw facts gives, without a validator
    assert made.merged.thresholds.periods and made.merged.wms.triggers


def _parts(value):
    """A model tree as plain parts: each model's class, fields set, extra and private parts."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        private = {k: v for k, v in (value.__pydantic_private__ or {}).items() if k != "_compiled"}
        fields = {name: _parts(item) for name, item in value.__dict__.items()}
        return (type(value), sorted(value.model_fields_set), value.__pydantic_extra__, private, list(fields), fields)
    if isinstance(value, (list, tuple)):
        return [_parts(item) for item in value]
    if isinstance(value, dict):
        return {key: _parts(item) for key, item in value.items()}
    return value


def test_every_model_read_from_the_artifact_is_the_validated_one(built) -> None:
    folder, first = built  # from the YAML, validated
    again = artifact.load_builtin(folder)  # from the artifact, constructed
    assert _parts(again.packs) == _parts(first)
