"""Hover: a finding's rule, a keyword's meaning and its other spelling, an identifier's kind and title."""

from __future__ import annotations

import re

from im_lint.api import Engine, Linted
from im_lint.language.vocabulary import lookup_keyword
from im_lint.lsp.fora import fora_hover
from im_lint.lsp.symbols import Index

_WORD = re.compile(r"[^\s,\"#{}]+")
_SUPPRESSION = re.compile(r"#\s*im-lint\s*:\s*ignore", re.IGNORECASE)

# How each argument kind reads in a sentence, for a keyword's hover.
_ARGUMENTS = {
    "en": {
        "id": "an ID",
        "title": "a title",
        "string": "a text",
        "string?": "a text (optional)",
        "strings": "texts, comma-separated",
        "date": "a date (YYYY-MM-DD)",
        "money": "an amount and a currency (85000 EUR)",
        "yesno": "yes or no",
        "role": "a role",
        "roles": "roles, comma-separated",
        "subject": "who or what is affected",
        "none?": "`none` (optional)",
        "proposals": "proposal IDs",
    },
    "nl": {
        "id": "een ID",
        "title": "een titel",
        "string": "een tekst",
        "string?": "een tekst (optioneel)",
        "strings": "teksten, gescheiden door komma's",
        "date": "een datum (JJJJ-MM-DD)",
        "money": "een bedrag en een valuta (85000 EUR)",
        "yesno": "ja of nee",
        "role": "een rol",
        "roles": "rollen, gescheiden door komma's",
        "subject": "wie of wat het raakt",
        "none?": "`geen` (optioneel)",
        "proposals": "ID's van voorstellen",
    },
}


def word_at(line: str, column: int) -> tuple[str, int] | None:
    """The word under a 1-based column of a line, and the column it starts at."""
    for match in _WORD.finditer(line):
        if match.start() + 1 <= column <= match.end() + 1:
            return match.group(), match.start() + 1
    return None


def _argument(kind: str, lang: str) -> str:
    words = _ARGUMENTS[lang]
    if kind.startswith(("ref:", "refs:")):
        target = lookup_keyword(kind.split(":", 1)[1])
        name = target.spelling(lang) if target else kind
        return ("verwijzingen naar " if lang == "nl" else "references to ") + f"`{name}`"
    if kind.startswith("enum:"):
        return ("een waarde" if lang == "nl" else "a value") + f" ({kind[5:]})"
    return words.get(kind, kind)


def keyword_hover(word: str, lang: str) -> str | None:
    keyword = lookup_keyword(word)
    if keyword is None:
        return None
    other = "en" if lang == "nl" else "nl"
    other_name = "English" if other == "en" else "Nederlands"
    lines = [f"**{keyword.spelling(lang)}** ({other_name}: `{keyword.spelling(other)}`)"]
    if keyword.args:
        label = "Neemt" if lang == "nl" else "Takes"
        lines.append(f"{label}: " + ", ".join(_argument(kind, lang) for kind in keyword.args))
    places = [lookup_keyword(place) for place in keyword.places if place != "top"]
    if places:
        label = "Staat in een blok" if lang == "nl" else "Goes in a block of"
        lines.append(f"{label}: " + ", ".join(f"`{place.spelling(lang)}`" for place in places if place))
    if keyword.takes_block:
        lines.append("Kan een blok `{ ... }` hebben." if lang == "nl" else "May have a block `{ ... }`.")
    return "\n\n".join(lines)


def rule_hover(code_or_name: str, engine: Engine, lang: str) -> str | None:
    rule = engine.catalogue.find(code_or_name.strip(",;"))
    if rule is None:
        return None
    return f"**{rule.code}** `{rule.name}` ({rule.severity})\n\n{rule.summary.get(lang)}"


def hover_text(line_text: str, line: int, column: int, linted: Linted, symbols: Index, engine: Engine) -> str | None:
    lang = linted.parsed.lang
    parts = []
    for finding in linted.findings:
        if (finding.line, finding.column) <= (line, column) <= (finding.end_line, finding.end_column):
            rule = engine.catalogue.rules.get(finding.code)
            summary = rule.summary.get(lang) if rule else ""
            parts.append(f"**{finding.code}** `{finding.name}`: {finding.message}\n\n{summary}".strip())
    found = word_at(line_text, column)
    if found is not None:
        word, start = found
        comment = line_text.find("#")
        if 0 <= comment < start and _SUPPRESSION.match(line_text[comment:]):
            parts.append(rule_hover(word, engine, lang) or "")
        elif not line_text[: start - 1].strip():
            parts.append(keyword_hover(word, lang) or "")
        elif fora_hover(line_text, column, engine):
            parts.append(fora_hover(line_text, column, engine))
        else:
            item = symbols.at(line, column)
            definition = symbols.definitions.get(item.id) if item is not None else None
            if definition is not None and definition.kind == getattr(item, "kind", definition.kind):
                keyword = lookup_keyword(definition.kind)
                name = keyword.spelling(lang) if keyword else definition.kind
                parts.append(f"{name} **{definition.id}**" + (f": {definition.title}" if definition.title else ""))
    text = "\n\n---\n\n".join(part for part in parts if part)
    return text or None
