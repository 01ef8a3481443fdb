"""`construct` (im_lint/language/construct.py) makes the node that pydantic's `model_construct`
makes: the same fields in the same order, the same fields-set, extra and private parts; and the
builder's proposals are the same with it as with `model_construct` everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, Field, PrivateAttr
from test_fast_parser import REPOSITORY

from im_lint import model
from im_lint.language import construct as construct_module
from im_lint.language import parse_text
from im_lint.language.construct import construct
from im_lint.source import Span

SPAN = Span.at(1, 1, 1, 5)
CLASSES = sorted(
    (
        v
        for v in vars(model).values()
        if isinstance(v, type) and issubclass(v, BaseModel) and v.__module__ == model.__name__
    ),
    key=lambda cls: cls.__name__,
)


def parts(node: BaseModel) -> tuple:
    return (
        type(node),
        list(node.__dict__.items()),
        node.__pydantic_fields_set__,
        node.__pydantic_extra__,
        node.__pydantic_private__,
    )


def sample(cls: type[BaseModel], everything: bool) -> dict:
    """Values for the required fields (and, with `everything`, for all): any value will do, nothing
    is validated."""
    return {
        name: f"v-{name}" if name != "span" else SPAN
        for name, field in cls.model_fields.items()
        if everything or field.is_required()
    }


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("everything", [False, True])
def test_a_node_is_what_model_construct_makes(cls: type[BaseModel], everything: bool) -> None:
    values = sample(cls, everything)
    assert parts(construct(cls, **values)) == parts(cls.model_construct(**values))
    if values:  # a required field missing, or a name that is no field: left to model_construct
        first = next(iter(values))
        fewer = {name: value for name, value in values.items() if name != first}
        assert parts(construct(cls, **fewer)) == parts(cls.model_construct(**fewer))
    assert parts(construct(cls, **values, stray=1)) == parts(cls.model_construct(**values, stray=1))


def test_the_model_is_mostly_made_the_fast_way() -> None:
    for cls in CLASSES:
        construct(cls, **sample(cls, False))
    plans = construct_module._PLANS
    assert all(plans[cls] is not None for cls in CLASSES), [cls for cls in CLASSES if plans[cls] is None]


class _Listed(BaseModel):
    listed: list[int] = []  # copied for each node by pydantic
    mapped: dict = {}


class _Filled(BaseModel):
    filled: list[int] = [1]  # deep-copied for each node by pydantic


class _Made(BaseModel):
    made: dict = Field(default_factory=dict)


class _Private(BaseModel):
    shown: int = 0
    _hidden: list = PrivateAttr(default_factory=list)
    _fixed: int = PrivateAttr(default=3)


class _Aliased(BaseModel):
    named: int = Field(default=1, alias="called")


def test_what_it_covers_is_what_model_construct_makes() -> None:
    for cls in (_Listed, _Private, _Aliased):
        assert parts(construct(cls)) == parts(cls.model_construct())
        assert construct_module._PLANS[cls] is not None, cls
    assert construct(_Listed).listed is not construct(_Listed).listed
    assert construct(_Listed).mapped is not construct(_Listed).mapped
    assert construct(_Listed, listed=[2]).listed == [2]
    assert parts(construct(_Private, shown=2)) == parts(_Private.model_construct(shown=2))
    assert construct(_Private)._hidden is not construct(_Private)._hidden
    assert parts(construct(_Aliased, called=5)) == parts(_Aliased.model_construct(called=5))
    assert parts(construct(_Aliased, named=5)) == parts(_Aliased.model_construct(named=5))


def test_what_it_does_not_cover_is_left_to_model_construct() -> None:
    for cls in (_Filled, _Made):
        assert parts(construct(cls)) == parts(cls.model_construct())
        assert construct_module._PLANS[cls] is None, cls
    assert construct(_Filled).filled is not construct(_Filled).filled
    assert construct(_Made).made is not construct(_Made).made


def _tree(value) -> object:
    """A node and everything in it as plain parts, to compare two proposals field by field."""
    if isinstance(value, BaseModel):
        return (parts(value)[0], [(k, _tree(v)) for k, v in value.__dict__.items()], value.__pydantic_fields_set__)
    if isinstance(value, list | tuple):
        return [_tree(item) for item in value]
    return value


def test_every_repository_proposal_is_built_the_same_with_model_construct(monkeypatch) -> None:
    texts = [text for texts in REPOSITORY.values() for text in texts]
    fast = [parse_text(text) for text in texts]
    monkeypatch.setattr(construct_module, "_plan", lambda cls: None)
    monkeypatch.setattr(construct_module, "_PLANS", {})
    slow = [parse_text(text) for text in texts]
    assert sum(parsed.proposal is not None for parsed in fast) > 300
    for text, one, other in zip(texts, fast, slow):
        assert _tree(one.proposal) == _tree(other.proposal), text[:200]
        assert one.proposal == other.proposal
        assert one.diagnostics == other.diagnostics


def test_the_fixtures_are_found() -> None:
    assert Path(__file__).with_name("fixtures").is_dir()
