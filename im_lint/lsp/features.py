"""The protocol's methods, each handed to the module that answers it."""

from __future__ import annotations

import re

from lsprotocol import types

from im_lint import api
from im_lint.lsp.actions import FIX_ALL, PLACE_CURSOR, code_actions
from im_lint.lsp.completion import complete
from im_lint.lsp.context import cursor_at
from im_lint.lsp.diagnostics import diagnostics_of
from im_lint.lsp.hover import hover_text
from im_lint.lsp.positions import Lines
from im_lint.lsp.server import ImLintServer, path_of
from im_lint.lsp.symbols import SYMBOL_KINDS, Definition, Index

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
_NEW_NAME = {
    "en": "`{name}` is not an ID: start with a letter, then letters, digits, `-`, `_` or `.`",
    "nl": "`{name}` is geen ID: begin met een letter, daarna letters, cijfers, `-`, `_` of `.`",
}


def register(server: ImLintServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: ImLintServer, params: types.InitializeParams):
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        debounce = options.get("debounce")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
            ls.debounce = debounce / 1000
        from pathlib import Path

        for folder in params.workspace_folders or []:
            ls.live.folders.append(Path(path_of(folder.uri)))
        if not ls.live.folders and params.root_uri:
            ls.live.folders.append(Path(path_of(params.root_uri)))

    @server.feature(types.INITIALIZED)
    def initialized(ls: ImLintServer, params: types.InitializedParams):
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched and watched.dynamic_registration:
            patterns = ["**/*.proposal", "**/*.voorstel", "**/im-lint.toml", "**/.im-lint.toml", "**/pyproject.toml"]
            patterns += ["**/*.yaml", "**/*.yml"]
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="im-lint-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in patterns]
                            ),
                        )
                    ]
                )
            )

    # --- documents ---------------------------------------------------------------------------------
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ImLintServer, params: types.DidOpenTextDocumentParams):
        ls.document(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ImLintServer, params: types.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: ImLintServer, params: types.DidSaveTextDocumentParams):
        path = path_of(params.text_document.uri)
        if not path.endswith((".proposal", ".voorstel")):
            await ls.files_changed([path])

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: ImLintServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        document = ls.documents.pop(uri, None)
        if document is None:
            return
        if document.task is not None:
            document.task.cancel()
        if not ls.pull:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if document.linted is not None and document.linted.root is not None:
            await ls.closed(document.path, document.linted.root)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: ImLintServer, params: types.DidChangeWatchedFilesParams):
        await ls.files_changed([path_of(change.uri) for change in params.changes])

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier="im-lint", inter_file_dependencies=True, workspace_diagnostics=False),
    )
    async def diagnostic(ls: ImLintServer, params: types.DocumentDiagnosticParams):
        document = await ls.current(params.text_document.uri)
        items = diagnostics_of(document.linted, document.lines) if document and document.linted else []
        return types.RelatedFullDocumentDiagnosticReport(items=items)

    # --- reading -----------------------------------------------------------------------------------
    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", ",", ":"]))
    def completion(ls: ImLintServer, params: types.CompletionParams):
        document = ls.document(params.text_document.uri)
        text_document = ls.workspace.get_text_document(params.text_document.uri)
        offset = text_document.offset_at_position(params.position)
        cursor = cursor_at(text_document.source, offset)
        engine = ls.engine_for(document.path)[0]
        items = complete(cursor, document.lang, document.symbols or Index(), engine)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ImLintServer, params: types.HoverParams):
        document = await ls.current(params.text_document.uri)
        if document is None or document.linted is None:
            return None
        line, column = document.lines.at(params.position)
        engine = ls.engine_for(document.path)[0]
        text = hover_text(document.lines.line(line - 1), line, column, document.linted, document.symbols, engine)
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    async def identifier_at(ls: ImLintServer, uri: str, position: types.Position):
        document = await ls.current(uri)
        if document is None or document.symbols is None:
            return None, None
        line, column = document.lines.at(position)
        return document, document.symbols.at(line, column)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: ImLintServer, params: types.DefinitionParams):
        document, item = await identifier_at(ls, params.text_document.uri, params.position)
        target = document.symbols.definitions.get(item.id) if item is not None else None
        if target is None:
            return None
        return types.Location(uri=document.uri, range=document.lines.range(target.span))

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    async def references(ls: ImLintServer, params: types.ReferenceParams):
        document, item = await identifier_at(ls, params.text_document.uri, params.position)
        if item is None:
            return None
        spans = document.symbols.uses(item.id)
        if not params.context.include_declaration and item.id in document.symbols.definitions:
            spans = spans[1:]
        return [types.Location(uri=document.uri, range=document.lines.range(span)) for span in spans]

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(ls: ImLintServer, params: types.PrepareRenameParams):
        document, item = await identifier_at(ls, params.text_document.uri, params.position)
        if item is None or item.id not in document.symbols.definitions:
            return None
        return types.PrepareRenamePlaceholder(range=document.lines.range(item.span), placeholder=item.id)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    async def rename(ls: ImLintServer, params: types.RenameParams):
        document, item = await identifier_at(ls, params.text_document.uri, params.position)
        if item is None or item.id not in document.symbols.definitions:
            return None
        if not _IDENTIFIER.fullmatch(params.new_name):
            from pygls.exceptions import JsonRpcInvalidParams

            raise JsonRpcInvalidParams(_NEW_NAME[document.lang].format(name=params.new_name))
        edits = [
            types.TextEdit(range=document.lines.range(span), new_text=params.new_name)
            for span in document.symbols.uses(item.id)
        ]
        return types.WorkspaceEdit(changes={document.uri: edits})

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbols(ls: ImLintServer, params: types.DocumentSymbolParams):
        document = await ls.current(params.text_document.uri)
        if document is None or document.symbols is None:
            return []
        return [symbol(definition, document.lines) for definition in document.symbols.definitions.values()]

    # --- changing ----------------------------------------------------------------------------------
    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ImLintServer, params: types.DocumentFormattingParams):
        text_document = ls.workspace.get_text_document(params.text_document.uri)
        text = text_document.source
        try:
            formatted = api.format_text(text)
        except ValueError as error:
            ls.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=f"im-lint: not formatted: {error}")
            )
            return None
        if formatted == text:
            return []
        lines = text.split("\n")
        end = types.Position(line=len(lines) - 1, character=Lines(text).to_utf16(len(lines) - 1, len(lines[-1])))
        return [
            types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=end), new_text=formatted)
        ]

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: ImLintServer, params: types.CodeActionParams):
        document = ls.document(params.text_document.uri)
        text = ls.workspace.get_text_document(params.text_document.uri).source
        window = ls.client_capabilities.window
        show = bool(window and window.show_document and window.show_document.support)
        return code_actions(document.uri, Lines(text), document.linted, params, show) or None

    @server.command(PLACE_CURSOR)
    def place_cursor(ls: ImLintServer, uri: str, line: int, character: int):
        position = types.Position(line=line, character=character)
        ls.window_show_document(
            types.ShowDocumentParams(uri=uri, take_focus=True, selection=types.Range(start=position, end=position))
        )


def symbol(definition: Definition, lines: Lines) -> types.DocumentSymbol:
    statement = definition.statement
    whole = statement.span.to(statement.block_span) if statement.block_span else statement.span
    return types.DocumentSymbol(
        name=definition.id,
        detail=definition.title or None,
        kind=SYMBOL_KINDS[definition.kind],
        range=lines.range(whole),
        selection_range=lines.range(definition.span),
    )
