"""The fast lexer and parse loop (im_lint/language/lark_adapter.py) give exactly what Lark's own
lexer and `feed_token` give: the same tokens (type, value, start, line, column, end line, end
column, end), the same trees, the same syntax errors (IM001 with its line, column and arguments) and
the same language findings, on every proposal of the repository (examples, scenarios, the rule
fixtures' cases, the docs' code blocks, the fuzz regressions) and on generated, mutated and random
text. The reference is the parse as it was: Lark's lexer, Lark's loop, every token counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import hypothesis_profiles  # noqa: F401  - the "ci" / "dev" profile
import pytest
import yaml
from generators import proposals
from hypothesis import given, note
from hypothesis import strategies as st
from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedInput
from test_robustness import MUTATIONS, TEXTS, mutate

from im_lint.language import parse as parse_module
from im_lint.language import parse_text
from im_lint.language.decode import decode
from im_lint.language.lark_adapter import Parser
from im_lint.language.parse import Limits, _parser, parse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = Limits()


@contextmanager
def lark_only() -> Iterator[None]:
    """Parse as before the fast path: Lark's lexer and loop, and the budget counting every token."""
    parser = _parser()
    saved = parser._fast_lex, parser._table, parse_module.within_limits
    parser._fast_lex = parser._table = None
    parse_module.within_limits = lambda text, limits: False
    try:
        yield
    finally:
        parser._fast_lex, parser._table, parse_module.within_limits = saved


def tokens_of(stream) -> list[tuple]:
    return [(t.type, t.value, t.start_pos, t.line, t.column, t.end_line, t.end_column, t.end_pos) for t in stream]


def outcome(call):
    """What a call gives, or the kind and place of the Lark error it raises."""
    try:
        return call()
    except UnexpectedInput as error:
        return (type(error).__name__, error.line, error.column, getattr(error, "pos_in_stream", None))


def diagnostics(text: str) -> list[tuple]:
    return [(d.code, d.span, d.variant, d.args) for d in parse_text(text).diagnostics]


def assert_same(text: str, limits: Limits = DEFAULT) -> None:
    """Tokens, tree and language findings of `text`, fast and as Lark gives them."""
    parser = _parser()
    assert parser.fast
    whole = text if text.endswith("\n") else text + "\n"
    assert tokens_of(parser.lex(whole)) == tokens_of(parser.lark_lex(whole))
    fast_tree = parse(text, limits)
    fast_found = diagnostics(text)
    fast_tokens = tokens_of(parser.lex(whole))
    fast_statements = outcome(lambda: parser.parse_tokens(parser.lex(whole)))
    with lark_only():
        assert not parser.fast
        assert parse(text, limits) == fast_tree
        assert diagnostics(text) == fast_found
        assert tokens_of(parser.lex(whole)) == fast_tokens
        assert outcome(lambda: parser.parse_tokens(parser.lex(whole))) == fast_statements


# --------------------------------------------------------------------------------------------------
# Every text of the repository


def _code_blocks(path: Path) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", path.read_text(encoding="utf-8"), re.DOTALL | re.MULTILINE)


def repository_texts() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for folder in ("examples", "tests/scenarios"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".proposal", ".voorstel"):
                found[str(path.relative_to(ROOT))] = [path.read_text(encoding="utf-8")]
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.yaml")):
        cases = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases") or []
        texts = [case["text"] for case in cases if isinstance(case.get("text"), str)]
        texts += [text for case in cases for text in (case.get("files") or {}).values() if isinstance(text, str)]
        found[str(path.relative_to(ROOT))] = texts
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        found[str(path.relative_to(ROOT))] = _code_blocks(path)
    for path in sorted((ROOT / "tests" / "fuzz" / "regressions").glob("*")):
        source = decode(path.read_bytes())
        found[str(path.relative_to(ROOT))] = [getattr(source, "text", path.read_bytes().decode("utf-8", "replace"))]
    return found


REPOSITORY = repository_texts()


def test_the_repository_has_texts_of_every_kind() -> None:
    kinds = {name.split("/")[0] if "/" in name else name for name in REPOSITORY}
    assert {"examples", "tests", "docs", "README.md"} <= kinds
    assert sum(len(texts) for texts in REPOSITORY.values()) > 400
    assert len([name for name in REPOSITORY if "fuzz" in name]) >= 5


@pytest.mark.parametrize("name", sorted(REPOSITORY))
def test_every_repository_text_parses_the_same_both_ways(name: str) -> None:
    for text in REPOSITORY[name]:
        assert_same(text)


# --------------------------------------------------------------------------------------------------
# Generated, mutated and random text, with the usual limits and with small ones

