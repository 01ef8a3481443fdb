"""Robustness: whatever text or bytes a user puts in a file, im-lint answers with findings, never a
traceback (TOOL.md: "Never a traceback for anything a user can type or put in a file"; LANGUAGE.md:
"What is an error in the language itself").

Properties, over any text, any bytes, generated valid proposals and mutated fixtures:

- `api.lint_text`, `api.parse` and `api.lint_paths` never raise;
- every finding has a line and column >= 1 (inside the file) and a non-empty sentence, and no
  sentence leaks a Lark terminal name (NAME, _NL, $END, ...);
- `api.format_text` returns text or raises ValueError, nothing else, and formatting its own output
  changes nothing;
- `im-lint check` (text and json) exits 0 or 1, and its JSON accounts for every file.

The mutation helpers here are shared with tests/test_corpus.py and tests/test_limits.py.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import hypothesis_profiles  # noqa: F401  - registers and loads the "ci" / "dev" profile
import pytest
import yaml
from click.testing import CliRunner
from generators import proposals
from hypothesis import given, note
from hypothesis import strategies as st

from im_lint import api
from im_lint.cli import main
from im_lint.language.vocabulary import ENUMS, by_en

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
EXAMPLES = ROOT / "examples"

# --------------------------------------------------------------------------------------------------
# The texts to mutate: every case of tests/fixtures/*.yaml and every example proposal.


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str]  # relative path -> text; one file for a `text` case


def _cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for number, case in enumerate(document.get("cases") or [], start=1):
            if case.get("files"):
                files = {str(name): str(text) for name, text in case["files"].items()}
            else:
                files = {"case.proposal": str(case.get("text") or "")}
            cases.append(Case(f"{path.stem}-{number}", files))
    for path in sorted(EXAMPLES.rglob("*.proposal")) + sorted(EXAMPLES.rglob("*.voorstel")):
        cases.append(Case(f"example-{path.name}", {path.name: path.read_text(encoding="utf-8")}))
    return cases


CASES: list[Case] = _cases()
TEXTS: list[str] = [text for case in CASES for text in case.files.values()]


def test_there_is_something_to_mutate() -> None:
    assert len(CASES) > 100, "the fixtures should hold many cases"
    assert any(len(case.files) > 1 for case in CASES), "some cases have several files"
    assert any(case.name.startswith("example-") for case in CASES)


# --------------------------------------------------------------------------------------------------
# Mutations, on bytes (so that one of them can break UTF-8). An operation is (kind, a, b); a and b
# are any non-negative numbers, taken modulo what they index.

MUTATIONS = (
    "delete-line",
    "duplicate-line",
    "swap-lines",
    "quote",
    "open-brace",
    "close-brace",
    "invalid-utf8",
    "nul",
    "rtl",
)
_INSERTS = {"quote": b'"', "open-brace": b"{", "close-brace": b"}", "nul": b"\x00", "rtl": "\u202e".encode()}
_INVALID = (b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82")

Operation = tuple[str, int, int]


def _char_boundary(data: bytes, position: int) -> int:
    """The first position at or after `position` that does not split a UTF-8 sequence."""
    while position < len(data) and (data[position] & 0xC0) == 0x80:
        position += 1
    return position


def apply_mutation(data: bytes, operation: Operation) -> bytes:
    kind, a, b = operation
    if kind in ("delete-line", "duplicate-line", "swap-lines"):
        lines = data.splitlines(keepends=True)
        if not lines:
            return data
        i, j = a % len(lines), b % len(lines)
        if kind == "delete-line":
            del lines[i]
        elif kind == "duplicate-line":
            lines.insert(i, lines[i])
        else:
            lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines)
    if kind in _INSERTS:
        at = _char_boundary(data, a % (len(data) + 1))
        return data[:at] + _INSERTS[kind] + data[at:]
    if kind == "invalid-utf8":
        if not data:
            return _INVALID[b % len(_INVALID)]
        at = a % len(data)
        return data[:at] + _INVALID[b % len(_INVALID)] + data[at + 1 :]
    raise AssertionError(f"unknown mutation {kind}")


def mutate(data: bytes, operations: Iterable[Operation]) -> bytes:
    for operation in operations:
        data = apply_mutation(data, operation)
    return data


def test_mutations_do_what_they_say() -> None:
    text = b'proposal P "x"\nkind change\n'
    assert mutate(text, [("delete-line", 1, 0)]) == b'proposal P "x"\n'
    assert mutate(text, [("duplicate-line", 0, 0)]) == b'proposal P "x"\nproposal P "x"\nkind change\n'
    assert mutate(text, [("swap-lines", 0, 1)]) == b'kind change\nproposal P "x"\n'
    assert mutate(text, [("quote", 0, 0)]).startswith(b'"proposal')
    assert mutate(text, [("close-brace", len(text), 0)]).endswith(b"\n}")
    assert mutate(text, [("nul", 3, 0)])[3:4] == b"\x00"
    assert "\u202e" in mutate("é".encode() + text, [("rtl", 1, 0)]).decode("utf-8")  # never splits é
    broken = mutate(text, [("invalid-utf8", 5, 0)])
    with pytest.raises(UnicodeDecodeError):
        broken.decode("utf-8")


operations = st.lists(
    st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 1 << 20), st.integers(0, 1 << 20)), min_size=1, max_size=4
)

# --------------------------------------------------------------------------------------------------
# What every finding must be.

TERMINALS = (
    "NAME",
    "STRING",
    "_NL",
    "LBRACE",
    "RBRACE",
    "OPEN_STRING",
    "OPEN_TEXT_BLOCK",
    "TEXT_BLOCK",
    "VALUE",
    "OTHER",
    "COMMA",
    "COMMENT",
    "$END",
)
_TERMINAL = {name: re.compile(r"(?<![A-Za-z0-9_$])" + re.escape(name) + r"(?![A-Za-z0-9_])") for name in TERMINALS}


def leaked_terminals(message: str, source: str) -> list[str]:
    """Lark terminal names in a message; a name the user wrote in the file itself may be quoted."""
    return [name for name, pattern in _TERMINAL.items() if pattern.search(message) and name not in source]


def assert_sane_findings(findings: Sequence[api.Finding], source: str = "", paths: Iterable[str] | None = None) -> None:
    """`source` is the text as far as it is known (a decoded approximation for bytes)."""
    lines = source.count("\n") + 2  # a finding may sit just after the last line break
    known = set(paths) if paths is not None else None
    for finding in findings:
        where = f"{finding.code} at {finding.line}:{finding.column}: {finding.message!r}"
        assert finding.line >= 1 and finding.column >= 1, where
        assert finding.end_line >= 1 and finding.end_column >= 1, where
        assert finding.line <= lines, f"{where} is below the last line ({lines - 1})"
        assert finding.message and finding.message.strip(), where
        assert not leaked_terminals(finding.message, source), f"{where} names a grammar terminal"
        assert re.fullmatch(r"IM\d{3}", finding.code), where
        if known is not None:
            assert finding.path in known, f"{where} names a file that was not linted: {finding.path}"
    assert sum(f.code == "IM006" for f in findings) <= 1, "a file gets one IM006 at most"


def assert_parse_sane(text: str) -> None:
    parsed = api.parse(text)
    for diagnostic in parsed.diagnostics:
        assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1, diagnostic
    if parsed.proposal is None:
        assert [d.code for d in parsed.diagnostics] == ["IM006"], parsed.diagnostics


def assert_formats_or_refuses(text: str) -> None:
    try:
        formatted = api.format_text(text)
    except ValueError:
        return
    assert isinstance(formatted, str)
    assert api.format_text(formatted) == formatted, "fmt is not idempotent"


# --------------------------------------------------------------------------------------------------
# Strategies: any text, text made of the language's own pieces, any bytes.

SPECIALS = [
    "\x00",
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
    "\xa0",
    "\x7f",
    "\x1b[31m",
    "é",
    "€",
    "😀",
]
any_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=400),
    st.lists(st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(SPECIALS)), max_size=400).map(
        "".join
    ),
)

_KEYWORDS = sorted({spelling for keyword in by_en().values() for spelling in (keyword.en, keyword.nl)})
_VALUES = sorted({spelling for pairs in ENUMS.values() for pair in pairs for spelling in pair})
PIECES = (
    _KEYWORDS
    + _VALUES
    + [
        "{",
        "}",
        '"',
        '"""',
        "\\",
        '\\"',
        ",",
        ", ",
        " ",
        "  ",
        "\t",
        "\n",
        "\n",
        "\n",
        "\r\n",
        "\r",
        "#",
        "# note\n",
        "# im-lint: ignore IM201 -- reason\n",
        "# im-lint: ignore IM201\n",
        "# im-lint: ignore-file IM5, IM999 -- r\n",
        "G1",
        "A1",
        "N1",
        "V1",
        "T1",
        "E1",
        "P-1",
        '"x"',
        '"Leerlingen oefenen"',
        "2026-12-08",
        "08-12-2026",
        "2026-02-29",
        "0000-00-00",
        "85000",
        "85_000",
        "85.000",
        "85,000",
        "€ 85000",
        "1250.50",
        "EUR",
        "1e309",
        "9" * 40,
        "-",
        "\x00",
        "\u202e",
        "\u200f",
        "\ufeff",
        "é",
        "NAME",
        "$END",
        "_NL",
    ]
)
HEADERS = [
    'proposal P-1 "Laptops"\nkind procurement\n',
    'voorstel P-1 "Laptops"\nsoort aanschaf\n',
    'proposal P-1 "x" {\n',
    '\ufeffvoorstel P-1 "x"\r\n',
    "",
]
soup = st.builds(
    lambda header, pieces: header + "".join(pieces),
    st.sampled_from(HEADERS),
    st.lists(st.sampled_from(PIECES), max_size=60),
)
texts = st.one_of(any_text, soup)

