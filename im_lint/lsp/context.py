"""Where the cursor is, read from the text itself (the last parse may be a keystroke old, and a
file being typed is often broken): the block it is in, the statement's keyword, which argument,
or a comment or string."""

from __future__ import annotations

import re
from dataclasses import dataclass

from im_lint.language.vocabulary import TOP, Keyword, lookup_keyword

# What can hide a brace: text blocks, strings (to the end of their line when open) and comments.
_TOKENS = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"""|$)|"(?:[^"\\\n]|\\.)*(?:"|$)|#[^\n]*|[{}\n]')
_WORDS = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[^\s,"#{}]+|,')
_SUPPRESSION = re.compile(r"#\s*im-lint\s*:\s*ignore(?:-file)?\b(?P<codes>[^-]*)$", re.IGNORECASE)


@dataclass
class Cursor:
    place: str  # TOP, or the English keyword of the enclosing block
    in_string: bool = False
    in_comment: bool = False
    suppression: bool = False  # in the codes of an `# im-lint: ignore` comment
    keyword: Keyword | None = None  # the statement's keyword, when the cursor is past it
    argument: int = 0  # which argument the cursor is in (0: the first after the keyword)
    prefix: str = ""  # the part of the word before the cursor


def cursor_at(text: str, offset: int) -> Cursor:
    """What is at a character offset of the text."""
    stack: list[str] = []
    line_start = 0
    state = ""
    for match in _TOKENS.finditer(text, 0, offset):
        token = match.group()
        if token == "\n":
            line_start = match.end()
        elif token == "{":
            first = text[line_start : match.start()].split(None, 1)
            found = lookup_keyword(first[0]) if first else None
            stack.append(found.en if found else "?")
        elif token == "}":
            if stack:
                stack.pop()
        if match.end() >= offset and token not in "{}\n":
            state = "comment" if token.startswith("#") else "" if _closed(token) else "string"
    place = stack[-1] if stack else TOP
    before = text[text.rfind("\n", 0, offset) + 1 : offset]
    if state == "string":  # the keyword too: a FORA name may be completed inside the quotes
        first = before.split(None, 1)
        return Cursor(place, in_string=True, keyword=lookup_keyword(first[0]) if first else None)
    if state == "comment":
        comment = before[before.index("#") :] if "#" in before else before
        match = _SUPPRESSION.search(comment)
        prefix = re.split(r"[,\s]", comment)[-1]
        return Cursor(place, in_comment=True, suppression=match is not None, prefix=prefix)
    words = _WORDS.findall(before)
    prefix = words[-1] if words and not before[-1:].isspace() and words[-1] != "," else ""
    done = words[:-1] if prefix else words
    if not done:
        return Cursor(place, prefix=prefix)
    keyword = lookup_keyword(done[0])
    argument = sum(1 for word in done[1:] if word != ",") - sum(1 for word in done[1:] if word == ",")
    return Cursor(place, keyword=keyword, argument=max(argument, 0), prefix=prefix)


def _closed(token: str) -> bool:
    """A string or text block that ends at the cursor with its closing quotes lies behind it."""
    if token.startswith('"""'):
        return len(token) >= 6 and token.endswith('"""')
    return len(token) >= 2 and token.endswith('"') and not token.endswith('\\"')
