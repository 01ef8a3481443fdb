"""Text -> syntax tree: Lark (LALR, grammar analysed once) plus line-level error recovery.

The tree keeps the shape only: statements with their keyword, arguments and block, and every comment
with its position (for suppressions and the formatter). Syntax errors become IM001 diagnostics in the
user's words; after one, parsing resumes at the next line, so one broken line is reported once and
does not hide the rest of the file. A file with very many broken lines (a binary or a generated file)
is read up to `Limits.broken_lines` of them, and one far larger than any proposal up to `Limits.words`
words; then one IM001 says where reading stopped. So the cost of a file is bounded by what a proposal
can hold, not by how big or how broken the file is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from lark import Transformer

from im_lint.language.lark_adapter import Parser, Token, UnexpectedInput, make_parser
from im_lint.language.syntax import Comment, Statement, SyntaxTree, Word
from im_lint.language.vocabulary import TOP, lookup_keyword
from im_lint.source import Diagnostic, Span, Term

_COMMENT_IN_BREAK = re.compile(r"#[^\r\n]*")
_UNTERMINATED = {"OPEN_STRING": "unterminated-string", "OPEN_TEXT_BLOCK": "unterminated-text-block"}
_LINE_STARTS = ("NAME", "LBRACE", "RBRACE")  # what may begin a statement's line
_NO_WORD = frozenset({"_NL", "COMMA", "LBRACE", "RBRACE"})


@dataclass(frozen=True)
class Limits:
    """How much of a file is read before the rest is skipped (with one IM001 saying so)."""

    # Lines that are no statement (an unknown keyword, a syntax error): a real proposal has a few
    # hundred lines; a file with this many broken ones is no proposal to mend finding by finding.
    broken_lines: int = 1000
    # Words (keywords and values) and lines together: a full proposal has about 600 words on 150
    # lines; this many is some 300 of them in one file (1 to 2 MB of text), and keeps the tree, the
    # model and the findings of any file under 500 MiB.
    words: int = 250_000


MAX_BROKEN_LINES = Limits().broken_lines
MAX_WORDS = Limits().words


def _span(token: Token) -> Span:
    return Span.at(token.line, token.column, token.end_line, token.end_column)


class _Shape(Transformer):
    """Runs inline with the LALR parser: Lark tree nodes become Statements as they are reduced."""

    def word(self, children):  # pragma: no cover - `?word` is inlined to its token
        return children[0]

    def argument(self, children):
        # Synthetic empty names come from error recovery and carry nothing.
        return [
            Word(token.type, token.value, _span(token)) for token in children if token.type != "COMMA" and token.value
        ]

    def head(self, children):
        first = children[0]
        keyword = Word(first.type, first.value, _span(first))
        arguments = [argument for argument in children[1:] if argument]
        if not arguments:
            return Statement(keyword, arguments, keyword.span)  # spans are immutable: one will do
        end = arguments[-1][-1].span
        return Statement(keyword, arguments, Span.at(first.line, first.column, end.end_line, end.end_column))

    def simple(self, children):
        return children[0]

    def with_block(self, children):
        statement, lbrace, *inner, rbrace = children
        statement.block = inner
        statement.block_span = Span.at(lbrace.line, lbrace.column, rbrace.end_line, rbrace.end_column)
        return statement

    def start(self, children):
        return children


@cache
def _parser() -> Parser:
    grammar = files("im_lint.grammar").joinpath("proposal.lark").read_text(encoding="utf-8")
    return make_parser(grammar, _Shape())


def comments_between(text: str, start: int, end: int, line: int, most: int | None = None) -> list[Comment]:
    """The comments in text[start:end] (a line break token, or the gap before a token where an
    ignored comment sits), `line` being the line at `start`; at most `most` of them."""
    if text.find("#", start, end) < 0:
        return []
    found = []
    counted = start  # lines are counted from the previous comment on: linear in the break's length
    for match in _COMMENT_IN_BREAK.finditer(text, start, end):
        at = match.start()
        line_start = text.rfind("\n", 0, at) + 1
        line += text.count("\n", counted, at)
        counted = at
        comment_line = line
        column = at - line_start + 1
        own_line = not text[line_start:at].strip()
        found.append(
            Comment(match.group(), Span.at(comment_line, column, comment_line, column + len(match.group())), own_line)
        )
        if most is not None and len(found) >= most:
            break
    return found


def _gap_comments(text: str, previous: Token | None, token: Token) -> list[Comment]:
    """Comments that the lexer ignored between two tokens (one before a lone carriage return)."""
    start = previous.end_pos if previous is not None else 0
    if text.find("#", start, token.start_pos) < 0:
        return []
    return comments_between(text, start, token.start_pos, previous.end_line if previous is not None else 1)


def _synthetic(kind: str, value: str, near: Token) -> Token:
    return Token(kind, value, near.start_pos, near.line, near.column, near.end_line, near.end_column, near.end_pos)


class _Budget:
    """What one parse has read: the lines that are no statement (a line that starts with an unknown
    keyword or a value, and every line recovery reported) and the words. The token stream stops at
    the first line start once the broken lines are spent, or at the word past the last allowed,
    remembering that token (`stop`) and why (`variant`)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.lines: set[int] = set()
        self.stop: Token | None = None
        self.variant = ""
        self.last: Token | None = None  # the last token let through, and the blocks open after it
        self.depth = 0
        self.left = limits.words  # words, lines and comments still to be read
        self.first_unread: Span | None = None  # a comment, where the budget ran out inside a line break

    def comments(self, text: str, token: Token) -> list[Comment]:
        """The comments in a line break, each counted as a word; one more than the budget holds
        makes the stream stop there (a file of comments is bounded like one of words)."""
        room = max(self.left, 0)
        found = comments_between(text, token.start_pos, token.end_pos, token.line, room + 1)
        self.left -= len(found)
        if len(found) > room and self.first_unread is None:
            self.first_unread = found.pop().span  # reading stops at this comment
        return found

    def tokens(self, stream: Iterator[Token]) -> Iterator[Token]:
        line_start, last, depth = True, None, 0
        lines, most_lines = self.lines, self.limits.broken_lines
        for token in stream:
            kind = token.type
            if kind not in _NO_WORD:
                self.left -= 1
            if line_start and kind != "_NL":
                self.left -= 1  # a statement costs more than a word of a list: count its line too
                if len(lines) >= most_lines:
                    self.stop, self.variant, self.last, self.depth = token, "too-many-errors", last, depth
                    return
                if kind not in _LINE_STARTS or (kind == "NAME" and lookup_keyword(token.value) is None):
                    lines.add(token.line)
            if self.left < 0:
                self.stop, self.variant, self.last, self.depth = token, "too-large", last, depth
                return
            if kind == "_NL":
                line_start = True
                if last is not None and last.type == "LBRACE":
                    depth += 1
            else:
                line_start = False
                if kind == "RBRACE":
                    depth -= 1
            last = token
            yield token

    def ending(self) -> Iterator[Token]:
        """For the fast path, where reading stopped: tokens that end the line and close the blocks
        still open (a well-formed text's blocks; if they do not fit, recovery reads the text)."""
        last = self.last
        if self.stop is None or last is None:
            return
        if last.type == "COMMA":
            yield _synthetic("NAME", "", last)
        if last.type != "_NL":
            yield _synthetic("_NL", "\n", last)
        for _ in range(self.depth + (last.type == "LBRACE")):
            yield _synthetic("RBRACE", "}", last)
            yield _synthetic("_NL", "\n", last)

    def diagnostic(self, text: str) -> Diagnostic | None:
        """The IM001 that says where reading stopped and how much of the file was not read."""
        if self.stop is None:
            return None
        stop = self.stop
        span = (
            self.first_unread if self.variant == "too-large" and self.first_unread else Span.at(stop.line, stop.column)
        )
        rest = text.count("\n") - span.line + (1 if text.endswith("\n") else 2)
        limit = self.limits.words if self.variant == "too-large" else self.limits.broken_lines
        return Diagnostic("IM001", span, self.variant, {"limit": limit, "rest": rest})


