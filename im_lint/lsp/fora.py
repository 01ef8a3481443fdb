"""FORA names in the editor: completion of the names after `reference`, `component`, `covers` and
`drops`, and a hover that says what a name is in the catalogue (im_lint.reference.editor does the
work; this file turns it into LSP items). Nothing without a configured catalogue."""

from __future__ import annotations

import re

from lsprotocol import types

from im_lint.api import Engine
from im_lint.lsp.context import Cursor
from im_lint.reference.editor import KINDS, describe, names_for_completion

_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"?')


def _kind(keyword) -> str | None:
    return keyword.en if keyword is not None and keyword.en in KINDS else None


def fora_completions(cursor: Cursor, engine: Engine) -> list[types.CompletionItem] | None:
    """The catalogue's names, or None when this is no place for them (the caller goes on)."""
    kind = _kind(cursor.keyword)
    if kind is None or engine.reference is None or cursor.in_comment:
        return None
    quoted = not cursor.in_string  # before the opening quote: insert the quotes too
    return [
        types.CompletionItem(
            label=item.label,
            kind=types.CompletionItemKind.Constant,
            detail=item.detail,
            filter_text=f'"{item.label}' if quoted else item.label,
            insert_text=f'"{item.label}"' if quoted else item.label,
            sort_text=f"{index:05}",
        )
        for index, item in enumerate(names_for_completion(engine.reference, kind))
    ]


def fora_hover(line_text: str, column: int, engine: Engine) -> str | None:
    """What the catalogue says of the string under the cursor (column 1-based), after one of the
    keywords that name catalogue elements."""
    if engine.reference is None:
        return None
    from im_lint.language.vocabulary import lookup_keyword

    first = line_text.split(None, 1)
    kind = _kind(lookup_keyword(first[0])) if first else None
    if kind is None:
        return None
    for match in _STRING.finditer(line_text):
        if match.start() < column <= match.end():
            return describe(engine.reference, match.group(1), kind)
    return None
