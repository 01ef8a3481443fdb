"""The syntax tree: what the parser makes of a text (statements, their words, the comments).

Plain data, kept apart from the parser so that what only reads a tree (suppressions, the cache,
the formatter) does not load Lark.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from im_lint.source import Diagnostic, Span


@dataclass(slots=True)
class Word:
    """One argument or keyword as written. `kind` is the grammar's terminal name."""

    kind: str
    text: str
    span: Span

    @property
    def is_string(self) -> bool:
        return self.kind in ("STRING", "TEXT_BLOCK", "OPEN_STRING", "OPEN_TEXT_BLOCK")


@dataclass(slots=True)
class Statement:
    keyword: Word
    arguments: list[list[Word]]  # each argument is one value, or several for a comma list
    span: Span  # the statement's own line(s), without its block
    block: list["Statement"] | None = None
    block_span: Span | None = None  # from `{` to `}`
    broken: bool = False  # the line had a syntax error; its other findings are not reported

    @property
    def end_line(self) -> int:
        return self.block_span.end_line if self.block_span else self.span.end_line


@dataclass(slots=True)
class Comment:
    text: str  # from '#' to the end of the line
    span: Span
    own_line: bool  # alone on its line (else it ends a statement's line)


@dataclass(slots=True)
class SyntaxTree:
    statements: list[Statement]
    comments: list[Comment]
    errors: list[Diagnostic]
    broken_lines: set[int] = field(default_factory=set)
