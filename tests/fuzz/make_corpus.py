"""Write the seed corpus of the fuzz targets: every fixture case text and every example proposal.

    .venv/bin/python tests/fuzz/make_corpus.py [OUT_DIR]      # default: tests/fuzz/corpus

Each seed is named by the hash of its bytes, so running it twice writes the same files.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def seeds() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for case in document.get("cases") or []:
            if isinstance(case.get("text"), str):
                texts.append(case["text"])
            for text in (case.get("files") or {}).values():
                if isinstance(text, str):
                    texts.append(text)
    for pattern in ("*.proposal", "*.voorstel"):
        for path in sorted((ROOT / "examples").rglob(pattern)):
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "corpus"
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for text in seeds():
        data = text.encode("utf-8")
        target = out / hashlib.sha1(data).hexdigest()
        if not target.exists():
            target.write_bytes(data)
            written += 1
    print(f"{written} new seed files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
