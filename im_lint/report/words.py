"""The board report's fixed words, in Dutch and English, and how it writes dates, money and names.

Everything a reader sees that does not come from a proposal or a rule lives here, so that the two
languages stay side by side and a missing word is a KeyError in the tests, not a gap in the report.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

LANGS = ("nl", "en")

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "doc_title": "Bestuursrapportage ICT-voorstellen",
        "doc_title_one": "Bestuursrapportage: {id}",
        "intro": "Gecontroleerd met im-lint {version}. Een voorstel is klaar voor de vergadering als geen bevinding van niveau “{threshold}” of hoger het tegenhoudt.",
        "overview": "Overzicht",
        "col_proposal": "Voorstel",
        "col_title": "Titel",
        "col_meeting": "Vergadering",
        "col_verdict": "Oordeel",
        "col_errors": "Fouten",
        "col_warnings": "Waarschuwingen",
        "col_suggestions": "Suggesties",
        "ready": "Klaar voor de vergadering",
        "ready_short": "Klaar",
        "ready_detail": "Geen bevinding houdt dit voorstel tegen.",
        "ready_with_notes": "Klaar voor de vergadering, met {parts} om naar te kijken.",
        "not_ready": "Nog niet klaar voor de vergadering",
        "not_ready_short": "Niet klaar",
        "stopped_by": "{count} {findings} {verb} het tegen:",
        "finding_one": "bevinding",
        "finding_many": "bevindingen",
        "stops_one": "houdt",
        "stops_many": "houden",
        "history": "Dit voorstel is {status}: de bevindingen worden getoond, maar tellen niet mee.",
        "unreadable": "Geen voorstel",
        "unreadable_detail": "Dit bestand kon niet als voorstel gelezen worden.",
        "meeting": "Vergadering",
        "agenda": "Agenda",
        "proposed_decision": "Voorgesteld besluit",
        "budget": "Budget",
        "submitted_by": "Ingediend door",
        "decision_by": "Besluit door",
        "kind": "Soort",
        "status": "Status",
        "school": "School",
        "author": "Auteur",
        "file": "Bestand",
        "not_stated": "niet genoemd",
        "summary": "Samenvatting",
        "findings": "Bevindingen",
        "no_findings": "Geen bevindingen: het voorstel volgt alle regels.",
        "sev_error": "Fouten",
        "sev_error_hint": "moeten opgelost worden",
        "sev_warning": "Waarschuwingen",
        "sev_warning_hint": "graag oplossen of uitleggen",
        "sev_info": "Suggesties",
        "sev_info_hint": "geen gebrek, wel een verbetering",
        "line": "regel",
        "why": "Waarom",
        "not_counted": "telt niet mee",
        "chain": "De keten: van doel naar technologie",
        "chain_intro": "Elk vak is een onderdeel van het voorstel; de lijnen volgen de verwijzingen. Zo ziet u of de technologie terug te voeren is op een doel.",
        "legend_chain": "schakel in de keten",
        "legend_supports": "ondersteunt een activiteit",
        "legend_replaces": "vervangt",
        "legend_dropped": "activiteit die na de vervanging zonder ondersteuning staat",
        "dropped": "zonder ondersteuning",
        "col_goal": "Doel",
        "col_activity": "Activiteit",
        "col_need": "Informatiebehoefte",
        "col_provision": "Voorziening",
        "col_technology": "Technologie",
        "col_existing": "Bestaand (vervangen)",
        "col_existing_kept": "Bestaand",
        "empty_column": "geen",
        "stakeholders": "Belanghebbenden",
        "stakeholders_intro": "Wat het voorstel betekent voor elke groep, of die groep geraadpleegd is, en wat zij moet leren.",
        "col_group": "Groep",
        "col_impact": "Impact",
        "col_consulted": "Geraadpleegd",
        "col_training": "Scholing",
        "state_stated": "genoemd",
        "state_none": "geen impact",
        "none_collaboration": "geen samenwerking",
        "none_training": "geen scholing nodig",
        "state_missing": "ontbreekt",
        "state_optional": "niet gevraagd",
        "state_vague": "zegt niets",
        "not_consulted": "niet geraadpleegd",
        "aspects": "Processen en informatie",
        "other": "Verder",
        "risks": "Risico’s",
        "alternatives": "Afgewogen alternatieven",
        "exits": "Exit",
        "privacy": "Privacy",
        "dpia": "DPIA",
        "dpo": "FG geraadpleegd",
        "processor_agreement": "Verwerkersovereenkomst",
        "capacity": "Capaciteit",
        "internal": "Intern",
        "collaboration": "Samenwerking",
        "external": "Extern",
        "no_files": "Er zijn geen voorstellen gevonden.",
        "footer": "Gemaakt met im-lint {version}. Alle tekst uit de voorstellen is letterlijk overgenomen.",
        "diagram_label": "De keten van voorstel {id}: doelen, activiteiten, informatiebehoeften, voorzieningen en technologie",
        "and": "en",
    },
    "en": {
        "doc_title": "Board report: ICT proposals",
        "doc_title_one": "Board report: {id}",
        "intro": "Checked with im-lint {version}. A proposal is ready for the meeting when no finding at level “{threshold}” or above stops it.",
        "overview": "Overview",
        "col_proposal": "Proposal",
        "col_title": "Title",
        "col_meeting": "Meeting",
        "col_verdict": "Verdict",
        "col_errors": "Errors",
        "col_warnings": "Warnings",
        "col_suggestions": "Suggestions",
        "ready": "Ready for the meeting",
        "ready_short": "Ready",
        "ready_detail": "No finding stops this proposal.",
        "ready_with_notes": "Ready for the meeting, with {parts} to look at.",
        "not_ready": "Not ready for the meeting yet",
        "not_ready_short": "Not ready",
        "stopped_by": "{count} {findings} {verb} it:",
        "finding_one": "finding",
        "finding_many": "findings",
        "stops_one": "stops",
        "stops_many": "stop",
        "history": "This proposal is {status}: its findings are shown, but they do not count.",
        "unreadable": "No proposal",
        "unreadable_detail": "This file could not be read as a proposal.",
        "meeting": "Meeting",
        "agenda": "On the agenda for",
        "proposed_decision": "Proposed decision",
        "budget": "Budget",
        "submitted_by": "Submitted by",
        "decision_by": "Decided by",
        "kind": "Kind",
        "status": "Status",
        "school": "School",
        "author": "Author",
        "file": "File",
        "not_stated": "not stated",
        "summary": "Summary",
        "findings": "Findings",
        "no_findings": "No findings: the proposal follows every rule.",
        "sev_error": "Errors",
        "sev_error_hint": "must be fixed",
        "sev_warning": "Warnings",
        "sev_warning_hint": "fix or explain",
        "sev_info": "Suggestions",
        "sev_info_hint": "not a defect, an improvement",
        "line": "line",
        "why": "Why",
        "not_counted": "does not count",
        "chain": "The chain: from goal to technology",
        "chain_intro": "Each box is a part of the proposal; the lines follow its references. It shows whether the technology traces back to a goal.",
        "legend_chain": "link in the chain",
        "legend_supports": "supports an activity",
        "legend_replaces": "replaces",
        "legend_dropped": "activity left without support after the replacement",
        "dropped": "left without support",
        "col_goal": "Goal",
        "col_activity": "Activity",
        "col_need": "Information need",
        "col_provision": "Provision",
        "col_technology": "Technology",
        "col_existing": "Existing (replaced)",
        "col_existing_kept": "Existing",
        "empty_column": "none",
        "stakeholders": "Stakeholders",
        "stakeholders_intro": "What the proposal means for each group, whether the group was consulted, and what it must learn.",
        "col_group": "Group",
        "col_impact": "Impact",
        "col_consulted": "Consulted",
        "col_training": "Training",
        "state_stated": "stated",
        "state_none": "no impact",
        "none_collaboration": "no collaboration",
        "none_training": "no training needed",
        "state_missing": "missing",
        "state_optional": "not required",
        "state_vague": "says nothing",
        "not_consulted": "not consulted",
        "aspects": "Processes and information",
        "other": "Further",
        "risks": "Risks",
        "alternatives": "Alternatives weighed",
        "exits": "Exit",
        "privacy": "Privacy",
        "dpia": "DPIA",
        "dpo": "DPO consulted",
        "processor_agreement": "Processor agreement",
        "capacity": "Capacity",
        "internal": "Internal",
        "collaboration": "Collaboration",
        "external": "External",
        "no_files": "No proposals were found.",
        "footer": "Made with im-lint {version}. All text from the proposals is quoted as written.",
        "diagram_label": "The chain of proposal {id}: goals, activities, information needs, provisions and technology",
        "and": "and",
    },
}

SEVERITY_LEVEL: dict[str, dict[str, str]] = {
    "nl": {"error": "fout", "warning": "waarschuwing", "info": "suggestie"},
    "en": {"error": "error", "warning": "warning", "info": "suggestion"},
}

COUNT_NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "nl": {
        "error": ("fout", "fouten"),
        "warning": ("waarschuwing", "waarschuwingen"),
        "info": ("suggestie", "suggesties"),
    },
    "en": {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("suggestion", "suggestions")},
}

# Impact subjects as a board member reads them.
SUBJECTS: dict[str, dict[str, str]] = {
    "nl": {
        "students": "Leerlingen",
        "teachers": "Leraren",
        "team-leads": "Team- en vakgroepleiders",
        "school-leaders": "Schoolleiders",
        "board": "Bestuur",
        "ict-staff": "ICT-beheerders",
        "parents": "Ouders",
        "processes": "Bestaande activiteiten en processen",
        "information": "Informatiebehoefte en -voorziening",
    },
    "en": {
        "students": "Students",
        "teachers": "Teachers",
        "team-leads": "Team and subject leads",
        "school-leaders": "School leaders",
        "board": "Board",
        "ict-staff": "ICT staff",
        "parents": "Parents",
        "processes": "Existing activities and processes",
        "information": "Information need and provision",
    },
}

ROLES: dict[str, dict[str, str]] = {
    "nl": {
        "board": "Bestuur",
        "school-management": "Schoolleiding",
        "information-management": "Informatiemanagement",
        "ict": "ICT",
    },
    "en": {
        "board": "Board",
        "school-management": "School management",
        "information-management": "Information management",
        "ict": "ICT",
    },
}

KINDS: dict[str, dict[str, str]] = {
    "nl": {"procurement": "aanschaf", "change": "verandering", "policy": "beleid"},
    "en": {"procurement": "procurement", "change": "change", "policy": "policy"},
}

STATUSES: dict[str, dict[str, str]] = {
    "nl": {"draft": "concept", "submitted": "ingediend", "decided": "besloten", "withdrawn": "ingetrokken"},
    "en": {"draft": "draft", "submitted": "submitted", "decided": "decided", "withdrawn": "withdrawn"},
}

DPIA: dict[str, dict[str, str]] = {
    "nl": {"done": "uitgevoerd", "planned": "gepland", "not-needed": "niet nodig"},
    "en": {"done": "done", "planned": "planned", "not-needed": "not needed"},
}

AGREEMENT: dict[str, dict[str, str]] = {
    "nl": {"yes": "ja", "no": "nee", "planned": "gepland"},
    "en": {"yes": "yes", "no": "no", "planned": "planned"},
}

MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£"}


def words(lang: str) -> dict[str, str]:
    return WORDS[lang if lang in WORDS else "nl"]


def count(lang: str, severity: str, number: int) -> str:
    singular, plural = COUNT_NOUNS[lang][severity]
    return f"{number} {singular if number == 1 else plural}"


def join(lang: str, parts: list[str]) -> str:
    """`a`, `a and b`, `a, b and c` (Dutch: `en`, no serial comma in either language)."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {WORDS[lang]['and']} " + parts[-1]


def long_date(value: date, lang: str) -> str:
    """`9 maart 2027` / `9 March 2027`."""
    return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"


def money(amount: Decimal, currency: str, lang: str) -> str:
    """`€ 31.500` / `€31,500`; cents only when there are any; other currencies after the number."""
    whole = amount == amount.to_integral_value()
    # Enough precision for any amount a proposal can hold (the default 28 digits is not).
    with localcontext() as context:
        context.prec = max(28, len(amount.as_tuple().digits) + 4)
        quantized = amount.quantize(Decimal(1) if whole else Decimal("0.01"), rounding=ROUND_HALF_UP)
        text = f"{quantized:,.0f}" if whole else f"{quantized:,.2f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    sign = CURRENCY_SIGNS.get(currency.upper())
    if sign is None:
        return f"{text} {currency}"
    return f"{sign} {text}" if lang == "nl" else f"{sign}{text}"


AGENDA = {
    "nl": {"decision": "besluitvorming", "opinion": "oordeelsvorming", "information": "informatie"},
    "en": {"decision": "decision", "opinion": "opinion", "information": "information"},
}
