"""A file's portfolio index (what the IM7 rules compare) for a file the run does not lint itself:
from the cache's index when the file's stat is the one recorded, else from its content's hash, and
only for a new or changed file by parsing it."""

from __future__ import annotations

import os

from im_lint.engine.portfolio import Entry, entry_of
from im_lint.engine.run import Engine
from im_lint.files import read_bytes
from im_lint.language import parse_bytes
from im_lint.runner.cache import Cache, digest
from im_lint.runner.records import entry_from_data, entry_to_data

# What decoding a damaged record raises (deep nesting: RecursionError; a bad value: pydantic's
# ValidationError, a ValueError).
DAMAGED = (KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError)


def stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def entry_from_disk(path: str, engine: Engine, cache: Cache) -> Entry | None:
    """None for a file that is no proposal or cannot be read (reported when it is linted itself)."""
    status = stat(path)  # before reading: a change after this shows as a newer stat next time
    known = cache.known(path, status)
    if known is not None:
        try:
            return entry_from_data(path, known[1])
        except DAMAGED:
            pass  # damaged: computed again below
    try:
        data = read_bytes(path, engine.config.max_file_size)
    except OSError:
        return None
    content = digest(data)
    found, stored = cache.indexed(path, content)
    if found:
        try:
            entry = entry_from_data(path, stored)
        except DAMAGED:
            pass
        else:
            cache.remember(path, status, content, stored)
            return entry
    parsed = parse_bytes(data, engine.declarations, engine.config.max_file_size)
    stored = entry_to_data(entry_of(path, parsed.proposal) if parsed.proposal is not None else None)
    cache.remember(path, status, content, stored)
    return entry_from_data(path, stored)