_ENCODINGS = ("utf-8", "utf-16", "latin-1", "cp1252")
any_bytes = st.one_of(
    st.binary(max_size=400),
    st.builds(lambda text, encoding: text.encode(encoding, errors="replace"), soup, st.sampled_from(_ENCODINGS)),
    st.builds(mutate, soup.map(lambda t: t.encode("utf-8")), operations),
)


def lint_bytes(data: bytes, name: str = "x.proposal") -> api.RunResult:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        Path(path).write_bytes(data)
        result = api.lint_paths([path], config=api.Config(), use_cache=False, jobs=1)
        assert result.files == [path]
        assert_sane_findings(result.findings, data.decode("utf-8", errors="replace"), [path])
        return result


def _approximate_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------------------------------
# Any text, any bytes.


@given(texts)
def test_lint_text_never_raises_on_any_text(text: str) -> None:
    assert_sane_findings(api.lint_text(text), text)


@given(texts)
def test_parse_never_raises_on_any_text(text: str) -> None:
    assert_parse_sane(text)


@given(texts)
def test_format_text_returns_text_or_refuses_with_value_error(text: str) -> None:
    assert_formats_or_refuses(text)


@pytest.mark.parametrize("text", ["\ufeff\ufeff", "\ufeff\ufeff\n", "\ufeff \ufeff\r\n"])
def test_fmt_of_byte_order_marks_only_is_idempotent(text: str) -> None:
    try:
        formatted = api.format_text(text)
    except ValueError:
        return  # refusing is fine too
    assert api.format_text(formatted) == formatted


