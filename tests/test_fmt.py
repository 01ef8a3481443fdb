"""`im-lint fmt`: idempotent, meaning-preserving, comments and spelling kept, files never lost."""

from __future__ import annotations

import os
import stat
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES
from generators import proposals
from hypothesis import HealthCheck, given, settings

from im_lint import api
from im_lint.cli import main
from im_lint.fmt import format_text
from im_lint.language.parse import parse

FIXTURES = Path(__file__).parent / "fixtures"
SPAN_KEYS = {"span", "id_span", "subject_span"}


def without_spans(value):
    if isinstance(value, dict):
        return {key: without_spans(item) for key, item in value.items() if key not in SPAN_KEYS}
    if isinstance(value, list):
        return [without_spans(item) for item in value]
    return value


def meaning(text: str):
    parsed = api.parse(text)
    model = without_spans(parsed.proposal.model_dump()) if parsed.proposal else None
    findings = Counter(f.code for f in api.lint_text(text))  # messages may name lines, which move
    comments = [c.text.rstrip() for c in parse(text.lstrip("\ufeff")).comments]
    return model, findings, comments


def assert_formats_faithfully(text: str) -> None:
    formatted = api.format_text(text)
    assert api.format_text(formatted) == formatted, "fmt is not idempotent"
    assert meaning(formatted) == meaning(text), "fmt changed what the proposal says"


def _texts():
    for path in sorted(FIXTURES.glob("IM*.yaml")):
        for number, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"], start=1):
            for name, text in (case.get("files") or {"": case.get("text", "")}).items():
                if api.parse(text).proposal is not None and not parse(text).errors:
                    yield pytest.param(text, id=f"{path.stem}-{number}{name and '-' + name}")
    for path in sorted(EXAMPLES.rglob("*.proposal")) + sorted(EXAMPLES.rglob("*.voorstel")):
        yield pytest.param(path.read_text(encoding="utf-8"), id=path.name)


@pytest.mark.parametrize("text", list(_texts()))
def test_fmt_on_every_fixture_and_example(text: str) -> None:
    assert_formats_faithfully(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proposals())
def test_fmt_on_generated_proposals(text: str) -> None:
    assert api.parse(text).proposal is not None
    assert_formats_faithfully(text)


def test_the_spec_example_is_already_canonical() -> None:
    text = (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")
    assert api.format_text(text) == text


def test_layout_is_normalised_and_words_kept() -> None:
    messy = (
        'voorstel   P-1 "Laptops"   # kop\nSOORT aanschaf\n\n\n\ndoel D1 "Leren" {\n'
        '        strategie "Plan"\n# binnen\n}\nactiviteit A1 "Oefenen" {\ndient D1,D1\n}\n'
    )
    assert api.format_text(messy) == (
        'voorstel P-1 "Laptops"  # kop\nSOORT aanschaf\n\ndoel D1 "Leren" {\n  strategie "Plan"\n  # binnen\n}\n\n'
        'activiteit A1 "Oefenen" {\n  dient D1, D1\n}\n'
    )


def test_text_blocks_are_reindented_with_the_same_value() -> None:
    text = 'proposal P "x"\nkind policy\nsummary """\n        First line.\n          Indented more.\n    """\n'
    formatted = api.format_text(text)
    assert 'summary """\n  First line.\n    Indented more.\n"""' in formatted
    assert api.parse(formatted).proposal.summary.value == api.parse(text).proposal.summary.value


def test_line_endings_and_byte_order_mark_are_kept() -> None:
    text = '\ufeffproposal P "x"\r\nkind   policy\r\n'
    assert api.format_text(text) == '\ufeffproposal P "x"\r\nkind policy\r\n'


def run(*args: str):
    return CliRunner().invoke(main, ["fmt", *args])


def test_cli_writes_atomically_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "p.proposal"
    path.write_text('proposal P "x"\nkind    policy\n', encoding="utf-8")
    os.chmod(path, 0o640)
    result = run(str(path))
    assert result.exit_code == 0 and "reformatted" in result.output
    assert path.read_text(encoding="utf-8") == 'proposal P "x"\nkind policy\n'
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["p.proposal"]  # no temporary file left behind


def test_check_and_diff_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.proposal"
    original = 'proposal P "x"\nkind    policy\n'
    path.write_text(original, encoding="utf-8")
    check = run("--check", str(path))
    assert check.exit_code == 1 and "would reformat" in check.output
    diff = run("--diff", str(path))
    assert diff.exit_code == 1 and "-kind    policy" in diff.output and "+kind policy" in diff.output
    assert path.read_text(encoding="utf-8") == original
    path.write_text('proposal P "x"\nkind policy\n', encoding="utf-8")
    assert run("--check", str(path)).exit_code == 0


@pytest.mark.parametrize("content", [b'proposal P "x\nkind policy\n', b"\xff\xfe binary", b"", b'goal G1 "x" {\n'])
def test_files_that_do_not_parse_are_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "p.proposal"
    path.write_bytes(content)
    result = run(str(path))
    assert result.exit_code == 1 and "not formatted" in result.output
    assert path.read_bytes() == content


def test_files_with_other_findings_are_formatted(tmp_path: Path) -> None:
    path = tmp_path / "p.proposal"
    path.write_text('proposal P "x"\nkind   purchase\ndoell G1 "y"\n', encoding="utf-8")
    assert run(str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == 'proposal P "x"\nkind purchase\ndoell G1 "y"\n'


def test_a_blank_line_between_comments_of_their_own_stays() -> None:
    # A commented-out statement and the note about the next one stay apart (issue 13, item 7);
    # more blank lines become one.
    text = 'proposal P-1 "Laptops"\n# budget 100 EUR\n\n\n\n# The kind:\n\nkind policy\n'
    assert format_text(text) == 'proposal P-1 "Laptops"\n# budget 100 EUR\n\n# The kind:\n\nkind policy\n'
    block = 'proposal P-1 "X"\n\ngoal G1 "Leren" {\n  # inside\n\n  strategy "Plan"\n}\n'
    assert format_text(block) == block
