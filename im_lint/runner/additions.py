"""What the portfolio rules (IM7) add to each named file of a run, and a hash of it (its mark).

A file's findings with the portfolio's additions are kept in the cache with their mark (batch.py).
A run over a whole repository keeps the marks too, under a hash of everything the additions depend
on (each file's path and result key, the settings, the working folder): the next run over the same
unchanged files reads the marks back and, where a file's record has the same mark, neither decodes
the portfolio nor runs its checks.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

from im_lint.runner.cache import Cache
from im_lint.runner.records import hits_mark


def portfolio_state(files: list[str], keys: dict[int, str], settings: list[str]) -> str:
    """The hash of what a run's portfolio additions depend on; a file without a result key (one
    that could not be read: no portfolio entry) counts as such."""
    digest = hashlib.sha256("\0".join(["portfolio", os.getcwd(), *settings]).encode("utf-8", "surrogatepass"))
    for index, file in enumerate(files):
        digest.update(b"\0" + os.fsencode(file) + b"\0" + keys.get(index, "unread").encode())
    return digest.hexdigest()


class Additions:
    """The additions, computed when first asked for; their marks read from the cache instead where
    the run's state is the one they were kept for."""

    def __init__(self, compute: Callable[[], dict[str, list]], cache: Cache | None = None, state: str | None = None):
        self._compute = compute
        self._hits: dict[str, list] | None = None
        self._cache, self._state = cache, state
        self._kept = cache.marks(state) if cache is not None and state is not None else None
        self._made: dict[str, str] = {}

    @classmethod
    def none(cls) -> Additions:
        return cls(dict)

    def more(self, file: str) -> list:
        if self._hits is None:
            self._hits = self._compute()
        return self._hits.get(file, [])

    def mark(self, file: str) -> str:
        """ "" where nothing is added (what a check of the file alone gives)."""
        if self._kept is not None:
            return self._kept.get(file, "")
        if file not in self._made:
            more = self.more(file)
            self._made[file] = hits_mark(more) if more else ""
        return self._made[file]

    def keep(self) -> None:
        """Keep this run's marks for its state (a run over a whole repository only)."""
        if self._cache is not None and self._state is not None and self._kept is None:
            self._cache.keep_marks(self._state, {file: mark for file, mark in self._made.items() if mark})
