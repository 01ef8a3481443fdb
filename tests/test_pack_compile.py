"""Packs compiled at load: every mistake in a pack by path is `PACK:LINE:COL: message (did you mean
...)` with exit 2 before any proposal is read, never "internal error" when the rule fires."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from im_lint import api
from im_lint.cli import main

RULE = """\
category: {code: ORG, title: {en: Ours, nl: Van ons}}
rules:
  - code: ORG001
    name: our-rule
    severity: warning
    summary: {en: "Ours.", nl: "Van ons."}
    source: {en: "Our policy", nl: "Ons beleid"}
    messages:
      default: {en: "%(en)s", nl: "Noem het."}
    docs:
      en: {what: "w", why: "y", where: "p", fail: "f", pass: "p"}
      nl: {what: "w2", why: "y2", where: "p2", fail: "f", pass: "p"}
%(more)s    check: %(check)s
"""

PROPOSAL = 'proposal P-1 "x"\nkind procurement\nbudget 85000 EUR\ndecision-by ict\n'


def _run(tmp_path: Path, check: str, en: str = "Name it.", more: str = "", proposal: str = PROPOSAL):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "ours.yaml").write_text(RULE % {"check": check, "en": en, "more": more}, encoding="utf-8")
    (tmp_path / "im-lint.toml").write_text('packs = ["pack"]\n', encoding="utf-8")
    (tmp_path / "p.proposal").write_text(proposal, encoding="utf-8")
    return CliRunner().invoke(main, ["check", str(tmp_path / "p.proposal")])


def _error(result) -> str:
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    return result.output


CASES = [
    # (check, message template, the text the error points at, words of the message)
    ("{for: goal, flag: {missing: vendor}}", "x", "vendor}", ["`vendor` is not an attribute of a goal"]),
    ("{for: technology, flag: {missing: vendr}}", "x", "vendr", ["did you mean `vendor`"]),
    ("{for: proposal, flag: {is: {kind: procurment}}}", "x", "procurment", ["not a value of `kind`", "`procurement`"]),
    ("{for: proposal, flag: {is: {kind: [change, polcy]}}}", "x", "polcy", ["did you mean `policy`"]),
    ("{for: proposal, flag: {is: {budget: 5}}}", "x", "5}", ["`is` cannot test `budget`", "compare"]),
    ("{for: proposal, flag: {compare: [budget, '>', '2026-01-01']}}", "x", "'2026-01-01'", ["is an amount"]),
    ("{for: proposal, flag: {compare: [meeting, '>', 50000]}}", "x", "50000", ["is a date"]),
    ("{for: proposal, flag: {compare: [summary, '>', 5]}}", "x", "summary", ["amounts and dates", "summary"]),
    ("{for: proposal, flag: {compare: [budget, '>', '5 EURO']}}", "x", "'5 EURO'", ["currency code"]),
    ("{for: activity, flag: {follow: {via: title}}}", "x", "title", ["refers to elements", "title"]),
    ("{for: activity, flag: {follow: {via: serves, where: {missing: vendor}}}}", "x", "vendor}", ["of a goal"]),
    ("{for: goal, flag: {referred-by: {kind: need, via: for}}}", "x", "for}", ["refers to a activity"]),
    ("{for: proposal, flag: {ict-role: budget}}", "x", "budget}", ["needs a role attribute"]),
    ("{for: proposal, flag: {ict-role: decisionby}}", "x", "decisionby", ["did you mean `decision-by`"]),
    ("{for: proposal, flag: {missing: exit}, at: exitt}", "x", "exitt", ["did you mean `exit`"]),
    ("{for: proposal, flag: {missing: exit}, args: {b: budgett}}", "x {b}", "budgett", ["did you mean `budget`"]),
    ("{for: proposal, flag: {missing: exit}, args: {b: budget}}", "Over {budgt}.", '"Over {budgt}', ["{budgt}", "`b`"]),
    ("{for: proposal, flag: {missing: exit}}", "Over {budget}.", '"Over {budget}', ["filled by nothing"]),
    ("{for: proposal, flag: {missing: exit}, args: {b: budget}}", "Over {b", '"Over {b"', ["expected '}'"]),
    ("{for: proposal, flag: {missing: exit}, args: {b: budget}}", "Over {0}", '"Over {0}', ["{0}", "plain argument"]),
    ("{for: proposal, flag: {missing: exit}, args: {b: budget}}", "{b.__class__}", '"{b.__class__}', ["attributes"]),
    (
        "{for: proposal, flag: {missing: exit}, args: {b: budget}}",
        "{b:>999999999}",
        '"{b:>999999999}',
        ["no conversion or format"],
    ),
    ("{for: proposal, flag: {missing: exit}, variant: other}", "x", "other", ["no message `other`"]),
    ("{for: proposal, flag: {compare: [budget, '>', {option: min}]}}", "x", "{option: min}", ["no option `min`"]),
]


def _position(text: str, token: str) -> str:
    """Line and column of a token in the pack: the check's line unless it is a message."""
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines) if ("check:" in line) != token.startswith('"') and token in line)
    return f"{number + 1}:{lines[number].index(token) + 1}"


