"""What every stage shares: where something is in the text, and a finding before it has words.

The language stage reports `Diagnostic`s (a code, a message variant and its arguments); the engine
gives them sentences from the rule pack, so every sentence a user reads lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict


class Span(BaseModel):
    """A stretch of the source: 1-based lines, 1-based columns counted in characters, end inclusive
    of its last character's line and exclusive of its column (as Lark counts)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def at(cls, line: int, column: int, end_line: int | None = None, end_column: int | None = None) -> "Span":
        # The parser makes one Span per token: build it the way model_construct does, minus the
        # generic work (a quarter of the parse time otherwise). The values come from the lexer.
        span = _new(cls)
        _set(
            span,
            "__dict__",
            {
                "line": line,
                "column": column,
                "end_line": line if end_line is None else end_line,
                "end_column": column + 1 if end_column is None else end_column,
            },
        )
        _set(span, "__pydantic_fields_set__", _SPAN_FIELDS)
        _set(span, "__pydantic_extra__", None)
        _set(span, "__pydantic_private__", None)
        return span

    def to(self, other: "Span") -> "Span":
        return Span.at(self.line, self.column, other.end_line, other.end_column)


_new = object.__new__
_set = object.__setattr__
_SPAN_FIELDS = frozenset({"line", "column", "end_line", "end_column"})


@dataclass(frozen=True, slots=True)
class Term:
    """A message argument that names a vocabulary term (an element kind, a value kind, a keyword);
    the engine writes it in the message's language."""

    key: str
    spellings: tuple[str, str] | None = None  # (en, nl) for keywords; None: look the key up in the pack's terms


@dataclass(slots=True)
class Diagnostic:
    code: str
    span: Span
    variant: str = "default"
    args: dict[str, Any] = field(default_factory=dict)
