"""The proposal language (LANGUAGE.md), tested through `im_lint.api.parse` (model and language findings)
and `im_lint.language.parse.parse` (the syntax tree): whitespace and line endings, case, strings and
text blocks, numbers, dates and money with their suggestions, spans, references, the language a file
mostly uses, and recovery from syntax errors without losing the rest of the file.
"""

from __future__ import annotations

import random
import re
from datetime import date
from decimal import Decimal

import pytest

from im_lint import api
from im_lint.language.parse import parse as parse_tree

HEAD = 'proposal VO-2026-014 "Laptops for digital teaching"\nkind change\n'


def only(text: str, code: str):
    """The one diagnostic of `text`, which must have `code`."""
    found = api.parse(text).diagnostics
    assert [d.code for d in found] == [code], [(d.code, d.span.line, d.variant, d.args) for d in found]
    return found[0]


def without_spans(value):
    if isinstance(value, dict):
        return {key: without_spans(item) for key, item in value.items() if not key.endswith("span")}
    if isinstance(value, list):
        return [without_spans(item) for item in value]
    return value


# A small proposal that uses every kind of element, attribute, impact and reference.
FULL = '''\
# A comment before the proposal.
proposal VO-2026-014 "Laptops for digital teaching"
kind procurement
status submitted
decision-by board
meeting 2026-12-08
budget 85_000 EUR
summary """
    Students follow lessons at school and at home.
      The laptops replace the tablets.
    """
goal G1 "Students can follow lessons, also remotely" {
  strategy "Koersplan 2024-2028, ambitie 3"
  owner school-management
}
process P1 "Providing education" {
  owner school-management
  executor ict, information-management
}
activity A1 "Follow lessons from home" {
  serves G1
  part-of P1
}
need N1 "Lesson material per class" {
  for A1
  data "lesson material", "assignments"
  personal-data no
  established 2026-09-01
}
provision V1 "Lesson material in the learning environment" {
  meets N1
}
existing E1 "Tablets from 2019" {
  supports A1
}
technology T1 "Laptops, one per student" {
  realizes V1
  supports A1
  replaces E1
  vendor "A reseller"
  chosen 2026-10-01
  cost 1250.50 EUR
}
impact teachers "Teachers prepare lessons for laptops." {
  involved 2026-09-15
  training "Two sessions"
}
impact board none "The budget was set last year."
exit "Standard laptops without lock-in."
'''


# --- whitespace, line endings, byte-order mark ----------------------------------------------------


def test_full_example_parses_without_findings() -> None:
    parsed = api.parse(FULL)
    assert parsed.diagnostics == []
    assert parsed.proposal is not None and parsed.proposal.id == "VO-2026-014"


@pytest.mark.parametrize("variant", ["crlf", "bom", "bom+crlf"])
def test_crlf_and_bom_give_the_same_model_as_lf(variant: str) -> None:
    text = FULL.replace("\n", "\r\n") if "crlf" in variant else FULL
    text = "\ufeff" + text if "bom" in variant else text
    plain, other = api.parse(FULL), api.parse(text)
    assert other.diagnostics == []
    a, b = plain.proposal, other.proposal
    assert (b.id, b.title, b.kind.value, b.meeting.value, b.budget.value) == (
        a.id,
        a.title,
        a.kind.value,
        a.meeting.value,
        a.budget.value,
    )
    assert b.summary.value == a.summary.value and "\r" not in b.summary.value
    assert [(e.keyword, e.id, e.title) for e in b.elements()] == [(e.keyword, e.id, e.title) for e in a.elements()]
    assert [(i.subject, i.stated) for i in b.impacts] == [(i.subject, i.stated) for i in a.impacts]
    assert without_spans(b.model_dump()) == without_spans(a.model_dump())
    # Line numbers do not move either.
    assert [e.span.line for e in b.elements()] == [e.span.line for e in a.elements()]


