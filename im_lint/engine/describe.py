"""The rules of an engine as plain metadata (`RuleInfo`): what a run hands to its writers, so that
no writer needs the engine, its packs or its configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from im_lint.engine.packs import Rule, Text, builtin_pack
from im_lint.findings import RuleDocs, RuleInfo

if TYPE_CHECKING:
    from im_lint.engine.run import Engine

DOCS_URI = "https://github.com/im-lint/im-lint/blob/main/docs/rules.md"


def docs_url(rule: Rule) -> str:
    """The rule's section of docs/rules.md (the generator writes the anchor `code-name`)."""
    return f"{DOCS_URI}#{rule.code.lower()}-{rule.name}"


def _words(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"en": text.en, "nl": text.nl}


def rule_document(rule: Rule, category: str) -> dict:
    """What `explain` and `rules` show of a rule whatever the configuration, as plain data (kept in
    the compiled pack, so that they can show it without the pack model)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "category": category,
        "default_severity": rule.severity,
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


def describe(engine: Engine) -> dict[str, RuleInfo]:
    builtin = {rule.code for pack_file in builtin_pack() for rule in pack_file.rules}
    catalogue = engine.catalogue
    described = {}
    for code, rule in catalogue.rules.items():
        category = catalogue.category_of[code]
        described[code] = RuleInfo.model_construct(
            code=code,
            name=rule.name,
            category=category,
            category_title=_words(catalogue.categories.get(category)),
            severity=engine.severity[code],
            default_severity=rule.severity,
            selected=code in engine.selected,
            summary=_words(rule.summary),
            source=_words(rule.source),
            docs={
                lang: RuleDocs.model_construct(
                    what=docs.what, why=docs.why, where=docs.where, fail=docs.fail, pass_=docs.pass_
                )
                for lang, docs in (("en", rule.docs.en), ("nl", rule.docs.nl))
            },
            board=_words(getattr(rule, "board", None)),  # the pack format's board wording, where it has one
            board_summary=_words(getattr(rule, "board_summary", None)),
            docs_url=docs_url(rule) if code in builtin else None,  # pack rules are not in docs/rules.md
            options=dict(engine.options.get(code, {})),
        )
    return described
