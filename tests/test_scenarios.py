"""Hand-written, realistic proposals (tests/scenarios/): the clean ones get no false alarm, and each
mistake of the Kennisnet article is caught on its own, at the line that holds it.

What each scenario gets, every finding by code and line, is declared once, in
`tests/scenarios/expected.yaml`. It is generated: `pytest tests/test_scenarios.py --regen` rewrites
it from what im-lint finds now, and its diff is reviewed like code (a change there is a change in
what im-lint tells a school). Where a code may report is not a table here either: it is read from
the rule's fixture file (the keywords of the lines its failing cases expect it at).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest

from im_lint import api
from im_lint.engine.packs import load_yaml
from im_lint.language.vocabulary import ELEMENTS, lookup_keyword

TESTS = Path(__file__).parent
SCENARIOS = TESTS / "scenarios"
EXPECTED = SCENARIOS / "expected.yaml"
FILES = sorted([*SCENARIOS.glob("*.proposal"), *SCENARIOS.glob("*.voorstel")])
PROPOSAL_LINE = "proposal"
# The mistakes the article names, each with a code that catches it (a set of the article, not of
# the catalogue: a new rule does not change it).
ARTICLE_MISTAKES = {
    "IM101",
    "IM102",
    "IM103",
    "IM201",
    "IM301",
    "IM303",
    "IM401",
    "IM501",
    "IM502",
    "IM503",
    "IM601",
    "IM602",
}
HEADER = """\
# What each scenario of tests/scenarios/ gets: every finding, by code and line, of every severity.
# Generated: `pytest tests/test_scenarios.py --regen` rewrites this file from what im-lint finds now.
# Review its diff like code: a change here is a change in what im-lint tells a school.
"""


def _keyword(line: str) -> str | None:
    """The English keyword a line starts with, in either language."""
    words = line.split()
    found = lookup_keyword(words[0]) if words else None
    return found.en if found else None


@cache
def places() -> dict[str, set[str]]:
    """Code -> the keywords of the lines its fixture file expects it at."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted((TESTS / "fixtures").glob("*.yaml")):
        for case in load_yaml(path.read_text(encoding="utf-8"), str(path))["cases"]:
            for item in case["expect"]:
                lines = (case["text"] if "text" in case else case["files"][item["file"]]).splitlines()
                if item["line"] <= len(lines):
                    found[item["code"]].add(_keyword(lines[item["line"] - 1]))
    return found


@cache
def lint(path: Path) -> tuple:
    """One file linted on its own, as `im-lint check FILE` does (the rules across proposals included)."""
    return tuple(api.lint_paths([str(path)]).findings)


def observed(path: Path) -> list[dict]:
    return [{"code": f.code, "line": f.line} for f in sorted(lint(path), key=lambda f: (f.line, f.code, f.column))]


def render(document: dict[str, list[dict]]) -> str:
    lines = [HEADER]
    for name, findings in sorted(document.items()):
        lines.append(f"{name}:" + ("" if findings else " []"))
        lines.extend(f"  - {{code: {item['code']}, line: {item['line']}}}" for item in findings)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def expected(request) -> dict[str, list[dict]]:
    if request.config.getoption("--regen"):
        EXPECTED.write_text(render({path.name: observed(path) for path in FILES}), encoding="utf-8")
    return load_yaml(EXPECTED.read_text(encoding="utf-8"), str(EXPECTED))


def codes(expected: dict, path: Path) -> list[str]:
    return [item["code"] for item in expected[path.name]]


def _shown(findings) -> str:
    return "\n".join(f"  {f.line}:{f.column} {f.code} [{f.severity}] {f.message}" for f in findings) or "  (none)"