def test_bom_on_the_first_line_keeps_proposal_at_column_one() -> None:
    parsed = api.parse("\ufeff" + HEAD)
    assert parsed.diagnostics == []
    assert (parsed.proposal.span.line, parsed.proposal.span.column) == (1, 1)


def test_tabs_as_indentation_and_between_arguments() -> None:
    text = HEAD + 'goal\tG1\t"Students read more" {\n\tstrategy\t"Schoolplan"\n\t\towner\tboard\n}\n'
    parsed = api.parse(text)
    assert parsed.diagnostics == []
    goal = parsed.proposal.goals[0]
    assert (goal.id, goal.title, goal.strategy.value, goal.owner.value.id) == (
        "G1",
        "Students read more",
        "Schoolplan",
        "board",
    )
    assert goal.strategy.span.line == 4


def test_text_without_final_line_break() -> None:
    parsed = api.parse(HEAD + 'goal G1 "x"')
    assert parsed.diagnostics == [] and parsed.proposal.goals[0].id == "G1"


# --- case ---------------------------------------------------------------------------------------------


def test_keywords_and_enumerated_values_are_case_insensitive() -> None:
    text = (
        'PROPOSAL P1 "t"\nKIND Procurement\nStatus SUBMITTED\nDecision-By Board\n'
        'Process PR1 "Enrolment" {\n  Owner ICT\n  EXECUTOR Ict, Information-Management\n}\n'
        'NEED N1 "n" {\n  Personal-Data YES\n}\nIMPACT Teachers "They enrol nobody." \n'
        "Privacy {\n  DPIA Not-Needed\n  Processor-Agreement Ja\n}\n"
    )
    parsed = api.parse(text)
    assert [d.code for d in parsed.diagnostics] == []
    p = parsed.proposal
    assert p.kind.value == "procurement" and p.kind.value_spelling == "Procurement"
    assert p.status.value == "submitted"
    assert (p.decision_by.value.id, p.decision_by.value.builtin) == ("board", True)
    owner = p.processes[0].owner.value
    assert (owner.id, owner.builtin, owner.spelling) == ("ict", True, "ICT")  # `Owner ICT` is the role ict
    assert p.is_ict_role(owner)
    assert [r.id for r in p.processes[0].executor.value] == ["ict", "information-management"]
    assert p.needs[0].personal_data.value is True
    assert p.impacts[0].subject == "teachers"
    assert p.privacy.dpia.value.decision == "not-needed" and p.privacy.processor_agreement.value == "yes"


def test_identifiers_are_case_sensitive() -> None:
    text = HEAD + 'goal G1 "x"\nactivity A1 "a" {\n  serves g1\n}\n'
    found = only(text, "IM005")
    assert found.span.line == 5
    activity = api.parse(text).proposal.activities[0]
    assert api.parse(text).proposal.element(activity.serves.value[0]) is None


def test_identifiers_differing_in_case_are_two_identifiers() -> None:
    parsed = api.parse(HEAD + 'goal G1 "x"\ngoal g1 "y"\n')
    assert parsed.diagnostics == []
    assert [g.id for g in parsed.proposal.goals] == ["G1", "g1"]


# --- strings and text blocks --------------------------------------------------------------------------


def test_text_block_drops_first_line_break_closing_indentation_and_common_indentation() -> None:
    summary = api.parse(FULL).proposal.summary.value
    assert summary == "Students follow lessons at school and at home.\n  The laptops replace the tablets.\n"


def test_text_block_on_one_line() -> None:
    parsed = api.parse(HEAD + 'summary """One line, with "quotes" inside."""\n')
    assert parsed.diagnostics == []
    assert parsed.proposal.summary.value == 'One line, with "quotes" inside.'


def test_string_escapes_and_a_kept_backslash() -> None:
    parsed = api.parse(HEAD + 'author "Jan \\"de\\" Vries \\\\ share C:\\temp"\n')
    assert parsed.diagnostics == []
    assert parsed.proposal.author.value == 'Jan "de" Vries \\ share C:\\temp'


