"""The declarative check vocabulary of a rule pack: select items of the proposal, test them, report.

    check:
      for: process                     # proposal, goal, process, activity, need, provision, technology,
                                       # existing, role, stakeholder, impact, capacity, privacy
      when: {present: owner}           # only these items (optional)
      flag: {missing: executor}        # report the items where this holds
      at: owner                        # report at this attribute's line (default: the item's)
      args: {id: id}                   # message arguments: name -> attribute of the item

Conditions (a mapping with one key each): `missing`/`present` ATTR; `is` {ATTR: value or
[values]}; `compare` [ATTR, op, value] for numbers, money and dates; `ict-role` ATTR; `follow`
{via: ATTR, where: COND} (some referenced element satisfies COND); `referred-by` {kind, via}
(some element of that kind refers to this one through that attribute); `has`/`lacks` {kind, where};
`proposal` COND (about the whole proposal); `all`, `any` [COND...]; `not` COND.
Attributes are the English keywords (`decision-by`, `personal-data`), plus `id`, `title`, and for an
impact `subject`, `none`, `text`. Message `args` name attributes too, and `element` (the item's kind).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from im_lint.language.vocabulary import by_en, value_term
from im_lint.model import Attribute, Money, Proposal, Ref, RoleRef
from im_lint.source import Term

Kind = Literal[
    "proposal",
    "goal",
    "process",
    "activity",
    "need",
    "provision",
    "technology",
    "existing",
    "role",
    "stakeholder",
    "impact",
    "capacity",
    "privacy",
]
KINDS: tuple[str, ...] = get_args(Kind)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Missing(_Strict):
    missing: str


class Present(_Strict):
    present: str


class Is(_Strict):
    is_: dict[str, Any] = Field(alias="is")


class Compare(_Strict):
    # The operand's type depends on the attribute's: the compiler checks it (compile.py).
    compare: tuple[str, Literal["<", "<=", ">", ">=", "==", "!="], Any]


class IctRole(_Strict):
    ict_role: str = Field(alias="ict-role")


class FollowSpec(_Strict):
    via: str
    where: "Condition | None" = None


class Follow(_Strict):
    follow: FollowSpec


class ReferredBySpec(_Strict):
    kind: Kind
    via: str


class ReferredBy(_Strict):
    referred_by: ReferredBySpec = Field(alias="referred-by")


class KindSpec(_Strict):
    kind: Kind
    where: "Condition | None" = None


class Has(_Strict):
    has: KindSpec


class Lacks(_Strict):
    lacks: KindSpec


class OnProposal(_Strict):
    proposal: "Condition"


class All(_Strict):
    all: list["Condition"]


class AnyOf(_Strict):
    any: list["Condition"]


class Not(_Strict):
    not_: "Condition" = Field(alias="not")


_TAGS = {
    "missing": Missing,
    "present": Present,
    "is": Is,
    "compare": Compare,
    "ict-role": IctRole,
    "follow": Follow,
    "referred-by": ReferredBy,
    "has": Has,
    "lacks": Lacks,
    "proposal": OnProposal,
    "all": All,
    "any": AnyOf,
    "not": Not,
}


def _tag(value: Any) -> str | None:
    if isinstance(value, dict) and len(value) == 1:
        return next(iter(value))
    if isinstance(value, BaseModel):
        return next(tag for tag, model in _TAGS.items() if isinstance(value, model))
    return None


Condition = Annotated[
    Union[tuple(Annotated[model, Tag(tag)] for tag, model in _TAGS.items())],  # type: ignore[misc]
    Discriminator(
        _tag,
        custom_error_type="condition",
        custom_error_message=f"a condition is a mapping with one of the keys: {', '.join(_TAGS)}",
    ),
]


class Declarative(_Strict):
    """A check written as data."""

    for_: Kind | list[Kind] = Field(alias="for")
    when: Condition | None = None
    flag: Condition
    at: str | None = None
    args: dict[str, str] = {}
    variant: str = "default"


# --- evaluation ----------------------------------------------------------------------------------


def items(proposal: Proposal, kind: str) -> list[Any]:
    if kind == "proposal":
        return [proposal]
    if kind in ("capacity", "privacy"):
        found = getattr(proposal, kind)
        return [found] if found is not None else []
    if kind == "impact":
        return proposal.impacts
    return getattr(proposal, by_en()[kind].field)


def get(item: Any, name: str) -> Any:
    """The attribute of an item: an Attribute, a list of them, or a plain value; None when absent."""
    if name in ("none", "text"):
        return getattr(item.stated, name) if hasattr(item, "stated") else None
    if name == "status" and isinstance(item, Proposal):
        return item.status.value if item.status else "draft"
    if name in ("id", "title", "subject"):
        return getattr(item, name, None)
    if name == "element":
        return getattr(item, "keyword", "proposal")
    keyword = by_en()[name]
    value = getattr(item, keyword.field, None)
    return value if value != [] else None


def plain(value: Any) -> Any:
    """A comparable value: the value of an Attribute, a role's or reference's ID."""
    if isinstance(value, Attribute):
        value = value.value
    if isinstance(value, (RoleRef, Ref)):
        return value.id
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


_ENUM_OF = {
    "kind": "kind",
    "status": "status",
    "agenda": "agenda",
    "dpia": "dpia",
    "processor-agreement": "agreement",
    "subject": "subject",
    "owner": "role",
    "executor": "role",
    "decision-by": "role",
    "submitted-by": "role",
}


def argument(item: Any, name: str) -> Any:
    """A message argument: an enumerated value or role as a Term (written in the message's
    language), `element` as the item's kind, anything else as text."""
    if name == "element":
        return Term(getattr(item, "keyword", "proposal"))
    value = get(item, name)
    value = value.value if isinstance(value, Attribute) else value
    if isinstance(value, RoleRef):
        return value_term("role", value.id) if value.builtin else Term(value.id, (value.id, value.id))
    if name in _ENUM_OF and isinstance(value, str):
        return value_term(_ENUM_OF[name], value)
    if isinstance(value, Money):
        return f"{value.amount} {value.currency}"
    return "" if value is None else value
