"""Completion: what may be written where the cursor is, in the file's language."""

from __future__ import annotations

from lsprotocol import types

from im_lint.api import Engine
from im_lint.engine.catalogue import UNSUPPRESSIBLE
from im_lint.language.vocabulary import ENUMS, keywords_allowed_in
from im_lint.lsp.context import Cursor
from im_lint.lsp.fora import fora_completions
from im_lint.lsp.symbols import Index

Kind = types.CompletionItemKind
# Argument kinds whose values are enumerated, and the enumeration (roles and subjects are too).
_VALUES = {"yesno": "yesno", "role": "role", "roles": "role", "subject": "subject", "none?": "none"}
# Declared elements that may stand where a built-in role or subject does.
_DECLARED = {"role": "role", "roles": "role", "subject": "stakeholder"}
_LIST_KINDS = ("refs:", "roles", "strings", "proposals")


def argument_kind(cursor: Cursor) -> str | None:
    args = cursor.keyword.args if cursor.keyword else ()
    if not args:
        return None
    if args[0].startswith(_LIST_KINDS):  # a comma list: every word is the first argument
        return args[0]
    return args[cursor.argument] if cursor.argument < len(args) else None


def complete(cursor: Cursor, lang: str, symbols: Index, engine: Engine) -> list[types.CompletionItem]:
    fora = fora_completions(cursor, engine)
    if fora is not None:
        return fora
    if cursor.in_string or (cursor.in_comment and not cursor.suppression):
        return []
    if cursor.suppression:
        return _rules(engine, lang)
    if cursor.keyword is None:
        return [
            types.CompletionItem(
                label=keyword.spelling(lang),
                kind=Kind.Keyword,
                detail=keyword.spelling("en" if lang == "nl" else "nl"),
                sort_text=f"{index:03}",
            )
            for index, keyword in enumerate(keywords_allowed_in(cursor.place))
        ]
    kind = argument_kind(cursor)
    if kind is None:
        return []
    items: list[types.CompletionItem] = []
    if kind.startswith(("ref:", "refs:")):
        target = kind.split(":", 1)[1]
        items += [_element(definition.id, definition.title) for definition in symbols.of_kind(target)]
    enum = kind[5:] if kind.startswith("enum:") else _VALUES.get(kind)
    if enum is not None:
        items += [
            types.CompletionItem(
                label=nl if lang == "nl" else en, kind=Kind.EnumMember, detail=en if lang == "nl" else nl
            )
            for en, nl in ENUMS[enum]
        ]
    if kind in _DECLARED:
        items += [_element(definition.id, definition.title) for definition in symbols.of_kind(_DECLARED[kind])]
        if kind != "subject":
            items += [_element(role, declared.name) for role, declared in engine.config.roles.items()]
    return items


def _element(identifier: str, title: str) -> types.CompletionItem:
    return types.CompletionItem(label=identifier, kind=Kind.Reference, detail=title or None)


def _rules(engine: Engine, lang: str) -> list[types.CompletionItem]:
    items = []
    for code, rule in engine.catalogue.rules.items():
        if code in UNSUPPRESSIBLE:
            continue
        summary = rule.summary.get(lang)
        items.append(types.CompletionItem(label=code, kind=Kind.Value, detail=rule.name, documentation=summary))
        items.append(types.CompletionItem(label=rule.name, kind=Kind.Value, detail=code, documentation=summary))
    return items
