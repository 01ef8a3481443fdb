"""Syntax tree -> proposal model: keywords checked against the vocabulary, identifiers registered,
references resolved. Reports IM002–IM006 as diagnostics; never raises on input.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from im_lint.language.arguments import UNREAD, ArgumentReader, make_dpia, make_stated, nearest
from im_lint.language.construct import construct
from im_lint.language.syntax import Statement, SyntaxTree
from im_lint.language.vocabulary import (
    ENUMS,
    ICT_ROLES,
    NEEDS_REASON,
    PARTICIPATION_NONE,
    TOP,
    Keyword,
    by_en,
    enum_of,
    keywords_allowed_in,
    lookup_keyword,
    lookup_value,
    spelling_language,
)
from im_lint.model import (
    ELEMENT_CLASSES,
    Attribute,
    Capacity,
    Choice,
    Drop,
    Element,
    Impact,
    Outcome,
    Participation,
    Privacy,
    Procurement,
    Proposal,
    Ref,
    RoleRef,
    attribute_class,
)
from im_lint.source import Diagnostic, Span, Term

SUGGESTION_COMPARISONS = 200_000  # per file; a proposal of 100 elements and 100 unknown names uses 10,000


@dataclass
class Declarations:
    """Roles and subjects that a project declares for all its proposals (configuration)."""

    roles: dict[str, bool] = field(default_factory=dict)  # id -> is an ICT role
    subjects: frozenset[str] = frozenset()


@dataclass
class Built:
    proposal: Proposal | None
    diagnostics: list[Diagnostic]
    lang: str


def mostly_used_language(tree: SyntaxTree) -> str:
    """The language with more keywords and enumerated values among those whose two spellings
    differ; a tie is Dutch."""
    counts = {"en": 0, "nl": 0}
    pending = list(tree.statements)
    while pending:
        statement = pending.pop()
        written = statement.keyword.text
        keyword = lookup_keyword(written)
        if keyword is not None:
            lang = spelling_language((keyword.en, keyword.nl), written)
            if lang:
                counts[lang] += 1
            for enum, group in zip(_slot_enums(keyword), statement.arguments):
                for word in group if enum else ():
                    pair = lookup_value(enum, word.text)
                    lang = spelling_language(pair, word.text) if pair else None
                    if lang:
                        counts[lang] += 1
            for group in statement.arguments:
                for word in group:
                    if word.kind == "NAME":
                        pair = lookup_value("none", word.text)
                        if pair:
                            counts[spelling_language(pair, word.text)] += 1
        if statement.block:
            pending.extend(statement.block)
    return "en" if counts["en"] > counts["nl"] else "nl"


_SLOT_ENUMS: dict[tuple[str, ...], tuple[str | None, ...]] = {}


def _slot_enums(keyword: Keyword) -> tuple[str | None, ...]:
    """The value set of each of a keyword's argument slots (None: no enumerated value), made once."""
    enums = _SLOT_ENUMS.get(keyword.args)
    if enums is None:
        enums = _SLOT_ENUMS[keyword.args] = tuple(enum_of(slot) for slot in keyword.args)
    return enums


