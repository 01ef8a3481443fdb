"""A statement's arguments, checked against its keyword's signature in the vocabulary.

`read_arguments` turns the words after a keyword into typed values (one per signature slot) and
reports IM003 for a wrong kind, count or value, with a suggestion where one exists. References and
roles are only shaped here; the builder resolves them once every element is known.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from im_lint.language.construct import construct
from im_lint.language.syntax import Statement, Word
from im_lint.language.values import Invalid, date_in_words, read_date, read_money, read_string
from im_lint.language.vocabulary import ENUMS, Keyword, lookup_value
from im_lint.model import Dpia, Money, Ref, RoleRef, Stated
from im_lint.source import Diagnostic, Span, Term

STRING_KINDS = ("STRING", "TEXT_BLOCK", "OPEN_STRING", "OPEN_TEXT_BLOCK")


class Unread:
    """A slot whose argument was wrong or missing (already reported)."""


UNREAD = Unread()


def nearest(word: str, candidates: list[str], cutoff: float = 0.6) -> str | None:
    return _nearest(word.lower(), tuple(candidates), cutoff)


@lru_cache(maxsize=4096)
def _nearest(word: str, candidates: tuple[str, ...], cutoff: float) -> str | None:
    # Remembered (a broken file repeats its mistakes), and only candidates whose length allows a
    # ratio of `cutoff` are compared: difflib's own quick test, without its cost per candidate.
    # Then a file of a hundred thousand broken lines costs what its distinct words cost.
    size = len(word)
    possible = [c for c in candidates if 2 * min(size, len(c)) >= cutoff * (size + len(c))]
    found = difflib.get_close_matches(word, possible, n=1, cutoff=cutoff) if possible else []
    return found[0] if found else None


class ArgumentReader:
    """Reads one statement's arguments; reports into `diagnostics`."""

    def __init__(self, diagnostics: list[Diagnostic], lang: str):
        self.diagnostics = diagnostics
        self.lang = lang

    def report(self, span: Span, variant: str, **args) -> None:
        self.diagnostics.append(Diagnostic("IM003", span, variant, args))

    def read(self, statement: Statement, keyword: Keyword) -> list[Any] | None:
        """One value per signature slot (None for an absent optional one), or None when the
        statement is too broken to use."""
        groups = list(statement.arguments)
        written = statement.keyword.text
        values: list[Any] = []
        for slot in keyword.args:
            after_none = bool(values) and values[-1] is True and keyword.args[len(values) - 1] == "none?"
            optional = slot.endswith("?")
            kind = slot.rstrip("?")
            if kind == "none":
                values.append(self._take_none(groups))
                continue
            if kind in ("date", "money") and groups:
                values.append(self._read_compound(kind, groups, written))
                continue
            if not groups:
                if optional:
                    values.append(None)
                    continue
                if after_none:
                    self.report(statement.span, "none-needs-reason", keyword=written)
                else:
                    self.report(statement.span, "missing-argument", keyword=written, expected=Term(_term_of(kind)))
                values.append(UNREAD)
                continue
            group = groups.pop(0)
            values.append(self._read_slot(kind, group, written))
        if groups:
            extra = groups[0][0]
            self.report(extra.span, "too-many-arguments", keyword=written, found=_show(extra))
        return values

    # --- slots -----------------------------------------------------------------------------------
    def _read_slot(self, kind: str, group: list[Word], keyword: str) -> Any:
        is_list = kind in ("strings", "roles", "proposals") or kind.startswith(("refs:", "list:"))
        if len(group) > 1 and not is_list:
            self.report(group[1].span, "not-a-list", keyword=keyword)
            return UNREAD
        reader = _READERS.get(kind)
        if reader is not None:
            return reader(self, group[0], keyword)
        if kind == "strings":
            read = [self._string(word, keyword) for word in group]
            return UNREAD if any(value is UNREAD for value in read) else read
        if kind == "roles":
            read = [self._role(word, keyword) for word in group]
            return [value for value in read if value is not UNREAD]
        if kind == "proposals":
            read = [self._name(word, keyword) for word in group]
            return [
                construct(Ref, span=word.span, id=name, target="proposal")
                for word, name in zip(group, read)
                if name is not UNREAD
            ]
        if kind.startswith("ref:") or kind.startswith("refs:"):
            target = kind.split(":", 1)[1]
            refs = [
                construct(Ref, span=word.span, id=word.text, target=target)
                for word in group
                if self._name(word, keyword) is not UNREAD
            ]
            return refs if is_list else (refs[0] if refs else UNREAD)
        if kind.startswith("list:"):
            read = [self._enum(kind[5:], word, keyword) for word in group]
            return [value for value in read if value is not UNREAD] or UNREAD
        if kind.startswith("enum:") or kind == "yesno":
            return self._enum(kind.split(":", 1)[-1], group[0], keyword)
        raise AssertionError(f"unknown argument kind {kind}")  # pragma: no cover - vocabulary bug

    def _name(self, word: Word, keyword: str) -> Any:
        if word.kind != "NAME":
            self.report(word.span, "default", keyword=keyword, expected=Term("id"), found=_show(word))
            return UNREAD
        return word.text

    def _string(self, word: Word, keyword: str) -> Any:
        if word.kind not in STRING_KINDS:
            self.report(word.span, "default", keyword=keyword, expected=Term("string"), found=_show(word))
            return UNREAD
        return read_string(word)

    def _role(self, word: Word, keyword: str) -> Any:
        if word.kind != "NAME":
            self.report(word.span, "default", keyword=keyword, expected=Term("role"), found=_show(word))
            return UNREAD
        builtin = lookup_value("role", word.text)
        if builtin:
            return construct(RoleRef, span=word.span, id=builtin[0], builtin=True, spelling=word.text)
        return construct(RoleRef, span=word.span, id=word.text, builtin=False, spelling=word.text)

    def _enum(self, enum: str, word: Word, keyword: str) -> Any:
        found = lookup_value(enum, word.text) if word.kind == "NAME" else None
        if found:
            return (found[0], word.text)
        allowed = [pair[1] if self.lang == "nl" else pair[0] for pair in ENUMS[enum]]
        everything = [spelling for pair in ENUMS[enum] for spelling in pair]
        suggestion = nearest(word.text, everything) if word.kind == "NAME" else None
        if suggestion:
            pair = lookup_value(enum, suggestion)
            suggestion = pair[1] if self.lang == "nl" else pair[0]
            self.report(word.span, "not-in-set-suggest", keyword=keyword, value=_show(word), suggestion=suggestion)
        else:
            self.report(word.span, "not-in-set", keyword=keyword, value=_show(word), allowed=", ".join(allowed))
        return UNREAD

    def _take_none(self, groups: list[list[Word]]) -> bool:
        if groups and len(groups[0]) == 1 and groups[0][0].kind == "NAME" and lookup_value("none", groups[0][0].text):
            groups.pop(0)
            return True
        return False

    def _read_compound(self, kind: str, groups: list[list[Word]], keyword: str) -> Any:
        """Dates and money may be written over several words (`8 december 2026`, `85000 EUR`)."""
        first = groups[0][0]
        if len(groups[0]) > 1:
            self.report(groups[0][1].span, "not-a-list", keyword=keyword)
            groups.pop(0)
            return UNREAD
        if kind == "date":
            words = [group[0].text for group in groups[:3] if len(group) == 1]
            in_words = date_in_words(words)
            if in_words:
                last = groups[2][0]
                del groups[:3]
                # The span covers the whole written date, so that a fix can replace it.
                self.report(first.span.to(last.span), "date-format", value=" ".join(words), suggestion=in_words)
                return UNREAD
            groups.pop(0)
            if first.kind != "VALUE":
                self.report(first.span, "default", keyword=keyword, expected=Term("date"), found=_show(first))
                return UNREAD
            try:
                return read_date(first.text)
            except Invalid as invalid:
                self.report(first.span, invalid.variant, **invalid.args_)
                return UNREAD
        groups.pop(0)
        if first.kind != "VALUE":
            self.report(first.span, "default", keyword=keyword, expected=Term("money"), found=_show(first))
            return UNREAD
        spaced = []  # `85 000 EUR`: thousands separated by spaces, never read as 85
        end = first.span  # the span of an invalid amount covers it all, currency included (for fixes)
        while (
            groups
            and len(groups[0]) == 1
            and groups[0][0].kind == "VALUE"
            and re.fullmatch(r"[0-9]{3}", groups[0][0].text)
        ):
            end = groups[0][0].span
            spaced.append(groups.pop(0)[0].text)
        if spaced:
            currency = "EUR"
            if groups and groups[0][0].kind == "NAME":
                end = groups[0][0].span
                currency = groups.pop(0)[0].text
            written = " ".join([first.text, *spaced])
            self.report(
                first.span.to(end),
                "money-format",
                value=f"{written} {currency}",
                suggestion=f"{first.text.lstrip('€ ')}{''.join(spaced)} {currency.upper()}",
            )
            return UNREAD
        currency = None
        if groups and len(groups[0]) == 1 and groups[0][0].kind == "NAME" and not first.text.startswith("€"):
            end = groups[0][0].span
            currency = groups.pop(0)[0].text
        try:
            amount, code = read_money(first.text, currency)
        except Invalid as invalid:
            self.report(first.span.to(end), invalid.variant, **invalid.args_)
            return UNREAD
        return construct(Money, amount=amount, currency=code)


# The slots that take one word, and the method that reads it.
_READERS: dict[str, Callable[[ArgumentReader, Word, str], Any]] = {
    "id": ArgumentReader._name,
    "string": ArgumentReader._string,
    "title": ArgumentReader._string,
    "role": ArgumentReader._role,
    "subject": ArgumentReader._name,
}


def _term_of(kind: str) -> str:
    if kind.startswith(("enum:", "list:")):
        return "a-value"
    if kind.startswith("ref:") or kind.startswith("refs:"):
        return "id"
    return {"title": "string", "strings": "string", "roles": "role", "proposals": "id", "none": "a-value"}.get(
        kind, kind
    )


def _show(word: Word) -> str:
    text = word.text if len(word.text) <= 60 else word.text[:57] + "..."
    return text.splitlines()[0] if text else text


def make_stated(none: bool, text: Any) -> Stated:
    return construct(Stated, none=none, text=None if text in (None, UNREAD) else text)


def make_dpia(decision: Any, note: Any) -> Dpia | None:
    if decision is UNREAD:
        return None
    return construct(Dpia, decision=decision[0], note=None if note in (None, UNREAD) else note)
