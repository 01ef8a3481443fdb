"""The checks that rule packs name: small functions over one proposal, found by name.

A check takes the proposal and the rule's context (its options) and yields `Hit`s; the engine turns
each hit into a finding with the rule's message. Checks from other distributions register through
the `im_lint.checks` entry point group; a pack can name nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from im_lint.model import Proposal
from im_lint.source import Span


@dataclass(slots=True)
class Hit:
    span: Span
    subject: str  # what the finding is about (an identifier, or a keyword): part of its fingerprint
    args: dict[str, Any] = field(default_factory=dict)
    variant: str = "default"


@dataclass(slots=True)
class Context:
    options: dict[str, Any]
    declared_subjects: frozenset[str] = frozenset()
    every_rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    today: date = field(default_factory=date.today)  # the run's date (`--today`)
    sector: str | None = None  # the configuration's `sector`, for proposals that state none
    reference: Any = None  # reference.links.Links: what the file's names are in the catalogue, if one is set
    facts_of: Callable[[], Any] | None = None  # the facts of law (engine/facts.py), read on first use

    @property
    def facts(self) -> Any:
        return self.facts_of()

    def option_of(self, code: str, name: str) -> Any:
        """Another rule's option, where one rule's definition serves several (IM501's word list)."""
        return self.every_rule_options[code][name]


Check = Callable[[Proposal, Context], Iterable[Hit]]

BUILTIN_CHECKS: dict[str, Check] = {}


def registrar(table: dict) -> Callable:
    """A decorator factory that files functions under a name in `table` (`@check("name")`)."""

    def named(name: str) -> Callable:
        def register(function: Callable) -> Callable:
            table[name] = function
            return function

        return register

    return named


check = registrar(BUILTIN_CHECKS)


def load_builtin_checks() -> dict[str, Check]:
    from im_lint.engine.checks import (  # noqa: F401  (registers)
        ai,
        chain,
        dates,
        dpia,
        impact,
        money,
        participation,
        privacy,
        procurement,
        reference,
        replacement,
        text,
    )

    return BUILTIN_CHECKS
