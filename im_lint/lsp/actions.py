"""Code actions: "ignore this finding, with a reason" (a suppression comment above the line, the
cursor left where the reason goes), and the fixes a finding carries, when the engine gives any."""

from __future__ import annotations

from lsprotocol import types

from im_lint.api import Finding, Linted
from im_lint.engine.catalogue import UNSUPPRESSIBLE
from im_lint.lsp.diagnostics import SOURCE
from im_lint.lsp.positions import Lines

FIX_ALL = "source.fixAll.im-lint"
PLACE_CURSOR = "im-lint.placeCursor"
_TITLES = {"en": "Ignore {code} here, with a reason", "nl": "{code} hier negeren, met een reden"}


def ignore_action(
    uri: str, lines: Lines, code: str, line: int, lang: str, diagnostic, place_cursor: bool
) -> types.CodeAction:
    """Insert `# im-lint: ignore CODE -- ` above a 0-based line, at its indentation; where the
    editor can be asked to show a place (window/showDocument), the cursor then goes to the reason."""
    text = lines.line(line)
    indent = text[: len(text) - len(text.lstrip())]
    comment = f"{indent}# im-lint: ignore {code} -- "
    start = types.Position(line=line, character=0)
    reason = types.Position(line=line, character=len(comment))  # the comment is ASCII past its indent
    return types.CodeAction(
        title=_TITLES.get(lang, _TITLES["en"]).format(code=code),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(
            changes={uri: [types.TextEdit(range=types.Range(start=start, end=start), new_text=comment + "\n")]}
        ),
        command=types.Command(title="", command=PLACE_CURSOR, arguments=[uri, reason.line, reason.character])
        if place_cursor
        else None,
    )


def fixes_of(finding: Finding) -> list:
    """The fixes a finding carries (issue 16). None yet: findings have no `fixes` field."""
    return list(getattr(finding, "fixes", None) or [])


def code_actions(
    uri: str, lines: Lines, linted: Linted | None, params: types.CodeActionParams, place_cursor: bool = False
) -> list[types.CodeAction]:
    lang = linted.parsed.lang if linted else "en"
    wanted = params.context.only
    actions: list[types.CodeAction] = []
    if wanted is None or any(kind.startswith(types.CodeActionKind.QuickFix) for kind in wanted):
        seen: set[tuple[str, int]] = set()
        for diagnostic in params.context.diagnostics:
            code = str(diagnostic.code or "")
            if diagnostic.source != SOURCE or not code or code in UNSUPPRESSIBLE:
                continue
            key = (code, diagnostic.range.start.line)
            if key not in seen:
                seen.add(key)
                actions.append(
                    ignore_action(uri, lines, code, diagnostic.range.start.line, lang, diagnostic, place_cursor)
                )
    return actions
