"""Huge and broken files (issue 14, item 2): a file's cost is bounded by what it holds of a proposal.

The parser stops after MAX_BROKEN_LINES lines that are no statement, saying where; findings of one
code in one file are listed up to `max-findings-per-code`, then one IM010 says how many more, with
the severity and the effect on the verdict of what it stands for. Speed is measured by
benchmarks/huge.py (docs/performance-huge.md), never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from im_lint import api
from im_lint.config import Config
from im_lint.language import parse_text
from im_lint.language.parse import MAX_BROKEN_LINES, Limits, parse

HEAD = 'proposal P-1 "Lockers"\nkind change\n'


def _refs(count: int, target: str = "G9") -> str:
    return HEAD + f'activity A1 "Hand in phones" {{\n  serves {", ".join([target] * count)}\n}}\n'


def _lint(text: str, **settings) -> list:
    return api.lint_text(text, path="x.proposal", config=Config(**settings), today="2026-06-01")


def _counts(findings: list, code: str = "IM005") -> list:
    """The IM010s that count findings of `code`."""
    return [f for f in findings if f.code == "IM010" and f.args["code"] == code]


def _run(path: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "im_lint", "check", "--no-cache", *options, str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


# --- the parser stops after many broken lines --------------------------------------------------
def test_the_parser_reads_on_after_broken_lines_below_the_limit() -> None:
    text = HEAD + "x\n" * 5 + "{\n}\n" + 'goal G1 "Read after the broken lines"\n'
    parsed = parse_text(text)
    assert [goal.id for goal in parsed.proposal.goals] == ["G1"]
    assert not [d for d in parsed.diagnostics if d.variant == "too-many-errors"]


@pytest.mark.parametrize("broken", ["x\n", "{\n", "}\n", '"text" x\n', "x, y,\n"])
def test_the_parser_stops_after_the_limit_and_says_where(broken: str) -> None:
    text = HEAD + broken * 12 + 'goal G1 "Never read"\n'
    tree = parse(text, Limits(broken_lines=4))
    stops = [d for d in tree.errors if d.variant == "too-many-errors"]
    assert len(stops) == 1
    stop = stops[0]
    assert stop.span.line == 2 + 4 + 1  # the line after the fourth broken one
    assert stop.args == {"limit": 4, "rest": 12 - 4 + 1}  # those lines and the goal were not read
    assert all(statement.keyword.text != "goal" for statement in tree.statements)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (HEAD + "depends-on " + ", ".join(f"P-{i}" for i in range(30)) + "\n", 3, 27),  # within a list
        (HEAD + "".join(f'goal G{i} "Goal {i}"\n' for i in range(10)), 4, 1),  # at a keyword
        (HEAD + "".join(f'goal G{i} "Goal" {{\n  owner ict\n}}\n' for i in range(10)), 4, 3),  # in a block
        (HEAD + "# a comment\n" * 20 + 'goal G1 "Goal"\n', 8, 1),  # in a run of comments
    ],
)
def test_a_file_of_more_words_than_the_limit_is_read_up_to_there(text: str, line: int, column: int) -> None:
    """A limit of 12 (words, lines and comments; the header costs 7): what was read ends where reading
    stopped, the statement being read is ended there, and an open block is closed without a finding
    of its own. The fast path and recovery (after a stray `}` in the header) stop at the same place."""
    for given in (text, text.replace("kind change\n", "kind change }\n")):
        tree = parse(given, Limits(words=12))
        stop = tree.errors[-1]
        assert (stop.variant, stop.span.line, stop.span.column, stop.args["limit"]) == ("too-large", line, column, 12)
        assert [e.variant for e in tree.errors[:-1]] == ([] if given == text else ["unexpected-closing-brace"])
        assert stop.args["rest"] == given.count("\n") - line + 1
        read = [
            w.span for s in tree.statements for c in [s, *(s.block or ())] for w in [c.keyword, *sum(c.arguments, [])]
        ]
        assert all((span.line, span.column) < (line, column) for span in read)
        assert len(read) >= 5  # the header at least
        assert all(c.span.line < line for c in tree.comments)


@pytest.mark.parametrize("broken", ["{\n", "}\n"])
def test_where_reading_stopped_is_listed_even_past_the_limit_of_its_code(broken: str) -> None:
    """Lone braces are IM001s themselves: the one that says where reading stopped is never capped."""
    findings = _lint(HEAD + broken * (MAX_BROKEN_LINES + 10))
    assert [f.line for f in findings if f.code == "IM001" and "rest" in f.args] == [3 + MAX_BROKEN_LINES]
    assert [f.args["count"] for f in _counts(findings, "IM001")] == [MAX_BROKEN_LINES - 50]


def test_a_file_of_unknown_keywords_is_read_up_to_the_limit() -> None:
    findings = _lint(HEAD + "x\n" * (MAX_BROKEN_LINES + 5))
    stop = [f for f in findings if f.code == "IM001"]
    assert [(f.line, f.args) for f in stop] == [(3 + MAX_BROKEN_LINES, {"limit": MAX_BROKEN_LINES, "rest": 5})]
    assert "stopped reading here" in stop[0].message and "5 more lines" in stop[0].message
    counted = [f for f in findings if f.code == "IM010" and f.args["code"] == "IM002"]
    assert [f.args["count"] for f in counted] == [MAX_BROKEN_LINES - 50]
    dutch = api.lint_text('voorstel P-1 "Kluisjes"\nsoort verandering\n' + "x\n" * (MAX_BROKEN_LINES + 1))
    assert any("gestopt met lezen" in f.message for f in dutch if f.code == "IM001")


# --- findings of one code are capped -----------------------------------------------------------
def test_the_first_findings_are_listed_and_one_more_says_how_many_were_left_out() -> None:
    findings = _lint(_refs(10), max_findings_per_code=3)
    dangling = [f for f in findings if f.code == "IM005"]
    assert [f.column for f in dangling] == [10, 14, 18]  # the first three, in the order of the file
    (counted,) = _counts(findings)
    assert counted.args == {"code": "IM005", "count": 7, "limit": 3}
    assert (counted.line, counted.column) == (4, 22)  # at the first one left out
    assert counted.message.startswith("7 more findings of IM005 in this file are not listed")
    assert counted.severity == "error" and counted.affects_exit
    dutch = api.lint_text(
        _refs(10).replace("activity", "activiteit").replace("serves", "dient"),
        config=Config(max_findings_per_code=3, lang="nl"),
    )
    assert [f.message[:35] for f in _counts(dutch)] == ["Nog 7 meldingen van IM005 in dit be"]


def test_zero_lists_every_finding() -> None:
    findings = _lint(_refs(60), max_findings_per_code=0)
    assert len([f for f in findings if f.code == "IM005"]) == 60
    assert not _counts(findings)


def test_the_count_fails_the_run_whatever_is_configured_for_im010() -> None:
    findings = _lint(
        _refs(10), max_findings_per_code=2, severity={"IM010": "info"}, ignore=["IM010"], per_file_ignores={}
    )
    (counted,) = _counts(findings)
    assert counted.severity == "error" and counted.affects_exit


def test_the_count_has_the_severity_of_the_worst_finding_it_stands_for() -> None:
    text = HEAD + "".join(f'goal G{i} "Goal {i}"\n' for i in range(1, 6))  # IM104 (warning) on each
    (counted,) = _counts(_lint(text, max_findings_per_code=2), "IM104")
    assert counted.severity == "warning"
    raised = _lint(text, max_findings_per_code=2, severity={"IM104": "error"})
    assert [f.severity for f in _counts(raised, "IM104")] == ["error"]


def test_waived_findings_never_take_the_place_of_those_that_fail_the_run() -> None:
    """Four goals without a strategy are waived, four are not; with a limit of two, two of each are
    listed and each kind gets its own count: the waived count is waived, the other fails the run."""
    waived = "".join(f'# im-lint: ignore IM104 -- strategy follows\ngoal W{i} "Waived {i}"\n' for i in range(4))
    open_ = "".join(f'goal G{i} "Open {i}"\n' for i in range(4))
    engine = api.engine(Config(max_findings_per_code=2, fail_on="warning", today="2026-06-01"))
    check = engine.check_file("x.proposal", parse_text(HEAD + waived + open_, engine.declarations))
    findings = engine.finish(check, keep_waived=True)  # as the waiver register reads them
    im104 = [f for f in findings if f.code == "IM104"]
    assert [(f.args.get("id"), f.suppressed is not None) for f in im104] == [
        ("W0", True),
        ("W1", True),
        ("G0", False),
        ("G1", False),
    ]
    counts = sorted((f.suppressed is not None, f.args["count"], f.affects_exit) for f in _counts(findings, "IM104"))
    assert counts == [(False, 2, True), (True, 2, False)]


def test_per_file_ignores_of_a_code_remove_its_count_too(tmp_path: Path) -> None:
    (tmp_path / "im-lint.toml").write_text('[per-file-ignores]\n"*.proposal" = ["IM105"]\n', encoding="utf-8")
    text = HEAD + "".join(f'activity A{i} "Activity {i}"\n' for i in range(5))  # IM105 on each
    (tmp_path / "x.proposal").write_text(text, encoding="utf-8")
    config = api.load_config(tmp_path / "im-lint.toml").model_copy(update={"max_findings_per_code": 2})
    findings = api.lint_paths([str(tmp_path / "x.proposal")], config=config).findings
    assert not [f for f in findings if f.code == "IM105"] + _counts(findings, "IM105")


def test_the_limit_is_a_configuration_key_and_a_flag(tmp_path: Path) -> None:
    path = tmp_path / "x.proposal"
    path.write_text(_refs(10), encoding="utf-8")
    (tmp_path / "im-lint.toml").write_text("max-findings-per-code = 4\n", encoding="utf-8")
    from_file = json.loads(_run(path, "--format", "json").stdout)
    assert [f["args"]["count"] for f in from_file["findings"] if f["args"].get("code") == "IM005"] == [6]
    from_flag = _run(path, "--format", "json", "--max-findings-per-code", "8")
    assert [
        f["args"]["count"] for f in json.loads(from_flag.stdout)["findings"] if f["args"].get("code") == "IM005"
    ] == [2]
    assert from_flag.returncode == 1
    refused = _run(path, "--max-findings-per-code", "-1")
    assert refused.returncode == 2 and "-1" in refused.stderr


# --- big files: bounded output (speed is the benchmark's) ---------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("shape", ["broken-line", "lone-brace", "many-element"])
def test_a_one_megabyte_file_gives_a_bounded_report(shape: str, tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from huge import shape as make

    path = tmp_path / f"{shape}.proposal"
    path.write_text(make(shape, 1024 * 1024), encoding="utf-8")
    result = _run(path, "--format", "json")
    assert result.returncode == 1
    assert len(result.stdout) < 500_000  # a few hundred findings, not one per line
    findings = json.loads(result.stdout)["findings"]
    assert any(f["code"] == "IM010" for f in findings)


def test_a_comment_after_a_line_that_ends_in_a_stray_brace_is_kept() -> None:
    """Recovery ends such a line with a synthetic break; the real one's comments are still read
    (a suppression there still suppresses, and counts towards the limit)."""
    tree = parse(HEAD.replace("kind change\n", "kind change }\n") + '# im-lint: ignore IM104 -- later\ngoal G1 "x"\n')
    assert [c.text for c in tree.comments] == ["# im-lint: ignore IM104 -- later"]


def test_suppression_comments_past_the_limit_suppress_nothing_and_one_im008_says_so() -> None:
    from im_lint.engine import suppress

    text = HEAD + "".join(f'# im-lint: ignore IM104 -- later\ngoal G{i} "Goal {i}"\n' for i in range(5))
    original, suppress.MAX_SUPPRESSIONS = suppress.MAX_SUPPRESSIONS, 3
    try:
        findings = _lint(text)
    finally:
        suppress.MAX_SUPPRESSIONS = original
    assert [f.line for f in findings if f.code == "IM104"] == [10, 12]  # goals 3 and 4: not suppressed
    (too_many,) = [f for f in findings if f.code == "IM008" and f.args.get("limit") == 3]
    assert too_many.line == 9 and "more than 3" in too_many.message


def test_a_value_of_a_megabyte_is_shown_shortened_and_gets_no_fix() -> None:
    """A huge identifier or amount is named in findings shortened (else 50 findings of it would be
    50 MB of output), and no fix writes the shortened text back."""
    huge_id, huge_amount = "G" + "A" * 1_000_000, "1,1" * 300_000
    text = HEAD + f'goal {huge_id} "x"\nactivity A1 "y" {{\n  serves {huge_id}B\n}}\nbudget {huge_amount} EUR\n'
    findings = _lint(text)
    named = [f for f in findings if any(isinstance(v, str) and v.startswith("GAAAA") for v in f.args.values())]
    assert {f.code for f in named} >= {"IM005"}
    assert [f.code for f in findings if f.line == 7] == ["IM003"]  # the amount
    assert all(len(f.message) < 1000 and not f.fixes for f in named + [f for f in findings if f.line == 7])
