"""`check --fix`: fixes are data on findings, applied only where they are safe (or with
--unsafe-fixes), idempotent, never garbling text, written atomically and never over a file that
changed meanwhile. Every fix has a case in tests/fixes/cases.yaml (text before, text after)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

from im_lint import api
from im_lint.cli import main
from im_lint.findings import Finding
from im_lint.fix import apply_once, fix_text

CASES = yaml.safe_load((ROOT / "tests" / "fixes" / "cases.yaml").read_text(encoding="utf-8"))


def _fix(tmp_path: Path, text: str, *flags: str, name: str = "p.proposal") -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(main, ["check", str(path), "--no-cache", *flags])
    assert result.exit_code in (0, 1), result.output
    return path.read_bytes().decode("utf-8"), result.output


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_each_fix_turns_the_text_into_the_expected_one(tmp_path: Path, case: dict) -> None:
    flags = ["--fix", "--select", ",".join(case["select"])] + (["--unsafe-fixes"] if case.get("unsafe") else [])
    fixed, _ = _fix(tmp_path, case["before"], *flags)
    assert fixed == case["after"]
    again, _ = _fix(tmp_path, fixed, *flags)
    assert again == fixed  # idempotent


def test_the_dutch_proposal_of_the_issue_is_clean_of_language_findings_after_one_fix(tmp_path: Path) -> None:
    text = (
        'voorstel PO-2027-009 "Nieuwe laptops"\n'
        "soort aanschaf\n"
        "budget 85.000 EUR\n"
        "vergadering 08-12-2026\n"
        'doel G1 "Beter onderwijs"\n'
        'activitiet A1 "Lessen voorbereiden" {\n'
        "  dient g1\n"
        "}\n"
    )
    path = tmp_path / "laptops.voorstel"
    path.write_text(text, encoding="utf-8")
    diff = CliRunner().invoke(main, ["check", str(path), "--diff", "--no-cache"])
    assert diff.exit_code == 1 and path.read_text(encoding="utf-8") == text  # --diff changes nothing
    changed = [line for line in diff.output.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        "-budget 85.000 EUR",
        "-vergadering 08-12-2026",
        "+budget 85000 EUR",
        "+vergadering 2026-12-08",
        '-activitiet A1 "Lessen voorbereiden" {',
        "-  dient g1",
        '+activiteit A1 "Lessen voorbereiden" {',
        "+  dient G1",
    ]
    CliRunner().invoke(main, ["check", str(path), "--fix", "--no-cache"])
    remaining = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-cache"]).output)
    assert not {"IM002", "IM003", "IM005"} & {f["code"] for f in remaining["findings"]}


def test_a_safe_fix_gives_the_model_of_the_hand_corrected_text() -> None:
    broken = 'proposal X-1 "Title"\nkind change\nbudget 85.000 EUR\nmeeting 08-12-2026\ngoal G1 "Goal"\nactivty A1 "Act" {\n  serves g1\n}\n'
    by_hand = 'proposal X-1 "Title"\nkind change\nbudget 85000 EUR\nmeeting 2026-12-08\ngoal G1 "Goal"\nactivity A1 "Act" {\n  serves G1\n}\n'

    def lint(text: str) -> list[Finding]:
        return api.lint_text(text)

    fixed = fix_text(broken, lint)
    assert fixed.text == by_hand
    dump = api.parse(fixed.text).proposal.model_dump(exclude={"lang"})
    assert _without_spans(dump) == _without_spans(api.parse(by_hand).proposal.model_dump(exclude={"lang"}))
    assert {f.code for f in api.lint_text(fixed.text)} <= {f.code for f in api.lint_text(by_hand)}


def _without_spans(value):
    if isinstance(value, dict):
        return {k: _without_spans(v) for k, v in value.items() if "span" not in k}
    if isinstance(value, list):
        return [_without_spans(v) for v in value]
    return value


def test_overlapping_fixes_are_applied_one_per_pass_and_never_garble() -> None:
    finding = Finding.model_construct(code="X", line=1, fixes=[])

    def fix(start: int, end: int, text: str, title: str) -> dict:
        edit = {"line": 1, "column": start, "end_line": 1, "end_column": end, "text": text}
        return {"title": title, "applicability": "safe", "edits": [edit]}

    text, applied = apply_once("abcdef\n", [(finding, fix(2, 5, "XY", "one")), (finding, fix(4, 6, "Z", "two"))])
    assert text == "aXYef\n" and [a.title for a in applied] == ["one"]
    text, applied = apply_once("abc\n", [(finding, fix(2, 2, "1", "a")), (finding, fix(2, 2, "2", "b"))])
    assert text == "a12bc\n"  # two insertions at one place: both, in order


def test_review_fixes_need_unsafe_fixes(tmp_path: Path) -> None:
    text = 'proposal X-1 "Title"\nbudget 100 EUR\n'
    fixed, _ = _fix(tmp_path, text, "--fix", "--select", "IM0")
    assert fixed == text
    fixed, _ = _fix(tmp_path, text, "--fix", "--unsafe-fixes", "--select", "IM0")
    assert "kind change" in fixed


def test_show_fixes_lists_what_was_fixed(tmp_path: Path) -> None:
    _, output = _fix(tmp_path, 'proposal X-1 "Title"\nbudget 85.000 EUR\n', "--fix", "--show-fixes", "--select", "IM0")
    assert "p.proposal:2: fixed IM003 (safe): Write `85000 EUR`" in output


def test_a_bom_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.voorstel"
    path.write_bytes('\ufeffvoorstel X-1 "T"\nbudget 85.000 EUR\n'.encode())
    CliRunner().invoke(main, ["check", str(path), "--fix", "--select", "IM0", "--no-cache"])
    assert path.read_bytes() == '\ufeffvoorstel X-1 "T"\nbudget 85000 EUR\n'.encode()


def test_a_file_changed_during_the_run_is_not_overwritten(tmp_path: Path, monkeypatch) -> None:
    import im_lint.files as files

    path = tmp_path / "p.proposal"
    path.write_text('proposal X-1 "T"\nbudget 85.000 EUR\n', encoding="utf-8")
    real = files.read_bytes
    calls = []

    def reading(name, limit=None):
        calls.append(name) if str(name) == str(path) else None
        if str(name) == str(path) and len(calls) == 2:  # between linting and writing, someone saves it
            Path(name).write_text('proposal X-1 "T"\nbudget 9 EUR\n', encoding="utf-8")
        return real(name, limit) if limit is not None else real(name)

    monkeypatch.setattr(files, "read_bytes", reading)
    done = api.fix_paths([str(path)], overrides={"select": ["IM0"]})
    assert done[0].error and "changed on disk" in done[0].error
    assert path.read_text(encoding="utf-8") == 'proposal X-1 "T"\nbudget 9 EUR\n'


def test_add_suppression_writes_a_comment_with_the_reason_above_each_finding(tmp_path: Path) -> None:
    text = 'proposal X-1 "Title"\nkind change\nbudget 85000 EUR\n'
    fixed, _ = _fix(tmp_path, text, "--add-suppression", "old proposal, kept as it was", "--select", "IM2,IM3")
    assert fixed.startswith("# im-lint: ignore ")
    assert fixed.splitlines()[0].endswith("-- old proposal, kept as it was")
    remaining = CliRunner().invoke(main, ["check", str(tmp_path / "p.proposal"), "--select", "IM2,IM3", "--no-cache"])
    assert remaining.exit_code == 0, remaining.output
    refused = CliRunner().invoke(main, ["check", str(tmp_path / "p.proposal"), "--add-suppression", "  "])
    assert refused.exit_code == 2 and "needs a reason" in refused.output


def test_json_findings_carry_their_fixes(tmp_path: Path) -> None:
    path = tmp_path / "p.proposal"
    path.write_text('proposal X-1 "T"\nkind policy\nbudget 85.000 EUR\n', encoding="utf-8")
    document = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-cache"]).output)
    finding = next(f for f in document["findings"] if f["code"] == "IM003")
    assert finding["fixes"] == [
        {
            "title": "Write `85000 EUR`",
            "applicability": "safe",
            "edits": [{"line": 3, "column": 8, "end_line": 3, "end_column": 18, "text": "85000 EUR"}],
        }
    ]
    assert all("fixes" not in f for f in document["findings"] if f["code"] != "IM003")


def test_an_organisation_rule_can_offer_a_fix_and_a_wrong_one_is_a_located_error(tmp_path: Path) -> None:
    rule = """\
