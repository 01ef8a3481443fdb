"""The language server's speed: diagnostics after a change, completion, memory with many documents.

    .venv/bin/python benchmarks/lsp.py [--write]     # --write puts the figures in docs/performance.md

A real client (pygls) drives `im-lint lsp` as a subprocess, as an editor does. The workspace is the
benchmark corpus (corpus.py): 1,000 proposals of about 4 KB, in one repository, so the portfolio
rules (IM7) read all of them.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import corpus
from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
DEBOUNCE_MS = 150
CHANGES = 40
COMPLETIONS = 100
OPEN_DOCUMENTS = 50
WORKSPACE = 1000
MARKERS = ("<!-- lsp-benchmark -->", "<!-- /lsp-benchmark -->")


class Client(LanguageClient):
    def __init__(self):
        super().__init__("benchmark", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams):
            self.arrived[(params.uri, params.version)] = time.perf_counter()


async def wait_for(client: Client, uri: str, version: int, timeout: float = 120) -> float:
    end = time.perf_counter() + timeout
    while (uri, version) not in client.arrived:
        if time.perf_counter() > end:
            raise TimeoutError(f"no diagnostics for {uri} version {version}")
        await asyncio.sleep(0.001)
    return client.arrived[(uri, version)]


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


async def measure(folder: Path) -> dict[str, float]:
    client = Client()
    await client.start_io(sys.executable, "-m", "im_lint", "lsp")
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True)
        )
    )
    await client.initialize_async(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="bench")],
            initialization_options={"debounce": DEBOUNCE_MS},
        )
    )
    client.initialized(types.InitializedParams())
    files = sorted((folder / "proposals").iterdir())
    pid = client._server.pid

    def open_file(path: Path) -> tuple[str, str]:
        text = path.read_text(encoding="utf-8")
        uri = path.as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="im-proposal", version=1, text=text)
            )
        )
        return uri, text

    # A proposal of about 4 KB, changed one keystroke at a time, waiting for each result.
    path = next(p for p in files if 3800 <= p.stat().st_size <= 4400)
    uri, text = open_file(path)
    await wait_for(client, uri, 1)
    await asyncio.sleep(3)  # the portfolio of the 1,000 files is read after the first diagnostics
    latencies = []
    for version in range(2, CHANGES + 2):
        text += "#"
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        latencies.append((await wait_for(client, uri, version) - sent) * 1000 - DEBOUNCE_MS)

    # Completion after `serves ` at the end of the document.
    version = CHANGES + 2
    text += '\nactivity A99 "Plan" {\n  serves '
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await wait_for(client, uri, version)
    lines = text.split("\n")
    position = types.Position(line=len(lines) - 1, character=len(lines[-1]))
    completions = []
    for _ in range(COMPLETIONS):
        sent = time.perf_counter()
        await client.text_document_completion_async(
            types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
        )
        completions.append((time.perf_counter() - sent) * 1000)

    # 50 open documents of the 1,000-proposal workspace.
    others = [open_file(p)[0] for p in files if p != path][: OPEN_DOCUMENTS - 1]
    for other in others:
        await wait_for(client, other, 1)
    await asyncio.sleep(1)
    memory = rss_mib(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "diagnostics_median": statistics.median(latencies),
        "diagnostics_p90": statistics.quantiles(latencies, n=10)[-1],
        "completion_median": statistics.median(completions),
        "completion_p90": statistics.quantiles(completions, n=10)[-1],
        "memory": memory,
        "size": path.stat().st_size,
    }


def section(figures: dict[str, float]) -> str:
    def verdict(value: float, target: float) -> str:
        return "met" if value <= target else "missed"

    return f"""{MARKERS[0]}
## The language server (`im-lint lsp`)

Measured by `.venv/bin/python benchmarks/lsp.py --write`: a pygls client drives the server as a
subprocess in a workspace of {WORKSPACE:,} proposals (the corpus above, one repository, so the portfolio
rules read all of them).

| what | measured | target |
|---|---|---|
| diagnostics after a change to a {figures["size"] / 1000:.1f} KB proposal, beyond the {DEBOUNCE_MS} ms debounce (median of {CHANGES}; 90th percentile) | {figures["diagnostics_median"]:.1f} ms ({figures["diagnostics_p90"]:.1f} ms) | 30 ms: {verdict(figures["diagnostics_median"], 30)} |
| completion after `serves ` (median of {COMPLETIONS}; 90th percentile) | {figures["completion_median"]:.1f} ms ({figures["completion_p90"]:.1f} ms) | 20 ms: {verdict(figures["completion_median"], 20)} |
| the server's memory (RSS) with {OPEN_DOCUMENTS} documents open | {figures["memory"]:.0f} MiB | 100 MiB: {verdict(figures["memory"], 100)} |

The times include the round trip through the client's JSON-RPC, as an editor sees them.
{MARKERS[1]}
"""


def write_into(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = MARKERS
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="put the figures in docs/performance.md")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        corpus.write(root, WORKSPACE)
        figures = asyncio.run(measure(root))
    block = section(figures)
    print(block)
    if arguments.write:
        write_into(ROOT / "docs" / "performance.md", block)
        # The template run.py renders keeps the section (str.format: braces doubled).
        write_into(ROOT / "benchmarks" / "performance.md.in", block.replace("{", "{{").replace("}", "}}"))


if __name__ == "__main__":
    main()