@pytest.mark.parametrize(("check", "en", "token", "words"), CASES)
def test_pack_mistake_is_a_located_error(tmp_path: Path, check: str, en: str, token: str, words: list[str]) -> None:
    output = _error(_run(tmp_path, check, en))
    where = _position((tmp_path / "pack" / "ours.yaml").read_text(encoding="utf-8"), token)
    assert f"ours.yaml:{where}: rule ORG001: " in output, output
    for word in words:
        assert word in output, output


def test_a_portfolio_rule_in_an_organisation_pack(tmp_path: Path) -> None:
    output = _error(_run(tmp_path, "{for: proposal, flag: {missing: exit}}", more="    scope: portfolio\n"))
    assert "ours.yaml:14:12: rule ORG001: a `scope: portfolio` rule needs a named portfolio check" in output
    assert "duplicate_proposal_id" in output


def test_a_named_portfolio_check_in_an_organisation_pack_runs(tmp_path: Path) -> None:
    more = "    scope: portfolio\n"
    result = _run(tmp_path, "duplicate_proposal_idd", more=more)
    assert "did you mean `duplicate_proposal_id`" in _error(result)
    other = tmp_path / "sub"
    other.mkdir()
    result = _run(other, "duplicate_proposal_id", en="Twice: {id}.", more=more)
    assert result.exit_code in (0, 1), result.output
    (other / "q.proposal").write_text(PROPOSAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(other), "--select", "ORG001", "--format", "json"])
    assert result.exit_code == 0 and result.output.count('"message": "Twice: P-1."') == 2, result.output


def test_options_in_a_declarative_check(tmp_path: Path) -> None:
    option = textwrap.indent(
        "options:\n  min-value:\n    type: integer\n    default: 50000\n"
        "    doc: {en: The amount from which it applies., nl: Het bedrag vanaf waar het geldt.}\n",
        "    ",
    )
    check = "{for: proposal, flag: {compare: [budget, '>=', {option: min-value}]}, args: {budget: budget}}"
    result = _run(tmp_path, check, en="Large: {budget}.", more=option)
    assert result.exit_code == 1 and "Large: 85000 EUR." in result.output, result.output
    (tmp_path / "im-lint.toml").write_text('packs = ["pack"]\n[rules.ORG001]\nmin-value = 90000\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "p.proposal"), "--select", "ORG001"])
    assert result.exit_code == 0, result.output
    # An integer option cannot stand for a date, nor a word list for an amount.
    other = tmp_path / "again"
    other.mkdir()
    output = _error(_run(other, "{for: proposal, flag: {compare: [meeting, '>', {option: min-value}]}}", more=option))
    assert "only be compared with an amount" in output


def test_options_in_is(tmp_path: Path) -> None:
    option = textwrap.indent(
        "options:\n  vendors:\n    type: words\n    default: [Acme]\n    doc: {en: Vendors., nl: Leveranciers.}\n",
        "    ",
    )
    check = "{for: technology, flag: {is: {vendor: {option: vendors}}}, args: {id: id}}"
    proposal = PROPOSAL + 'technology T1 "x" {\n  vendor "acme"\n}\n'
    result = _run(tmp_path, check, en="Vendor of {id}.", more=option, proposal=proposal)
    assert "Vendor of T1." in result.output, result.output


@pytest.mark.parametrize("folder", ["/", "/proc/self"])
def test_a_pack_folder_that_is_not_a_pack_is_a_clear_error(tmp_path: Path, folder: str) -> None:
    (tmp_path / "im-lint.toml").write_text(f'packs = ["{folder}"]\n', encoding="utf-8")
    (tmp_path / "p.proposal").write_text(PROPOSAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "p.proposal")])
    output = _error(result)
    assert "no *.yaml file in this folder" in output or "entries" in output


def test_a_pack_folder_is_bounded_in_files_and_bytes(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    for number in range(101):
        (pack / f"r{number:03}.yaml").write_text("category: {}\n", encoding="utf-8")
    with pytest.raises(api.ConfigError, match="at most 100"):
        api.engine(api.Config(packs=[str(pack)]))
    for path in pack.iterdir():
        path.unlink()
    valid = RULE % {"check": "{for: proposal, flag: {missing: exit}}", "en": "x", "more": ""}
    (pack / "a.yaml").write_text(valid + "# " + "x" * (6 * 1024 * 1024) + "\n", encoding="utf-8")
    (pack / "b.yaml").write_text("# " + "x" * (6 * 1024 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(api.ConfigError, match="b.yaml"):
        api.engine(api.Config(packs=[str(pack)]))


def test_a_pack_file_that_is_a_device_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "zero.yaml").symlink_to("/dev/zero")
    with pytest.raises(api.ConfigError, match="not a regular file"):
        api.engine(api.Config(packs=[str(pack)]))


def test_stakeholders_feed_im201_through_the_pack() -> None:
    rule = api.engine().catalogue.rules["IM201"]
    assert rule.options["groups"].from_config == "stakeholders"
    engine = api.engine(api.Config(stakeholders=["teachers", "parents"]))
    assert engine.options["IM201"]["groups"] == ["teachers", "parents"]