LIMITS = st.sampled_from([Limits(), Limits(broken_lines=3, words=40), Limits(broken_lines=1000, words=7)])
# Characters the grammar treats specially, so that random text hits every terminal and its edges.
SPECIAL = st.sampled_from(list('{},"#\\ \t\r\n\f\v\x1c\x85\xa0\u2028\u3000\ufeff€0123aZ_.-') + ['"""', "\r\n"])


@st.composite
def broken_text(draw) -> str:
    source = draw(st.one_of(proposals(), st.sampled_from(TEXTS)))
    operations = draw(st.lists(st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 1 << 20), st.integers(0, 1 << 20))))
    return mutate(source.encode("utf-8"), operations).decode("utf-8", errors="replace")


@pytest.mark.slow
@given(text=st.one_of(proposals(), broken_text(), st.lists(SPECIAL).map("".join), st.text()), limits=LIMITS)
def test_generated_and_broken_text_parses_the_same_both_ways(text: str, limits: Limits) -> None:
    note(repr(text))
    assert_same(text, limits)


@given(text=st.lists(SPECIAL, max_size=40).map("".join))
def test_short_random_text_parses_the_same_both_ways(text: str) -> None:
    assert_same(text, Limits(broken_lines=2, words=6))


def test_a_text_that_reaches_a_limit_is_counted_and_stops_there() -> None:
    """`within_limits` lets a text skip the counting only where no limit can be reached: a line of
    one word costs as many words as it has characters, and every line may be a broken one."""
    for line in ("a\n", "}\n", "1\n", "#\n"):
        text = line * 40
        stopped = parse(text, Limits(words=len(text) // 2 - 1)).errors
        assert "too-large" in [d.variant for d in stopped], line
        assert_same(text, Limits(words=len(text) // 2 - 1))
    text = "x\n" * 40
    assert [d.variant for d in parse(text, Limits(broken_lines=39)).errors] == ["too-many-errors"]
    for limits in (Limits(broken_lines=38), Limits(broken_lines=39), Limits(broken_lines=40), Limits(words=40)):
        assert_same(text, limits)
    assert parse_module.within_limits(text, Limits(broken_lines=42, words=160))
    assert not parse_module.within_limits(text, Limits(broken_lines=41, words=160))
    assert not parse_module.within_limits(text, Limits(broken_lines=42, words=159))


# --------------------------------------------------------------------------------------------------
# What the fast path is made of, and where it hands over to Lark


def test_the_fast_lexer_is_larks_own_expression() -> None:
    """The one expression is Lark's scanner's (the terminals of the grammar, in Lark's order)."""
    lark = _parser()._lark
    scanner = lark._build_lexer().scanner
    assert len(scanner._mres) == 1
    names = [t.name for t in scanner.terminals]
    assert names[:4] == ["TEXT_BLOCK", "OPEN_TEXT_BLOCK", "STRING", "OPEN_STRING"]  # by priority
    assert set(names) == {t.name for t in lark.terminals}
    pattern = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in scanner.terminals)
    assert pattern == scanner._mres[0].pattern


def _tiny(grammar: str, **options) -> Parser:
    return Parser(Lark(grammar, parser="lalr", lexer="basic", **options))


def test_a_character_no_terminal_matches_raises_larks_own_error() -> None:
    parser = _tiny('start: A+\nA: "a"\n%ignore " "')
    assert parser.fast
    assert tokens_of(parser.lex("a a")) == tokens_of(parser.lark_lex("a a"))
    with pytest.raises(UnexpectedCharacters) as fast:
        list(parser.lex("a ab"))
    with pytest.raises(UnexpectedCharacters) as slow:
        list(parser.lark_lex("a ab"))
    assert (fast.value.line, fast.value.column, fast.value.pos_in_stream) == (1, 4, 3)
    assert (slow.value.line, slow.value.column, slow.value.pos_in_stream) == (1, 4, 3)


def test_a_grammar_with_terminal_callbacks_uses_larks_own_lexer() -> None:
    parser = _tiny('start: A+\nA: "a"', lexer_callbacks={"A": lambda token: token})
    assert parser._fast_lex is None and not parser.fast
    assert tokens_of(parser.lex("aa")) == [("A", "a", 0, 1, 1, 1, 2, 1), ("A", "a", 1, 1, 2, 1, 3, 2)]


def test_an_unexpected_token_is_larks_own_error_at_the_same_token() -> None:
    parser = _parser()
    for text in ("x {\n", "}\n", "a ,\n", "a b { c\n"):
        fast = outcome(lambda text=text: parser.parse_tokens(parser.lex(text)))
        slow = outcome(lambda text=text: parser.lark_parse_tokens(parser.lark_lex(text)))
        assert fast == slow and fast[0] == "UnexpectedToken", text
