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
    if not (isinstance(data, list) and len(data) == 4 and all(type(n) is int and n >= 1 for n in data)):
        raise ValueError("not a span")  # a damaged cache: recomputed
    return Span.at(*data)


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
    return Purchase(commodity, _unspan(span), value, currency, day, procedure, category)


def entry_from_data(path: str, data: dict | None) -> Entry | None:
    if data is None:
        return None
    _strings(data["id"], data["status"])
    for title, reference, owner, _ in data["processes"]:
        _strings(title)
        _strings(reference, owner, optional=True)
    _strings(*(title for title, _ in data["replaces"]), *(identifier for identifier, _ in data["depends_on"]))
    return Entry(
        path,
        data["id"],
        _unspan(data["span"]),
        data["status"],
        [ProcessEntry(title, reference, owner, _unspan(span)) for title, reference, owner, span in data["processes"]],
        [(title, _unspan(span)) for title, span in data["replaces"]],
        [(identifier, _unspan(span)) for identifier, span in data["depends_on"]],
        [(identifier, _unspan(span)) for identifier, span in data["supersedes"]],
        _purchase_from(data.get("purchase")),
    )


def findings_to_data(findings: list[Finding]) -> list[dict]:
    return [dict(finding.__dict__) for finding in findings]


_FINDING_KEYS = frozenset(Finding.model_fields)


def findings_from_data(data: list[dict], fresh: bool = False) -> list[Finding]:
    """Findings from a record: validated when it comes from the cache; constructed when this run's
    engine just made them (`fresh`: no cache file in between, no Finding validator built)."""
    if not isinstance(data, list) or not all(isinstance(i, dict) and i.keys() == _FINDING_KEYS for i in data):
        raise ValueError("not the findings this version stores")  # a damaged cache: recomputed
    if fresh:
        return [Finding.model_construct(**item) for item in data]
    # Validated, not constructed: a tampered record (a bogus severity, a null message, line 0)
    # raises here and the file is checked again.
    return [Finding.model_validate(item) for item in data]