def test_unterminated_string_is_one_syntax_error_at_its_opening_quote() -> None:
    text = HEAD + 'goal G1 "no end\ngoal G2 "fine"\n'
    found = only(text, "IM001")
    assert (found.span.line, found.span.column) == (3, 9)
    assert [g.id for g in api.parse(text).proposal.goals] == ["G1", "G2"]


# --- numbers, dates, money ----------------------------------------------------------------------------


def test_numbers_with_underscore_and_decimals() -> None:
    proposal = api.parse(FULL).proposal
    assert proposal.budget.value.amount == Decimal("85000") and proposal.budget.value.currency == "EUR"
    assert proposal.technologies[0].cost.value.amount == Decimal("1250.50")


def test_dates_are_read_as_dates() -> None:
    proposal = api.parse(FULL).proposal
    assert proposal.meeting.value == date(2026, 12, 8)
    assert proposal.needs[0].established.value == date(2026, 9, 1)


def test_impossible_date() -> None:
    found = only(HEAD + "meeting 2026-02-30\n", "IM003")
    assert found.variant == "impossible-date" and found.span.line == 3
    assert api.parse(HEAD + "meeting 2026-02-30\n").proposal.meeting is None


@pytest.mark.parametrize("written", ["08-12-2026", "8 december 2026"])
def test_dutch_dates_are_invalid_with_the_iso_suggestion(written: str) -> None:
    text = HEAD + f"meeting {written}\n"
    found = only(text, "IM003")
    assert found.variant == "date-format" and found.args["suggestion"] == "2026-12-08"
    assert (found.span.line, found.span.column) == (3, 9)
    assert api.parse(text).proposal.meeting is None
    [finding] = [f for f in api.lint_text(text) if f.code == "IM003"]
    assert "2026-12-08" in finding.message


def test_thousands_dot_is_never_85_euros() -> None:
    text = HEAD + "budget 85.000 EUR\n"
    found = only(text, "IM003")
    assert found.variant == "thousands-dot"
    assert found.args["suggestion"] in ("85000 EUR", "85_000 EUR")
    assert api.parse(text).proposal.budget is None
    [finding] = [f for f in api.lint_text(text) if f.code == "IM003"]
    assert "85000" in finding.message or "85_000" in finding.message


@pytest.mark.parametrize("written", ["85,000 EUR", "€ 85000"])
def test_comma_and_euro_sign_are_invalid_money_with_a_suggestion(written: str) -> None:
    text = HEAD + f"budget {written}\n"
    found = only(text, "IM003")
    assert found.variant == "money-format"
    assert found.args["suggestion"] in ("85000 EUR", "85_000 EUR")
    assert api.parse(text).proposal.budget is None


# --- spans ------------------------------------------------------------------------------------------


def _line(number: int) -> str:
    return FULL.splitlines()[number - 1]


def _at(span) -> str:
    """The text a one-line span covers."""
    assert span.line == span.end_line
    return _line(span.line)[span.column - 1 : span.end_column - 1]