class _Builder:
    def __init__(self, tree: SyntaxTree, declarations: Declarations):
        self.tree = tree
        self.declarations = declarations
        self.lang = mostly_used_language(tree)
        self.diagnostics: list[Diagnostic] = []
        self.reader = ArgumentReader(self.diagnostics, self.lang)
        self.index: dict[str, Element] = {}
        self.fields: dict[str, Any] = {}
        self.first_lines: dict[str, int] = {}  # impact subject -> first line
        self.stated: set[str] = set()  # top-level keywords written, valid or not
        # For dangling references: the ids of each kind, made once (after the index is complete), and
        # the suggestion found for each (kind, id), so that many dangling references stay linear.
        self._ids_by_kind: dict[str, list[str]] | None = None
        self._suggested: dict[tuple[str, str], str | None] = {}
        # Each suggestion compares a name with every name of its kind: thousands of unknown names
        # among thousands of elements would make that quadratic (a 640 KB file: five minutes). A
        # file gets this many comparisons; past them an unknown name is reported without one.
        self._comparisons = SUGGESTION_COMPARISONS

    def report(self, code: str, span: Span, variant: str = "default", **args) -> None:
        self.diagnostics.append(Diagnostic(code, span, variant, args))

    def spell(self, keyword: Keyword) -> str:
        return keyword.spelling(self.lang)

    # --- the proposal statement ------------------------------------------------------------------
    def find_proposal(self) -> Statement | None:
        statements = [s for s in self.tree.statements if not (s.broken and not s.keyword.text)]
        if not statements:
            return None
        first = statements[0]
        for statement in statements:
            keyword = lookup_keyword(statement.keyword.text)
            if keyword is not None and keyword.en == "proposal":
                if statement is not first:
                    self.report("IM002", statement.keyword.span, "not-first", keyword=statement.keyword.text)
                return statement
        if first.keyword.kind == "NAME" and lookup_keyword(first.keyword.text) is None:
            close = difflib.get_close_matches(first.keyword.text.lower(), ["proposal", "voorstel"], n=1, cutoff=0.7)
            if close:
                suggestion = self.spell(by_en()["proposal"])
                self.report("IM002", first.keyword.span, keyword=first.keyword.text, suggestion=suggestion)
                return first
        return None

    def build(self) -> Proposal | None:
        head = self.find_proposal()
        if head is None:
            return None
        values = self.reader.read(head, by_en()["proposal"])
        identifier = values[0] if values[0] is not UNREAD else ""
        title = values[1] if values[1] is not UNREAD else ""
        id_span = head.arguments[0][0].span if head.arguments else head.keyword.span
        self.fields = {
            "span": head.span,
            "spelling": head.keyword.text,
            "id": identifier,
            "id_span": id_span,
            "title": title,
            "lang": self.lang,
        }
        if head.block is not None:
            self.report("IM003", head.span, "no-block", keyword=head.keyword.text)
        for statement in self.tree.statements:
            if statement is not head:
                self.top_statement(statement)
        if "kind" not in self.stated:
            self.report("IM003", head.span, "missing-kind")
        proposal = construct(Proposal, **self.fields)
        proposal._index = self.index
        proposal._ict_roles = frozenset(
            ICT_ROLES
            | {r for r, ict in self.declarations.roles.items() if ict}
            | {role.id for role in proposal.roles if role.ict and role.ict.value}
        )
        self.resolve(proposal)
        return proposal

    # --- statements ------------------------------------------------------------------------------
    def keyword_of(self, statement: Statement, place: str) -> Keyword | None:
        word = statement.keyword
        if not word.text:
            return None  # an empty line completed by error recovery
        if word.kind != "NAME":
            self.report("IM001", word.span, expected=Term("keyword"), found=word.text.splitlines()[0][:60])
            return None
        keyword = lookup_keyword(word.text)
        if keyword is None:
            allowed = keywords_allowed_in(place)
            candidates = [spelling for k in allowed for spelling in (k.en, k.nl)]
            close = nearest(word.text, candidates) or nearest(
                word.text, [s for k in by_en().values() for s in (k.en, k.nl)]
            )
            if close:
                suggested = lookup_keyword(close)
                self.report("IM002", word.span, keyword=word.text, suggestion=self.spell(suggested))
                if place == TOP and suggested.en in ELEMENT_CLASSES and TOP in suggested.places:
                    # `activty A1`: still declares A1 as an activity, so that one typo is one finding
                    # and not a trail of unresolved references and broken chains.
                    return suggested
            else:
                self.report("IM002", word.span, "no-suggestion", keyword=word.text)
            return None
        if place not in keyword.places:
            if place == TOP:
                parents = ", ".join(f"`{self.spell(by_en()[p])}`" for p in keyword.places)
                self.report("IM002", word.span, "misplaced-top", keyword=word.text, parents=parents)
            else:
                self.report("IM002", word.span, "misplaced-in", keyword=word.text, parent=self.spell(by_en()[place]))
            return None
        if statement.block is not None and not keyword.takes_block:
            self.report("IM003", statement.span, "no-block", keyword=word.text)
        return keyword

    def top_statement(self, statement: Statement) -> None:
        keyword = self.keyword_of(statement, TOP)
        if keyword is None:
            return
        if keyword.en == "proposal":
            self.report(
                "IM003", statement.span, "repeated", keyword=statement.keyword.text, first_line=self.fields["span"].line
            )
            return
        self.stated.add(keyword.en)
        if keyword.en == "participation":  # two forms: its own reader
            self.participation(statement, keyword)
            return
        values = self.reader.read(statement, keyword)
        if keyword.en in ELEMENT_CLASSES:
            self.element(statement, keyword, values)
        elif keyword.en == "impact":
            self.impact(statement, keyword, values)
        elif keyword.en in CONTAINERS:
            self.container(statement, keyword)
        else:
            self.attribute_into(self.fields, statement, keyword, values)

    def block_attributes(self, statement: Statement, keyword: Keyword) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for child in statement.block or ():
            child_keyword = self.keyword_of(child, keyword.en)
            if child_keyword is None:
                continue
            self.attribute_into(fields, child, child_keyword, self.reader.read(child, child_keyword))
        return fields

    def attribute_into(self, fields: dict[str, Any], statement: Statement, keyword: Keyword, values: list[Any]) -> None:
        value, spelling = _attribute_value(keyword, values)
        if value is UNREAD:
            return
        if isinstance(value, Choice) and value.note is None and NEEDS_REASON.get(keyword.en) == value.value:
            self.report("IM003", statement.span, "value-needs-reason", keyword=statement.keyword.text, value=spelling)
        # The builder made every value itself; construct (model_construct) skips re-validating it.
        attribute = construct(
            attribute_class(keyword.args),
            span=statement.span,
            keyword=keyword.en,
            spelling=statement.keyword.text,
            value=value,
            value_spelling=spelling,
        )
        if keyword.repeatable:
            fields.setdefault(keyword.field, []).append(attribute)
        elif keyword.field in fields:
            self.report(
                "IM003",
                statement.span,
                "repeated",
                keyword=statement.keyword.text,
                first_line=fields[keyword.field].span.line,
            )
        else:
            fields[keyword.field] = attribute

    def element(self, statement: Statement, keyword: Keyword, values: list[Any]) -> None:
        identifier, title = values
        if identifier is UNREAD:
            return
        id_span = statement.arguments[0][0].span
        fields = self.block_attributes(statement, keyword)
        if "data_of" in fields and "personal_data" in fields and not fields["personal_data"].value:
            self.report(
                "IM003",
                fields["data_of"].span,
                "data-of-without-personal-data",
                keyword=fields["data_of"].spelling,
                other=fields["personal_data"].spelling,
            )
        element = construct(
            ELEMENT_CLASSES[keyword.en],
            span=statement.span,
            spelling=statement.keyword.text,
            id=identifier,
            id_span=id_span,
            title="" if title is UNREAD else title,
            **fields,
        )
        if keyword.en in ("role", "stakeholder") and (
            lookup_value("role", identifier) or lookup_value("subject", identifier)
        ):
            self.report("IM004", id_span, "builtin-name", id=identifier)
        if identifier in self.index:
            self.report("IM004", id_span, id=identifier, first_line=self.index[identifier].id_span.line)
        else:
            self.index[identifier] = element
        self.fields.setdefault(keyword.field, []).append(element)

    def impact(self, statement: Statement, keyword: Keyword, values: list[Any]) -> None:
        subject_name, none, text = values
        if subject_name is UNREAD:
            return
        if not none and text is None:
            self.report(
                "IM003", statement.span, "missing-argument", keyword=statement.keyword.text, expected=Term("string")
            )
        builtin = lookup_value("subject", subject_name)
        subject = builtin[0] if builtin else subject_name
        subject_span = statement.arguments[0][0].span
        first = self.first_lines.setdefault(f"impact:{subject}", statement.span.line)
        if first != statement.span.line:
            self.report("IM004", subject_span, "duplicate-impact", subject=subject_name, first_line=first)
        impact = construct(
            Impact,
            span=statement.span,
            spelling=statement.keyword.text,
            subject=subject,
            subject_spelling=subject_name,
            subject_span=subject_span,
            stated=make_stated(none, text),
            **self.block_attributes(statement, keyword),
        )
        self.fields.setdefault("impacts", []).append(impact)

    def participation(self, statement: Statement, keyword: Keyword) -> None:
        """`participation BODY RIGHT { ... }` or `participation none "reason"`."""
        words = statement.arguments
        if words and len(words[0]) == 1 and lookup_value("none", words[0][0].text) and words[0][0].kind == "NAME":
            if len(words) == 1:
                self.report("IM003", statement.span, "participation-needs-reason", keyword=statement.keyword.text)
                reason = UNREAD
            else:
                none_form = Keyword(keyword.en, keyword.nl, PARTICIPATION_NONE, keyword.places, keyword.field)
                _, reason = self.reader.read(statement, none_form)
            if statement.block is not None:
                self.report("IM003", statement.span, "no-block", keyword=statement.keyword.text)
            node = construct(
                Participation,
                span=statement.span,
                spelling=statement.keyword.text,
                none=True,
                reason=None if reason is UNREAD else reason,
            )
            self.fields.setdefault(keyword.field, []).append(node)
            return
        body, right = self.reader.read(statement, keyword)
        fields = self.block_attributes(statement, keyword)
        if right is not UNREAD and right[0] == "information" and "outcome" in fields:
            outcome = fields.pop("outcome")
            self.report("IM003", outcome.span, "outcome-on-information", keyword=outcome.spelling, right=right[1])
        node = construct(
            Participation,
            span=statement.span,
            spelling=statement.keyword.text,
            body=None if body is UNREAD else body[0],
            right=None if right is UNREAD else right[0],
            right_spelling=None if right is UNREAD else right[1],
            **fields,
        )
        self.fields.setdefault(keyword.field, []).append(node)

    def container(self, statement: Statement, keyword: Keyword) -> None:
        model = CONTAINERS[keyword.en]
        node = construct(
            model, span=statement.span, spelling=statement.keyword.text, **self.block_attributes(statement, keyword)
        )
        if keyword.field in self.fields:
            self.report(
                "IM003",
                statement.span,
                "repeated",
                keyword=statement.keyword.text,
                first_line=self.fields[keyword.field].span.line,
            )
            return
        self.fields[keyword.field] = node

    # --- references ------------------------------------------------------------------------------
    def resolve(self, proposal: Proposal) -> None:
        declared_roles = {role.id for role in proposal.roles} | set(self.declarations.roles)
        declared_subjects = {s.id for s in proposal.stakeholders} | set(self.declarations.subjects)
        role_names: list[str] | None = None  # made on the first unknown role, once
        for node in _walk_values(proposal):
            if isinstance(node, Ref) and node.target != "proposal":
                self.resolve_ref(node)
            elif isinstance(node, RoleRef) and not node.builtin and node.id not in declared_roles:
                if role_names is None:
                    role_names = [pair[1] if self.lang == "nl" else pair[0] for pair in ENUMS["role"]]
                    role_names += sorted(declared_roles)
                self.report(
                    "IM005", node.span, "unknown-role", id=node.id, suggestion=self._nearest(node.id, role_names)
                )
        subject_names: list[str] | None = None
        for impact in proposal.impacts:
            if lookup_value("subject", impact.subject) is None and impact.subject not in declared_subjects:
                if subject_names is None:
                    subject_names = [pair[1] if self.lang == "nl" else pair[0] for pair in ENUMS["subject"]]
                    subject_names += sorted(declared_subjects)
                self.report(
                    "IM005",
                    impact.subject_span,
                    "unknown-subject",
                    id=impact.subject,
                    suggestion=self._nearest(impact.subject, subject_names),
                )

    def _spend(self, comparisons: int) -> bool:
        """Whether a suggestion that compares with this many names still fits the file's budget."""
        if comparisons > self._comparisons:
            return False
        self._comparisons -= comparisons
        return True

    def _nearest(self, word: str, names: list[str]) -> str:
        """The closest of the names (a role's or a subject's), or the first once the budget is spent."""
        return (nearest(word, names, 0.0) if self._spend(len(names)) else None) or names[0]

    def _suggestion(self, kind: str, identifier: str) -> str | None:
        if self._ids_by_kind is None:
            self._ids_by_kind = {}
            for element in self.index.values():
                self._ids_by_kind.setdefault(element.keyword, []).append(element.id)
        key = (kind, identifier)
        if key not in self._suggested:
            ids = self._ids_by_kind.get(kind, [])
            close = difflib.get_close_matches(identifier, ids, n=1, cutoff=0.5) if self._spend(len(ids)) else []
            self._suggested[key] = close[0] if close else None
        return self._suggested[key]

    def resolve_ref(self, ref: Ref) -> None:
        found = self.index.get(ref.id)
        if found is None:
            suggestion = self._suggestion(ref.target, ref.id)
            if suggestion:
                self.report("IM005", ref.span, "suggest", id=ref.id, expected=Term(ref.target), suggestion=suggestion)
            else:
                self.report("IM005", ref.span, id=ref.id, expected=Term(ref.target))
        elif found.keyword != ref.target:
            self.report(
                "IM005", ref.span, "wrong-kind", id=ref.id, expected=Term(ref.target), actual=Term(found.keyword)
            )


