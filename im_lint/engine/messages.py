"""A rule's message in one language, its arguments written in that language too."""

from __future__ import annotations

from typing import Any

from im_lint.engine.packs import Rule, Text
from im_lint.source import Term


class _Arguments(dict):
    def __missing__(self, key: str) -> str:  # a template naming an argument the check did not give
        return "{" + key + "}"


def spell(value: Any, lang: str, terms: dict[str, Text]) -> str:
    if isinstance(value, Term):
        if value.spellings is not None:
            return value.spellings[1] if lang == "nl" else value.spellings[0]
        term = terms.get(value.key)
        return term.get(lang) if term else value.key
    return str(value)


def fill(template: str, args: dict[str, Any], lang: str, terms: dict[str, Text]) -> str:
    """A template (checked when its pack loaded: plain `{name}` fields only) with its arguments."""
    return template.format_map(_Arguments({name: spell(value, lang, terms) for name, value in args.items()}))


def render(rule: Rule, variant: str, args: dict[str, Any], lang: str, terms: dict[str, Text]) -> str:
    return fill((rule.messages.get(variant) or rule.messages["default"]).get(lang), args, lang, terms)


def plain(value: Any) -> Any:
    """A message argument as a plain JSON value: a term as its key, the same in both languages
    (`teachers`, `parents`, `meeting`), never the wording the message shows."""
    if isinstance(value, Term):
        return value.key
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return str(value)


def plain_args(args: dict[str, Any]) -> dict[str, Any]:
    return {name: plain(value) for name, value in args.items()}


def neutral(args: dict[str, Any]) -> str:
    """The arguments in a form that depends neither on the language nor on where things stand in the
    file (for fingerprints): line numbers are left out."""
    return ";".join(
        f"{name}={value.key if isinstance(value, Term) else value}"
        for name, value in sorted(args.items())
        if not name.endswith(("line", "column"))
    )
