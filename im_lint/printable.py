"""Text from a proposal or a file name, made safe to show: control characters escaped.

A terminal obeys escape sequences (ESC [ 2K erases a line, ESC ] 0 ; sets the window title), a
newline in a file name would start a forged finding line, and XML 1.0 has no way to write most
control characters at all. Shown as `\\x1b`, `\\n`, `\\u2028`, everything else is kept as written.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
# overrides and isolates (which can make a line read differently from what it says).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What XML 1.0 cannot hold (besides tab, LF and CR) and what it discourages (C1, noncharacters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """One line of text a terminal shows as written: every control character escaped."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold: the characters it cannot, escaped as `printable` does."""
    return _NOT_XML.sub(_escape, text) if _NOT_XML.search(text) else text