CONTAINERS = {"capacity": Capacity, "privacy": Privacy, "procurement": Procurement}


def _attribute_value(keyword: Keyword, values: list[Any]) -> tuple[Any, str | None]:
    if keyword.en in ("collaboration", "training"):
        none, text = values
        return (UNREAD if text is UNREAD else make_stated(none, text)), None
    if keyword.en == "drops":
        function, reason = values
        return (UNREAD if UNREAD in (function, reason) else construct(Drop, function=function, reason=reason)), None
    if keyword.en == "dpia":
        dpia = make_dpia(*values)
        return (UNREAD if dpia is None else dpia), values[0][1] if dpia else None
    value = values[0] if values else UNREAD
    if keyword.args[0].startswith("list:") and value is not UNREAD:
        return [canonical for canonical, _ in value], None
    if len(keyword.args) == 2 and value is not UNREAD and keyword.args[0].startswith("enum:"):
        canonical, written = value
        extra = None if values[1] in (None, UNREAD) else values[1]
        if keyword.args[1] == "date?":
            return construct(Outcome, value=canonical, day=extra), written
        return construct(Choice, value=canonical, note=extra), written
    if isinstance(value, tuple):  # an enumerated value: (English, as written)
        canonical, written = value
        if keyword.args[0] == "yesno":
            return canonical == "yes", written
        return canonical, written
    return value, None


def _walk_values(proposal: Proposal):
    """Every Ref and RoleRef of the proposal, in source order of their holders."""
    holders: list[Any] = [proposal, *proposal.elements()]
    for holder in holders:
        for attribute in vars(holder).values():  # the fields, in their order
            if isinstance(attribute, Attribute):
                value = attribute.value
                yield from (value if isinstance(value, list) else [value])


def build(tree: SyntaxTree, declarations: Declarations | None = None) -> Built:
    builder = _Builder(tree, declarations or Declarations())
    proposal = builder.build()
    diagnostics = list(tree.errors)
    seen_syntax = {d.span.line for d in diagnostics}
    for diagnostic in builder.diagnostics:
        if diagnostic.span.line in tree.broken_lines and diagnostic.code != "IM001":
            continue  # one broken line, one finding
        if diagnostic.code == "IM001":
            if diagnostic.span.line in seen_syntax:
                continue
            seen_syntax.add(diagnostic.span.line)
        diagnostics.append(diagnostic)
    diagnostics.sort(key=lambda d: (d.span.line, d.span.column))
    return Built(proposal, diagnostics, builder.lang)
