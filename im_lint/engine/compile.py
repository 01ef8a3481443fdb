"""A declarative check, checked against the model and made ready to run, once, when its pack loads.

Every attribute is checked on the element kind it is read from (`for:`, a `follow`'s target, a
`has`'s kind), every value against the attribute's type and enumeration, every option against the
rule's options. A mistake is a `PackProblem` at the YAML location of the field (packs.py turns it
into `PACK:LINE:COL: message (did you mean ...)`), never a crash when the rule later runs. What is
left is a tree of small functions: no condition is interpreted again for each proposal.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from im_lint.engine.checks import Context, Hit
from im_lint.engine.conditions import (
    All,
    AnyOf,
    Compare,
    Declarative,
    Follow,
    Has,
    IctRole,
    Is,
    Lacks,
    Missing,
    Not,
    OnProposal,
    Present,
    ReferredBy,
    argument,
    get,
    items,
    plain,
)
from im_lint.engine.schema import attributes, enum_values, target_kind
from im_lint.language.vocabulary import lookup_value
from im_lint.model import Attribute, Dpia, Money, Node, Proposal, Ref

Location = tuple[Any, ...]


class PackProblem(Exception):
    """A mistake in a pack, at a location in its YAML (a path of keys and indexes)."""

    def __init__(self, location: Location, message: str, wrong: str | None = None, choices: Iterable[str] = ()):
        close = difflib.get_close_matches(wrong, list(choices), n=1, cutoff=0.5) if wrong is not None else []
        super().__init__(message + (f" (did you mean `{close[0]}`?)" if close else ""))
        self.location = location


class _Run:
    """One proposal under evaluation: the rule's options and an index of inverse references."""

    __slots__ = ("proposal", "options", "referred")

    def __init__(self, proposal: Proposal, options: dict[str, Any]):
        self.proposal = proposal
        self.options = options
        self.referred: dict[tuple[str, str], set[str]] = {}


Test = Callable[[_Run, Any], bool]


def _attribute(location: Location, kinds: tuple[str, ...], name: str) -> str:
    """The type of an attribute on every kind it is read from; a PackProblem where one lacks it."""
    types = set()
    for kind in kinds:
        known = attributes(kind)
        if name not in known:
            raise PackProblem(location, f"`{name}` is not an attribute of a {kind}", name, known)
        types.add(known[name])
    return types.pop() if len(types) == 1 else "mixed"


def _option(location: Location, options: dict, name: Any, wanted: tuple[str, ...]) -> str:
    if not isinstance(name, str) or name not in options:
        choices = list(options)
        hint = f"; its options are {', '.join(choices)}" if choices else "; the rule declares no `options`"
        raise PackProblem(location, f"the rule has no option `{name}`{hint}", str(name), choices)
    if options[name].type not in wanted:
        raise PackProblem(
            location, f"option `{name}` is of type {options[name].type}; here it must be {' or '.join(wanted)}"
        )
    return name


def _option_ref(value: Any) -> Any:
    """`{option: NAME}`: the name, else None."""
    if isinstance(value, dict) and set(value) == {"option"}:
        return value["option"]
    return None


# --- `is` ----------------------------------------------------------------------------------------


def _canonical_value(location: Location, name: str, type_: str, value: Any) -> Any:
    """A value written in a pack (either language, YAML's yes/no) as the model holds it."""
    if type_ in ("money", "date", "drop", "stated", "element"):
        how = "use `compare`" if type_ in ("money", "date") else "use `present` or `missing`"
        raise PackProblem(location, f"`is` cannot test `{name}` (a {type_}); {how}")
    if type_ == "yesno":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("yes", "ja", "no", "nee"):
            return value.lower() in ("yes", "ja")
        raise PackProblem(location, f"`{name}` is yes or no, not `{value}`", str(value), ("yes", "no"))
    if isinstance(value, bool):  # YAML reads an unquoted yes/no as a boolean
        value = "yes" if value else "no"
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise PackProblem(location, f"`is` takes a value or a list of values for `{name}`, not {value!r}")
    value = str(value)
    allowed = enum_values(type_)
    if allowed is not None:
        pair = lookup_value(type_[5:], value)
        if pair is None:
            english = allowed[::2]
            raise PackProblem(location, f"`{value}` is not a value of `{name}` ({', '.join(english)})", value, english)
        return pair[0]
    for enum in ("role", "subject"):  # a built-in role or subject in either language; else a declared ID
        if type_.startswith(enum):
            pair = lookup_value(enum, value)
            return pair[0] if pair else value
    return value


def _is_value(value: Any) -> Any:
    if isinstance(value, Dpia):
        return value.decision
    return plain(value)


