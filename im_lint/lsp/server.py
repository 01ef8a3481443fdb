"""The language server: open documents, linting them (debounced, one at a time, off the event loop),
and the protocol's features, each answered by its own module."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from im_lint import __version__, api
from im_lint.lsp.actions import FIX_ALL, PLACE_CURSOR
from im_lint.lsp.diagnostics import diagnostics_of
from im_lint.lsp.positions import Lines
from im_lint.lsp.symbols import Index, index

log = logging.getLogger("im-lint.lsp")
DEBOUNCE = 0.15  # seconds of quiet after a keystroke before the document is linted again
CONFIG_NAMES = ("im-lint.toml", ".im-lint.toml", "pyproject.toml")
PROPOSAL_SUFFIXES = (".proposal", ".voorstel")


@dataclass
class Document:
    """What the server knows of one open document: its last linted version and results."""

    uri: str
    path: str
    version: int | None = None  # the version `linted` was made from
    linted: api.Linted | None = None
    lines: Lines | None = None
    symbols: Index | None = None
    task: asyncio.Task | None = None

    @property
    def lang(self) -> str:
        return self.linted.parsed.lang if self.linted is not None else language_of(self.path)


def language_of(path: str) -> str:
    return "nl" if path.endswith(".voorstel") else "en"


def path_of(uri: str) -> str:
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return str(Path(path).resolve()) if path else str(Path.cwd() / uri.rsplit("/", 1)[-1])


class ImLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("im-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.live = api.Workspace()
        self.documents: dict[str, Document] = {}
        self.debounce = DEBOUNCE
        # Linting runs in one thread: the event loop stays free for completion and hover, and
        # two lints never run at once.
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="im-lint")
        self._shown: set[str] = set()  # configuration errors already shown to the user
        self._fallback: api.Engine | None = None

    # --- capabilities ------------------------------------------------------------------------------
    @property
    def pull(self) -> bool:
        capabilities = self.client_capabilities.text_document
        return capabilities is not None and capabilities.diagnostic is not None

    def document(self, uri: str) -> Document:
        if uri not in self.documents:
            self.documents[uri] = Document(uri, path_of(uri))
        return self.documents[uri]

    # --- linting -----------------------------------------------------------------------------------
    def engine_for(self, path: str) -> tuple[api.Engine, str | None]:
        """The engine of the path's configuration; with a bad configuration or pack, the built-in
        rules and the error, to be shown once."""
        try:
            return self.live.engine_for(path), None
        except api.ConfigError as error:
            if self._fallback is None:
                self._fallback = api.engine()
            return self._fallback, str(error)

    def _lint_now(self, path: str, text: str) -> tuple[api.Linted, Lines, Index, str | None]:
        engine, error = self.engine_for(path)
        linted = self.live.lint(text, path, engine)
        symbols = index(linted.parsed.tree)
        # Keep only what the features read (findings, the outline, the language), not the model,
        # the tree or another copy of the text: 50 open documents must stay small.
        lang = linted.parsed.lang if linted.parsed.proposal is not None else language_of(path)
        linted.parsed = api.Parsed(None, None, [], None, lang)
        return linted, Lines(text), symbols, error

    def schedule(self, uri: str, delay: float) -> None:
        document = self.document(uri)
        if document.task is not None and not document.task.done():
            document.task.cancel()
        document.task = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        await self.lint(uri)

    async def lint(self, uri: str) -> Document | None:
        """Lint the document's current text; publish its diagnostics unless it changed meanwhile."""
        if uri not in self.documents:
            return None
        document = self.documents[uri]
        text_document = self.workspace.get_text_document(uri)
        version, text = text_document.version, text_document.source
        loop = asyncio.get_running_loop()
        try:
            linted, lines, symbols, error = await loop.run_in_executor(self.linter, self._lint_now, document.path, text)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # never exit on bad input: say so in the log, keep serving
            log.exception("linting %s failed", document.path)
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Error, message=f"im-lint: {document.path}: {error!r}")
            )
            return None
        self.show_config_error(error)
        if self.documents.get(uri) is not document or self.workspace.get_text_document(uri).version != version:
            return None  # outdated: a newer lint is on its way
        document.version, document.linted, document.lines, document.symbols = version, linted, lines, symbols
        self.publish(document)
        if linted.root is not None:
            portfolio = self.live.portfolio(linted.root)
            if portfolio is not None and not portfolio.loaded:
                await loop.run_in_executor(self.linter, self._load_portfolio, portfolio, document.path)
                await self.refresh_portfolio(linted.root, except_uri=None)
            elif linted.entry_changed:
                await self.refresh_portfolio(linted.root, except_uri=uri)
        return document

    def _load_portfolio(self, portfolio, path: str) -> None:
        portfolio.load(self.engine_for(path)[0])

    async def refresh_portfolio(self, root: Path, except_uri: str | None) -> None:
        """Finish the other open documents of a repository again with its portfolio as it is now."""
        loop = asyncio.get_running_loop()
        changed = False
        for uri, document in list(self.documents.items()):
            if uri == except_uri or document.linted is None or document.linted.root != root:
                continue
            engine = self.engine_for(document.path)[0]
            before = [finding.fingerprint for finding in document.linted.findings]
            await loop.run_in_executor(self.linter, self.live.finish, document.linted, engine)
            if [finding.fingerprint for finding in document.linted.findings] != before:
                changed = True
                self.publish(document)
        if changed and self.pull and self._refresh_supported():
            self.workspace_diagnostic_refresh(None)

    def _refresh_supported(self) -> bool:
        workspace = self.client_capabilities.workspace
        return bool(workspace and workspace.diagnostics and workspace.diagnostics.refresh_support)

    def publish(self, document: Document) -> None:
        if self.pull or document.linted is None or document.lines is None:
            return
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=document.uri, version=document.version, diagnostics=diagnostics_of(document.linted, document.lines)
            )
        )

    def show_config_error(self, error: str | None) -> None:
        if error is None or error in self._shown:
            return
        self._shown.add(error)
        self.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Error,
                message=f"im-lint: {error}. Until it is mended, the built-in rules are used.",
            )
        )

    async def current(self, uri: str) -> Document | None:
        """The document linted at its current version (linting it now when it is behind)."""
        document = self.documents.get(uri)
        if document is None:
            return None
        if document.version != self.workspace.get_text_document(uri).version or document.linted is None:
            if document.task is not None and not document.task.done():
                document.task.cancel()
            await self.lint(uri)
        return document

    async def closed(self, path: str, root: Path) -> None:
        """A closed document counts as its file on disk again."""
        portfolio = self.live.portfolios.get(root)
        if portfolio is not None:
            portfolio.reread(path, self.engine_for(path)[0])
            await self.refresh_portfolio(root, except_uri=None)

    # --- files changing on disk --------------------------------------------------------------------
    async def files_changed(self, paths: list[str]) -> None:
        self.live.files_changed()
        self._shown.clear()  # a configuration mended and broken again is shown again
        roots = set()
        for path in paths:
            name = Path(path).name
            if path.endswith(PROPOSAL_SUFFIXES) and not any(d.path == path for d in self.documents.values()):
                root = self.live.root_of(path)
                portfolio = self.live.portfolios.get(root) if root else None
                if portfolio is not None:
                    portfolio.reread(path, self.engine_for(path)[0])
                    roots.add(root)
            elif name in CONFIG_NAMES or path.endswith((".yaml", ".yml")):
                for uri in list(self.documents):
                    self.schedule(uri, 0)
                return
        for root in roots:
            await self.refresh_portfolio(root, except_uri=None)


def create_server() -> ImLintServer:
    from im_lint.lsp import features

    server = ImLintServer()
    features.register(server)
    return server


def serve() -> None:
    create_server().start_io()


__all__ = ["FIX_ALL", "PLACE_CURSOR", "ImLintServer", "create_server", "serve"]
