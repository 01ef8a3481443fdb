"""Every use of Lark in one place: the parser is built here, and the pieces of Lark's private API
that im-lint relies on are used nowhere else: the analysed lexer (its terminals in Lark's order, which
of them are ignored or may hold a line break), the LALR table (states, Shift, the rules' callbacks) and
the parser state (its state stack, read by `accepts`, and its `feed_token`).
`pyproject.toml` bounds lark below its next major version for this reason.

A parse lexes and parses with two tight loops of im-lint's own, both made once from what Lark
analysed (never from a copy of the grammar): one regular expression of Lark's terminals in Lark's
order, matched where the last token ended, and Lark's LALR table with its callbacks. They give the
tokens and trees that Lark's own `lex` and `feed_token` give (`tests/test_fast_parser.py` compares
them on every proposal of the repository and on generated text) at about three times the speed:
a proposal has one token per ten bytes, and Lark spends most of a parse on its own bookkeeping per
token. Recovery after a syntax error feeds Lark's interactive parser as before.

The parser holds no per-parse state (no lexer callbacks): each parse lexes, feeds and collects on
its own objects, so parses may run in several threads at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain

import lark
from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.parsers.lalr_analysis import Shift  # private: the action tag of the LALR table

__all__ = ["Parser", "Token", "UnexpectedInput", "make_parser"]

_new_str = str.__new__
_END = Token("$END", "", 0, 1, 1)  # the end of the input, as Lark's feed_eof() makes it


def fast_lexer(lark_: Lark) -> Callable[[str], Iterator[Token]] | None:
    """A lexer that gives exactly the tokens of Lark's basic lexer, or None when the grammar uses
    what it does not do (terminal callbacks, a post-lexer, more terminals than one expression holds).

    Lark's basic lexer tries its terminals in a fixed order at the position where the last token
    ended and takes the first that matches; the one expression below is its own (the same terminals,
    order and flags), so `finditer` finds the same matches as long as each starts where the last
    ended. A gap (a character no terminal matches, which this grammar has none of) is left to Lark's
    lexer, which raises its own error there. Lines are counted as Lark counts them: the line feeds
    in the terminals that may hold one."""
    lexer = lark_._build_lexer()
    scanner = lexer.scanner
    if lexer.callback or lark_.options.postlex or lexer.use_bytes or len(scanner._mres) != 1:
        return None
    pattern = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in scanner.terminals)
    expression = lexer.re.compile(pattern, lexer.g_regex_flags)
    newline_types, ignore_types = lexer.newline_types, lexer.ignore_types

    def lex(text: str) -> Iterator[Token]:
        line, line_start, pos = 1, 0, 0
        for match in expression.finditer(text):
            start = match.start()
            if start != pos:
                break
            kind = match.lastgroup
            value = match.group()
            pos = match.end()
            column = start - line_start + 1
            end_line = line
            if kind in newline_types:
                breaks = value.count("\n")
                if breaks:
                    end_line = line + breaks
                    line_start = start + value.rindex("\n") + 1
            if kind not in ignore_types:
                token = _new_str(Token, value)  # what Token() makes, without its keyword handling
                token.type = kind
                token.value = value
                token.start_pos = start
                token.line = line
                token.column = column
                token.end_line = end_line
                token.end_column = pos - line_start + 1
                token.end_pos = pos
                yield token
            line = end_line
        if pos != len(text):
            for _ in lark_.lex(text):  # raises UnexpectedCharacters where the gap is
                pass
            raise AssertionError(f"Lark's lexer matched at {pos} where the fast lexer did not")

    return lex


def lalr_table(lark_: Lark) -> tuple[dict, int, int] | None:
    """Lark's LALR table as the parse loop reads it: per state, per symbol, the next state (a shift)
    or (how many values the rule takes, its callback, the symbol it makes) (a reduce). None when a
    terminal has a callback of its own (the loop does not run those)."""
    conf = lark_.parse_interactive("").parser_state.parse_conf
    callbacks = conf.callbacks
    if any(isinstance(key, str) for key in callbacks):
        return None
    table = {
        state: {
            symbol: argument
            if action is Shift
            else (len(argument.expansion), callbacks[argument], argument.origin.name)
            for symbol, (action, argument) in actions.items()
        }
        for state, actions in conf.states.items()
    }
    return table, conf.start_state, conf.end_state


class Parser:
    """An LALR parser built once and shared; every method works on the caller's own state."""

    def __init__(self, lark_: Lark):
        self._lark = lark_
        self._fast_lex = fast_lexer(lark_)
        self._table = lalr_table(lark_)

    @property
    def fast(self) -> bool:
        """Whether the fast lexer and parse loop are in use (tests make sure they are)."""
        return self._fast_lex is not None and self._table is not None

    def lex(self, text: str) -> Iterator[Token]:
        return self._fast_lex(text) if self._fast_lex is not None else self._lark.lex(text)

    def lark_lex(self, text: str) -> Iterator[Token]:
        """Lark's own lexer: what `lex` must give."""
        return self._lark.lex(text)

    def parse_tokens(self, tokens: Iterable[Token]):
        """The result of the transformer for a whole token stream; raises UnexpectedInput."""
        if self._table is None:
            return self.lark_parse_tokens(tokens)
        table, state, end = self._table
        states, values = [state], []
        # Lark's feed_token and feed_eof in one loop, without their per-call and per-action overhead:
        # the end of the input is one more token, on which the start symbol is made.
        for token in chain(tokens, (_END,)):
            kind = token.type
            while True:
                action = table[state].get(kind)
                if action is None or (action.__class__ is int and token is _END):
                    raise UnexpectedToken(token, {s for s in table[state] if s.isupper()})
                if action.__class__ is int:
                    states.append(action)
                    values.append(token)
                    state = action
                    break
                size, callback, symbol = action
                if size:
                    children = values[-size:]
                    del states[-size:]
                    del values[-size:]
                else:
                    children = []
                state = table[states[-1]][symbol]
                states.append(state)
                values.append(callback(children))
                if state == end:  # only ever after the end of the input (LALR reduces to start on $END)
                    return values[-1]
        raise AssertionError("unreachable: on the end of the input the loop returns or raises")

    def lark_parse_tokens(self, tokens: Iterable[Token]):
        """Lark's own parse loop: what `parse_tokens` must give."""
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

    from im_lint.user_cache import user_cache_root

    try:
        folder = os.path.join(user_cache_root(), "grammar")
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