def test_the_expectations_file_lists_every_scenario_once(expected) -> None:
    assert sorted(expected) == sorted(path.name for path in FILES)
    assert EXPECTED.read_text(encoding="utf-8") == render(expected), "expected.yaml is not as --regen writes it"


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_scenario_gets_exactly_its_expected_findings(path: Path, expected) -> None:
    assert observed(path) == expected[path.name], (
        f"{path.name} gets other findings than tests/scenarios/expected.yaml says:\n{_shown(lint(path))}\n"
        "If the change is meant, run `pytest tests/test_scenarios.py --regen` and review the diff."
    )


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_scenario_findings_point_at_the_line_that_holds_the_thing(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    for finding in lint(path):
        where = f"{path.name}:{finding.line} {finding.code} {finding.message}"
        assert 1 <= finding.line <= len(lines), where
        text = lines[finding.line - 1].strip()
        words = text.split()
        keyword = _keyword(text)
        assert keyword in places()[finding.code], (
            f"{where}: reports at a `{keyword}` line, where tests/fixtures/{finding.code}.yaml never expects it "
            f"(it does at {sorted(map(str, places()[finding.code]))}); add a fixture case that shows it there"
        )
        if keyword in ELEMENTS:
            # An element-level finding names the element of its line.
            assert f"`{words[1]}`" in finding.message, f"the message does not name `{words[1]}`: {where}"
        elif keyword != PROPOSAL_LINE and len(words) > 1 and words[1] != "{":
            # An attribute-level finding names the attribute's value (`ict`, the chosen date).
            assert words[1].strip('"') in finding.message, f"the message does not name {words[1]}: {where}"
        if finding.code == "IM103":
            # "The title of goal `D1` names `Chromebook`, ...": the product word is on the line.
            named = re.findall(r"`([^`]+)`", finding.message)
            assert len(named) >= 2 and named[0] == words[1], where
            assert re.search(rf"\b{re.escape(named[1])}\b", text, re.IGNORECASE), where


def test_article_mistakes_are_each_caught_in_a_file_of_their_own(expected) -> None:
    covered: set[str] = set()
    for path in FILES:
        if path.name.startswith("mistake-"):
            assert codes(expected, path), f"{path.name} expects no finding"
            covered |= set(codes(expected, path))
    assert ARTICLE_MISTAKES <= covered, f"no scenario for {sorted(ARTICLE_MISTAKES - covered)}"
    # Every privacy code also fires alone in a file, not only together with the other two.
    alone = {codes(expected, p)[0] for p in FILES if len(set(codes(expected, p))) == 1}
    assert {"IM501", "IM502", "IM503"} <= alone


def test_clean_scenarios_in_both_languages(expected) -> None:
    clean = [path for path in FILES if path.name.startswith("clean-")]
    assert len(clean) >= 3
    assert all(not expected[path.name] for path in clean)
    assert {path.suffix for path in clean} == {".proposal", ".voorstel"}
    assert {api.parse(path.read_text(encoding="utf-8")).lang for path in clean} == {"en", "nl"}


def test_scenarios_are_realistic_sizes_and_distinct_proposals() -> None:
    ids = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        assert 15 <= len(text.splitlines()) <= 75, path.name  # with the participation the law asks
        parsed = api.parse(text)
        assert parsed.proposal is not None and not parsed.diagnostics, path.name
        lang = "nl" if path.suffix == ".voorstel" else "en"
        assert parsed.lang == lang, f"{path.name} mostly uses {parsed.lang}"
        ids.append(parsed.proposal.id)
    assert len(ids) == len(set(ids)), "two scenarios share a proposal ID (IM701 across the repository)"


def test_linting_the_folder_at_once_gives_the_same_findings_as_file_by_file() -> None:
    """Rules across proposals (IM7) see all scenarios together; they must not add or lose anything."""
    together = Counter((Path(f.path).name, f.code, f.line) for f in api.lint_paths([str(SCENARIOS)]).findings)
    one_by_one = Counter((path.name, f.code, f.line) for path in FILES for f in lint(path))
    assert together == one_by_one
