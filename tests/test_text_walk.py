"""IM009's walk over the model (im_lint/engine/checks/text.py), which dispatches on each value's
class once per class, finds the texts the plain isinstance walk below finds, in the same order, on
every proposal of the repository."""

from __future__ import annotations

from pydantic import BaseModel
from test_fast_parser import REPOSITORY

from im_lint.engine.checks.text import _texts
from im_lint.language import parse_text
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


def plain_walk(node: BaseModel, where: str):
    """The walk as it was first written: isinstance on every value."""
    if isinstance(node, Attribute):
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
    for name in type(node).model_fields:
        value = getattr(node, name, None)
        if isinstance(value, BaseModel) and not isinstance(value, Span):
            yield from plain_walk(value, where)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Node):
                    yield from plain_walk(item, where)


def test_the_walk_finds_every_text_in_order_on_every_repository_proposal() -> None:
    proposals = [parsed.proposal for texts in REPOSITORY.values() for text in texts if (parsed := parse_text(text))]
    proposals = [proposal for proposal in proposals if proposal is not None]
    assert len(proposals) > 300
    found = 0
    for proposal in proposals:
        expected = list(plain_walk(proposal, proposal.id))
        assert _texts(proposal, proposal.id, []) == expected, proposal.id
        found += len(expected)
    assert found > 3000
