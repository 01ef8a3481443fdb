"""IM009: a text that is still a placeholder (TODO, tbd, "") anywhere in the proposal.

The walk is generic over the model, so a keyword added to the language is checked without a change
here: every text the writer wrote (a title, a `"..."` value, a reason after `none`, a DPIA note).
"""

from __future__ import annotations

import re
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


# What the walk does with a value, by its class (found once per class: isinstance on a pydantic
# class is slow, and the walk meets some fifty nodes a file).
_TEXT, _TEXTS, _STATED, _DPIA, _ATTRIBUTE, _TITLED, _IMPACT, _NODE, _MODEL, _LIST, _SKIP = range(1, 12)
_KINDS: dict[type, int] = {}


def _kind(cls: type) -> int:
    kind = _KINDS.get(cls)
    if kind is None:
        kind = _KINDS[cls] = next(
            (kind for base, kind in _KIND_OF if issubclass(cls, base)),
            _SKIP,
        )
    return kind


_KIND_OF: tuple[tuple[type | tuple[type, ...], int], ...] = (
    (TextAttribute, _TEXT),
    (TextsAttribute, _TEXTS),
    (StatedAttribute, _STATED),
    (DpiaAttribute, _DPIA),
    (Attribute, _ATTRIBUTE),
    ((Proposal, Element), _TITLED),
    (Impact, _IMPACT),
    (Node, _NODE),
    (Span, _SKIP),
    (BaseModel, _MODEL),
    (list, _LIST),
)


def _texts(node: BaseModel, where: str, out: list[tuple[Span, str, str, str]]) -> list[tuple[Span, str, str, str]]:
    """(span, statement as written, fingerprint subject, text) for every text below `node`, in the
    model's order, added to `out` (a list, not a generator: the walk visits every node)."""
    kind = _KINDS.get(type(node)) or _kind(type(node))
    if kind <= _ATTRIBUTE:  # an attribute; enumerated values (kind, status) are no texts
        statement, value, key = node.spelling, node.value, f"{where}.{node.keyword}"
        if kind == _TEXT:
            out.append((node.span, statement, key, value))
        elif kind == _TEXTS:
            for index, item in enumerate(value):
                out.append((node.span, statement, f"{key}.{index}", item))
        elif kind == _STATED and value.text is not None:
            out.append((node.span, statement, key, value.text))
        elif kind == _DPIA and value.note is not None:
            out.append((node.span, statement, key, value.note))
        return out
    if kind == _TITLED:
        where = node.id
        out.append((node.span, f"{node.spelling} {node.id}", f"{where}.title", node.title))
    elif kind == _IMPACT:
        where = f"impact.{node.subject}"
        if node.stated.text is not None:
            out.append((node.span, f"{node.spelling} {node.subject_spelling}", where, node.stated.text))
    elif kind == _NODE:
        where = getattr(node, "keyword", where)
    for value in vars(node).values():  # the fields, in their order (a node keeps no other attribute)
        of = _KINDS.get(type(value)) or _kind(type(value))
        if of == _LIST:
            for item in value:
                if _NODE >= (_KINDS.get(type(item)) or _kind(type(item))):  # a Node of any kind
                    _texts(item, where, out)
        elif of != _SKIP:
            _texts(value, where, out)
    return out


@check("placeholder_text")
def placeholder_text(proposal: Proposal, context: Context):
    is_placeholder = placeholder_test(context)
    for span, statement, subject, text in _texts(proposal, proposal.id, []):
        if not is_placeholder(text):
            continue
        trimmed = " ".join(text.split())
        if not trimmed:
            yield Hit(span, subject, {"statement": statement}, "empty")
            continue
        shown = trimmed if len(trimmed) <= SHOWN else trimmed[: SHOWN - 1] + "…"
        yield Hit(span, subject, {"statement": statement, "text": shown})
