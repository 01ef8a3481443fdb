"""Deterministic benchmark corpora: proposals of about 4 KB for im-lint, and YAML configuration
documents of the same sizes for yamllint.

The proposals are put together from the pieces of examples/*.voorstel|proposal and tests/scenarios:
half English, half Dutch; about a third flawed the way the scenarios are (a piece dropped, ICT
deciding, a TODO impact, a dangling reference), and 5% with a syntax error (a broken quote or brace),
so the parser's recovery paths are timed too, not only the happy path. File i depends only on the
seed and i, so the 1,000-file corpus is the first 1,000 files of the 10,000-file one.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

# English keyword or value -> Dutch. Only what the generator uses; the rest is spelled the same.
NL = dict(
    x.split("=")
    for x in (
        "proposal=voorstel kind=soort procurement=aanschaf change=verandering policy=beleid submitted=ingediend "
        "draft=concept school=school author=auteur submitted-by=ingediend-door decision-by=besluit-door "
        "meeting=vergadering summary=samenvatting goal=doel strategy=strategie owner=eigenaar process=proces "
        "executor=uitvoerder reference=referentie activity=activiteit serves=dient part-of=onderdeel-van "
        "need=behoefte for=voor data=gegevens personal-data=persoonsgegevens established=vastgesteld "
        "provision=voorziening meets=vervult technology=technologie realizes=realiseert supports=ondersteunt "
        "replaces=vervangt vendor=leverancier chosen=gekozen cost=kosten existing=bestaand impact=impact "
        "involved=betrokken training=scholing none=geen capacity=capaciteit internal=intern "
        "collaboration=samenwerking external=extern privacy=privacy dpia=dpia done=uitgevoerd "
        "not-needed=niet-nodig dpo-consulted=fg-geraadpleegd processor-agreement=verwerkersovereenkomst "
        "yes=ja no=nee risk=risico alternative=alternatief exit=exit board=bestuur ict=ict "
        "school-management=schoolleiding information-management=informatiemanagement students=leerlingen "
        "teachers=leraren team-leads=teamleiders school-leaders=schoolleiders ict-staff=ict-beheerders "
        "parents=ouders processes=processen information=informatie budget=budget status=status"
    ).split()
)

# (title, goal, activity, need, provision, technology) per topic, in each language.
TOPICS = {
    "en": [
        (
            "Laptops for digital teaching",
            "Students can follow lessons, also from home",
            "Work on assignments in the learning platform",
            "Per student, the assignments and the feedback on them",
            "One place for assignments and feedback",
            "Laptops, one per student",
        ),
        (
            "Attendance registration in every lesson",
            "Students who miss lessons are noticed the same day",
            "Register who is present at the start of each lesson",
            "Per lesson, which students are absent",
            "Attendance overview per class and per mentor",
            "Attendance module of the student administration",
        ),
        (
            "A catalogue for the school library",
            "Students find a book that fits their reading level",
            "Choose a book in the reading hour",
            "Which books are available at which reading level",
            "A searchable catalogue per reading level",
            "Library catalogue software",
        ),
        (
            "Room booking for the project weeks",
            "Project groups find a room without asking around",
            "Plan the rooms for the project week",
            "Which rooms are free in which period",
            "A booking overview per day",
            "Room booking in the timetable system",
        ),
    ],
    "nl": [
        (
            "Devices voor groep 6 tot en met 8",
            "Leerlingen oefenen op hun eigen niveau",
            "Adaptief oefenen in de klas",
            "Leerkracht ziet per leerling waar die staat",
            "Oefenprogramma met voortgangsoverzicht per groep",
            "Eenvoudige laptops, 1 per 2 leerlingen",
        ),
        (
            "Ouderportaal voor berichten en oudergesprekken",
            "Ouders weten op tijd wat er in de groep gebeurt",
            "Oudergesprekken plannen",
            "Per gezin de contactgegevens en de gewenste gesprekstijd",
            "Eén plek voor berichten en gesprekken",
            "Ouderportaal met gespreksplanner",
        ),
        (
            "Digitaal toetsen in de onderbouw",
            "Leerlingen krijgen sneller feedback op hun toetsen",
            "Toetsen afnemen in het toetsvenster",
            "Per leerling de toetsresultaten per leerdoel",
            "Resultatenoverzicht per klas",
            "Toetsplatform met itembank",
        ),
        (
            "Digitaal zorgdossier voor het zorgoverleg",
            "Leerlingen met extra zorg krijgen die zonder wachttijd",
            "Het zorgoverleg voorbereiden",
            "Per leerling de afspraken uit het zorgoverleg",
            "Eén dossier per leerling",
            "Zorgmodule bij de leerlingadministratie",
        ),
    ],
}
SENTENCES = {
    "en": [
        "Lessons are prepared in the learning platform.",
        "Nothing changes in the daily routine.",
        "The supplier prepares the devices before the summer.",
        "Absence is noticed in the same lesson, not at the end of the week.",
        "A yearly licence within the ICT budget line.",
        "The school leader reports from one source.",
        "Set-up together with the other schools of the foundation.",
        "Delivery is late; the old devices stay in use until delivery.",
        "Keep the paper lists: no cost, but a week late.",
        "Data is exported in a standard format; the licence can be ended each year.",
    ],
    "nl": [
        "Leraren plannen gesprekken in het portaal in plaats van op papier.",
        "Er verandert niets in de dagelijkse gang van zaken.",
        "De leverancier richt de apparaten in voor de zomer.",
        "Eenmalige investering binnen de meerjarenbegroting.",
        "De directeur plant de uitrol in de week na de voorjaarsvakantie.",
        "Samen met de andere scholen van de stichting.",
        "Levering vertraagd; de tablets blijven tot de levering in gebruik.",
        "Papieren verslagen in een afgesloten kast, zoals nu.",
        "Dossiers zijn te exporteren; de module is per schooljaar op te zeggen.",
        "Koppeling met de leerlingadministratie inrichten.",
    ],
}
SUBJECTS = ["students", "teachers", "team-leads", "school-leaders", "board", "ict-staff", "processes", "information"]
FLAWS = [
    "no-privacy",
    "no-teachers",
    "ict-decides",
    "todo",
    "dangling",
    "no-exit",
    "no-kind",
    "no-need",
    "chosen-early",
]


def date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def proposal(rng: random.Random, index: int) -> tuple[str, str]:
    """(file name, text) of proposal `index`."""
    lang = rng.choice(["en", "nl"])
    k = (lambda word: word) if lang == "en" else (lambda word: " ".join(NL.get(w, w) for w in word.split()))
    say = lambda: rng.choice(SENTENCES[lang])  # noqa: E731
    title, goal, activity, need, provision, tech = rng.choice(TOPICS[lang])
    flawed = set(rng.sample(FLAWS, rng.randint(1, 3))) if rng.random() < 0.35 else set()
    year = rng.randint(2025, 2029)
    n_act, n_need = rng.randint(1, 4), rng.randint(1, 3)
    g, a, n, v = ("G", "A", "N", "V") if lang == "en" else ("D", "A", "B", "V")

    out = [
        f"# {say()}",
        f'{k("proposal")} {rng.choice(["PO", "VO", "MBO"])}-{year}-{index % 1000:03d} "{title} ({index})"',
    ]
    if "no-kind" not in flawed:
        out.append(f"{k('kind')} {k(rng.choice(['procurement', 'change', 'policy']))}")
    out += [
        f"{k('status')} {k(rng.choice(['draft', 'submitted']))}",
        f'{k("school")} "Stichting {rng.choice(["De Linde", "Het Baken", "Noorderlicht"])}"',
        f'{k("author")} "{rng.choice(["Karin Bos", "Jan de Vries", "Fatima El Amrani", "Pieter Jansen"])}"',
        f"{k('submitted-by')} {k('information-management')}",
        f"{k('decision-by')} {k('ict' if 'ict-decides' in flawed else rng.choice(['board', 'school-management']))}",
        f"{k('meeting')} {date(rng, year)}",
        f"{k('budget')} {rng.randint(5, 200) * 500} EUR",
        f'{k("summary")} """',
        *(f"  {say()}" for _ in range(rng.randint(1, 4))),
        '"""',
        "",
        f'{k("goal")} {g}1 "{goal}" {{',
        f'  {k("strategy")} "{rng.choice(["Koersplan 2024-2028", "Schoolplan 2023-2027"])}, ambitie {rng.randint(1, 5)}"',
        f"  {k('owner')} {k('school-management')}",
        "}",
        f'{k("process")} P1 "{activity}" {{',
        f"  {k('owner')} {k('school-management')}",
        f"  {k('executor')} ict",
        "}",
    ]
    for i in range(1, n_act + 1):
        served = f"{g}9" if "dangling" in flawed and i == 1 else f"{g}1"
        out += [
            f'{k("activity")} A{i} "{activity}, deel {i}" {{',
            f"  {k('serves')} {served}",
            f"  {k('part-of')} P1",
            "}",
        ]
    established = date(rng, year - 1)
    if "no-need" not in flawed:
        for i in range(1, n_need + 1):
            out += [
                f'{k("need")} {n}{i} "{need} ({i})" {{',
                f"  {k('for')} " + ", ".join(f"A{j}" for j in range(1, n_act + 1)),
                f'  {k("data")} "{rng.choice(["results", "resultaten", "contact details", "namen"])}"',
                f"  {k('personal-data')} {k(rng.choice(['yes', 'no']))}",
                f"  {k('established')} {established}",
                "}",
            ]
        out += [
            f'{k("provision")} {v}1 "{provision}" {{',
            f"  {k('meets')} " + ", ".join(f"{n}{i}" for i in range(1, n_need + 1)),
            "}",
        ]
    chosen = date(rng, year - 2) if "chosen-early" in flawed else date(rng, year)
    out += [
        f'{k("technology")} T1 "{tech}" {{',
        *([] if "no-need" in flawed else [f"  {k('realizes')} {v}1"]),
        f"  {k('supports')} A1",
        f'  {k("vendor")} "{rng.choice(["Supplier via the cooperative", "Leverancier uit de raamovereenkomst"])}"',
        f"  {k('chosen')} {chosen}",
        f"  {k('cost')} {rng.randint(10, 400) * 100} EUR",
        "}",
    ]
    for subject in SUBJECTS + (["parents"] if rng.random() < 0.3 else []):
        if subject == "teachers" and "no-teachers" in flawed:
            continue
        if subject == "students" and "todo" in flawed:
            out.append(f'{k("impact")} {k(subject)} "TODO"')
        elif rng.random() < 0.25:
            out.append(f'{k("impact")} {k(subject)} {k("none")} "{say()}"')
        else:
            out += [
                f'{k("impact")} {k(subject)} "{say()}" {{',
                f"  {k('involved')} {date(rng, year - 1)}",
                *(
                    [f'  {k("training")} "{say()}"']
                    if subject in ("teachers", "ict-staff") or rng.random() < 0.3
                    else []
                ),
                "}",
            ]
    out += [f"{k('capacity')} {{", f'  {k("internal")} "{say()}"', f'  {k("collaboration")} "{say()}"', "}"]
    if "no-privacy" not in flawed:
        out += [
            f"{k('privacy')} {{",
            f'  {k("dpia")} {k(rng.choice(["done", "not-needed"]))} "{say()}"',
            f"  {k('dpo-consulted')} {date(rng, year - 1)}",
            f"  {k('processor-agreement')} {k('yes')}",
            "}",
        ]
    # Grow to a target size the way real files grow: more risks, alternatives and remarks.
    target = rng.randint(3500, 4600)
    while sum(len(line) + 1 for line in out) < target:
        out.append(
            rng.choice([f'{k("risk")} "{say()} {say()}"', f'{k("alternative")} "{say()}"', f"# {say()} {say()}"])
        )
    if "no-exit" not in flawed:
        out.append(f'{k("exit")} "{say()}"')
    if rng.random() < 0.05:  # a syntax error: an unclosed quote, or a block that is never closed
        spot = rng.randrange(len(out))
        while '"' not in out[spot] and out[spot] != "}":
            spot = rng.randrange(len(out))
        out[spot] = "" if out[spot] == "}" else out[spot].rstrip("{ ").rstrip('"')
    return f"p{index:05d}{'.proposal' if lang == 'en' else '.voorstel'}", "\n".join(out) + "\n"