def _with_gap_comments(text: str, tokens: Iterator[Token], sink: list[Comment]) -> Iterator[Token]:
    """The tokens, putting into `sink` the comments that the lexer ignored between two of them (only
    a lone carriage return makes it ignore one outside a line break)."""
    previous = None
    for token in tokens:
        if previous is None or previous.end_pos != token.start_pos:
            sink.extend(_gap_comments(text, previous, token))
        previous = token
        yield token


class _Recovery:
    """Feeds tokens to Lark's interactive parser; on an error, reports it once for its line, skips
    to the end of the line and completes the statement with synthetic tokens."""

    def __init__(self, text: str, limits: Limits):
        self.text = text
        self.parser = _parser()
        self.interactive = self.parser.start()
        self.budget = _Budget(limits)
        self.errors: list[Diagnostic] = []
        self.broken_lines: set[int] = set()  # statements whose own line had a syntax error
        self.reported_lines: set[int] = set()
        # Comments in line breaks are collected as the line breaks are fed; the few the lexer
        # ignored elsewhere as the tokens stream by. The tokens are never all held at once.
        self.comments: list[Comment] = []
        tokens = self.parser.lex(text)
        if "\r" in text:
            tokens = _with_gap_comments(text, tokens, self.comments)
        self.tokens = self.budget.tokens(tokens)
        self.open_blocks: list[tuple[Token, str, int]] = []  # (opening `{`, keyword, indentation)
        self.line_head: list[Token] = []  # tokens fed since the last line break
        self.previous_line_end: int | None = None  # last line of the statement fed before this line
        self.last_line_end = 0

    # --- feeding -------------------------------------------------------------------------------
    def feed(self, token: Token) -> None:
        self.interactive.feed(token)
        if token.type in _UNTERMINATED:
            self._error(token.line, Span.at(token.line, token.column), _UNTERMINATED[token.type])
            self.broken_lines.add(self.line_head[0].line if self.line_head else token.line)
        if token.type == "_NL":
            self._collect_comments(token)
            self._track_line_end()
        else:
            self.line_head.append(token)

    def _track_line_end(self) -> None:
        head = self.line_head
        if head and head[0].value:
            self.previous_line_end = head[-1].end_line
        if head and head[-1].type == "LBRACE":
            keyword = head[0].value if head[0].type != "LBRACE" else "{"
            indent = head[0].column
            self.open_blocks.append((head[-1], keyword, indent))
        elif head and head[0].type == "RBRACE" and self.open_blocks:
            self.open_blocks.pop()
        self.line_head = []

    def run(self) -> list[Statement]:
        for token in self.tokens:
            if not self.line_head and token.type not in ("_NL", "RBRACE"):
                self._close_forgotten_blocks(token)
            try:
                self.feed(token)
            except UnexpectedInput:
                self._recover(token)
        stopped = self.budget.diagnostic(self.text)
        if stopped is not None:
            self.errors.append(stopped)
        return self._finish()

    def _collect_comments(self, token: Token) -> None:
        if "#" in token.value:
            self.comments.extend(self.budget.comments(self.text, token))

    def _close_forgotten_blocks(self, token: Token) -> None:
        """A top-level element keyword at or left of an open block's indentation means its `}` was
        forgotten: report the block at its opening line and close it, so the rest of the file is read
        at the right level instead of as misplaced attributes."""
        if not self.open_blocks or token.type != "NAME":
            return
        keyword = lookup_keyword(token.value)
        if keyword is None or TOP not in keyword.places:
            return
        while self.open_blocks and token.column <= self.open_blocks[-1][2]:
            lbrace, opener, _ = self.open_blocks[-1]
            self._error(lbrace.line, Span.at(lbrace.line, lbrace.column), "unclosed-block", keyword=opener)
            self.feed(_synthetic("RBRACE", "}", token))
            self.feed(_synthetic("_NL", "\n", token))

    # --- errors ----------------------------------------------------------------------------------
    def _error(self, at_line: int, span: Span, variant: str, **args) -> None:
        if at_line in self.reported_lines:
            return
        self.reported_lines.add(at_line)
        self.budget.lines.add(at_line)
        self.errors.append(Diagnostic("IM001", span, variant, args))

    def _describe(self, token: Token) -> None:
        previous = self.line_head[-1] if self.line_head else None
        span = _span(token)
        if token.type == "RBRACE":
            if not self.open_blocks and not (previous is not None and previous.type == "LBRACE"):
                self._error(token.line, span, "unexpected-closing-brace")
            else:
                self._error(token.line, span, "brace-not-at-line-end")
        elif previous is not None and previous.type == "LBRACE":
            self._error(token.line, span, "brace-not-at-line-end")
        elif previous is not None and previous.type == "COMMA":
            if token.type == "_NL":
                self._error(previous.line, _span(previous), "trailing-comma")
            else:
                self._error(token.line, span, "default", expected=Term("a-value"), found=token.value)
        elif token.type == "LBRACE" and not self.line_head and self.previous_line_end is not None:
            self._error(token.line, span, "brace-on-own-line", line=self.previous_line_end)
        elif token.type == "LBRACE" and not self.line_head:
            self._error(token.line, span, "default", expected=Term("keyword"), found="{")
        elif token.type == "COMMA":
            self._error(token.line, span, "default", expected=Term("a-value"), found=",")
        else:
            self._error(token.line, span, "unexpected-character", found=token.value.strip() or repr(token.value))

    def _recover(self, token: Token) -> None:
        """Report the error at `token`, skip the rest of its line (taking those tokens from the
        stream) and end the line so that the parser stands at the start of a statement again."""
        self._describe(token)
        # Skip the rest of the line, remembering whether it ended in `{` or `}`.
        opens_block = closes_block = False
        current: Token | None = token
        while current is not None and current.type != "_NL":
            opens_block = current.type == "LBRACE"
            closes_block = current.type == "RBRACE"
            current = next(self.tokens, None)
        near = current if current is not None else token
        line_had_start = bool(self.line_head)
        previous = self.line_head[-1] if self.line_head else None
        line_break = current if current is not None else _synthetic("_NL", "\n", near)
        if not line_had_start and not opens_block:
            # Nothing of this line reached the parser; drop it (keeping its comments).
            if current is not None:
                self._collect_comments(current)
            return
        self._mark_broken_statement()
        name, brace, close = (
            _synthetic("NAME", "", near),
            _synthetic("LBRACE", "{", near),
            _synthetic("RBRACE", "}", near),
        )
        newline = _synthetic("_NL", "\n", near)
        # Ways to end this line so that the parser stands at the start of a statement again, the
        # likeliest meaning first: a broken line that ends in `{` still opens its block, one that
        # ends in `}` still closes one. The first that the parser accepts is taken.
        candidates: list[list[Token]] = []
        if previous is not None and previous.type == "LBRACE":
            candidates.append([line_break])
        if closes_block and line_had_start:
            candidates += [[newline, close, line_break], [newline]]
        head = [name] if previous is None or previous.type == "COMMA" else []
        if opens_block:
            candidates.append([*head, brace, line_break])
        candidates += [[*head, line_break], [line_break], [name, line_break], [close, line_break]]
        for sequence in candidates:
            if self._accepts(sequence):
                for synthetic_or_real in sequence:
                    self.feed(synthetic_or_real)
                if all(token is not line_break for token in sequence):
                    self._collect_comments(line_break)  # the comments after the line still count
                return
        # no completion fits (cannot happen with this grammar): the line is skipped

    def _accepts(self, sequence: list[Token]) -> bool:
        return self.interactive.accepts(sequence)

    def _mark_broken_statement(self) -> None:
        if self.line_head:
            self.broken_lines.add(self.line_head[0].line)

    def _finish(self) -> list[Statement]:
        if self.line_head:  # reading stopped within a line (or the text did not end with a break)
            near = self.line_head[-1]
            newline = _synthetic("_NL", "\n", near)
            ending = [newline] if self._accepts([newline]) else [_synthetic("NAME", "", near), newline]
            for token in ending:  # after a comma, an empty value ends the list
                self.feed(token)
        while self.open_blocks:
            lbrace, opener, _ = self.open_blocks[-1]
            if self.budget.stop is None:  # else the block may well close in what was not read
                self._error(lbrace.line, Span.at(lbrace.line, lbrace.column), "unclosed-block", keyword=opener)
            self.feed(_synthetic("RBRACE", "}", lbrace))
            self.feed(_synthetic("_NL", "\n", lbrace))
        return self.interactive.feed_eof()


