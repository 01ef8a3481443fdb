"""The TextMate grammar of the proposal language, made from the vocabulary (both languages).

.venv/bin/python editors/vscode/grammar.py     # rewrite syntaxes/im-proposal.tmLanguage.json
tests/test_vscode.py                           # fails when the committed grammar drifts
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "syntaxes" / "im-proposal.tmLanguage.json"


def _alternatives(words: set[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=lambda word: (-len(word), word)))


def grammar() -> dict:
    from im_lint.language.vocabulary import ENUMS, KEYWORDS

    keywords = {spelling for keyword in KEYWORDS for spelling in (keyword.en, keyword.nl)}
    values = {spelling for pairs in ENUMS.values() for pair in pairs for spelling in pair}
    edge = r"(?![^\s{},\"#])"  # a word ends where the language's NAME does
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "ICT proposal (im-lint)",
        "scopeName": "source.im-proposal",
        "fileTypes": ["proposal", "voorstel"],
        "patterns": [
            {"include": "#suppression"},
            {"include": "#comment"},
            {"include": "#text-block"},
            {"include": "#string"},
            {"include": "#keyword"},
            {"include": "#date"},
            {"include": "#money"},
            {"include": "#value"},
            {"include": "#punctuation"},
        ],
        "repository": {
            "suppression": {
                "begin": r"(#)\s*(im-lint)\s*(:)\s*(ignore-file|ignore)\b",
                "beginCaptures": {
                    "0": {"name": "comment.line.number-sign.suppression.im-proposal"},
                    "1": {"name": "punctuation.definition.comment.im-proposal"},
                    "2": {"name": "keyword.control.suppression.im-proposal"},
                    "4": {"name": "keyword.control.suppression.im-proposal"},
                },
                "end": "$",
                "contentName": "comment.line.number-sign.suppression.im-proposal",
                "patterns": [
                    {"match": r"--.*$", "name": "comment.line.reason.im-proposal"},
                    {"match": r"\b[A-Z]{2,}[0-9]{3}\b", "name": "constant.other.rule-code.im-proposal"},
                    {"match": r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b", "name": "constant.other.rule-name.im-proposal"},
                ],
            },
            "comment": {
                "match": r"(#).*$",
                "name": "comment.line.number-sign.im-proposal",
                "captures": {"1": {"name": "punctuation.definition.comment.im-proposal"}},
            },
            "text-block": {
                "begin": '"""',
                "end": '"""',
                "name": "string.quoted.triple.im-proposal",
                "patterns": [{"match": r"\\.", "name": "constant.character.escape.im-proposal"}],
            },
            "string": {
                "begin": '"',
                "end": '"|$',
                "name": "string.quoted.double.im-proposal",
                "patterns": [{"match": r"\\.", "name": "constant.character.escape.im-proposal"}],
            },
            "keyword": {
                "match": rf"^\s*({_alternatives(keywords)}){edge}",
                "captures": {"1": {"name": "keyword.other.im-proposal"}},
            },
            "date": {
                "match": rf"(?<![^\s])[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}{edge}",
                "name": "constant.numeric.date.im-proposal",
            },
            "money": {
                "match": r"(?<![^\s])(€\s*[0-9][0-9.,]*(?:,-)?|[0-9][0-9.,]*)(?:\s+([A-Z]{3})\b)?",
                "captures": {
                    "1": {"name": "constant.numeric.money.im-proposal"},
                    "2": {"name": "constant.other.currency.im-proposal"},
                },
            },
            "value": {
                "match": rf"(?<![^\s,])({_alternatives(values)}){edge}",
                "captures": {"1": {"name": "constant.language.im-proposal"}},
            },
            "punctuation": {
                "patterns": [
                    {"match": r"[{}]", "name": "punctuation.section.block.im-proposal"},
                    {"match": ",", "name": "punctuation.separator.comma.im-proposal"},
                ]
            },
        },
    }


def text() -> str:
    return json.dumps(grammar(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))
    OUTPUT.write_text(text(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