def yaml_document(rng: random.Random, target: int) -> str:
    """A service configuration of about `target` bytes, valid YAML, a third of them with lint
    warnings or errors yamllint reports under its default rules (truthy, comments, line length)."""
    sloppy = rng.random() < 0.33
    out = [
        "---" if not sloppy or rng.random() < 0.5 else "# settings",
        f"service: {rng.choice(['roster', 'portal', 'grades'])}-{rng.randint(1, 99)}",
        "database:",
        f"  host: db{rng.randint(1, 9)}.school.internal",
        f"  port: {rng.choice([5432, 3306])}",
        "  pool:",
        f"    min: {rng.randint(1, 4)}",
        f"    max: {rng.randint(8, 64)}",
        "logging:",
        f"  level: {rng.choice(['info', 'debug', 'warning'])}",
        f"  json: {'yes' if sloppy else 'true'}",
        "jobs:",
    ]
    job = 0
    while sum(len(line) + 1 for line in out) < target:
        job += 1
        out += [
            f"  - name: sync-{job}",
            f'    schedule: "{rng.randint(0, 59)} {rng.randint(0, 23)} * * *"',
            f"    command: [python, -m, tasks.sync, --batch, '{rng.randint(10, 500)}']",
            "    env:",
            f"      TIMEOUT: {rng.randint(5, 120)}",
            f"      RETRIES: {rng.randint(0, 5)}",
            f"    enabled: {rng.choice(['true', 'false'])}",
        ]
        if sloppy and rng.random() < 0.2:
            out.append(
                "    #note: " + " ".join(rng.choice(["check", "the", "import", "window", "nightly"]) for _ in range(20))
            )
    return "\n".join(out) + "\n"


