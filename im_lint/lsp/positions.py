"""Source spans (1-based lines, columns in characters) <-> LSP positions (0-based, UTF-16 units)."""

from __future__ import annotations

from lsprotocol import types

from im_lint.source import Span


class Lines:
    """A text's lines, split once, for converting columns both ways."""

    def __init__(self, text: str):
        self.lines = text.split("\n")

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def to_utf16(self, index: int, column: int) -> int:
        line = self.line(index)
        if line.isascii():
            return column
        return len(line[:column].encode("utf-16-le")) // 2

    def from_utf16(self, index: int, units: int) -> int:
        line = self.line(index)
        if line.isascii():
            return min(units, len(line))
        count = 0
        for column, char in enumerate(line):
            if count >= units:
                return column
            count += 2 if ord(char) > 0xFFFF else 1
        return len(line)

    def position(self, line: int, column: int) -> types.Position:
        """A 1-based line and character column as an LSP position."""
        return types.Position(line=line - 1, character=self.to_utf16(line - 1, column - 1))

    def range(self, span: Span) -> types.Range:
        return types.Range(
            start=self.position(span.line, span.column), end=self.position(span.end_line, span.end_column)
        )

    def range_of(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(start=self.position(line, column), end=self.position(end_line, end_column))

    def at(self, position: types.Position) -> tuple[int, int]:
        """An LSP position as a 1-based line and character column."""
        return position.line + 1, self.from_utf16(position.line, position.character) + 1


def contains(span: Span, line: int, column: int) -> bool:
    """Whether a 1-based position lies in a span (its end included: the cursor just after a word)."""
    if (line, column) < (span.line, span.column):
        return False
    return (line, column) <= (span.end_line, span.end_column)
