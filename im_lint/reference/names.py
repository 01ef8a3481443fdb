"""Name matching for references to the catalogue: the same name whatever its case, diacritics,
hyphens and spaces; near names by edit distance and by shared words, because FORA names a function
"Inkoop" and its process "Inkopen producten en diensten", and has typos of its own."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Words that say nothing about which element is meant.
_FILLER = frozenset({"en", "van", "de", "het", "een", "voor", "of", "met", "and", "the", "a", "for", "in", "op"})
CUTOFF = 0.6


@lru_cache(maxsize=16384)  # the catalogue's names are folded once per run, not once per question
def folded(text: str) -> str:
    """Lower case, without diacritics, every run of other characters one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NOT_ALNUM.sub(" ", plain).strip()


def key(text: str) -> str:
    """What two names must share to be the same name: `Ict-ondersteuning` = `ICT ondersteuning`."""
    return folded(text).replace(" ", "")


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    return tuple(w for w in folded(text).split() if w not in _FILLER)


def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.75)


def similarity(written: str, name: str) -> float:
    """0..1: the better of the edit similarity of the two names and their share of words."""
    a, b = folded(written), folded(name)
    edit = SequenceMatcher(None, a, b).ratio()
    wa, wb = words(written), words(name)
    if not wa or not wb:
        return edit
    matched = sum(1 for w in wa if any(_same_word(w, v) for v in wb))
    return max(edit, 2 * matched / (len(wa) + len(wb)))


def nearest(written: str, names: dict[str, str], limit: int = 3) -> list[str]:
    """The ids of the nearest names (id -> name), best first, at most `limit`, none below CUTOFF;
    only those close to the best one."""
    scored = sorted(((similarity(written, name), ident) for ident, name in names.items()), key=lambda p: -p[0])
    if not scored or scored[0][0] < CUTOFF:
        return []
    best = scored[0][0]
    return [ident for score, ident in scored[:limit] if score >= max(CUTOFF, best - 0.1)]
