"""The benchmark's hand-written corpus (benchmarks/corpus.py): copies of the repository's own
proposals, each with an ID of its own, so that the bulk figures time real writing, not duplicates."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402


def test_the_hand_written_corpus_is_the_repositorys_proposals_with_ids_of_their_own(tmp_path: Path) -> None:
    texts = corpus.handwritten_texts()
    assert len(texts) >= 20 and all(len(text.encode()) >= corpus.HAND_MIN_BYTES for _, text in texts)
    count = len(texts) + 5
    proposals, yaml = corpus.write_handwritten(tmp_path, count)
    files = sorted((tmp_path / "proposals").iterdir())
    assert len(files) == count and proposals == sum(f.stat().st_size for f in files)
    ids = [corpus._HEAD.search(f.read_text(encoding="utf-8")).group(2) for f in files]
    assert len(set(ids)) == count  # no two copies share an ID (IM701 would time duplicates)
    for index, (suffix, text) in enumerate(texts[:3]):
        copy = files[index].read_text(encoding="utf-8")
        assert files[index].suffix == suffix
        assert corpus._HEAD.sub("", copy, count=1) == corpus._HEAD.sub("", text, count=1)  # only the ID differs
    assert abs(yaml - proposals) < proposals * 0.5  # YAML of about the same bytes for yamllint