def _compile_is(location: Location, kinds, spec: dict, rule) -> Test:
    tests = []
    for name, wanted in spec.items():
        at = (*location, name)
        type_ = _attribute(at, kinds, name)
        read = get_of(name)
        option = _option_ref(wanted)
        if option is not None:
            option = _option(at, rule.options, option, ("words", "subjects"))
            tests.append(_is_option(read, option))
            continue
        values = wanted if isinstance(wanted, list) else [wanted]
        if not values:
            raise PackProblem(at, f"`is` needs at least one value for `{name}`")
        choices = frozenset(
            _canonical_value((*at, i) if isinstance(wanted, list) else at, name, type_, v) for i, v in enumerate(values)
        )
        tests.append(_is_fixed(read, choices))
    return lambda run, item: all(test(run, item) for test in tests)


def _matches(value: Any, choices) -> bool:
    if isinstance(value, list):
        return any(v in choices for v in value)
    return value in choices


def _is_fixed(read, choices) -> Test:
    return lambda run, item: _matches(_is_value(read(item)), choices)


def _is_option(read, option: str) -> Test:
    def test(run: _Run, item: Any) -> bool:
        words = {str(word).lower() for word in run.options.get(option, ())}
        value = _is_value(read(item))
        values = value if isinstance(value, list) else [value]
        return any(isinstance(v, str) and v.lower() in words for v in values)

    return test


# --- `compare` -----------------------------------------------------------------------------------

_OPERATORS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def _amount(location: Location, name: str, operand: Any) -> tuple[Decimal, str | None]:
    text = str(operand).strip() if not isinstance(operand, bool) else ""
    amount, _, currency = text.partition(" ")
    try:
        value = Decimal(amount.replace("_", ""))
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise PackProblem(
            location, f'`{name}` is an amount: compare it with a number such as 50000 or "50000 EUR", not {operand!r}'
        ) from None
    currency = currency.strip().upper() or None
    if currency is not None and not (len(currency) == 3 and currency.isalpha()):
        raise PackProblem(location, f"`{currency}` is not a currency code (ISO 4217, such as EUR)")
    return value, currency


def _date(location: Location, name: str, operand: Any) -> date:
    if isinstance(operand, date):
        return operand
    try:
        return date.fromisoformat(str(operand))
    except ValueError:
        raise PackProblem(
            location, f"`{name}` is a date: compare it with a date such as 2026-08-01, not {operand!r}"
        ) from None


def _compile_compare(location: Location, kinds, spec: Compare, rule) -> Test:
    name, operator, operand = spec.compare
    type_ = _attribute((*location, 0), kinds, name)
    if type_ not in ("money", "date"):
        raise PackProblem((*location, 0), f"`compare` works on amounts and dates; `{name}` is a {type_}")
    compare, read = _OPERATORS[operator], get_of(name)
    option = _option_ref(operand)
    if option is not None:
        if type_ != "money":
            raise PackProblem(
                (*location, 2), f"an option (a whole number) can only be compared with an amount, not with `{name}`"
            )
        option = _option((*location, 2), rule.options, option, ("integer",))

        def test(run: _Run, item: Any) -> bool:
            value = plain(read(item))
            return isinstance(value, Money) and compare(value.amount, Decimal(run.options[option]))

        return test
    if type_ == "money":
        amount, currency = _amount((*location, 2), name, operand)

        def test(run: _Run, item: Any) -> bool:
            value = plain(read(item))
            if not isinstance(value, Money) or (currency and currency != value.currency):
                return False
            return compare(value.amount, amount)

        return test
    when = _date((*location, 2), name, operand)

    def test(run: _Run, item: Any) -> bool:
        value = plain(read(item))
        return isinstance(value, date) and compare(value, when)

    return test


# --- the rest ------------------------------------------------------------------------------------


def get_of(name: str) -> Callable[[Any], Any]:
    return lambda item: get(item, name)


def _reference(location: Location, kinds, name: str, what: str) -> str:
    type_ = _attribute(location, kinds, name)
    target = target_kind(type_)
    if target is None:
        raise PackProblem(location, f"`{what}` needs an attribute that refers to elements; `{name}` is a {type_}")
    return target