@given(any_bytes)
def test_any_bytes_through_a_file_never_raise(data: bytes) -> None:
    lint_bytes(data)
    text = _approximate_text(data)
    assert_sane_findings(api.lint_text(text), text)
    assert_parse_sane(text)
    assert_sane_findings(api.lint_text(data.decode("latin-1")), data.decode("latin-1"))


_CLOSING_THEN_OPENING = [
    "p {\n}{\n",  # the smallest
    'proposal P-1 "x"\nkind change\ngoal G1 "a" {\n} {\n',
    'proposal P-1 "x"\nkind change\ngoal G1 "a" {\n}\t{\n  strategy "s"\n}\n',
    'voorstel P-1 "x"\nsoort beleid\ndoel D1 "a" {\n} anders {\n}\n',
    'proposal P-1 "x"\nkind change\ngoal G1 "a" {\n}, {\n',
]


# Found by these tests at commit 57338cd (lark UnexpectedToken from parse._recover); fixed since.
@pytest.mark.parametrize("text", _CLOSING_THEN_OPENING)
def test_closing_brace_then_opening_brace_on_one_line_is_a_finding(text: str) -> None:
    findings = api.lint_text(text)
    assert_sane_findings(findings, text)
    assert any(f.code in ("IM001", "IM006") for f in findings)
    assert_formats_or_refuses(text)


