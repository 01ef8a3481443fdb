"""`im-lint rules` and `im-lint explain`: the catalogue and one rule's documentation, for a terminal
or as JSON.

Both write a `View`: each rule as plain data (`engine.describe.rule_document`) with its severity and
state in this run. It comes from the engine, or, when no configuration applies, straight from the
compiled built-in pack (`compiled_view`): then neither the engine nor pydantic is imported, and
`explain` takes a fraction of a check's start.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from im_lint.engine.catalogue import find_rule, nearest_rule
from im_lint.output.rule_headings import RULE_HEADINGS

if TYPE_CHECKING:
    from im_lint.engine.run import Engine

_HEADINGS = {
    "en": {
        **RULE_HEADINGS["en"],
        "options": "Options",
        "none": "none",
        "default": "default",
        "selected": "selected",
        "not": "not selected",
        "category": "category",
        "needs_catalogue": (
            "Off: this rule needs a reference catalogue. Import your copy of the FORA model with "
            '`im-lint catalogue import fora PATH`, then set `catalogue = "fora.json"` in im-lint.toml '
            "(docs/fora.md says how to get the model)."
        ),
        "off_catalogue": "off: needs a catalogue",
        "fixes": "Fixes",
        "no_fix": "none: im-lint check --fix does not change findings of this rule",
        "safe": "safe, applied by --fix",
        "review": "to review, applied with --fix --unsafe-fixes",
    },
    "nl": {
        **RULE_HEADINGS["nl"],
        "options": "Opties",
        "none": "geen",
        "default": "standaard",
        "selected": "aan",
        "not": "uit",
        "category": "categorie",
        "needs_catalogue": (
            "Uit: deze regel heeft een referentiecatalogus nodig. Importeer je eigen kopie van het "
            'FORA-model met `im-lint catalogue import fora PAD` en zet `catalogue = "fora.json"` in '
            "im-lint.toml (docs/fora.md zegt hoe je het model krijgt)."
        ),
        "off_catalogue": "uit: geen catalogus",
        "fixes": "Herstel",
        "no_fix": "geen: im-lint check --fix verandert meldingen van deze regel niet",
        "safe": "veilig, toegepast door --fix",
        "review": "om na te lezen, toegepast met --fix --unsafe-fixes",
    },
}


def _default(option: dict) -> str:
    default = option["default"]
    return str(default) if isinstance(default, int) else ", ".join(default)


@dataclass
class View:
    """The rules of a run as `rules` and `explain` show them."""

    rules: dict[str, dict[str, Any]]  # code -> the rule's document with its state, in catalogue order
    categories: dict[str, dict[str, str]]  # category code -> its title (en, nl)
    reference: bool  # a reference catalogue is configured (else the rules that need one are off)

    def find(self, code_or_name: str) -> dict[str, Any] | None:
        return find_rule(self.rules, {rule["name"]: rule for rule in self.rules.values()}, code_or_name)

    def nearest(self, key: str) -> str | None:
        return nearest_rule([*self.rules, *(rule["name"] for rule in self.rules.values())], key)


def _with_state(document: dict[str, Any], severity: str, selected: bool) -> dict[str, Any]:
    """A rule's document with this run's severity and selection, in the order the JSON shows."""
    order = ("code", "name", "category", "severity", "default_severity", "selected", "summary", "source", "docs")
    state = {"severity": severity, "selected": selected}
    shown = {key: state[key] if key in state else document[key] for key in order}
    return {**shown, **{key: value for key, value in document.items() if key not in shown}}


def engine_view(engine: Engine) -> View:
    from im_lint.engine.describe import rule_document

    catalogue = engine.catalogue
    rules = {
        code: _with_state(
            rule_document(rule, catalogue.category_of[code]), engine.severity[code], code in engine.selected
        )
        for code, rule in catalogue.rules.items()
    }
    categories = {code: {"en": title.en, "nl": title.nl} for code, title in catalogue.categories.items()}
    return View(rules, categories, engine.reference is not None)


def compiled_view() -> View | None:
    """The built-in rules under the default configuration (every rule on at its own severity, but
    those that need a reference catalogue), from the compiled pack; None when there is no good one
    yet (then the engine makes it)."""
    from im_lint.engine.artifact import builtin_documents

    documents = builtin_documents()
    if documents is None:
        return None
    rules = {
        doc["code"]: _with_state(doc, doc["default_severity"], doc["requires"] != "catalogue")
        for doc in documents["rules"]
    }
    return View(rules, documents["categories"], reference=False)


def rules_table(view: View, lang: str, as_json: bool = False) -> str:
    rules = list(view.rules.values())
    if as_json:
        return (
            json.dumps(
                [{key: value for key, value in rule.items() if key != "docs"} for rule in rules],
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    words = _HEADINGS[lang]
    width = max(len(rule["name"]) for rule in rules)
    lines = [f"{'code':<7} {'name':<{width}} {words['category']:<9} {'severity':<8} state"]
    for rule in rules:
        state = words["selected"] if rule["selected"] else words["not"]
        if rule["requires"] == "catalogue" and not view.reference:
            state = words["off_catalogue"]
        lines.append(f"{rule['code']:<7} {rule['name']:<{width}} {rule['category']:<9} {rule['severity']:<8} {state}")
    return "\n".join(lines) + "\n"


def _indent(text: str, width: int = 88) -> str:
    paragraphs = text.strip().split("\n\n")
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False)
        for p in paragraphs
    )


def _example(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.rstrip().splitlines())


def explain(rule: dict[str, Any], view: View, lang: str, as_json: bool = False) -> str:
    if as_json:
        return json.dumps(rule, indent=2, ensure_ascii=False) + "\n"
    words, docs = _HEADINGS[lang], rule["docs"][lang]
    category = rule["category"]
    out = [
        f"{rule['code']} {rule['name']} ({rule['severity']}) · {category}: {view.categories[category][lang]}",
        "",
        _indent(rule["summary"][lang]),
        "",
    ]
    if rule["requires"] == "catalogue" and not view.reference:
        out += [_indent(words["needs_catalogue"]), ""]
    out += [
        words["what"],
        _indent(docs["what"]),
        "",
        words["why"],
        _indent(docs["why"]),
        f"  {words['source']}: {rule['source'][lang]}",
        "",
        words["where"],
        _indent(docs["where"]),
        "",
        words["fail"],
        _example(docs["fail"]),
        "",
        words["pass"],
        _example(docs["pass"]),
        "",
        words["options"],
    ]
    if rule["options"]:
        for name, option in rule["options"].items():
            out.append(
                _indent(f"{name} ({option['type']}): {option['doc'][lang]} {words['default']}: {_default(option)}")
            )
    else:
        out.append(f"  {words['none']}")
    out += ["", words["fixes"]]
    for spec in rule["fixes"]:
        fixer, variant = spec.get("fixer"), spec.get("variant")
        what = spec["title"][lang] if spec.get("title") else fixer
        where = f" [{', '.join([variant] if isinstance(variant, str) else variant)}]" if variant else ""
        # A named fixer decides per finding: safe where it is certain, else for review.
        kind = words[spec["applicability"]] if fixer is None else f"{words['safe']} / {words['review']}"
        out.append(_indent(f"{what}{where}: {kind}"))
    if not rule["fixes"]:
        out.append(f"  {words['no_fix']}")
    return "\n".join(out) + "\n"
