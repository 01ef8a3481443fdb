"""Regenerate the parts of the docs that come from data: the keyword tables of docs/language.md
(from the vocabulary) and docs/rules.md (from the built-in pack).

    .venv/bin/python docs/generate.py          # rewrite them
    tests/test_docs.py                         # fails when they drift
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from im_lint.engine.packs import builtin_pack
from im_lint.language.vocabulary import ENUMS, KEYWORDS, TOP

DOCS = Path(__file__).resolve().parent
START, END = "<!-- generated: keywords -->", "<!-- end generated -->"

_ARGUMENTS = {
    "id": "identifier",
    "title": "title (string)",
    "string": "string",
    "string?": "optional string",
    "strings": "list of strings",
    "date": "date",
    "money": "money",
    "yesno": "yes/no (ja/nee)",
    "role": "role",
    "roles": "list of roles",
    "subject": "subject",
    "none?": "`none` (`geen`), optional",
    "proposals": "list of proposal IDs",
    "date?": "optional date",
}


def _argument(kind: str) -> str:
    if kind in _ARGUMENTS:
        return _ARGUMENTS[kind]
    if kind.startswith("enum:"):
        return " / ".join(f"`{en}` (`{nl}`)" if en != nl else f"`{en}`" for en, nl in ENUMS[kind[5:]])
    if kind.startswith("list:"):
        return "list of " + _argument("enum:" + kind[5:])
    if kind.startswith("refs:"):
        return f"list of {kind[5:]} IDs"
    if kind.startswith("ref:"):
        return f"{kind[4:]} ID"
    return kind


def keyword_tables() -> str:
    rows = ["| English | Dutch | where | arguments | block |", "|---|---|---|---|---|"]
    for keyword in KEYWORDS:
        where = "top level" if keyword.places == (TOP,) else "inside " + ", ".join(f"`{p}`" for p in keyword.places)
        arguments = ", ".join(_argument(a) for a in keyword.args) or "none"
        rows.append(
            f"| `{keyword.en}` | `{keyword.nl}` | {where} | {arguments} | {'yes' if keyword.takes_block else ''} |"
        )
    rows += ["", "| value set | English | Dutch |", "|---|---|---|"]
    for name, pairs in ENUMS.items():
        for en, nl in pairs:
            rows.append(f"| {name} | `{en}` | `{nl}` |")
    return "\n".join(rows)


def rules_md() -> str:
    out = [
        "# Rules",
        "",
        "Generated from the built-in rule pack (`rules/builtin/`) by `docs/generate.py`; "
        "`im-lint explain CODE` shows the same at a terminal, in English or Dutch.",
        "",
    ]
    for pack_file in builtin_pack():
        out += [
            f"## {pack_file.category.code}: {pack_file.category.title.en}",
            "",
            "| code | name | severity | what |",
            "|---|---|---|---|",
        ]
        out += [
            f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity} | {r.summary.en} |"
            for r in pack_file.rules
        ]
        out.append("")
        for rule in pack_file.rules:
            docs = rule.docs.en
            out += [
                f"### {rule.code} {rule.name}",
                "",
                f"*{rule.severity}* · {rule.summary.en} · Nederlands: *{rule.summary.nl}*",
                "",
                "**What it flags.** " + docs.what.strip(),
                "",
                "**Why it matters.** " + docs.why.strip(),
                "",
                f"*Source: {rule.source.en}*",
                "",
                "**Where it reports.** " + docs.where.strip(),
                "",
                *([f"**For the board.** {rule.board.en} · Nederlands: *{rule.board.nl}*", ""] if rule.board else []),
                "Flagged:",
                "",
                "```",
                docs.fail.rstrip(),
                "```",
                "",
                "Passes:",
                "",
                "```",
                docs.pass_.rstrip(),
                "```",
                "",
            ]
            if rule.options:
                out += ["**Options** (`[tool.im-lint.rules." + rule.code + "]`):", ""]
                for name, option in rule.options.items():
                    default = option.default if isinstance(option.default, int) else ", ".join(map(str, option.default))
                    fed = f" Set by the configuration key `{option.from_config}` too." if option.from_config else ""
                    out.append(f"- `{name}` ({option.type}): {option.doc.en} Default: {default}{fed}")
                out.append("")
            else:
                out += ["**Options:** none.", ""]
    return "\n".join(out).rstrip() + "\n"


def language_md(current: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    return pattern.sub(lambda _: f"{START}\n{keyword_tables()}\n{END}", current)


def main() -> int:
    (DOCS / "rules.md").write_text(rules_md(), encoding="utf-8")
    language = DOCS / "language.md"
    language.write_text(language_md(language.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
