"""`im-lint rules` and `im-lint explain`: the catalogue and one rule's documentation, for a terminal
or as JSON."""

from __future__ import annotations

import json
import textwrap

from im_lint.engine.packs import Rule
from im_lint.engine.run import Engine
from im_lint.output.rule_headings import RULE_HEADINGS

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


def _default(option) -> str:
    return str(option.default) if isinstance(option.default, int) else ", ".join(option.default)


def rule_document(rule: Rule, engine: Engine) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "category": engine.catalogue.category_of[rule.code],
        "severity": engine.severity[rule.code],
        "default_severity": rule.severity,
        "selected": rule.code in engine.selected,
        "summary": rule.summary.model_dump(),
        "source": rule.source.model_dump(),
        "docs": rule.docs.model_dump(by_alias=True),
        "options": {
            name: {"type": o.type, "default": o.default, "doc": o.doc.model_dump()} for name, o in rule.options.items()
        },
        "declarative": not isinstance(rule.check, str) and rule.check is not None,
        "requires": rule.requires,
        "fixes": [spec.model_dump(by_alias=True, exclude_none=True) for spec in rule.fixes],
    }


def rules_table(engine: Engine, lang: str, as_json: bool = False) -> str:
    rules = list(engine.catalogue.rules.values())
    if as_json:
        return (
            json.dumps(
                [{key: value for key, value in rule_document(rule, engine).items() if key != "docs"} for rule in rules],
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    words = _HEADINGS[lang]
    width = max(len(rule.name) for rule in rules)
    lines = [f"{'code':<7} {'name':<{width}} {words['category']:<9} {'severity':<8} state"]
    for rule in rules:
        state = words["selected"] if rule.code in engine.selected else words["not"]
        if rule.requires == "catalogue" and engine.reference is None:
            state = words["off_catalogue"]
        lines.append(
            f"{rule.code:<7} {rule.name:<{width}} {engine.catalogue.category_of[rule.code]:<9} {engine.severity[rule.code]:<8} {state}"
        )
    return "\n".join(lines) + "\n"


def _indent(text: str, width: int = 88) -> str:
    paragraphs = text.strip().split("\n\n")
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False)
        for p in paragraphs
    )


def _example(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.rstrip().splitlines())


def explain(rule: Rule, engine: Engine, lang: str, as_json: bool = False) -> str:
    if as_json:
        return json.dumps(rule_document(rule, engine), indent=2, ensure_ascii=False) + "\n"
    words, docs = _HEADINGS[lang], rule.docs.get(lang)
    category = engine.catalogue.category_of[rule.code]
    out = [
        f"{rule.code} {rule.name} ({engine.severity[rule.code]}) · {category}: "
        f"{engine.catalogue.categories[category].get(lang)}",
        "",
        _indent(rule.summary.get(lang)),
        "",
    ]
    if rule.requires == "catalogue" and engine.reference is None:
        out += [_indent(words["needs_catalogue"]), ""]
    out += [
        words["what"],
        _indent(docs.what),
        "",
        words["why"],
        _indent(docs.why),
        f"  {words['source']}: {rule.source.get(lang)}",
        "",
        words["where"],
        _indent(docs.where),
        "",
        words["fail"],
        _example(docs.fail),
        "",
        words["pass"],
        _example(docs.pass_),
        "",
        words["options"],
    ]
    if rule.options:
        for name, option in rule.options.items():
            out.append(
                _indent(f"{name} ({option.type}): {option.doc.get(lang)} {words['default']}: {_default(option)}")
            )
    else:
        out.append(f"  {words['none']}")
    out += ["", words["fixes"]]
    for spec in rule.fixes:
        what = spec.title.get(lang) if spec.title else spec.fixer
        where = (
            f" [{', '.join([spec.variant] if isinstance(spec.variant, str) else spec.variant)}]" if spec.variant else ""
        )
        # A named fixer decides per finding: safe where it is certain, else for review.
        kind = words[spec.applicability] if spec.fixer is None else f"{words['safe']} / {words['review']}"
        out.append(_indent(f"{what}{where}: {kind}"))
    if not rule.fixes:
        out.append(f"  {words['no_fix']}")
    return "\n".join(out) + "\n"
