"""`fmt` keeps what a text block says exactly (issue 14 item 5): indentation of tabs and spaces as
written (they are not equal), and a line of other white space (form feed, U+2028) is text."""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

from im_lint import api

HEADER = 'proposal P-1 "x"\nkind change\n'
# Everything a line of a text block may hold that makes indentation and blank lines hard.
CHARACTERS = st.sampled_from([" ", "\t", "\f", "\v", "\u2028", "\u2029", "\x85", "\xa0", "a", "b", "é", "#", "{", "}"])
LINES = st.lists(st.text(CHARACTERS, max_size=8), min_size=1, max_size=6)
INDENTS = st.text(st.sampled_from([" ", "\t"]), max_size=4)


def texts(text: str) -> list[str]:
    """Every text value of the model: the summary and each goal's strategy."""
    proposal = api.parse(text).proposal
    assert proposal is not None
    return [
        proposal.summary.value if proposal.summary else None,
        *(g.strategy.value if g.strategy else None for g in proposal.goals),
    ]


def assert_values_kept(text: str) -> None:
    formatted = api.format_text(text)
    assert texts(formatted) == texts(text), "fmt changed a text block's value"
    assert api.format_text(formatted) == formatted, "fmt is not idempotent"


@pytest.mark.parametrize(
    "block, value",
    [
        ('"""\n  a\n\tb\n  """', "  a\n\tb\n"),  # the issue's own case: no common indentation
        ('"""\n  a\n  \u2028\n  b\n  """', "a\n\u2028\nb\n"),  # a line separator is text
        ('"""\n  a\n  \f\n  b\n  """', "a\n\f\nb\n"),  # so is a form feed
        ('"""\n\t\ta\n\t\t\tb\n\t\t"""', "a\n\tb\n"),  # tabs in common are removed like spaces
    ],
)
def test_a_text_block_keeps_its_value(block: str, value: str) -> None:
    text = f"{HEADER}summary {block}\n"
    assert texts(text)[0] == value
    assert_values_kept(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, INDENTS, LINES, INDENTS, st.text(st.sampled_from([" ", "\t"]), max_size=3))
def test_text_blocks_of_mixed_white_space_keep_their_values(top, top_indent, nested, nested_indent, closing) -> None:
    def block(lines: list[str], indent: str) -> str:
        return '"""\n' + "\n".join(indent + line for line in lines) + "\n" + closing + '"""'

    text = f'{HEADER}summary {block(top, top_indent)}\ngoal G1 "g" {{\n  strategy {block(nested, nested_indent)}\n}}\n'
    assert_values_kept(text)