def test_every_node_span_is_on_the_line_of_its_text() -> None:
    proposal = api.parse(FULL).proposal
    assert _line(proposal.span.line).startswith("proposal VO-2026-014")
    assert _at(proposal.id_span) == "VO-2026-014"
    for name in ("kind", "status", "decision_by", "meeting", "budget"):
        attribute = getattr(proposal, name)
        assert _line(attribute.span.line).startswith(attribute.spelling + " "), name
    assert _line(proposal.summary.span.line).startswith("summary")
    checked = 0
    for element in proposal.elements():
        assert _line(element.span.line).startswith(f'{element.keyword} {element.id} "{element.title}"')
        assert _at(element.id_span) == element.id
        for name in type(element).model_fields:
            attribute = getattr(element, name)
            if not hasattr(attribute, "keyword") or not hasattr(attribute, "value"):
                continue
            assert _line(attribute.span.line).strip().startswith(attribute.spelling + " "), (element.id, name)
            assert element.span.line < attribute.span.line
            values = attribute.value if isinstance(attribute.value, list) else [attribute.value]
            for value in values:
                if hasattr(value, "span") and hasattr(value, "id"):  # a reference or a role
                    assert value.span.line == attribute.span.line
                    assert _at(value.span) == getattr(value, "spelling", value.id)
                    checked += 1
    assert checked == 12  # owner x2, executor x2, serves, part-of, for, meets, supports x2, realizes, replaces
    for impact in proposal.impacts:
        assert _line(impact.span.line).startswith(f"impact {impact.subject}")
        assert _at(impact.subject_span) == impact.subject
    teachers = proposal.impacts[0]
    assert _line(teachers.involved.span.line).strip() == "involved 2026-09-15"
    assert _line(teachers.training.span.line).strip() == 'training "Two sessions"'
    assert _line(proposal.exits[0].span.line).startswith("exit ")


def test_spans_of_a_syntax_tree() -> None:
    tree = parse_tree(FULL)
    assert [c.text for c in tree.comments] == ["# A comment before the proposal."]
    assert tree.comments[0].span.line == 1 and tree.comments[0].own_line
    for statement in tree.statements:
        assert _line(statement.span.line).lstrip().startswith(statement.keyword.text)
        for child in statement.block or ():
            assert _line(child.span.line).lstrip().startswith(child.keyword.text)
            assert statement.block_span.line <= child.span.line <= statement.block_span.end_line


# --- references ------------------------------------------------------------------------------------


def test_references_resolve_to_the_right_elements() -> None:
    proposal = api.parse(FULL).proposal
    [goal], [process], [activity] = proposal.goals, proposal.processes, proposal.activities
    [need], [provision], [existing], [technology] = (
        proposal.needs,
        proposal.provisions,
        proposal.existing,
        proposal.technologies,
    )
    assert proposal.element(activity.serves.value[0]) is goal
    assert proposal.element(activity.part_of.value) is process
    assert proposal.element(need.for_.value[0]) is activity
    assert proposal.element(provision.meets.value[0]) is need
    assert proposal.element(technology.realizes.value[0]) is provision
    assert proposal.element(technology.supports.value[0]) is activity
    assert proposal.element(technology.replaces.value[0]) is existing
    assert proposal.element(existing.supports.value[0]) is activity
    assert proposal.by_id("T1") is technology


def test_reference_to_an_element_of_the_wrong_kind() -> None:
    text = HEAD + 'need N1 "n"\nactivity A1 "a" {\n  serves N1\n}\n'
    found = only(text, "IM005")
    assert found.span.line == 5 and found.variant == "wrong-kind"
    proposal = api.parse(text).proposal
    assert proposal.element(proposal.activities[0].serves.value[0]) is None


# --- the language a file mostly uses ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (HEAD + 'goal G1 "x" {\n  strategy "y"\n}\n', "en"),
        ('voorstel PO-1 "t"\nsoort verandering\ndoel D1 "x" {\n  strategie "y"\n}\n', "nl"),
        # two English words (kind, change) against two Dutch ones (voorstel, concept): a tie is Dutch
        ('voorstel P1 "t"\nkind change\nstatus concept\n', "nl"),
        # `status`, `budget` and `school` are spelled the same in both languages and do not count
        ('voorstel P1 "t"\nsoort change\nstatus besloten\nbudget 5 EUR\nschool "De Wilg"\n', "nl"),
        ('proposal P1 "t"\nkind aanschaf\nstatus submitted\nbudget 5 EUR\nschool "De Wilg"\n', "en"),
    ],
)
def test_language_the_file_mostly_uses(text: str, lang: str) -> None:
    parsed = api.parse(text)
    assert parsed.lang == lang
    assert parsed.proposal.lang == lang


