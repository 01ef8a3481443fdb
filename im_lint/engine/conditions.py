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

import difflib
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from im_lint.engine.checks import Context, Hit
from im_lint.language.vocabulary import by_en, lookup_value, value_term
from im_lint.model import Attribute, Money, Node, Proposal, Ref, RoleRef
from im_lint.source import Term

KINDS = (
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
)
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
_SPECIAL = ("id", "title", "subject", "none", "text", "element")


def _attribute_name(name: str) -> str:
    if name in _SPECIAL or name in by_en():
        return name
    close = difflib.get_close_matches(name, [*_SPECIAL, *by_en()], n=1)
    raise ValueError(f"unknown attribute `{name}`" + (f"; did you mean `{close[0]}`?" if close else ""))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


_known_attribute = field_validator("*")(classmethod(lambda cls, name: _attribute_name(name)))


class Missing(_Strict):
    missing: str
    known_attribute = _known_attribute


class Present(_Strict):
    present: str
    known_attribute = _known_attribute


class Is(_Strict):
    is_: dict[str, Any] = Field(alias="is")


class Compare(_Strict):
    compare: tuple[str, Literal["<", "<=", ">", ">=", "==", "!="], Union[int, float, str]]


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
    "dpia": "dpia",
    "processor-agreement": "agreement",
    "subject": "subject",
    "owner": "role",
    "executor": "role",
    "decision-by": "role",
    "submitted-by": "role",
}


def _canonical(expected: Any, actual: Any) -> Any:
    """A value written in a pack (either language, YAML's yes/no) as the model holds it."""
    if isinstance(actual, bool):
        return expected if isinstance(expected, bool) else str(expected).lower() in ("yes", "ja", "true")
    if isinstance(expected, bool):  # YAML reads an unquoted yes/no as a boolean
        expected = "yes" if expected else "no"
    if isinstance(expected, str):
        for enum in ("role", "subject", "kind", "status", "dpia", "agreement"):
            pair = lookup_value(enum, expected)
            if pair:
                return pair[0]
    return expected


def _comparable(value: Any, expected: Any) -> tuple[Any, Any] | None:
    if isinstance(value, Money):
        amount, _, currency = str(expected).partition(" ")
        if currency and currency.upper() != value.currency:
            return None
        return value.amount, Decimal(amount.replace("_", ""))
    if isinstance(value, date):
        return value, date.fromisoformat(str(expected))
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)), Decimal(str(expected))
    return None


_OPERATORS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


class Evaluator:
    """Evaluates conditions over one proposal; inverse references are indexed once per proposal."""

    def __init__(self, proposal: Proposal):
        self.proposal = proposal
        self._referred: dict[tuple[str, str], set[str]] = {}

    def holds(self, condition: Any, item: Any) -> bool:
        match condition:
            case Missing(missing=name):
                return get(item, name) is None
            case Present(present=name):
                return get(item, name) is not None
            case Is(is_=expected):
                return all(self._is(plain(get(item, name)), wanted) for name, wanted in expected.items())
            case Compare(compare=(name, operator, expected)):
                pair = _comparable(plain(get(item, name)), expected)
                return pair is not None and _OPERATORS[operator](*pair)
            case IctRole(ict_role=name):
                role = get(item, name)
                return isinstance(role, Attribute) and self.proposal.is_ict_role(role.value)
            case Follow(follow=spec):
                return any(
                    spec.where is None or self.holds(spec.where, target) for target in self._targets(item, spec.via)
                )
            case ReferredBy(referred_by=spec):
                return getattr(item, "id", None) in self._referred_ids(spec.kind, spec.via)
            case Has(has=spec):
                return any(
                    spec.where is None or self.holds(spec.where, other) for other in items(self.proposal, spec.kind)
                )
            case Lacks(lacks=spec):
                return not any(
                    spec.where is None or self.holds(spec.where, other) for other in items(self.proposal, spec.kind)
                )
            case OnProposal(proposal=inner):
                return self.holds(inner, self.proposal)
            case All(all=conditions):
                return all(self.holds(c, item) for c in conditions)
            case AnyOf(any=conditions):
                return any(self.holds(c, item) for c in conditions)
            case Not(not_=inner):
                return not self.holds(inner, item)
        raise AssertionError(f"unknown condition {condition!r}")  # pragma: no cover - the pack model forbids it

    @staticmethod
    def _is(value: Any, wanted: Any) -> bool:
        choices = [_canonical(w, value) for w in (wanted if isinstance(wanted, list) else [wanted])]
        if isinstance(value, list):
            return any(v in choices for v in value)
        return value in choices

    def _targets(self, item: Any, via: str) -> Iterable[Any]:
        """The elements an attribute refers to that exist and are of the kind it asks for."""
        value = get(item, via)
        value = value.value if isinstance(value, Attribute) else value
        for reference in value if isinstance(value, list) else ([value] if value is not None else []):
            target = self.proposal.element(reference) if isinstance(reference, Ref) else None
            if target is not None:
                yield target

    def _referred_ids(self, kind: str, via: str) -> set[str]:
        key = (kind, via)
        if key not in self._referred:
            found: set[str] = set()
            for other in items(self.proposal, kind):
                value = plain(get(other, via))
                found.update(value if isinstance(value, list) else ([value] if value is not None else []))
            self._referred[key] = found
        return self._referred[key]


def _argument(item: Any, name: str) -> Any:
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


def run_declarative(check: Declarative, proposal: Proposal, context: Context) -> Iterable[Hit]:
    evaluator = Evaluator(proposal)
    for kind in check.for_ if isinstance(check.for_, list) else [check.for_]:
        for item in items(proposal, kind):
            if check.when is not None and not evaluator.holds(check.when, item):
                continue
            if not evaluator.holds(check.flag, item):
                continue
            anchor = get(item, check.at) if check.at else None
            span = anchor.span if isinstance(anchor, Node) else item.span
            subject = getattr(item, "id", None) or getattr(item, "subject", None) or kind
            yield Hit(
                span, str(subject), {name: _argument(item, attr) for name, attr in check.args.items()}, check.variant
            )
