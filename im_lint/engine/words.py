"""Whole-word, case-insensitive matching of a word list (rule options such as IM103's `words`)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=64)
def word_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regular expression for the list; longer phrases first so that `office 365` beats `office`."""
    cleaned = sorted({word.strip() for word in words if word.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in cleaned)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


def first_word(text: str, words: tuple[str, ...]) -> str | None:
    pattern = word_pattern(words)
    match = pattern.search(text) if pattern else None
    return match.group() if match else None