# --- syntax errors and recovery -------------------------------------------------------------------


def test_two_broken_lines_are_each_reported_once_and_the_rest_is_read() -> None:
    text = HEAD + 'goal G1 "x" , ,\n, , ,\ngoal G2 "after the broken lines"\n'
    parsed = api.parse(text)
    assert [(d.code, d.span.line) for d in parsed.diagnostics] == [("IM001", 3), ("IM001", 4)]
    assert "G2" in [g.id for g in parsed.proposal.goals]


def test_unclosed_block_is_one_error_at_its_opening_line() -> None:
    found = only(HEAD + 'goal G1 "x" {\n  strategy "s"\n', "IM001")
    assert found.span.line == 3


def test_unclosed_text_block_is_one_error_at_its_opening_line() -> None:
    found = only(HEAD + 'summary """\n  never closed\n  goal G1 "x"\n', "IM001")
    assert found.span.line == 3


def test_forgotten_closing_brace_before_the_next_element() -> None:
    text = HEAD + 'goal G1 "x" {\n  strategy "s"\ngoal G2 "y" {\n  strategy "t"\n}\nactivity A1 "a" {\n  serves G2\n}\n'
    found = only(text, "IM001")
    assert found.span.line == 3  # at the block's opening line
    proposal = api.parse(text).proposal
    assert [(g.id, g.strategy.value) for g in proposal.goals] == [("G1", "s"), ("G2", "t")]
    assert proposal.element(proposal.activities[0].serves.value[0]).id == "G2"
    assert [(s.keyword.text, s.span.line) for s in parse_tree(text).statements][2:] == [
        ("goal", 3),
        ("goal", 5),
        ("activity", 8),
    ]


@pytest.mark.parametrize("line", ["}", 'goal G0 "x" }'])
def test_closing_brace_with_no_block(line: str) -> None:
    text = HEAD + line + '\ngoal G1 "after"\n'
    found = only(text, "IM001")
    assert found.span.line == 3
    assert "G1" in [g.id for g in api.parse(text).proposal.goals]


def test_trailing_comma() -> None:
    text = HEAD + 'goal G1 "g"\nactivity A1 "a" {\n  serves G1,\n}\ngoal G2 "after"\n'
    found = only(text, "IM001")
    assert found.span.line == 5
    assert [g.id for g in api.parse(text).proposal.goals] == ["G1", "G2"]
    assert [a.id for a in api.parse(text).proposal.activities] == ["A1"]


def test_block_on_one_line_is_one_error_and_the_element_exists() -> None:
    text = HEAD + 'goal G1 "x" { strategy "y" }\ngoal G2 "z"\n'
    found = only(text, "IM001")
    assert found.span.line == 3
    assert [g.id for g in api.parse(text).proposal.goals] == ["G1", "G2"]


LARK_TERMINALS = re.compile(
    r"\b(NAME|STRING|_NL|LBRACE|RBRACE|COMMA|VALUE|OTHER|TEXT_BLOCK|OPEN_STRING|OPEN_TEXT_BLOCK|"
    r"COMMENT|WS)\b|\$END|Expected one of|Token\("
)
BROKEN = [
    'goal G1 "x" , ,',
    ", , ,",
    'goal G1 "x" { strategy "y" }',
    "}",
    'goal G1 "x" }',
    "{ goal",
    'goal G1 "unterminated',
    'summary """ never closed',
    'goal G1 "x" {',
    "serves G1,, G2",
    'activity A1 "a" {\n  serves G1,\n}',
    'goal G1 "x" {{',
    'goal G1 "x" { "y" {',
]


