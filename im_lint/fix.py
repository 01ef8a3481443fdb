"""Findings -> mended text: the edits that findings carry, applied to the text they were found in.

Fixes are data on findings (the rules made them); this stage only applies them. Each pass applies
every chosen fix that does not overlap one applied before it in the same pass; the text is linted
again and the next pass takes what is left, until nothing changes or `MAX_PASSES` is reached. Only
the edited spans change: layout, comments, line endings and keyword language stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from im_lint.findings import Finding, Fix

MAX_PASSES = 8
NEVER_SUPPRESSED = frozenset({"IM001", "IM002", "IM003", "IM004", "IM005", "IM006", "IM007", "IM008"})


@dataclass
class Applied:
    code: str
    line: int
    title: str
    applicability: str


@dataclass
class FixResult:
    text: str
    applied: list[Applied] = field(default_factory=list)


class _Lines:
    """Line and column (from 1) to an offset in the text, and back, in O(log n)."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.starts.append(index + 1)

    def offset(self, line: int, column: int) -> int:
        if line > len(self.starts):
            return len(self.text)
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)  # before its line break
        return min(start + column - 1, end)


def _ranges(fix: Fix, lines: _Lines, newline: str) -> list[tuple[int, int, str]]:
    found = []
    for edit in fix["edits"]:
        start = lines.offset(edit["line"], edit["column"])
        end = max(start, lines.offset(edit["end_line"], edit["end_column"]))
        text = edit["text"].replace("\n", newline) if newline != "\n" else edit["text"]
        if start == len(lines.text) and text and lines.text and not lines.text.endswith("\n"):
            text = newline + text  # an insertion after the last line starts a line of its own
        found.append((start, end, text))
    return found


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    for other_start, other_end in taken:
        if start == end == other_start == other_end:
            continue  # two insertions at one place: both, in finding order
        if start < other_end and other_start < end:
            return True
        if start == end and other_start < start < other_end:
            return True
        if other_start == other_end and start < other_start < end:
            return True
    return False


def apply_once(text: str, chosen: Iterable[tuple[Finding, Fix]]) -> tuple[str, list[Applied]]:
    """The fixes that do not overlap an earlier one, applied together."""
    lines = _Lines(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    taken: list[tuple[int, int]] = []
    edits: list[tuple[int, int, int, str]] = []  # start, end, order, text
    applied: list[Applied] = []
    for finding, fix in chosen:
        ranges = _ranges(fix, lines, newline)
        if any(_overlaps(taken, start, end) for start, end, _ in ranges):
            continue
        for start, end, new in ranges:
            taken.append((start, end))
            edits.append((start, end, len(edits), new))
        applied.append(Applied(finding.code, finding.line, fix["title"], fix["applicability"]))
    for start, end, _, new in sorted(edits, key=lambda e: (e[0], e[2]), reverse=True):
        text = text[:start] + new + text[end:]
    return text, applied


def fix_text(
    text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False, passes: int = MAX_PASSES
) -> FixResult:
    """Lint, apply, lint again, until no chosen fix is left (or `passes` is reached). A fix offered
    again after it was applied (a review fix that did not mend its finding) is not applied twice."""
    result = FixResult(text)
    seen: set[tuple] = set()
    for _ in range(passes):
        chosen = []
        for finding in lint(result.text):
            fix = next((f for f in finding.fixes if unsafe or f["applicability"] == "safe"), None)
            key = (finding.code, finding.fingerprint, fix["title"]) if fix else None
            if fix is not None and key not in seen:
                chosen.append((finding, fix))
                seen.add(key)
        if not chosen:
            break
        new_text, applied = apply_once(result.text, chosen)
        if not applied or new_text == result.text:
            break
        result.text, result.applied = new_text, [*result.applied, *applied]
    return result


def suppression_edits(text: str, findings: list[Finding], reason: str) -> list[tuple[Finding, Fix]]:
    """`--add-suppression`: above each line with a finding that can be suppressed, a comment naming
    its codes and the reason given, indented as that line."""
    lines = text.split("\n")
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.code not in NEVER_SUPPRESSED and finding.suppressed is None:
            by_line.setdefault(finding.line, []).append(finding)
    chosen = []
    for line, here in sorted(by_line.items()):
        source = lines[line - 1] if line - 1 < len(lines) else ""
        indent = source[: len(source) - len(source.lstrip(" \t"))]
        codes = ", ".join(dict.fromkeys(f.code for f in here))
        comment = f"{indent}# im-lint: ignore {codes} -- {reason}\n"
        edit = {"line": line, "column": 1, "end_line": line, "end_column": 1, "text": comment}
        chosen.append((here[0], Fix(title=f"ignore {codes}", applicability="review", edits=[edit])))
    return chosen