def condition(location: Location, kinds: tuple[str, ...], spec: Any, rule) -> Test:
    """One condition, compiled for items of these kinds."""
    match spec:
        case Missing(missing=name):
            _attribute((*location, "missing"), kinds, name)
            read = get_of(name)
            return lambda run, item: read(item) is None
        case Present(present=name):
            _attribute((*location, "present"), kinds, name)
            read = get_of(name)
            return lambda run, item: read(item) is not None
        case Is(is_=expected):
            return _compile_is((*location, "is"), kinds, expected, rule)
        case Compare():
            return _compile_compare((*location, "compare"), kinds, spec, rule)
        case IctRole(ict_role=name):
            type_ = _attribute((*location, "ict-role"), kinds, name)
            if type_ not in ("role", "roles"):
                raise PackProblem((*location, "ict-role"), f"`ict-role` needs a role attribute; `{name}` is a {type_}")
            read = get_of(name)

            def ict(run: _Run, item: Any) -> bool:
                role = read(item)
                if not isinstance(role, Attribute):
                    return False
                roles = role.value if isinstance(role.value, list) else [role.value]
                return any(run.proposal.is_ict_role(r) for r in roles)

            return ict
        case Follow(follow=follow):
            at = (*location, "follow")
            target = _reference((*at, "via"), kinds, follow.via, "follow.via")
            where = condition((*at, "where"), (target,), follow.where, rule) if follow.where is not None else None
            via = follow.via

            def follows(run: _Run, item: Any) -> bool:
                value = get(item, via)
                value = value.value if isinstance(value, Attribute) else value
                for reference in value if isinstance(value, list) else [value]:
                    found = run.proposal.element(reference) if isinstance(reference, Ref) else None
                    if found is not None and (where is None or where(run, found)):
                        return True
                return False

            return follows
        case ReferredBy(referred_by=spec_):
            at = (*location, "referred-by")
            target = _reference((*at, "via"), (spec_.kind,), spec_.via, "referred-by.via")
            if any(kind != target for kind in kinds):
                raise PackProblem(
                    (*at, "via"), f"`{spec_.via}` of a {spec_.kind} refers to a {target}, not to a {kinds[0]}"
                )
            key = (spec_.kind, spec_.via)

            def referred(run: _Run, item: Any) -> bool:
                if key not in run.referred:
                    found: set[str] = set()
                    for other in items(run.proposal, spec_.kind):
                        value = plain(get(other, spec_.via))
                        found.update(value if isinstance(value, list) else ([value] if value is not None else []))
                    run.referred[key] = found
                return getattr(item, "id", None) in run.referred[key]

            return referred
        case Has(has=spec_) | Lacks(lacks=spec_):
            word = "has" if isinstance(spec, Has) else "lacks"
            kind = spec_.kind
            where = (
                condition((*location, word, "where"), (kind,), spec_.where, rule) if spec_.where is not None else None
            )

            def some(run: _Run, item: Any) -> bool:
                return any(where is None or where(run, other) for other in items(run.proposal, kind))

            return some if word == "has" else (lambda run, item: not some(run, item))
        case OnProposal(proposal=inner):
            test = condition((*location, "proposal"), ("proposal",), inner, rule)
            return lambda run, item: test(run, run.proposal)
        case All(all=conditions):
            tests = [condition((*location, "all", i), kinds, c, rule) for i, c in enumerate(conditions)]
            return lambda run, item: all(test(run, item) for test in tests)
        case AnyOf(any=conditions):
            tests = [condition((*location, "any", i), kinds, c, rule) for i, c in enumerate(conditions)]
            return lambda run, item: any(test(run, item) for test in tests)
        case Not(not_=inner):
            test = condition((*location, "not"), kinds, inner, rule)
            return lambda run, item: not test(run, item)
    raise PackProblem(location, "not a condition")  # pragma: no cover - the pack model forbids it


@dataclass(frozen=True, slots=True)
class CompiledCheck:
    """A declarative check ready to run: `check(proposal, context)` yields its hits."""

    kinds: tuple[str, ...]
    when: Test | None
    flag: Test
    at: str | None
    args: tuple[tuple[str, str], ...]
    variant: str

    def __call__(self, proposal: Proposal, context: Context) -> Iterable[Hit]:
        run = _Run(proposal, context.options)
        for kind in self.kinds:
            for item in items(proposal, kind):
                if self.when is not None and not self.when(run, item):
                    continue
                if not self.flag(run, item):
                    continue
                anchor = get(item, self.at) if self.at else None
                span = anchor.span if isinstance(anchor, Node) else item.span
                subject = getattr(item, "id", None) or getattr(item, "subject", None) or kind
                yield Hit(span, str(subject), {name: argument(item, attr) for name, attr in self.args}, self.variant)


def compile_check(location: Location, check: Declarative, rule) -> CompiledCheck:
    kinds = tuple(check.for_ if isinstance(check.for_, list) else [check.for_])
    when = condition((*location, "when"), kinds, check.when, rule) if check.when is not None else None
    flag = condition((*location, "flag"), kinds, check.flag, rule)
    if check.at is not None:
        _attribute((*location, "at"), kinds, check.at)
    for name, attr in check.args.items():
        _attribute((*location, "args", name), kinds, attr)
    if check.variant not in rule.messages:
        raise PackProblem(
            (*location, "variant"), f"no message `{check.variant}` in `messages`", check.variant, rule.messages
        )
    return CompiledCheck(kinds, when, flag, check.at, tuple(check.args.items()), check.variant)
