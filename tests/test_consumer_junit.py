"""Jenkins' JUnit schema (`junit-10.xsd` of the xunit plugin, in tests/data/) accepts im-lint's JUnit
XML: failing cases, findings that do not count (a decided proposal, a warning below `--fail-on`) in
`<system-out>`, an unreadable file, hostile text, standard input. Validated with xmlschema."""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint.cli import main

DATA = Path(__file__).parent / "data"
IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema10:
    return xmlschema.XMLSchema10(str(DATA / "junit-10.xsd"))


def junit(*args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(main, ["check", *args, "--format", "junit"], input=input)
    assert result.exit_code in (0, 1), result.output
    return result.output


def assert_valid(schema: xmlschema.XMLSchema10, xml: str) -> None:
    errors = [f"{error.path}: {error.reason}" for error in schema.iter_errors(xml)]
    assert errors == [], "\n".join(errors[:10])


def test_the_examples_and_scenarios(schema) -> None:
    xml = junit(str(EXAMPLES), str(DATA.parent / "scenarios"))
    assert "<failure " in xml and "<testcase " in xml
    assert_valid(schema, xml)


def test_what_does_not_count_is_in_system_out(schema, tmp_path: Path) -> None:
    decided = tmp_path / "decided.proposal"
    decided.write_text(IPADS.replace("status submitted", "status decided"), encoding="utf-8")
    assert "status decided" in decided.read_text(encoding="utf-8")
    warning_only = tmp_path / "retention.proposal"
    warning_only.write_text(
        'proposal VO-1 "Retention"\nkind policy\nneed N1 "How long a file is kept"\n', encoding="utf-8"
    )
    xml = junit(str(decided), str(warning_only))
    assert "<system-out>" in xml and "<failure " not in xml
    assert_valid(schema, xml)


def test_unreadable_hostile_and_standard_input(schema, tmp_path: Path) -> None:
    (tmp_path / "empty.proposal").write_bytes(b"")
    (tmp_path / "latin1.proposal").write_bytes('proposal P-1 "Caf\xe9"\n'.encode("latin-1"))
    # Control characters XML cannot hold, and markup, in the messages (IM001 quotes the line).
    (tmp_path / "control.proposal").write_text('proposal P-1 "x"\nkind change\nactiv\x01ty <&> ]]>\n', encoding="utf-8")
    xml = junit(str(tmp_path), str(DATA / "report" / "hostile.proposal"))
    assert "IM006" in xml and "\\x01" in xml
    assert_valid(schema, xml)
    assert_valid(schema, junit("-", input=IPADS))


def test_the_schema_refuses_what_jenkins_would(schema) -> None:
    """The check can fail: a test suite without its required `failures` count is refused."""
    xml = junit(str(EXAMPLES / "ipads.proposal"))
    broken = xml.replace(' failures="', ' failed="', 2)
    assert not schema.is_valid(broken)