def test_closing_brace_then_opening_brace_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.proposal").write_text('proposal P-1 "x"\nkind change\ngoal G1 "a" {\n} {\n', encoding="utf-8")
    (tmp_path / "b.proposal").write_text('proposal P-2 "y"\nkind change\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", str(tmp_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["files"]) == 2


# --------------------------------------------------------------------------------------------------
# Generated valid proposals.

LANGUAGE_ERRORS = ("IM001", "IM002", "IM003", "IM004", "IM005", "IM006")


@given(proposals())
def test_generated_valid_proposals_parse_lint_and_round_trip(text: str) -> None:
    parsed = api.parse(text)
    assert parsed.proposal is not None, parsed.diagnostics
    findings = api.lint_text(text)
    assert_sane_findings(findings, text)
    errors = [(f.code, f.line, f.message) for f in findings if f.code in LANGUAGE_ERRORS]
    assert not errors, f"a valid proposal got language errors: {errors}"
    formatted = api.format_text(text)
    assert api.format_text(formatted) == formatted, "fmt is not idempotent"
    assert api.parse(formatted).proposal is not None
    assert sorted(f.code for f in api.lint_text(formatted)) == sorted(f.code for f in findings), (
        "formatting changed the findings"
    )


# --------------------------------------------------------------------------------------------------
# Mutated fixtures and examples.


@given(st.sampled_from(TEXTS), operations)
def test_mutated_fixture_texts_lint_parse_and_format(text: str, ops: list[Operation]) -> None:
    data = mutate(text.encode("utf-8"), ops)
    note(f"mutated: {data!r}")
    try:
        mutated = data.decode("utf-8")
    except UnicodeDecodeError:
        mutated = _approximate_text(data)
    assert_sane_findings(api.lint_text(mutated), mutated)
    assert_parse_sane(mutated)
    assert_formats_or_refuses(mutated)


_FINDING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]+\d+) (?P<message>.+)$")


def _write_case(folder: Path, case: Case, data: st.DataObject) -> dict[str, bytes]:
    written: dict[str, bytes] = {}
    for name, text in case.files.items():
        content = text.encode("utf-8")
        if len(case.files) == 1 or data.draw(st.booleans(), label=f"mutate {name}"):
            content = mutate(content, data.draw(operations, label=f"operations on {name}"))
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written[str(target)] = content
    return written


@given(st.sampled_from(CASES), st.data())
def test_check_cli_on_mutated_cases_accounts_for_every_file(case: Case, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "proposals"
        written = _write_case(folder, case, data)
        note(f"case {case.name}: {written!r}")
        expected = {path for path in written if path.endswith((".proposal", ".voorstel"))}
        source = "\n".join(_approximate_text(content) for content in written.values())
        runner = CliRunner()

        result = runner.invoke(main, ["check", "--format", "json", "--no-cache", str(folder)])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code in (0, 1), result.output
        document = json.loads(result.stdout)
        assert set(document["files"]) == expected and len(document["files"]) == len(expected)
        for finding in document["findings"]:
            assert finding["path"] in expected, finding
            assert finding["line"] >= 1 and finding["column"] >= 1, finding
            assert finding["message"].strip(), finding
            assert not leaked_terminals(finding["message"], source), finding

        text = runner.invoke(main, ["check", "--no-cache", str(folder)])
        assert text.exception is None or isinstance(text.exception, SystemExit), text.exc_info
        assert text.exit_code == result.exit_code, text.output
        assert "Traceback" not in text.output
        for line in text.stdout.splitlines():
            found = _FINDING_LINE.match(line)
            if found and found["path"] in expected:
                assert int(found["line"]) >= 1 and int(found["column"]) >= 1, line
                assert not leaked_terminals(found["message"], source), line