def _then(first: Iterator[Token], then) -> Iterator[Token]:
    yield from first
    yield from then()


def within_limits(text: str, limits: Limits) -> bool:
    """Whether no limit can be reached in this text, so that the tokens need not be counted: every
    token and every comment takes at least one character and costs at most two words, and a text of
    fewer lines than `broken_lines` cannot have that many broken ones. Most proposals are so."""
    return 2 * len(text) <= limits.words and text.count("\n") + 1 < limits.broken_lines


def _parse_whole(text: str, limits: Limits) -> SyntaxTree | None:
    """The fast path: the whole text fed without recovery; None at the first syntax error. The
    comments are collected from the line breaks on the way, into this parse's own list."""
    comments: list[Comment] = []
    unterminated = False
    counted = not within_limits(text, limits)
    budget = _Budget(limits)

    def collecting(tokens):
        nonlocal unterminated
        for token in tokens:
            kind = token.type
            if kind == "_NL":
                if "#" in token.value:
                    comments.extend(budget.comments(text, token) if counted else comments_between(text, *_break(token)))
            elif kind in _UNTERMINATED:
                unterminated = True
            yield token

    parser = _parser()
    try:
        tokens = collecting(parser.lex(text))
        if "\r" in text:
            tokens = _with_gap_comments(text, tokens, comments)
        statements = parser.parse_tokens(_then(budget.tokens(tokens), budget.ending) if counted else tokens)
    except UnexpectedInput:
        return None
    if unterminated:
        return None  # let the recovery report them, once per line
    stopped = budget.diagnostic(text)
    return SyntaxTree(statements, comments, [stopped] if stopped else [], set())


