"""`im-lint lsp` and the files around a document: its configuration and packs (reloaded when they
change, an error shown once), the portfolio of its repository (IM7, with the other file's place),
and pull diagnostics."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES
from lsp_client import change, codes, diagnostics, ident, open_document, start, stop, until
from lsprotocol import types

pytestmark = pytest.mark.asyncio

ENGLISH = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")


def changed(client, *paths) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed) for path in paths]
        )
    )


async def test_configuration_is_read_from_the_documents_folder_and_reloaded(tmp_path):
    config = tmp_path / "im-lint.toml"
    config.write_text('ignore = ["IM108"]\n')
    (tmp_path / "a.proposal").write_text(ENGLISH)
    client = await start(tmp_path)
    try:
        uri = open_document(client, tmp_path / "a.proposal")
        assert "IM108" not in codes(await diagnostics(client, uri, 1))
        config.write_text("ignore = []\n")
        client.published.clear()
        changed(client, config)
        assert "IM108" in codes(await diagnostics(client, uri, 1))
    finally:
        await stop(client)


async def test_a_pack_error_is_shown_once_and_the_built_in_rules_go_on(tmp_path):
    (tmp_path / "im-lint.toml").write_text('packs = ["school.yaml"]\n')
    pack = tmp_path / "school.yaml"
    pack.write_text("rules: [this is not: a pack\n")
    for name in ("a.proposal", "b.proposal"):
        (tmp_path / name).write_text(ENGLISH.replace("VO-2020-011", name[0]))
    client = await start(tmp_path)
    try:
        first = open_document(client, tmp_path / "a.proposal")
        assert "IM201" in codes(await diagnostics(client, first, 1))
        second = open_document(client, tmp_path / "b.proposal")
        await diagnostics(client, second, 1)
        change(client, first, ENGLISH + "\n", 2)
        await diagnostics(client, first, 2)
        errors = [m for m in client.messages if m.type == types.MessageType.Error]
        assert len(errors) == 1
        assert "school.yaml" in errors[0].message and "built-in rules" in errors[0].message
        assert "Traceback" not in errors[0].message
    finally:
        await stop(client)


async def test_a_duplicate_proposal_id_names_the_other_file_and_goes_when_it_is_mended(tmp_path):
    (tmp_path / "im-lint.toml").write_text("")
    first_path, other_path = tmp_path / "first.proposal", tmp_path / "other.proposal"
    first_path.write_text(ENGLISH)
    other_path.write_text(ENGLISH.replace("Laptops for every student", "Tablets"))
    (tmp_path / "unrelated.proposal").write_text(ENGLISH.replace("VO-2020-011", "VO-2020-099"))
    client = await start(tmp_path)
    try:
        first = open_document(client, first_path)
        # The portfolio is read after the first diagnostics: IM701 may come with the second.
        found = await until(client, first, lambda found: "IM701" in codes(found))
        (im701,) = [d for d in found if d.code == "IM701"]
        (related,) = im701.related_information
        assert related.location.uri == other_path.resolve().as_uri()
        assert related.location.range.start.line == 1
        other = open_document(client, other_path)
        await diagnostics(client, other, 1)
        change(client, other, other_path.read_text().replace("VO-2020-011", "VO-2020-012"), 2)
        await until(client, first, lambda found: "IM701" not in codes(found))  # refreshed in the other file
    finally:
        await stop(client)


async def test_pull_diagnostics_where_the_client_asks_for_them(tmp_path):
    (tmp_path / ".git").mkdir()
    path = tmp_path / "pull.proposal"
    path.write_text(ENGLISH.replace("activity A1", "activty A1"))
    client = await start(tmp_path, pull=True)
    try:
        uri = open_document(client, path)
        report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=ident(uri)))
        assert "IM002" in codes(report.items)
        change(client, uri, ENGLISH, 2)
        report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=ident(uri)))
        assert "IM002" not in codes(report.items) and "IM201" in codes(report.items)
        assert client.published == []  # nothing pushed to a client that pulls
    finally:
        await stop(client)


async def test_a_change_to_a_file_the_configuration_extends_is_seen_at_the_next_keystroke(tmp_path):
    import os

    base = tmp_path / "base.toml"
    base.write_text('ignore = ["IM108"]\n')
    (tmp_path / "im-lint.toml").write_text('extend = "base.toml"\n')
    (tmp_path / "a.proposal").write_text(ENGLISH)
    client = await start(tmp_path)
    try:
        uri = open_document(client, tmp_path / "a.proposal")
        assert "IM108" not in codes(await diagnostics(client, uri, 1))
        base.write_text("ignore = []\n")
        os.utime(base, ns=(base.stat().st_atime_ns, base.stat().st_mtime_ns + 10**9))
        change(client, uri, ENGLISH + "\n", 2)  # no file event: the editor may not watch files
        assert "IM108" in codes(await diagnostics(client, uri, 2))
    finally:
        await stop(client)
