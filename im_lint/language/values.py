"""Words -> typed values: strings, dates, money, with a suggestion for the usual ways to get them wrong.

Each reader returns the value, or raises `Invalid` with the IM003 variant and its arguments.
"""

from __future__ import annotations

import re
import textwrap
from datetime import date
from decimal import Decimal, InvalidOperation

from im_lint.language.syntax import Word


class Invalid(Exception):
    def __init__(self, variant: str, **args):
        super().__init__(variant)
        self.variant = variant
        self.args_ = args


_ESCAPE = re.compile(r'\\(["\\])')


def read_string(word: Word) -> str:
    """The text of a string or text block; escapes `\\"` and `\\\\`, any other backslash stays."""
    raw = word.text
    if word.kind == "TEXT_BLOCK":
        return _text_block(raw[3:-3])
    if word.kind == "OPEN_TEXT_BLOCK":
        return _text_block(raw[3:])
    if word.kind == "OPEN_STRING":
        return _ESCAPE.sub(r"\1", raw[1:]).rstrip()
    if "\\" not in raw:  # the usual string: nothing to unescape
        return raw[1:-1]
    return _ESCAPE.sub(r"\1", raw[1:-1])


def _text_block(body: str) -> str:
    body = body.replace("\r\n", "\n")
    if body.startswith("\n"):
        body = body[1:]
    lines = body.split("\n")
    if len(lines) > 1 and not lines[-1].strip():
        lines[-1] = ""  # the closing line's indentation is not part of the text
    return _ESCAPE.sub(r"\1", textwrap.dedent("\n".join(lines)))


# --- dates -----------------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LOOSE_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "januari", "jan"),
            ("february", "februari", "feb"),
            ("march", "maart", "mar", "mrt"),
            ("april", "apr"),
            ("may", "mei"),
            ("june", "juni", "jun"),
            ("july", "juli", "jul"),
            ("august", "augustus", "aug"),
            ("september", "sep", "sept"),
            ("october", "oktober", "oct", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def _iso_or_none(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def read_date(text: str) -> date:
    match = _ISO.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise Invalid("impossible-date", value=text) from None
    suggestion = None
    if match := _LOOSE_ISO.match(text):
        suggestion = _iso_or_none(int(match[1]), int(match[2]), int(match[3]))
    elif match := _DAY_FIRST.match(text):  # 08-12-2026: the Dutch write day-month-year
        suggestion = _iso_or_none(int(match[3]), int(match[2]), int(match[1]))
    if suggestion is None:
        raise Invalid("date-format", value=text, suggestion="YYYY-MM-DD")
    raise Invalid("date-format", value=text, suggestion=suggestion)


def date_in_words(words: list[str]) -> str | None:
    """`8 december 2026` -> '2026-12-08' (the suggestion), else None."""
    if len(words) != 3 or not words[0].isdigit() or not words[2].isdigit():
        return None
    month = MONTHS.get(words[1].lower().rstrip("."))
    return _iso_or_none(int(words[2]), month, int(words[0])) if month else None


# --- numbers and money -----------------------------------------------------------------------------

_NUMBER = re.compile(r"^[0-9](?:_?[0-9])*(?:\.[0-9](?:_?[0-9])*)?$")
_THOUSANDS_DOT = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+|,-)?$")
_THOUSANDS_COMMA = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_DECIMAL_COMMA = re.compile(r"^[0-9]+,(?:[0-9]{1,2}|-)$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


def _plain_number(text: str) -> str | None:
    """The number a Dutch or English writer most likely meant, in the language's form."""
    if _NUMBER.match(text) and not re.search(r"\.[0-9]{3}$", text):
        return text
    if _THOUSANDS_DOT.match(text):
        whole, _, decimals = text.partition(",")
        whole = whole.replace(".", "")
        return whole if decimals in ("", "-") else f"{whole}.{decimals}"
    if _THOUSANDS_COMMA.match(text):
        return text.replace(",", "")
    if _DECIMAL_COMMA.match(text):
        whole, _, decimals = text.partition(",")
        return whole if decimals == "-" else f"{whole}.{decimals}"
    if re.fullmatch(r"[0-9]+\.[0-9]{3}", text):
        return text.replace(".", "")
    return None


def read_amount(text: str) -> Decimal:
    """A number as the language writes it: 85000, 85_000, 1250.50."""
    if _NUMBER.match(text) and not re.search(r"\.[0-9]{3}$", text):
        try:
            return Decimal(text.replace("_", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            pass
    raise Invalid("number-format", value=text)


def read_money(amount_text: str, currency_text: str | None) -> tuple[Decimal, str]:
    """`85000 EUR`; `85.000 EUR`, `85,000 EUR` and `€ 85000` are invalid with a suggestion."""
    euro = amount_text.startswith("€")
    bare = amount_text.lstrip("€").strip()
    currency = (currency_text or ("EUR" if euro else "")).upper()
    written = f"{amount_text} {currency_text}" if currency_text else amount_text
    plain = _plain_number(bare)
    if euro or plain != bare:
        suggestion = f"{plain or bare} {currency or 'EUR'}"
        if plain and (_THOUSANDS_DOT.match(bare) or re.fullmatch(r"[0-9]+\.[0-9]{3}", bare)) and not euro:
            raise Invalid("thousands-dot", value=written, suggestion=suggestion)
        if plain is None:
            raise Invalid("number-format", value=written)
        raise Invalid("money-format", value=written, suggestion=suggestion)
    if not currency_text:
        raise Invalid("money-format", value=amount_text, suggestion=f"{amount_text} EUR")
    if not _CURRENCY.match(currency_text):
        raise Invalid("currency", value=currency_text)
    return read_amount(bare), currency
