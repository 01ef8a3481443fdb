"""Every keyword and enumerated value of the proposal language, English and Dutch, as one table.

The grammar only knows the shape of a statement; this table says which keywords exist, where each
may stand, what arguments it takes and which model field it fills. Parser, builder, formatter, the
`init` template and the language reference all read it, so a keyword is added in one place.

Argument kinds (the `args` of a keyword):
  id        an identifier this statement defines         title    a string naming it
  string    a string or text block                       string?  an optional string
  strings   a list of strings                            date     YYYY-MM-DD
  money     an amount and an ISO 4217 currency           yesno    yes/no (ja/nee)
  enum:SET  one value of an enumeration below            role     a role; roles: a list of roles
  ref:KIND  a reference to one element of that kind      refs:KIND  a list of them
  subject   an impact subject                            none?    an optional `none` (geen)
  proposals a list of proposal IDs (other files)
  list:SET  a list of values of an enumeration           date?    an optional date
Two slots of one kind (`drops "..." "..."`) are two arguments, in that order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from im_lint.source import Term

TOP = "top"  # the place of a statement outside any block


@dataclass(frozen=True, slots=True)
class Keyword:
    en: str
    nl: str
    args: tuple[str, ...]
    places: tuple[str, ...]  # TOP, or the `en` spelling of the keywords whose block may hold it
    field: str  # the model field it fills
    repeatable: bool = False
    takes_block: bool = False  # a block of attributes, e.g. `goal G1 "..." { ... }`

    def spelling(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


def _kw(en, nl, args, places, field=None, **kw) -> Keyword:
    return Keyword(en, nl, tuple(args), tuple(places), field or en.replace("-", "_"), **kw)


ELEMENTS = ("role", "stakeholder", "goal", "process", "activity", "need", "provision", "technology", "existing")

KEYWORDS: tuple[Keyword, ...] = (
    # header
    _kw("proposal", "voorstel", ["id", "title"], [TOP]),
    _kw("kind", "soort", ["enum:kind"], [TOP]),
    _kw("status", "status", ["enum:status"], [TOP]),
    _kw("school", "school", ["string"], [TOP]),
    _kw("author", "auteur", ["string"], [TOP]),
    _kw("submitted-by", "ingediend-door", ["role"], [TOP]),
    _kw("decision-by", "besluit-door", ["role"], [TOP]),
    _kw("meeting", "vergadering", ["date"], [TOP]),
    _kw("budget", "budget", ["money"], [TOP]),
    _kw("summary", "samenvatting", ["string"], [TOP]),
    _kw("depends-on", "hangt-af-van", ["proposals"], [TOP]),
    _kw("agenda", "agenda", ["enum:agenda"], [TOP]),
    _kw("proposed-decision", "voorgesteld-besluit", ["string"], [TOP]),
    _kw("supersedes", "vervangt-voorstel", ["proposals"], [TOP]),
    _kw("sector", "sector", ["enum:sector"], [TOP]),
    _kw("scope", "reikwijdte", ["enum:scope"], [TOP]),
    # elements
    _kw("role", "rol", ["id", "title"], [TOP], "roles", repeatable=True, takes_block=True),
    _kw("stakeholder", "belanghebbende", ["id", "title"], [TOP], "stakeholders", repeatable=True, takes_block=True),
    _kw("goal", "doel", ["id", "title"], [TOP], "goals", repeatable=True, takes_block=True),
    _kw("process", "proces", ["id", "title"], [TOP], "processes", repeatable=True, takes_block=True),
    _kw("activity", "activiteit", ["id", "title"], [TOP], "activities", repeatable=True, takes_block=True),
    _kw("need", "behoefte", ["id", "title"], [TOP], "needs", repeatable=True, takes_block=True),
    _kw("provision", "voorziening", ["id", "title"], [TOP], "provisions", repeatable=True, takes_block=True),
    _kw("technology", "technologie", ["id", "title"], [TOP], "technologies", repeatable=True, takes_block=True),
    _kw("existing", "bestaand", ["id", "title"], [TOP], "existing", repeatable=True, takes_block=True),
    _kw("impact", "impact", ["subject", "none?", "string?"], [TOP], "impacts", repeatable=True, takes_block=True),
    _kw("capacity", "capaciteit", [], [TOP], takes_block=True),
    _kw("privacy", "privacy", [], [TOP], takes_block=True),
    _kw("risk", "risico", ["string"], [TOP], "risks", repeatable=True),
    _kw("alternative", "alternatief", ["string"], [TOP], "alternatives", repeatable=True),
    _kw("exit", "exit", ["string"], [TOP], "exits", repeatable=True),
    _kw("procurement", "aanbesteding", [], [TOP], takes_block=True),
    # `participation BODY RIGHT { ... }`, or `participation none "reason"` (PARTICIPATION_NONE)
    _kw(
        "participation",
        "medezeggenschap",
        ["enum:body", "enum:right"],
        [TOP],
        "participations",
        repeatable=True,
        takes_block=True,
    ),
    # attributes
    _kw("ict", "ict", ["yesno"], ["role"]),
    _kw("strategy", "strategie", ["string"], ["goal"]),
    _kw("owner", "eigenaar", ["role"], ["goal", "process"]),
    _kw("executor", "uitvoerder", ["roles"], ["process"]),
    _kw("reference", "referentie", ["string"], ["process"]),
    _kw("serves", "dient", ["refs:goal"], ["activity"]),
    _kw("part-of", "onderdeel-van", ["ref:process"], ["activity"]),
    _kw("for", "voor", ["refs:activity"], ["need"], "for_"),
    _kw("data", "gegevens", ["strings"], ["need"]),
    _kw("personal-data", "persoonsgegevens", ["yesno"], ["need"]),
    _kw("established", "vastgesteld", ["date"], ["need"]),
    _kw("data-of", "gegevens-van", ["list:person"], ["need"]),
    _kw("special-categories", "bijzondere-gegevens", ["yesno"], ["need"]),
    _kw("meets", "vervult", ["refs:need"], ["provision"]),
    _kw("realizes", "realiseert", ["refs:provision"], ["technology"]),
    _kw("supports", "ondersteunt", ["refs:activity"], ["technology", "existing"]),
    _kw("replaces", "vervangt", ["refs:existing"], ["technology"]),
    _kw("component", "component", ["string"], ["technology", "existing"]),
    _kw("covers", "dekt", ["strings"], ["technology"], repeatable=True),
    _kw("drops", "laat-vallen", ["string", "string"], ["technology"], repeatable=True),
    _kw("vendor", "leverancier", ["string"], ["technology"]),
    _kw("chosen", "gekozen", ["date"], ["technology"]),
    _kw("cost", "kosten", ["money"], ["technology"]),
    _kw("users", "gebruikers", ["list:person"], ["technology"]),
    _kw("observes", "observeert", ["list:person"], ["technology"]),
    _kw("processing", "verwerking", ["list:processing"], ["technology"]),
    _kw("ai", "ai", ["enum:ai", "string?"], ["technology"]),
    _kw("privacy-notice", "privacybijsluiter", ["enum:agreement"], ["technology"]),
    _kw("involved", "betrokken", ["date"], ["impact"]),
    _kw("training", "scholing", ["none?", "string"], ["impact"]),  # `training none "reason"`
    _kw("internal", "intern", ["string"], ["capacity"]),
    _kw("collaboration", "samenwerking", ["none?", "string"], ["capacity"]),
    _kw("external", "extern", ["string"], ["capacity"]),
    _kw("dpia", "dpia", ["enum:dpia", "string?"], ["privacy"]),
    _kw("dpo-consulted", "fg-geraadpleegd", ["date"], ["privacy"]),
    _kw("processor-agreement", "verwerkersovereenkomst", ["enum:agreement"], ["privacy"]),
    _kw("agreement-model", "model-overeenkomst", ["enum:agreement-model", "string?"], ["privacy"]),
    _kw("category", "categorie", ["enum:category"], ["procurement"]),
    _kw("value", "waarde", ["money"], ["procurement"]),
    _kw("procedure", "procedure", ["enum:procedure", "string?"], ["procurement"]),
    _kw("via", "via", ["string"], ["procurement"]),
    _kw("commodity", "inkooppakket", ["string"], ["procurement"]),
    _kw("section", "geleding", ["enum:section"], ["participation"]),
    _kw("article", "artikel", ["string"], ["participation"]),
    _kw("requested", "gevraagd", ["date"], ["participation"]),
    _kw("outcome", "uitkomst", ["enum:outcome", "date?"], ["participation"]),
)

# The other form of `participation`: no right applies, and why.
PARTICIPATION_NONE = ("none?", "string")

# Values that must come with a reason in quotes (`own "reason"`, `exempt "reason"`): IM003 without.
NEEDS_REASON = {"agreement-model": "own", "procedure": "exempt"}

# Enumerated values: set name -> ((en, nl), ...). Roles and subjects are enumerated values too.
ENUMS: dict[str, tuple[tuple[str, str], ...]] = {
    "kind": (("procurement", "aanschaf"), ("change", "verandering"), ("policy", "beleid")),
    "status": (("draft", "concept"), ("submitted", "ingediend"), ("decided", "besloten"), ("withdrawn", "ingetrokken")),
    "agenda": (("decision", "besluitvorming"), ("opinion", "oordeelsvorming"), ("information", "informatie")),
    "yesno": (("yes", "ja"), ("no", "nee")),
    "dpia": (("done", "uitgevoerd"), ("planned", "gepland"), ("not-needed", "niet-nodig")),
    "agreement": (("yes", "ja"), ("no", "nee"), ("planned", "gepland")),
    "none": (("none", "geen"),),
    # LAW.md: sector and scope, data subjects, DPIA criteria, AI Act, procurement, participation
    "sector": (("po", "po"), ("so", "so"), ("vo", "vo"), ("vso", "vso")),
    "scope": (("school", "school"), ("board-wide", "bestuursbreed")),
    "person": (
        ("students", "leerlingen"),
        ("parents", "ouders"),
        ("teachers", "leraren"),
        ("team-leads", "teamleiders"),
        ("school-leaders", "schoolleiders"),
        ("ict-staff", "ict-beheerders"),
    ),
    "processing": (
        ("scoring", "profilering"),
        ("automated-decisions", "geautomatiseerde-besluiten"),
        ("monitoring", "monitoring"),
        ("large-scale", "grootschalig"),
        ("combining", "combineren"),
        ("new-technology", "nieuwe-technologie"),
    ),
    "ai": (
        ("none", "geen"),
        ("minimal", "minimaal"),
        ("limited", "beperkt"),
        ("high-risk", "hoog-risico"),
        ("prohibited", "verboden"),
    ),
    "agreement-model": (
        ("convenant-4.0", "convenant-4.0"),
        ("general-4.0", "algemeen-4.0"),
        ("convenant-3.0", "convenant-3.0"),
        ("own", "eigen"),
    ),
    "category": (
        ("supplies", "leveringen"),
        ("services", "diensten"),
        ("works", "werken"),
        ("social-services", "sociale-diensten"),
    ),
    "procedure": (
        ("european", "europees"),
        ("national", "nationaal"),
        ("multiple-quotes", "meervoudig-onderhands"),
        ("single-quote", "enkelvoudig-onderhands"),
        ("purchasing-body", "inkoopcentrale"),
        ("exempt", "uitgezonderd"),
    ),
    "body": (("mr", "mr"), ("gmr", "gmr")),
    "right": (("consent", "instemming"), ("advice", "advies"), ("information", "informatie")),
    "section": (
        ("staff", "personeel"),
        ("parents", "ouders"),
        ("students", "leerlingen"),
        ("parents-students", "ouders-leerlingen"),
    ),
    "outcome": (("agreed", "akkoord"), ("refused", "niet-akkoord"), ("pending", "lopend")),
    "role": (
        ("board", "bestuur"),
        ("school-management", "schoolleiding"),
        ("information-management", "informatiemanagement"),
        ("ict", "ict"),
    ),
    "subject": (
        ("students", "leerlingen"),
        ("teachers", "leraren"),
        ("team-leads", "teamleiders"),
        ("school-leaders", "schoolleiders"),
        ("board", "bestuur"),
        ("ict-staff", "ict-beheerders"),
        ("parents", "ouders"),
        ("processes", "processen"),
        ("information", "informatie"),
    ),
}

ICT_ROLES = frozenset({"ict"})  # built-in roles on the execution side
ASPECT_SUBJECTS = frozenset({"processes", "information"})  # impact subjects that are not groups of people
STAFF = frozenset({"teachers", "team-leads", "school-leaders", "ict-staff"})  # `person` values that are staff


_SLOT_VALUES = {"yesno": "yesno", "role": "role", "roles": "role", "subject": "subject"}


def enum_of(slot: str) -> str | None:
    """The value set an argument slot takes its words from (`enum:kind`, `list:person`, `role`...)."""
    kind = slot.rstrip("?")
    if kind.startswith(("enum:", "list:")):
        return kind.split(":", 1)[1]
    return _SLOT_VALUES.get(kind)


@cache
def keyword_index() -> dict[str, Keyword]:
    """Lower-case spelling in either language -> keyword."""
    index: dict[str, Keyword] = {}
    for keyword in KEYWORDS:
        index[keyword.en] = keyword
        index[keyword.nl] = keyword
    return index


def lookup_keyword(word: str) -> Keyword | None:
    return keyword_index().get(word.lower())


@cache
def by_en() -> dict[str, Keyword]:
    return {keyword.en: keyword for keyword in KEYWORDS}


@cache
def _enum_index(name: str) -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for en, nl in ENUMS[name]:
        index[en] = (en, nl)
        index[nl] = (en, nl)
    return index


def lookup_value(enum: str, word: str) -> tuple[str, str] | None:
    """(en, nl) of an enumerated value written in either language, case-insensitively."""
    return _enum_index(enum).get(word.lower())


def spelling_language(spellings: tuple[str, str], written: str) -> str | None:
    """'en' or 'nl' when the two spellings differ and the word is one of them; else None."""
    en, nl = spellings
    if en == nl:
        return None
    lowered = written.lower()
    return "en" if lowered == en else "nl" if lowered == nl else None


def keywords_allowed_in(place: str) -> tuple[Keyword, ...]:
    return tuple(keyword for keyword in KEYWORDS if place in keyword.places)


def value_spelling(enum: str, canonical: str, lang: str) -> str:
    pair = lookup_value(enum, canonical)
    if pair is None:
        return canonical
    return pair[1] if lang == "nl" else pair[0]


def value_term(enum: str, value: str) -> Term:
    """An enumerated value (a role, a subject, a kind...) as a message names it: in the message's
    language when it is built in; a declared role's or stakeholder's ID as it is."""
    return Term(value, lookup_value(enum, value) or (value, value))
