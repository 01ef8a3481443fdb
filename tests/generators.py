"""Hypothesis strategies that write valid proposals from the vocabulary, in English, Dutch or both,
with varied layout (indentation, spacing, case, comments, CRLF, byte-order mark). Used by the
formatter's property tests and by the robustness tests."""

from __future__ import annotations

from hypothesis import strategies as st

from im_lint.language.vocabulary import ENUMS, by_en

WORDS = [
    "Leerlingen",
    "oefenen",
    "rekenen",
    "op",
    "eigen",
    "niveau",
    "Teachers",
    "plan",
    "lessons",
    "together",
    "de",
    "het",
    "school",
    "data",
    "results",
    "per",
    "groep",
    "weekly",
    "overzicht",
    "planning",
]


@st.composite
def spelled(draw, english: str, lang: str) -> str:
    """A keyword in the language asked for ('mixed': either), sometimes in another case."""
    keyword = by_en()[english]
    word = keyword.nl if lang == "nl" or (lang == "mixed" and draw(st.booleans())) else keyword.en
    return draw(st.sampled_from([word, word, word.upper(), word.capitalize()]))


@st.composite
def value(draw, enum: str, lang: str) -> str:
    en, nl = draw(st.sampled_from(ENUMS[enum]))
    return nl if lang == "nl" or (lang == "mixed" and draw(st.booleans())) else en


@st.composite
def text(draw, min_words: int = 3) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=8))
    return " ".join(words)


@st.composite
def quoted(draw) -> str:
    body = draw(text())
    if draw(st.integers(0, 5)) == 0:
        body += ' \\"quoted\\" C:\\temp'
    return f'"{body}"'


@st.composite
def text_block(draw, indent: str) -> str:
    lines = draw(st.lists(text(), min_size=1, max_size=3))
    extra = draw(st.sampled_from(["", "  "]))
    inner = "\n".join(indent + extra + "  " + line for line in lines)
    return f'"""\n{inner}\n{indent}"""'


@st.composite
def proposals(draw) -> str:
    """One valid proposal: every reference resolves, every value is in its set."""
    lang = draw(st.sampled_from(["en", "nl", "mixed"]))
    kw = lambda name: draw(spelled(name, lang))  # noqa: E731
    pad = draw(st.sampled_from([" ", " ", "  ", "\t"]))
    indent = draw(st.sampled_from(["  ", "    ", "\t", " "]))
    out = [
        f"{kw('proposal')}{pad}P-{draw(st.integers(1, 999))} {draw(quoted())}",
        f"{kw('kind')} {draw(value('kind', lang))}",
    ]
    if draw(st.booleans()):
        out.append(f"{kw('status')} {draw(value('status', lang))}")
    if draw(st.booleans()):
        out.append(f"{kw('decision-by')} {draw(value('role', lang))}")
    if draw(st.booleans()):
        out.append(
            f"{kw('meeting')} 20{draw(st.integers(20, 35))}-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))}"
        )
    if draw(st.booleans()):
        amount = draw(st.sampled_from(["85000", "85_000", "1250.50", "31500"]))
        out.append(f"{kw('budget')} {amount} EUR")
    if draw(st.booleans()):
        out.append(f"{kw('summary')} {draw(text_block(''))}")
    goals = [f"G{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    activities = [f"A{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    needs = [f"N{i}" for i in range(1, draw(st.integers(0, 2)) + 1)]
    for goal in goals:
        if draw(st.booleans()):
            out.append(f"{kw('goal')} {goal} {draw(quoted())}")
        else:
            out.append(
                f"{kw('goal')} {goal} {draw(quoted())} {{\n{indent}{kw('strategy')} {draw(quoted())}\n"
                f"{indent}{kw('owner')} {draw(value('role', lang))}\n}}"
            )
    for activity in activities:
        served = ", ".join(draw(st.lists(st.sampled_from(goals), min_size=1, max_size=2, unique=True)))
        if draw(st.booleans()):
            out.append(f"# {draw(text())}")
        out.append(f"{kw('activity')} {activity} {draw(quoted())} {{\n{indent}{kw('serves')}  {served}\n}}")
    for need in needs:
        users = ",".join(draw(st.lists(st.sampled_from(activities), min_size=1, max_size=2, unique=True)))
        out.append(
            f"{kw('need')} {need} {draw(quoted())} {{\n{indent}{kw('for')} {users}\n"
            f"{indent}{kw('personal-data')} {draw(value('yesno', lang))}  # {draw(text())}\n}}"
        )
    if needs:
        out.append(f"{kw('provision')} V1 {draw(quoted())} {{\n{indent}{kw('meets')} {', '.join(needs)}\n}}")
        out.append(
            f"{kw('technology')} T1 {draw(quoted())} {{\n{indent}{kw('realizes')} V1\n"
            f"{indent}{kw('vendor')} {draw(quoted())}\n}}"
        )
    for subject in draw(st.lists(st.sampled_from(ENUMS["subject"]), max_size=4, unique=True)):
        name = subject[1] if lang == "nl" else subject[0]
        if draw(st.booleans()):
            out.append(f"{kw('impact')} {name} {draw(value('none', lang))} {draw(quoted())}")
        else:
            out.append(
                f"{kw('impact')} {name} {draw(quoted())} {{\n{indent}{kw('involved')} 2026-10-0{draw(st.integers(1, 9))}\n}}"
            )
    if draw(st.booleans()):
        out.append(f"{kw('privacy')} {{\n{indent}{kw('dpia')} {draw(value('dpia', lang))}\n}}")
    for closing in draw(st.lists(st.sampled_from(["risk", "alternative", "exit"]), max_size=3)):
        out.append(f"{kw(closing)} {draw(quoted())}")
    separator = draw(st.sampled_from(["\n", "\n\n", "\n  \n"]))
    body = separator.join(out) + "\n"
    if draw(st.integers(0, 4)) == 0:
        body = body.replace("\n", "\r\n")
    if draw(st.integers(0, 6)) == 0:
        body = "\ufeff" + body
    return body
