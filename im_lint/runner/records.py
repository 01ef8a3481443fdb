"""A file's results as plain data (lists, dicts, strings, numbers) and back: what the cache stores
and what worker processes send to the main one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from im_lint.engine.portfolio import Entry, ProcessEntry, Purchase
from im_lint.engine.run import FileCheck
from im_lint.engine.suppress import Suppression
from im_lint.findings import Finding
from im_lint.language.syntax import Comment
from im_lint.source import Diagnostic, Span, Term


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.line, span.column, span.end_line, span.end_column]


def _unspan(data: list[int] | None) -> Span | None:
    if data is None:
        return None
    if type(data) is list and len(data) == 4:  # spelled out: ten thousand entries are read per run
        line, column, end_line, end_column = data
        if type(line) is int and type(column) is int and type(end_line) is int and type(end_column) is int:
            if line >= 1 and column >= 1 and end_line >= 1 and end_column >= 1:
                return Span.at(line, column, end_line, end_column)
    raise ValueError("not a span")  # a damaged cache: recomputed


def _value(value: Any) -> Any:
    if isinstance(value, Term):
        return {"term": value.key, "spellings": list(value.spellings) if value.spellings else None}
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def _unvalue(value: Any) -> Any:
    if isinstance(value, dict):
        return Term(value["term"], tuple(value["spellings"]) if value["spellings"] else None)
    return value


def _diagnostic(diagnostic: Diagnostic) -> list:
    return [
        diagnostic.code,
        _span(diagnostic.span),
        diagnostic.variant,
        {name: _value(value) for name, value in diagnostic.args.items()},
    ]


def _undiagnostic(data: list) -> Diagnostic:
    code, span, variant, args = data
    return Diagnostic(code, _unspan(span), variant, {name: _unvalue(value) for name, value in args.items()})


def check_to_data(check: FileCheck) -> dict:
    return {
        "proposal_id": check.proposal_id,
        "lang": check.lang,
        "history": check.history,
        "diagnostics": [[_diagnostic(d), key] for d, key in check.diagnostics],
        "problems": [_diagnostic(d) for d in check.problems],
        "suppressions": [
            [
                s.comment.text,
                _span(s.comment.span),
                s.comment.own_line,
                s.whole_file,
                s.first_line,
                s.last_line,
                s.codes,
                s.has_reason,
                s.every,
            ]
            for s in check.suppressions
        ],
    }


def check_from_data(path: str, data: dict) -> FileCheck:
    suppressions = [
        Suppression(
            Comment(text, _unspan(span), own_line), whole_file, first, last, dict(codes), has_reason, every=every
        )
        for text, span, own_line, whole_file, first, last, codes, has_reason, every in data["suppressions"]
    ]
    return FileCheck(
        path,
        data["proposal_id"],
        data["lang"],
        [(_undiagnostic(d), key) for d, key in data["diagnostics"]],
        suppressions,
        [_undiagnostic(d) for d in data["problems"]],
        data["history"],
    )


def entry_to_data(entry: Entry | None) -> dict | None:
    if entry is None:
        return None
    return {
        "id": entry.id,
        "span": _span(entry.span),
        "status": entry.status,
        "processes": [[p.title, p.reference, p.owner, _span(p.owner_span)] for p in entry.processes],
        "replaces": [[title, _span(span)] for title, span in entry.replaces],
        "depends_on": [[identifier, _span(span)] for identifier, span in entry.depends_on],
        "supersedes": [[identifier, _span(span)] for identifier, span in entry.supersedes],
        "purchase": _purchase_data(entry.purchase),
    }


def _strings(*values: Any, optional: bool = False) -> None:
    if not all(isinstance(v, str) or optional and v is None for v in values):
        raise ValueError("not a text")  # a damaged cache: recomputed


def _purchase_data(purchase: Purchase | None) -> list | None:
    if purchase is None:
        return None
    meeting = purchase.meeting.isoformat() if purchase.meeting else None
    return [
        purchase.commodity,
        _span(purchase.commodity_span),
        str(purchase.amount),
        purchase.currency,
        meeting,
        purchase.procedure,
        purchase.category,
    ]


def _purchase_from(data: list | None) -> Purchase | None:
    if data is None:
        return None
    commodity, span, amount, currency, meeting, procedure, category = data
    _strings(commodity, amount, currency, category)
    _strings(meeting, procedure, optional=True)
    day = date.fromisoformat(meeting) if meeting else None
    try:
        value = Decimal(amount)
    except ArithmeticError:
        raise ValueError("not an amount") from None  # a damaged cache: recomputed
    return Purchase(commodity, _placed(span), value, currency, day, procedure, category)


def entry_from_data(path: str, data: dict | None) -> Entry | None:
    """An entry from the cache, each value checked (plain loops: ten thousand are read per run)."""
    if data is None:
        return None
    identifier, status = data["id"], data["status"]
    if type(identifier) is not str or type(status) is not str:
        raise ValueError("not a text")  # a damaged cache: recomputed
    processes = []
    for title, reference, owner, span in data["processes"]:
        if type(title) is not str or not (reference is None or type(reference) is str):
            raise ValueError("not a text")
        if not (owner is None or type(owner) is str):
            raise ValueError("not a text")
        processes.append(ProcessEntry(title, reference, owner, _unspan(span)))
    return Entry(
        path,
        identifier,
        _placed(data["span"]),
        status,
        processes,
        _named(data["replaces"]),
        _named(data["depends_on"]),
        _named(data["supersedes"]),
        _purchase_from(data.get("purchase")),
    )


def _placed(data: list[int]) -> Span:
    span = _unspan(data)
    if span is None:
        raise ValueError("not a span")
    return span


def _named(pairs: list) -> list[tuple[str, Span]]:
    named = []
    for name, span in pairs:
        if type(name) is not str:
            raise ValueError("not a text")
        named.append((name, _placed(span)))
    return named


def findings_to_data(findings: list[Finding]) -> list[dict]:
    return [dict(finding.__dict__) for finding in findings]


_FINDING_KEYS = frozenset(Finding.model_fields)
_FINDINGS = None


def findings_from_json(text: str) -> list[Finding]:
    """Findings from their JSON, validated in one pass (pydantic's own JSON parser): a tampered
    record (a bogus severity, a null message, line 0, a missing field) raises ValueError here and
    the file is checked again."""
    global _FINDINGS
    if _FINDINGS is None:
        from pydantic import TypeAdapter

        _FINDINGS = TypeAdapter(list[Finding])
    findings = _FINDINGS.validate_json(text, strict=True)
    if not all(finding.model_fields_set == _FINDING_KEYS for finding in findings):
        raise ValueError("not the findings this version stores")  # a damaged cache: recomputed
    return findings


def hits_mark(hits: list[tuple[Diagnostic, str]]) -> str:
    """What the portfolio rules added to a file, as a short hash: the same hits on an unchanged
    file give the same findings, which the cache keeps."""
    import hashlib
    import json

    text = json.dumps([[_diagnostic(d), key] for d, key in hits], separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
