"""The rules a run knows: every pack's rules by code and by name, and how a selector picks them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the pack model (pydantic) is not needed to look a rule up
    from im_lint.engine.packs import PackFile, Rule, Text

# The language itself: a file that cannot be read or parsed is never a silent pass.
UNSUPPRESSIBLE = frozenset({"IM001", "IM002", "IM003", "IM004", "IM005", "IM006"})


class UnknownSelector(ValueError):
    def __init__(self, selector: str, suggestion: str | None):
        hint = f"; did you mean `{suggestion}`?" if suggestion else ""
        super().__init__(f"unknown rule `{selector}`{hint}")
        self.selector = selector
        self.suggestion = suggestion


@dataclass
class Catalogue:
    rules: dict[str, Rule] = field(default_factory=dict)  # code -> rule, in pack order
    by_name: dict[str, Rule] = field(default_factory=dict)
    categories: dict[str, Text] = field(default_factory=dict)  # category code -> title
    category_of: dict[str, str] = field(default_factory=dict)  # rule code -> category code
    terms: dict[str, Text] = field(default_factory=dict)

    @classmethod
    def from_packs(cls, *packs: tuple[PackFile, ...] | list[PackFile]) -> "Catalogue":
        catalogue = cls()
        for pack in packs:
            for pack_file in pack:
                catalogue.add(pack_file)
        return catalogue

    def add(self, pack_file: PackFile) -> None:
        self.categories[pack_file.category.code] = pack_file.category.title
        self.terms.update(pack_file.terms)
        for rule in pack_file.rules:
            if rule.code in self.rules or rule.name in self.by_name:
                raise ValueError(f"rule {rule.code} ({rule.name}) is defined twice")
            self.rules[rule.code] = rule
            self.by_name[rule.name] = rule
            self.category_of[rule.code] = pack_file.category.code

    def find(self, code_or_name: str) -> Rule | None:
        return find_rule(self.rules, self.by_name, code_or_name)

    def select(self, selector: str) -> list[str]:
        """Codes picked by a code, a name, a prefix (`IM2`, `IM`) or `ALL`."""
        key = selector.strip()
        rule = self.find(key)
        if rule is not None:
            return [rule.code]
        upper = key.upper()
        if upper == "ALL":
            return list(self.rules)
        picked = [code for code in self.rules if code.startswith(upper)] if upper else []
        if picked:
            return picked
        raise UnknownSelector(selector, self.nearest(key))

    def nearest(self, key: str) -> str | None:
        return nearest_rule([*self.rules, *self.by_name], key)


def find_rule(by_code: dict[str, Any], by_name: dict[str, Any], code_or_name: str) -> Any:
    """A rule by its code (any case) or its name; None when there is none. (Also used by `explain`
    on the compiled pack's plain data.)"""
    key = code_or_name.strip()
    return by_code.get(key.upper()) or by_name.get(key.lower())


def nearest_rule(candidates: list[str], key: str) -> str | None:
    """The code or name closest to a mistyped one."""
    import difflib

    found = difflib.get_close_matches(
        key.upper() if key[:1].isalpha() and key[-1:].isdigit() else key.lower(), candidates, n=1, cutoff=0.5
    )
    return found[0] if found else None
