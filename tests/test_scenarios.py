"""Hand-written, realistic proposals (tests/scenarios/): the clean ones get no false alarm, and each
mistake of the Kennisnet article is caught on its own, at the line that holds it.

Every scenario file starts with `# expect: CODE, CODE, ...` (a code once per finding) or
`# expect: none`. The findings of every severity are compared with it as a multiset, so an
unexpected info finding fails too; info codes a scenario accepts are listed like any other.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from im_lint import api

SCENARIOS = Path(__file__).parent / "scenarios"
FILES = sorted([*SCENARIOS.glob("*.proposal"), *SCENARIOS.glob("*.voorstel")])

# Where each code reports (RULES.md): the keywords, in either language, that its line starts with.
PROPOSAL_LINE = ("proposal", "voorstel")
PLACES: dict[str, tuple[str, ...]] = {
    "IM101": ("technology", "technologie"),
    "IM102": ("chosen", "gekozen"),
    "IM103": ("goal", "doel", "need", "behoefte"),
    "IM104": ("goal", "doel"),
    "IM105": ("activity", "activiteit"),
    "IM106": ("need", "behoefte"),
    "IM107": ("provision", "voorziening"),
    "IM108": ("goal", "doel"),
    "IM201": PROPOSAL_LINE,
    "IM202": ("impact",),
    "IM203": PROPOSAL_LINE,
    "IM204": PROPOSAL_LINE,
    "IM205": ("impact",),
    "IM206": ("impact",),
    "IM301": ("owner", "eigenaar"),
    "IM302": ("process", "proces"),
    "IM303": ("decision-by", "besluit-door"),
    "IM304": PROPOSAL_LINE,
    "IM305": ("process", "proces"),
    "IM401": ("capacity", "capaciteit"),
    "IM501": ("need", "behoefte"),
    # Something the proposal lacks: the proposal line; the privacy block is an acceptable reading.
    "IM502": (*PROPOSAL_LINE, "privacy"),
    "IM503": ("technology", "technologie"),
    "IM601": ("technology", "technologie"),
    "IM602": PROPOSAL_LINE,
    "IM603": PROPOSAL_LINE,
}
ELEMENT_KEYWORDS = {
    "role",
    "rol",
    "stakeholder",
    "belanghebbende",
    "goal",
    "doel",
    "process",
    "proces",
    "activity",
    "activiteit",
    "need",
    "behoefte",
    "provision",
    "voorziening",
    "technology",
    "technologie",
    "existing",
    "bestaand",
}
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


def expected_codes(path: Path) -> Counter[str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"#\s*expect:\s*(.+?)\s*", first)
    assert match, f"{path.name}: the first line must be `# expect: ...`, not {first!r}"
    listed = match.group(1)
    if listed.lower() == "none":
        return Counter()
    return Counter(code.strip() for code in listed.split(","))


@cache
def lint(path: Path) -> tuple:
    """One file linted on its own, as `im-lint check FILE` does (the rules across proposals included)."""
    return tuple(api.lint_paths([str(path)]).findings)


def _shown(findings) -> str:
    return "\n".join(f"  {f.line}:{f.column} {f.code} [{f.severity}] {f.message}" for f in findings) or "  (none)"


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_scenario_gets_exactly_its_expected_findings(path: Path) -> None:
    expected = expected_codes(path)
    findings = lint(path)
    got = Counter(f.code for f in findings if f.severity in ("error", "warning") or f.code in expected)
    unlisted_info = [f for f in findings if f.severity == "info" and f.code not in expected]
    assert got == expected, f"{path.name}: expected {sorted(expected.elements())}, got:\n{_shown(findings)}"
    assert not unlisted_info, f"{path.name}: info findings that the scenario does not list:\n{_shown(unlisted_info)}"


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_scenario_findings_point_at_the_line_that_holds_the_thing(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    for finding in lint(path):
        where = f"{path.name}:{finding.line} {finding.code} {finding.message}"
        assert finding.code in PLACES, f"no known place for {finding.code}: {where}"
        assert 1 <= finding.line <= len(lines), where
        text = lines[finding.line - 1].strip()
        words = text.split()
        assert words and words[0].lower() in PLACES[finding.code], f"line {finding.line} is {text!r}: {where}"
        if words[0].lower() in ELEMENT_KEYWORDS:
            # An element-level finding names the element of its line.
            assert f"`{words[1]}`" in finding.message, f"the message does not name `{words[1]}`: {where}"
        elif words[0].lower() not in PROPOSAL_LINE and len(words) > 1 and words[1] != "{":
            # An attribute-level finding names the attribute's value (`ict`, the chosen date).
            assert words[1].strip('"') in finding.message, f"the message does not name {words[1]}: {where}"
        if finding.code == "IM103":
            # "The title of goal `D1` names `Chromebook`, ...": the product word is on the line.
            named = re.findall(r"`([^`]+)`", finding.message)
            assert len(named) >= 2 and named[0] == words[1], where
            assert re.search(rf"\b{re.escape(named[1])}\b", text, re.IGNORECASE), where


def test_article_mistakes_are_each_caught_in_a_file_of_their_own() -> None:
    covered: set[str] = set()
    for path in FILES:
        codes = set(expected_codes(path))
        if path.name.startswith("mistake-"):
            assert codes, f"{path.name} expects no finding"
            covered |= codes
    assert ARTICLE_MISTAKES <= covered, f"no scenario for {sorted(ARTICLE_MISTAKES - covered)}"
    # Every privacy code also fires alone in a file, not only together with the other two.
    alone = {next(iter(expected_codes(p))) for p in FILES if len(set(expected_codes(p))) == 1}
    assert {"IM501", "IM502", "IM503"} <= alone


def test_clean_scenarios_in_both_languages() -> None:
    clean = [path for path in FILES if path.name.startswith("clean-")]
    assert len(clean) >= 3
    assert all(not expected_codes(path) for path in clean)
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
