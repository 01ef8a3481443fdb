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
    """The fixes a finding carries (`check --fix`'s, from the rule's pack entry)."""
    return list(getattr(finding, "fixes", None) or [])


def _edits(lines: Lines, fix: dict) -> list[types.TextEdit]:
    return [
        types.TextEdit(
            range=lines.range_of(edit["line"], edit["column"], edit["end_line"], edit["end_column"]),
            new_text=edit["text"],
        )
        for edit in fix["edits"]
    ]


def fix_actions(uri: str, lines: Lines, finding: Finding, diagnostic) -> list[types.CodeAction]:
    """A finding's fixes as quick fixes; the safe one is the preferred action."""
    return [
        types.CodeAction(
            title=fix["title"],
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=fix["applicability"] == "safe",
            edit=types.WorkspaceEdit(changes={uri: _edits(lines, fix)}),
        )
        for fix in fixes_of(finding)
    ]


def fix_all_action(uri: str, text: str, linted: Linted) -> types.CodeAction | None:
    """`source.fixAll.im-lint`: every safe fix that does not overlap another, as one edit of the
    whole text (what `check --fix` does in its first pass)."""
    from im_lint.fix import apply_once

    chosen = [(f, fix) for f in linted.findings for fix in fixes_of(f)[:1] if fix["applicability"] == "safe"]
    fixed, applied = apply_once(text, chosen)
    if not applied or fixed == text:
        return None
    lines = Lines(text)
    last = len(lines.lines) - 1
    end = types.Position(line=last, character=lines.to_utf16(last, len(lines.lines[last])))
    whole = types.Range(start=types.Position(line=0, character=0), end=end)
    return types.CodeAction(
        title="im-lint: fix all safe fixes" if linted.parsed.lang != "nl" else "im-lint: alle veilige herstellingen",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=whole, new_text=fixed)]}),
    )


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
            if diagnostic.source != SOURCE or not code:
                continue
            line, column = lines.at(diagnostic.range.start)
            for finding in linted.findings if linted else []:
                if finding.code == code and (finding.line, finding.column) == (line, column):
                    actions.extend(fix_actions(uri, lines, finding, diagnostic))
                    break
            key = (code, diagnostic.range.start.line)
            if code not in UNSUPPRESSIBLE and key not in seen:
                seen.add(key)
                actions.append(
                    ignore_action(uri, lines, code, diagnostic.range.start.line, lang, diagnostic, place_cursor)
                )
    # Only when asked for (`only`): a source action is not a quick fix of the line at hand.
    if linted is not None and wanted is not None and any(FIX_ALL.startswith(kind) for kind in wanted):
        fix_all = fix_all_action(uri, "\n".join(lines.lines), linted)
        if fix_all is not None:
            actions.append(fix_all)
    return actions
