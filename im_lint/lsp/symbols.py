"""Identifiers in a syntax tree: where each is defined, where it is referred to, and the outline.

Read from the syntax tree, not the model, so a file with a broken line still has its outline and
its references. Which argument defines or refers to what comes from the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lsprotocol import types

from im_lint.language.syntax import Statement, SyntaxTree
from im_lint.language.vocabulary import lookup_keyword
from im_lint.source import Span

SYMBOL_KINDS = {
    "proposal": types.SymbolKind.File,
    "role": types.SymbolKind.Constant,
    "stakeholder": types.SymbolKind.Object,
    "goal": types.SymbolKind.Event,
    "process": types.SymbolKind.Namespace,
    "activity": types.SymbolKind.Function,
    "need": types.SymbolKind.Interface,
    "provision": types.SymbolKind.Module,
    "technology": types.SymbolKind.Class,
    "existing": types.SymbolKind.Struct,
}

# Arguments that may name a declared element besides `ref:`/`refs:`: a role, or a stakeholder as
# an impact's subject (else they are built-in values).
_MAYBE_REFERENCE = {"role": "role", "roles": "role", "subject": "stakeholder"}


@dataclass
class Definition:
    id: str
    kind: str  # the English keyword: goal, activity, ...
    title: str
    span: Span  # the identifier
    statement: Statement


@dataclass
class Reference:
    id: str
    kind: str
    span: Span


@dataclass
class Index:
    definitions: dict[str, Definition] = field(default_factory=dict)  # the first definition of an ID
    references: list[Reference] = field(default_factory=list)
    top: list[Statement] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Definition]:
        return [definition for definition in self.definitions.values() if definition.kind == kind]

    def at(self, line: int, column: int) -> Definition | Reference | None:
        """The definition or reference whose identifier is under a 1-based position."""
        for item in [*self.definitions.values(), *self.references]:
            span = item.span
            if span.line == line and span.column <= column <= span.end_column:
                return item
        return None

    def uses(self, identifier: str) -> list[Span]:
        """Every place an ID is written: its definition first, then its references."""
        found = [self.definitions[identifier].span] if identifier in self.definitions else []
        return found + [reference.span for reference in self.references if reference.id == identifier]


def title_of(statement: Statement) -> str:
    if len(statement.arguments) < 2 or not statement.arguments[1]:
        return ""
    text = statement.arguments[1][0].text
    return text.strip('"').strip()


def index(tree: SyntaxTree | None) -> Index:
    found = Index()
    if tree is None:
        return found
    maybe: list[Reference] = []
    pending = list(reversed(tree.statements))
    found.top = list(tree.statements)
    while pending:
        statement = pending.pop()
        keyword = lookup_keyword(statement.keyword.text)
        if statement.block:
            pending.extend(reversed(statement.block))
        if keyword is None:
            continue
        for kind, argument in zip(keyword.args, statement.arguments):
            words = [word for word in argument if word.kind == "NAME"]
            if kind == "id" and words and keyword.en in SYMBOL_KINDS:
                found.definitions.setdefault(
                    words[0].text, Definition(words[0].text, keyword.en, title_of(statement), words[0].span, statement)
                )
            elif kind.startswith(("ref:", "refs:")):
                target = kind.split(":", 1)[1]
                found.references.extend(Reference(word.text, target, word.span) for word in words)
            elif kind in _MAYBE_REFERENCE:
                maybe.extend(Reference(word.text, _MAYBE_REFERENCE[kind], word.span) for word in words)
    found.references.extend(
        reference
        for reference in maybe
        if reference.id in found.definitions and found.definitions[reference.id].kind == reference.kind
    )
    return found
