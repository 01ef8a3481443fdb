"""Every use of Lark in one place: the parser is built here, and the one piece of Lark's private API
that im-lint relies on (the parser state: its LALR table and state stack, read by `accepts`, and its
`feed_token`) is used nowhere else.
`pyproject.toml` bounds lark below its next major version for this reason.

The parser holds no per-parse state (no lexer callbacks): each parse lexes, feeds and collects on
its own objects, so parses may run in several threads at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import lark
from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput
from lark.parsers.lalr_analysis import Shift  # private: the action tag of the LALR table

__all__ = ["Parser", "Token", "UnexpectedInput", "make_parser"]


class Parser:
    """An LALR parser built once and shared; every method works on the caller's own state."""

    def __init__(self, lark: Lark):
        self._lark = lark

    def lex(self, text: str) -> Iterator[Token]:
        return self._lark.lex(text)

    def parse_tokens(self, tokens: Iterable[Token]):
        """The result of the transformer for a whole token stream; raises UnexpectedInput."""
        interactive = self._lark.parse_interactive("")
        feed = interactive.parser_state.feed_token  # private: Lark's own loop, without a wrapper per token
        for token in tokens:
            feed(token)
        return interactive.feed_eof()

    def start(self) -> Interactive:
        return Interactive(self._lark.parse_interactive(""))


class Interactive:
    """One parse fed token by token (line-level error recovery)."""

    def __init__(self, interactive):
        self._interactive = interactive

    def feed(self, token: Token) -> None:
        self._interactive.feed_token(token)

    def feed_eof(self):
        return self._interactive.feed_eof()

    def accepts(self, sequence: list[Token]) -> bool:
        """Whether the parser would take these tokens, found by running its LALR table over a
        view of the state stack (the states pushed on top of the untouched real stack). No copy of
        the parser, so recovery costs the same at any nesting depth, and no callback runs."""
        state = self._interactive.parser_state
        states, stack = state.parse_conf.states, state.state_stack
        popped, pushed = 0, []

        def top() -> int:
            return pushed[-1] if pushed else stack[len(stack) - 1 - popped]

        for token in sequence:
            while True:
                action = states[top()].get(token.type)
                if action is None:
                    return False
                kind, argument = action
                if kind is Shift:
                    pushed.append(argument)
                    break
                for _ in range(len(argument.expansion)):  # reduce, then follow the goto
                    if pushed:
                        pushed.pop()
                    else:
                        popped += 1
                pushed.append(states[top()][argument.origin.name][1])
        return True


def _cache_file(grammar: str) -> str | bool:
    """Where Lark keeps the analysed LALR tables (Lark's own format, a pickle): in the user's own
    cache folder, never in the shared temporary folder (Lark's default), where another user of the
    machine could leave a file for im-lint to load. False (analyse at every start) when that
    folder cannot be made or the path is not a plain file."""
    import hashlib
    import os

    from platformdirs import user_cache_dir

    try:
        folder = os.path.join(user_cache_dir("im-lint", appauthor=False), "grammar")
        os.makedirs(folder, exist_ok=True)
        digest = hashlib.sha256(grammar.encode("utf-8")).hexdigest()[:16]
        path = os.path.join(folder, f"lark-{lark.__version__}-{digest}.tables")
        if os.path.lexists(path) and (os.path.islink(path) or not os.path.isfile(path)):
            return False  # a FIFO would hang the start, a link may point anywhere
        return path
    except OSError:
        return False


def make_parser(grammar: str, transformer: Transformer) -> Parser:
    """The LALR parser of a grammar, with the transformer run inline as rules are reduced (the
    transformer must be stateless: it is shared by every parse)."""
    return Parser(
        Lark(
            grammar,
            parser="lalr",
            lexer="basic",
            transformer=transformer,
            maybe_placeholders=False,
            cache=_cache_file(grammar),
        )
    )
