"""IM009: a text that is still a placeholder (TODO, tbd, "") anywhere in the proposal.

The walk is generic over the model, so a keyword added to the language is checked without a change
here: every text the writer wrote (a title, a `"..."` value, a reason after `none`, a DPIA note).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import BaseModel

from im_lint.engine.checks import Context, Hit, check
from im_lint.model import (
    Attribute,
    DpiaAttribute,
    Element,
    Impact,
    Node,
    Proposal,
    StatedAttribute,
    TextAttribute,
    TextsAttribute,
)
from im_lint.source import Span

SHOWN = 60  # characters of a long text the message quotes


@lru_cache(maxsize=64)
def _matcher(placeholders: tuple[str, ...], markers: tuple[str, ...]):
    whole = {p.strip().casefold() for p in placeholders}
    words = "|".join(re.escape(m.strip()) for m in markers if m.strip())
    found = re.compile(rf"(?<!\w)(?:{words})(?!\w)").search if words else None  # as written: "Todo list" is no marker

    def is_placeholder(text: str) -> bool:
        trimmed = text.strip()
        return not trimmed or trimmed.casefold() in whole or (found is not None and found(trimmed) is not None)

    return is_placeholder


def placeholder_test(context: Context):
    """`text -> bool`: IM009's judgement with its options, for the rules that leave such texts to it."""
    options = context.every_rule_options.get("IM009") or context.options
    return _matcher(tuple(options["placeholders"]), tuple(options["markers"]))


def _texts(node: BaseModel, where: str) -> Iterator[tuple[Span, str, str, str]]:
    """(span, statement as written, fingerprint subject, text) for every text below `node`."""
    if isinstance(node, Attribute):  # enumerated values (kind, status) are no texts
        statement, value, key = node.spelling, node.value, f"{where}.{node.keyword}"
        if isinstance(node, TextAttribute):
            yield node.span, statement, key, value
        elif isinstance(node, TextsAttribute):
            for index, item in enumerate(value):
                yield node.span, statement, f"{key}.{index}", item
        elif isinstance(node, StatedAttribute) and value.text is not None:
            yield node.span, statement, key, value.text
        elif isinstance(node, DpiaAttribute) and value.note is not None:
            yield node.span, statement, key, value.note
        return
    if isinstance(node, (Proposal, Element)):
        where = node.id
        yield node.span, f"{node.spelling} {node.id}", f"{where}.title", node.title
    elif isinstance(node, Impact):
        where = f"impact.{node.subject}"
        if node.stated.text is not None:
            yield node.span, f"{node.spelling} {node.subject_spelling}", where, node.stated.text
    elif isinstance(node, Node):
        where = getattr(node, "keyword", where)
    for value in vars(node).values():  # the fields, in their order (a node keeps no other attribute)
        if isinstance(value, BaseModel) and not isinstance(value, Span):
            yield from _texts(value, where)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Node):
                    yield from _texts(item, where)


@check("placeholder_text")
def placeholder_text(proposal: Proposal, context: Context):
    is_placeholder = placeholder_test(context)
    for span, statement, subject, text in _texts(proposal, proposal.id):
        if not is_placeholder(text):
            continue
        trimmed = " ".join(text.split())
        if not trimmed:
            yield Hit(span, subject, {"statement": statement}, "empty")
            continue
        shown = trimmed if len(trimmed) <= SHOWN else trimmed[: SHOWN - 1] + "…"
        yield Hit(span, subject, {"statement": statement, "text": shown})
