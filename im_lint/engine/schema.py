"""Which attributes each element kind has, and of what type: read from the vocabulary once, so the
pack compiler can tell a pack author that `vendor` is not an attribute of a `goal`."""

from __future__ import annotations

from functools import cache
from types import MappingProxyType

from im_lint.language.vocabulary import ELEMENTS, ENUMS, KEYWORDS, TOP

KINDS = ("proposal", *ELEMENTS, "impact", "capacity", "privacy")

# Types beyond the vocabulary's argument kinds: `id`, `title`, `element` (the item's kind), and an
# impact's `subject`, `none` (yes/no) and `text`.
_SPECIAL = {"id": "id", "title": "string", "element": "element"}
_IMPACT = {"subject": "subject", "none": "yesno", "text": "string"}


def _type_of(arguments: tuple[str, ...]) -> str:
    if arguments[:1] == ("none?",):  # `collaboration none "reason"`: a text or none
        return "stated"
    if arguments == ("string", "string"):
        return "drop"
    return arguments[0].rstrip("?")


@cache
def attributes(kind: str) -> MappingProxyType:
    """Attribute name -> type (`string`, `date`, `money`, `enum:kind`, `role`, `refs:goal`, ...)."""
    found: dict[str, str] = {"element": "element"}
    if kind == "proposal":
        found.update({"id": "id", "title": "string"})
        for keyword in KEYWORDS:
            if TOP in keyword.places and not keyword.takes_block and keyword.en != "proposal":
                found[keyword.en] = _type_of(keyword.args)
        return MappingProxyType(found)
    if kind in ELEMENTS:
        found.update(_SPECIAL)
    if kind == "impact":
        found.update(_IMPACT)
    for keyword in KEYWORDS:
        if kind in keyword.places:
            found[keyword.en] = _type_of(keyword.args)
    return MappingProxyType(found)


def enum_values(type_: str) -> tuple[str, ...] | None:
    """The values (both languages) an attribute of this type may be compared with; None: any text."""
    if type_.startswith("enum:"):
        return tuple(spelling for pair in ENUMS[type_[5:]] for spelling in pair)
    if type_ == "yesno":
        return ("yes", "no", "ja", "nee")
    return None


def target_kind(type_: str) -> str | None:
    """The element kind a reference attribute points at (`refs:goal` -> goal)."""
    if type_.startswith(("ref:", "refs:")):
        return type_.split(":", 1)[1]
    return None