def write(folder: Path, count: int, seed: int = 2027) -> tuple[int, int]:
    """Write `count` proposals to folder/proposals and as many YAML files of the same sizes to
    folder/yaml. Returns the total bytes of each."""
    (folder / "proposals").mkdir(parents=True, exist_ok=True)
    (folder / "yaml").mkdir(parents=True, exist_ok=True)
    proposal_bytes = yaml_bytes = 0
    for index in range(count):
        name, text = proposal(random.Random(seed * 1_000_003 + index), index)
        data = text.encode()
        yaml = yaml_document(random.Random(seed * 7_000_003 + index), len(data)).encode()
        (folder / "proposals" / name).write_bytes(data)
        (folder / "yaml" / f"c{index:05d}.yaml").write_bytes(yaml)
        proposal_bytes, yaml_bytes = proposal_bytes + len(data), yaml_bytes + len(yaml)
    return proposal_bytes, yaml_bytes


# --- hand-written proposals ----------------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
_HEAD = re.compile(r"^(\s*(?:proposal|voorstel)\s+)([^\s\"]+)", re.MULTILINE)


HAND_MIN_BYTES = 600  # a fixture case of three lines times the start of a file more than its linting


def handwritten_texts() -> list[tuple[str, str]]:
    """(suffix, text) of every hand-written proposal in the repository of at least HAND_MIN_BYTES:
    the examples, the scenarios and the rule fixtures' cases (their head says the language)."""
    import yaml

    found = []
    for folder in (ROOT / "examples", ROOT / "tests" / "scenarios"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".proposal", ".voorstel"):
                text = path.read_text(encoding="utf-8")
                if len(text.encode()) >= HAND_MIN_BYTES:
                    found.append((path.suffix, text))
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.yaml")):
        for case in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases", []):
            text = case.get("text") if isinstance(case, dict) else None
            head = _HEAD.search(text) if isinstance(text, str) else None
            if head is not None and len(text.encode()) >= HAND_MIN_BYTES:
                found.append((".voorstel" if "voorstel" in head.group(1) else ".proposal", text))
    return found


def write_handwritten(folder: Path, count: int, seed: int = 2027) -> tuple[int, int]:
    """`count` copies of the hand-written proposals, in turn, each with an ID of its own (so the
    portfolio rules see no duplicates), and YAML files of the same sizes. Returns the bytes of each."""
    texts = handwritten_texts()
    (folder / "proposals").mkdir(parents=True, exist_ok=True)
    (folder / "yaml").mkdir(parents=True, exist_ok=True)
    proposal_bytes = yaml_bytes = 0
    for index in range(count):
        suffix, text = texts[index % len(texts)]
        data = _HEAD.sub(lambda m, i=index: f"{m.group(1)}HW-{i:05d}", text, count=1).encode()
        yaml = yaml_document(random.Random(seed * 9_000_011 + index), len(data)).encode()
        (folder / "proposals" / f"h{index:05d}{suffix}").write_bytes(data)
        (folder / "yaml" / f"c{index:05d}.yaml").write_bytes(yaml)
        proposal_bytes, yaml_bytes = proposal_bytes + len(data), yaml_bytes + len(yaml)
    return proposal_bytes, yaml_bytes
