"""The headings of a rule's documentation, shared by `im-lint explain` and SARIF's rule help."""

RULE_HEADINGS = {
    "en": {
        "what": "What it flags",
        "why": "Why it matters",
        "source": "Source",
        "where": "Where it reports",
        "fail": "Flagged",
        "pass": "Passes",
    },
    "nl": {
        "what": "Wat de regel meldt",
        "why": "Waarom het ertoe doet",
        "source": "Bron",
        "where": "Waar de melding staat",
        "fail": "Wordt gemeld",
        "pass": "Is in orde",
    },
}