@pytest.mark.parametrize("broken", BROKEN)
@pytest.mark.parametrize("head", [HEAD, 'voorstel PO-1 "t"\nsoort verandering\n'])
def test_syntax_errors_say_what_was_expected_in_plain_words(head: str, broken: str) -> None:
    findings = api.lint_text(head + broken + "\n")
    syntax = [f for f in findings if f.code == "IM001"]
    assert syntax, [f.message for f in findings]
    for finding in findings:
        assert not LARK_TERMINALS.search(finding.message), finding.message
    for finding in syntax:
        assert len(finding.message) > 20 and finding.message[0].isupper(), finding.message


# --- hostile input ------------------------------------------------------------------------------------


def test_deeply_nested_braces_do_not_raise() -> None:
    text = 'goal G1 "x" {\n' + "{\n" * 20000
    findings = api.lint_text(text)
    assert [f.code for f in findings] == ["IM006"]  # no proposal statement at all


def test_deeply_nested_braces_in_a_syntax_tree_do_not_raise() -> None:
    tree = parse_tree(HEAD + 'goal G1 "x" {\n' + "{\n" * 2000)
    assert tree.errors and all(error.code == "IM001" for error in tree.errors)


@pytest.mark.parametrize(
    "text",
    [
        "\x00",
        'proposal P1 "t"\nkind change\n\x00\n',
        "\u202e\u202d\u200f\u2066",
        HEAD + 'goal G1 "\u202eevil\u202c"\n\u202egoal G2 "x"\n',
        HEAD + 'goal G1 "zero\u200bwidth"\n',
        "\ufeff\ufeff" + HEAD,
        HEAD + 'goal G1 "form\x0cfeed"\x0c\n',
        "proposal",
        "proposal P1",
        '"""',
        "{",
        "}" * 50,
    ],
)
def test_odd_characters_never_raise(text: str) -> None:
    api.parse(text)
    findings = api.lint_text(text)
    assert all(f.line >= 1 for f in findings)


# Whitespace other than space, tab and form feed: a no-break space pasted from a word processor, a
# carriage return without a line feed, the Unicode line and paragraph separators, a vertical tab.
# (At commit 4a18756 each of these raised lark's UnexpectedCharacters from the lexer.)
UNICODE_SPACES = {
    "no-break space": "\u00a0",
    "bare CR": "\r",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "vertical tab": "\x0b",
    "ideographic space": "\u3000",
    "next line": "\x85",
    "file separator": "\x1c",
}


@pytest.mark.parametrize("char", list(UNICODE_SPACES.values()), ids=list(UNICODE_SPACES))
def test_unicode_whitespace_never_raises(char: str) -> None:
    for text in (
        HEAD + f'goal{char}G1 "x"\n',
        HEAD + f'{char}goal G1 "x"\n',
        HEAD + f'goal G1 "x"{char}\n',
        HEAD + f'goal G1 "a{char}b"\n',
    ):
        findings = api.lint_text(text)
        assert all(f.line >= 1 for f in findings)


def test_random_garbage_never_raises() -> None:
    pieces = [
        "proposal",
        "voorstel",
        "goal",
        "G1",
        '"x"',
        '"',
        '"""',
        "{",
        "}",
        ",",
        "\n",
        "\n",
        "\r\n",
        " ",
        "\t",
        "# c",
        "2026-01-01",
        "08-12-2026",
        "85.000",
        "€",
        "EUR",
        "serves",
        "impact",
        "teachers",
        "none",
        "kind",
        "change",
        "capacity",
        "privacy",
        "dpia",
        "\\",
        "\x00",
        "\u202e",
        "\ufeff",
        "é",
        "\x0c",
        "\u200b",
    ]
    rng = random.Random(20261208)
    for _ in range(400):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ")) for _ in range(rng.randint(1, 30)))
        if rng.random() < 0.5:
            text = HEAD + text
        findings = api.lint_text(text)
        assert isinstance(findings, list)
        for finding in findings:
            assert not LARK_TERMINALS.search(finding.message), (text, finding.message)
