"""Bytes -> text, or the one IM006 finding a file gets when it is not a readable proposal text."""

from __future__ import annotations

from dataclasses import dataclass

from im_lint.files import human_size
from im_lint.source import Diagnostic, Span

BOM = "\ufeff"
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str  # without the byte-order mark
    has_bom: bool
    newline: str  # "\r\n" when the file's first line break is CRLF, else "\n"


def unreadable(variant: str, at: tuple[int, int] = (1, 1), **args) -> Diagnostic:
    return Diagnostic("IM006", Span.at(*at), variant, args)


def decode(data: bytes, max_size: int = DEFAULT_MAX_FILE_SIZE) -> SourceText | Diagnostic:
    if len(data) > max_size:
        return unreadable("too-large", size=human_size(len(data)), limit=human_size(max_size))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return unreadable("not-utf8", (line, column), line=line, column=column)
    return from_text(text)


def from_text(text: str) -> SourceText | Diagnostic:
    has_bom = text.startswith(BOM)
    if has_bom:
        text = text[1:]
    if not text.replace(BOM, "").strip():  # nothing but white space (and stray byte-order marks)
        return unreadable("empty")
    if "\x00" in text:
        before = text[: text.index("\x00")]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return unreadable("not-utf8", (line, column), line=line, column=column)
    first_break = text.find("\n")
    newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
    return SourceText(text, has_bom, newline)
