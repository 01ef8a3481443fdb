"""Findings of one code in one file, bounded: the first `limit` in source order, then one IM010 that
says how many more there were.

A generated or broken file can give a finding per line; a hundred thousand copies of one message
help nobody and cost memory, time and output. The count stands in for the rest, with the severity
of the worst finding it stands for and its effect on the verdict, so the limit never turns a failing
run into a passing one. Waived findings (kept for the record) are counted apart from the others, so
that a waived one never takes the place of one that fails the run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from im_lint.findings import SEVERITY_ORDER
from im_lint.source import Diagnostic

CAPPED = "IM010"
# Always listed, whatever the count: where reading stopped, and where suppressions stopped counting.
ALWAYS_LISTED = frozenset({("IM001", "too-many-errors"), ("IM001", "too-large"), ("IM008", "too-many")})

Keyed = tuple[Diagnostic, str]  # a diagnostic and the key its fingerprint is made from


def subject_code(diagnostic: Diagnostic) -> str:
    """The code a finding is about: its own, or for IM010 the code it counts."""
    return diagnostic.args["code"] if diagnostic.code == CAPPED else diagnostic.code


def capped(
    diagnostics: list[Keyed],
    limit: int,
    waived: Callable[[Diagnostic], bool],
    severity: Callable[[Diagnostic], str],
) -> list[Keyed]:
    """The diagnostics with at most `limit` of each code (0: no limit), waived and not waived
    apart; for each code and kind with more, one IM010 at the first one left out."""
    if not limit:
        return diagnostics
    counts = Counter(d.code for d, _ in diagnostics)
    if all(count <= limit for count in counts.values()):
        return diagnostics  # the usual case: nothing to do
    kept: list[Keyed] = []
    shown: Counter[tuple[str, bool]] = Counter()
    left_out: dict[tuple[str, bool], list] = {}  # (code, waived) -> [first left out, count, worst]
    for pair in sorted(diagnostics, key=lambda pair: (pair[0].span.line, pair[0].span.column)):
        diagnostic = pair[0]
        if (
            counts[diagnostic.code] <= limit
            or diagnostic.code == CAPPED
            or (diagnostic.code, diagnostic.variant) in ALWAYS_LISTED
        ):
            kept.append(pair)
            continue
        bucket = (diagnostic.code, waived(diagnostic))
        if shown[bucket] < limit:
            shown[bucket] += 1
            kept.append(pair)
            continue
        level = severity(diagnostic)
        entry = left_out.setdefault(bucket, [diagnostic, 0, level])
        entry[1] += 1
        if SEVERITY_ORDER[level] > SEVERITY_ORDER[entry[2]]:
            entry[2] = level
    for (code, _), (first, count, worst) in left_out.items():
        variant = "default" if worst == "error" else worst  # the pack gives each variant its severity
        args = {"code": code, "count": count, "limit": limit}
        kept.append((Diagnostic(CAPPED, first.span, variant, args), f"{variant}:code={code}"))
    return kept
