"""A real LSP client (pytest-lsp) driving `im-lint lsp` as a subprocess, and small helpers for the
language server's tests."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Union

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, default_converter, register_lsp_features

SERVER = [sys.executable, "-m", "im_lint", "lsp"]
TIMEOUT = 20


def _client() -> LanguageClient:
    """pytest-lsp's client, also keeping every diagnostics notification with its version."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    # lsprotocol reads any code action that has a `command` as a bare Command; editors tell them
    # apart by the command's type (a string in a Command, an object in a CodeAction).
    converter = client.protocol._converter

    def code_action(data, _):
        kind = types.Command if isinstance(data.get("command"), str) else types.CodeAction
        return converter.structure(data, kind)

    converter.register_structure_hook(Union[types.Command, types.CodeAction], code_action)
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=_client)


def capabilities(pull: bool = False) -> types.ClientCapabilities:
    found = client_capabilities("neovim@v0.7.0")
    found.window.show_document = types.ShowDocumentClientCapabilities(support=True)  # as VS Code has
    if pull:
        found.text_document.diagnostic = types.DiagnosticClientCapabilities(dynamic_registration=False)
        found.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return found


async def start(folder: Path, pull: bool = False, debounce: int = 30) -> LanguageClient:
    client = await CONFIG.start(devtools=None)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(pull),
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)],
            initialization_options={"debounce": debounce},
        )
    )
    return client


async def stop(client: LanguageClient) -> None:
    await client.shutdown_session()


def ident(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def open_document(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="im-proposal", version=version, text=text)
        )
    )
    return uri


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(client: LanguageClient, uri: str, version: int | None = None) -> list[types.Diagnostic]:
    """The diagnostics published for a document (at that version, when given), waiting for them."""

    def found():
        for params in reversed(client.published):
            if params.uri == uri and (version is None or params.version == version):
                return params
        return None

    async def wait():
        while found() is None:
            await asyncio.sleep(0.01)
        return found()

    try:
        return list((await asyncio.wait_for(wait(), TIMEOUT)).diagnostics)
    except TimeoutError:
        pytest.fail(f"no diagnostics for {uri} (version {version}) within {TIMEOUT} s")


async def until(client: LanguageClient, uri: str, wanted, timeout: float = 60) -> list[types.Diagnostic]:
    """The document's diagnostics once `wanted(them)` holds (they may take more than one publish)."""

    async def wait():
        while not wanted(list(client.diagnostics.get(uri, []))):
            await asyncio.sleep(0.02)
        return list(client.diagnostics[uri])

    try:
        return await asyncio.wait_for(wait(), timeout)
    except TimeoutError:
        pytest.fail(f"the diagnostics of {uri} never became what was wanted: {client.diagnostics.get(uri)}")


def at(text: str, needle: str, offset: int = 0) -> types.Position:
    """The LSP position of the first `needle` in a text, plus `offset` characters."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return types.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


def end_of(text: str) -> types.Position:
    lines = text.split("\n")
    return types.Position(line=len(lines) - 1, character=len(lines[-1]))


def codes(found: list[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in found]
