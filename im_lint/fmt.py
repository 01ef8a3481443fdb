"""Syntax tree + comments -> the canonical layout of a proposal.

What changes: indentation (two spaces a level), one space between arguments, `, ` in lists, text
blocks re-indented under their statement, one blank line between elements, two spaces before a
comment at the end of a line, a blank line kept where the writer left one around comments on
their own lines. What stays: the order of statements, every comment where it belongs,
every word as written (so the spelling, English or Dutch, of every keyword and value), the line
endings and the byte-order mark. The tree is walked without
recursion, so deep nesting cannot exhaust Python's stack.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from im_lint.language.syntax import Comment, Statement, SyntaxTree, Word
from im_lint.language.values import read_string
from im_lint.language.vocabulary import ELEMENTS, lookup_keyword

INDENT = "  "
_GROUPED = {
    "impact": "impact",
    "participation": "participation",
    "risk": "closing",
    "alternative": "closing",
    "exit": "closing",
}


def _group(statement: Statement, position: int) -> str:
    """Top-level statements of one group stand together; a blank line separates groups. Every
    element (and capacity, privacy) is a group of its own."""
    keyword = lookup_keyword(statement.keyword.text)
    if keyword is None:  # an unknown keyword (a finding of its own) stays where it stands
        return f"element-{position}" if statement.block is not None else "header"
    if (
        keyword.en in ELEMENTS
        or keyword.en in ("capacity", "privacy", "procurement")
        or statement.block is not None
        and keyword.en not in ("impact", "participation")
    ):
        return f"element-{position}"
    return _GROUPED.get(keyword.en, "header")


_SPACES = re.compile(r"[ \t]*")  # indentation; a line of only this is an empty line of the value


def _text_block(raw: str, indent: str) -> str:
    """Re-indent a text block, keeping its value (what `values.read_string` reads) exactly: the
    common indentation is removed as the model removes it (spaces and tabs as written, not counted
    as equal), and a line of other white space (a form feed, U+2028) is text, not a blank line."""
    body = raw[3:-3]
    if not body.startswith(("\n", "\r\n")):
        return raw  # text right after the opening quotes: its indentation is part of the value
    lines = body.replace("\r\n", "\n")[1:].split("\n")
    closing_blank = len(lines) > 1 and not lines[-1].strip()  # as the model reads the closing line
    content = lines[:-1] if closing_blank else lines
    margin = os.path.commonprefix([_SPACES.match(line).group() for line in content if not _SPACES.fullmatch(line)])
    inner = indent + INDENT
    rendered = "\n".join("" if _SPACES.fullmatch(line) else inner + line[len(margin) :] for line in content)
    closing = f"\n{indent}" if closing_blank else ""
    formatted = f'"""\n{rendered}{closing}"""'
    # A last guard: a layout that would change what the block says is not worth having.
    return formatted if _block_value(formatted) == _block_value(raw) else raw


def _block_value(raw: str) -> str:
    return read_string(Word("TEXT_BLOCK", raw, None))


def _word(word: Word, indent: str) -> str:
    return _text_block(word.text, indent) if word.kind == "TEXT_BLOCK" else word.text


def _line(statement: Statement, indent: str) -> str:
    parts = [statement.keyword.text]
    parts += [", ".join(_word(word, indent) for word in argument) for argument in statement.arguments]
    text = " ".join(parts)
    return indent + (text + " {" if statement.block is not None else text)


@dataclass(slots=True)
class _Event:
    line: int
    order: int  # statements and closing braces before a trailing comment on the same line
    kind: str  # "open", "close" or "comment"
    depth: int
    statement: Statement | None = None
    comment: Comment | None = None


def _events(tree: SyntaxTree) -> list[_Event]:
    events: list[_Event] = []
    pending: list[tuple[Statement, int]] = [(s, 0) for s in reversed(tree.statements)]
    while pending:
        statement, depth = pending.pop()
        events.append(_Event(statement.span.line, 0, "open", depth, statement))
        if statement.block is not None:
            events.append(_Event(statement.block_span.end_line, 0, "close", depth, statement))
            pending.extend((child, depth + 1) for child in reversed(statement.block))
    events += [_Event(c.span.line, 1, "comment", 0, comment=c) for c in tree.comments]
    events.sort(key=lambda event: (event.line, event.order))
    return events


def format_tree(tree: SyntaxTree) -> str:
    """The canonical text (LF line endings, no byte-order mark) of a tree without syntax errors."""
    lines: list[str] = []
    events = _events(tree)
    leading: list[Comment] = []
    previous_group: str | None = None
    for index, event in enumerate(events):
        if event.kind == "comment":
            if event.comment.own_line or not lines:
                leading.append(event.comment)
            else:
                lines[-1] += "  " + event.comment.text.rstrip()
            continue
        if event.kind == "open" and event.depth == 0:
            group = _group(event.statement, index)
            if previous_group is not None and (group != previous_group or group.startswith("element")):
                lines.append("")
            previous_group = group
        # A comment alone on its line takes the indentation of what follows it.
        depth = event.depth + 1 if event.kind == "close" else event.depth
        lines += _comment_lines(leading, INDENT * depth, event.line if event.kind == "open" else None)
        leading = []
        if event.kind == "open":
            lines += _line(event.statement, INDENT * event.depth).split("\n")
        else:
            lines.append(INDENT * event.depth + "}")
    if leading:
        if lines:
            lines.append("")
        lines += _comment_lines(leading, "", None)
    return "\n".join(lines) + "\n"


def _comment_lines(comments: list[Comment], indent: str, next_line: int | None) -> list[str]:
    """Comments alone on their lines, keeping one blank line where the writer left one between
    them or before the statement they precede: a commented-out block stays apart from the note
    about the next statement."""
    lines: list[str] = []
    for position, comment in enumerate(comments):
        if position and comment.span.line - comments[position - 1].span.line > 1:
            lines.append("")
        lines.append(indent + comment.text.rstrip())
    if comments and next_line is not None and next_line - comments[-1].span.line > 1:
        lines.append("")
    return lines


_LINE_BREAK = re.compile(r"\r?\n")


def format_text(text: str, newline: str = "\n", bom: bool = False) -> str:
    """Format a proposal's text; raises ValueError when it has a syntax error."""
    from im_lint.language.parse import parse

    tree = parse(text)
    if tree.errors:
        first = tree.errors[0]
        raise ValueError(f"line {first.span.line}, column {first.span.column}: syntax error")
    pending = list(tree.statements)
    while pending:  # a statement must start with a keyword (a name); the builder reports it as IM001
        statement = pending.pop()
        if statement.keyword.kind != "NAME":
            span = statement.keyword.span
            raise ValueError(f"line {span.line}, column {span.column}: syntax error (a line must start with a keyword)")
        pending.extend(statement.block or ())
    formatted = format_tree(tree)
    if newline != "\n":
        formatted = _LINE_BREAK.sub(newline, formatted)
    return ("\ufeff" if bom else "") + formatted