category: {code: ORG, title: {en: Ours, nl: Van ons}}
rules:
  - code: ORG001
    name: vague-school
    severity: warning
    summary: {en: "School named vaguely.", nl: "School vaag genoemd."}
    source: {en: "Our policy", nl: "Ons beleid"}
    messages:
      default: {en: "Name the school in full.", nl: "Noem de school voluit."}
    docs:
      en: {what: "w", why: "y", where: "p", fail: "f", pass: "p"}
      nl: {what: "w2", why: "y2", where: "p2", fail: "f", pass: "p"}
    board: {en: "The school is not named in full.", nl: "De school is niet voluit genoemd."}
    check: {for: proposal, flag: {is: {school: "De Wilg"}}, at: school}
    fixes:
      - replace: 'school "Basisschool De Wilg"'
        applicability: %(applicability)s
        title: {en: "Name the school in full", nl: "Noem de school voluit"}
%(more)s"""
    (tmp_path / "pack").mkdir()
    (tmp_path / "im-lint.toml").write_text('packs = ["pack"]\n', encoding="utf-8")
    proposal = tmp_path / "p.proposal"
    proposal.write_text('proposal X-1 "T"\nkind policy\nschool "De Wilg"\n', encoding="utf-8")
    (tmp_path / "pack" / "ours.yaml").write_text(rule % {"applicability": "safe", "more": ""}, encoding="utf-8")
    CliRunner().invoke(main, ["check", str(proposal), "--fix", "--no-cache"])
    assert 'school "Basisschool De Wilg"' in proposal.read_text(encoding="utf-8")
    broken = rule % {"applicability": "safe", "more": "      - {fixer: keyword-typoo}\n"}
    (tmp_path / "pack" / "ours.yaml").write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(proposal)])
    assert result.exit_code == 2 and "ours.yaml:19:" in result.output and "keyword-typo" in result.output
    (tmp_path / "pack" / "ours.yaml").write_text(rule % {"applicability": "sure", "more": ""}, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(proposal)])
    assert result.exit_code == 2 and "ours.yaml:" in result.output and "internal error" not in result.output


def test_explain_says_whether_a_rule_can_fix() -> None:
    can = CliRunner().invoke(main, ["explain", "IM003", "--lang", "en"]).output
    assert "Fixes\n" in can and "iso-date [date-format]" in can
    cannot = CliRunner().invoke(main, ["explain", "IM101", "--lang", "en"]).output
    assert "none: im-lint check --fix does not change findings of this rule" in cannot
    document = json.loads(CliRunner().invoke(main, ["explain", "IM002", "--format", "json"]).output)
    assert document["fixes"] == [{"variant": "default", "fixer": "keyword-typo", "applicability": "review"}]
