"""Suppression comments: `# im-lint: ignore CODE[, CODE] -- reason` and `ignore-file`.

On its own line a comment covers the next statement and its block; at the end of a line, that
line's statement and its block; `ignore-file` the whole file. IM007 flags a missing reason (the
comment still suppresses); IM008 flags each code that suppressed nothing or is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from im_lint.engine.catalogue import UNSUPPRESSIBLE, Catalogue
from im_lint.language.syntax import Comment, Statement, SyntaxTree
from im_lint.source import Diagnostic, Span

_DIRECTIVE = re.compile(r"^#\s*im-lint\s*:\s*(?P<kind>ignore-file|ignore)\b(?P<rest>.*)$", re.IGNORECASE)


@dataclass
class Suppression:
    comment: Comment
    whole_file: bool
    first_line: int
    last_line: int
    codes: dict[str, str] = field(default_factory=dict)  # resolved code -> as written
    has_reason: bool = True
    used: set[str] = field(default_factory=set)
    every: str | None = None  # `ALL` as written: every rule that can be suppressed, as `select = ["ALL"]`

    @property
    def reason(self) -> str:
        """The reason written after `--` (empty when none was given: IM007)."""
        match = _DIRECTIVE.match(self.comment.text)
        return match["rest"].partition("--")[2].strip() if match else ""

    def covers(self, code: str, line: int) -> bool:
        named = code in self.codes or (self.every is not None and code not in UNSUPPRESSIBLE)
        return named and (self.whole_file or self.first_line <= line <= self.last_line)


def _statements_by_line(tree: SyntaxTree) -> list[Statement]:
    found: list[Statement] = []
    pending = list(reversed(tree.statements))
    while pending:
        statement = pending.pop()
        found.append(statement)
        if statement.block:
            pending.extend(reversed(statement.block))
    return found  # in source order


def _scope(comment: Comment, statements: list[Statement]) -> tuple[int, int]:
    line = comment.span.line
    if comment.own_line:
        target = next((s for s in statements if s.span.line > line), None)
    else:
        target = next((s for s in statements if s.span.line == line), None)
        if target is None:  # a comment after `}` or in a text block's last line: the enclosing one
            target = next((s for s in reversed(statements) if s.span.line <= line <= s.end_line), None)
    return (target.span.line, target.end_line) if target else (line, line)


# Suppression comments read per file: a proposal needs a handful; the rest of a file with more is
# not read as suppressions (so its findings show), and one IM008 says so. Bounds the work of
# matching every finding against every comment.
MAX_SUPPRESSIONS = 1000


def read_suppressions(tree: SyntaxTree, catalogue: Catalogue) -> tuple[list[Suppression], list[Diagnostic]]:
    """The file's suppressions, and IM007/IM008 findings about the comments themselves."""
    suppressions: list[Suppression] = []
    problems: list[Diagnostic] = []
    statements: list[Statement] | None = None
    for comment in tree.comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        if len(suppressions) >= MAX_SUPPRESSIONS:
            problems.append(Diagnostic("IM008", comment.span, "too-many", {"limit": MAX_SUPPRESSIONS}))
            break
        statements = statements if statements is not None else _statements_by_line(tree)
        whole_file = match["kind"].lower() == "ignore-file"
        codes_text, separator, reason = match["rest"].partition("--")
        first, last = _scope(comment, statements)
        suppression = Suppression(comment, whole_file, first, last, has_reason=bool(separator and reason.strip()))
        for written in filter(None, re.split(r"[,\s]+", codes_text.strip())):
            rule = catalogue.find(written)
            if rule is None and written.upper() == "ALL":
                suppression.every = written
            elif rule is not None and rule.code in UNSUPPRESSIBLE:
                problems.append(Diagnostic("IM008", comment.span, "cannot-suppress", {"code": written}))
            elif rule is None:
                suggestion = catalogue.nearest(written)
                variant = "unknown-code" if suggestion else "unknown-code-no-suggestion"
                problems.append(
                    Diagnostic("IM008", comment.span, variant, {"code": written, "suggestion": suggestion or ""})
                )
            else:
                suppression.codes[rule.code] = written
        if not suppression.has_reason:
            problems.append(Diagnostic("IM007", comment.span, "default", {"codes": codes_text.strip()}))
        suppressions.append(suppression)
    return suppressions, problems


def suppressing(suppressions: list[Suppression], code: str, line: int) -> Suppression | None:
    """The comment that suppresses a finding (the first, where several do; each is marked used)."""
    if code in UNSUPPRESSIBLE:
        return None
    found = None
    for suppression in suppressions:
        if suppression.covers(code, line):
            suppression.used.add(code)
            found = found or suppression
    return found


def unused(suppressions: list[Suppression], selected: set[str]) -> list[Diagnostic]:
    """IM008 for each code that suppressed nothing (a deselected rule's code is not unused: it may
    fire again when the rule is selected)."""
    problems = []
    for suppression in suppressions:
        codes = dict(suppression.codes)
        if suppression.every is not None and not suppression.used:
            codes["ALL"] = suppression.every
        for code, written in codes.items():
            if code == "ALL":
                problems.append(Diagnostic("IM008", suppression.comment.span, "default", {"code": written}))
                continue
            if code not in suppression.used and (code in selected or code in UNSUPPRESSIBLE):
                span: Span = suppression.comment.span
                # The comment itself travels along, for the fix that removes the code (both keys end
                # in `line`, so they stay out of the fingerprint).
                where = {"source_line": suppression.comment.text, "own_line": suppression.comment.own_line}
                problems.append(Diagnostic("IM008", span, "default", {"code": written, **where}))
    return problems