def _break(token: Token) -> tuple[int, int, int]:
    return token.start_pos, token.end_pos, token.line


def parse(text: str, limits: Limits = Limits()) -> SyntaxTree:
    """Parse a proposal's text (already decoded, byte-order mark removed). Never raises on input."""
    if not text.endswith("\n"):
        text += "\n"
    whole = _parse_whole(text, limits)
    if whole is not None:
        return whole
    recovery = _Recovery(text, limits)
    statements = recovery.run()
    _mark_broken(statements, recovery.broken_lines)
    recovery.errors.sort(key=lambda diagnostic: (diagnostic.span.line, diagnostic.span.column))
    recovery.comments.sort(key=lambda comment: (comment.span.line, comment.span.column))
    return SyntaxTree(statements, recovery.comments, recovery.errors, recovery.broken_lines)


def _mark_broken(statements: list[Statement], broken_lines: set[int]) -> None:
    """Flag statements on broken lines; give a `{` written on a line of its own to the statement
    above it, which is what its writer meant (a lone `{` breaks no line, so this runs always)."""
    pending = [statements]
    while pending:
        siblings = pending.pop()
        for index in range(len(siblings) - 1, -1, -1):
            statement = siblings[index]
            if statement.span.line in broken_lines:
                statement.broken = True
            orphan_block = not statement.keyword.text and statement.block is not None
            if orphan_block and index and siblings[index - 1].block is None:
                siblings[index - 1].block = statement.block
                siblings[index - 1].block_span = statement.block_span
                del siblings[index]
            if statement.block:
                pending.append(statement.block)
