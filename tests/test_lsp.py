"""`im-lint lsp` end to end: a real LSP client (pytest-lsp) drives the server as a subprocess.
Diagnostics, hover, completion, navigation, formatting and code actions, in English and Dutch."""

from __future__ import annotations

import pytest
import pytest_asyncio
from conftest import EXAMPLES
from lsp_client import at, change, codes, diagnostics, end_of, ident, open_document, start, stop
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

ENGLISH = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8").replace("activity A1", "activty A1")
DUTCH = (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workspace")
    (folder / ".git").mkdir()  # the folder is a repository of its own, whatever is above it
    started = await start(folder)
    started.folder = folder
    yield started
    await stop(started)


def new_file(client, name: str, text: str):
    path = client.folder / name
    path.write_text(text, encoding="utf-8")
    return path, text


async def opened(client, name: str, text: str):
    path, text = new_file(client, name, text)
    uri = open_document(client, path, text)
    return uri, await diagnostics(client, uri, 1)


async def test_a_misspelt_keyword_is_flagged_under_the_word(client):
    uri, found = await opened(client, "typo.proposal", ENGLISH)
    im002 = [d for d in found if d.code == "IM002"]
    assert len(im002) == 1
    (typo,) = im002
    assert typo.range.start == at(ENGLISH, "activty A1")
    assert typo.range.end == at(ENGLISH, "activty A1", len("activty"))
    assert typo.severity == types.DiagnosticSeverity.Error
    assert typo.source == "im-lint"
    assert "`activity`" in typo.message and typo.message.endswith("[unknown-keyword]")
    assert typo.code_description.href.endswith("docs/rules.md#im002-unknown-keyword")
    assert "IM201" in codes(found)  # rule findings too, not only the language's


async def test_dutch_findings_are_in_dutch(client):
    text = DUTCH.replace("activiteit A2", "activitiet A2")
    uri, found = await opened(client, "typo.voorstel", text)
    (typo,) = [d for d in found if d.code == "IM002"]
    assert typo.range.start == at(text, "activitiet A2")
    assert "`activiteit`" in typo.message and "geen" in typo.message.lower()


async def test_hover_on_a_finding_a_keyword_a_reference_and_a_suppression(client):
    text = ENGLISH.replace("goal G1", "# im-lint: ignore IM108 -- the strategy is being written\ngoal G1")
    uri, _ = await opened(client, "hover.proposal", text)

    async def hover(position):
        found = await client.text_document_hover_async(types.HoverParams(text_document=ident(uri), position=position))
        return found.contents.value if found else ""

    on_typo = await hover(at(text, "activty", 2))
    assert "IM002" in on_typo and "unknown-keyword" in on_typo
    on_keyword = await hover(at(text, "serves", 1))
    assert "**serves**" in on_keyword and "`dient`" in on_keyword and "`goal`" in on_keyword
    on_reference = await hover(at(text, "serves G1", len("serves G")))
    assert "**G1**" in on_reference and "Every student gets a laptop" in on_reference
    on_code = await hover(at(text, "IM108", 2))
    assert "IM108" in on_code and "strategy" in on_code.lower()


async def test_hover_in_dutch_names_the_english_spelling(client):
    uri, _ = await opened(client, "hover.voorstel", DUTCH)
    found = await client.text_document_hover_async(
        types.HoverParams(text_document=ident(uri), position=at(DUTCH, "dient D1", 1))
    )
    assert "**dient**" in found.contents.value and "English: `serves`" in found.contents.value


async def complete(client, uri: str, text: str) -> list[str]:
    change(client, uri, text, 2)
    found = await client.text_document_completion_async(
        types.CompletionParams(text_document=ident(uri), position=end_of(text))
    )
    return [item.label for item in found.items]


async def test_completion_offers_what_fits_the_place(client):
    uri, _ = await opened(client, "complete.proposal", ENGLISH)
    base = ENGLISH + '\nactivity A9 "Plan lessons" {\n'
    assert await complete(client, uri, base + "  serves ") == ["G1"]  # goals only, not activities
    in_block = await complete(client, uri, base + "  ")
    assert in_block == ["serves", "part-of"]
    top = await complete(client, uri, ENGLISH + "\n")
    assert "technology" in top and "budget" in top and "serves" not in top
    assert await complete(client, uri, ENGLISH + "\nkind ") == ["procurement", "change", "policy"]
    subjects = await complete(client, uri, ENGLISH + "\nimpact ")
    assert "teachers" in subjects and "ict-staff" in subjects
    assert await complete(client, uri, ENGLISH + '\nrisk "The ') == []  # inside a string
    rules = await complete(client, uri, ENGLISH + "\n# im-lint: ignore ")
    assert "IM201" in rules and "missing-stakeholder-impact" in rules and "IM001" not in rules


async def test_completion_in_dutch(client):
    uri, _ = await opened(client, "complete.voorstel", DUTCH)
    base = DUTCH + '\nactiviteit A9 "Lessen plannen" {\n'
    assert await complete(client, uri, base + "  dient ") == ["D1"]
    assert await complete(client, uri, base + "  ") == ["dient", "onderdeel-van"]
    assert await complete(client, uri, DUTCH + "\nsoort ") == ["aanschaf", "verandering", "beleid"]


async def test_definition_references_and_rename(client):
    uri, _ = await opened(client, "navigate.proposal", ENGLISH)
    reference = at(ENGLISH, "serves G1", len("serves "))
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=ident(uri), position=reference)
    )
    assert found.range.start == at(ENGLISH, "G1 ")
    uses = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=ident(uri), position=reference, context=types.ReferenceContext(include_declaration=True)
        )
    )
    assert len(uses) == 1 + ENGLISH.count("serves G1")
    renamed = await client.text_document_rename_async(
        types.RenameParams(text_document=ident(uri), position=reference, new_name="G-LAPTOPS")
    )
    edits = renamed.changes[uri]
    assert {edit.new_text for edit in edits} == {"G-LAPTOPS"} and len(edits) == len(uses)
    with pytest.raises(Exception, match="not an ID"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=ident(uri), position=reference, new_name="1 goal")
        )


async def test_document_symbols_are_the_outline(client):
    uri, _ = await opened(client, "outline.voorstel", DUTCH)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=ident(uri)))
    names = {symbol.name: symbol for symbol in symbols}
    assert {"PO-2027-002", "D1", "PR1", "A1", "A2", "B1", "V1", "E1"} <= set(names)
    assert names["D1"].kind == types.SymbolKind.Event and names["D1"].detail == "Leerlingen oefenen op hun eigen niveau"
    assert names["A1"].range.start.line < names["A1"].range.end.line  # the whole block


async def test_formatting_gives_the_layout_of_fmt(client):
    from im_lint import api

    messy = ENGLISH.replace("  serves G1", "        serves    G1")
    uri, _ = await opened(client, "messy.proposal", messy)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=ident(uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert len(edits) == 1 and edits[0].new_text == api.format_text(messy)
    broken_uri, _ = await opened(client, "broken-fmt.proposal", 'proposal P-1 "open\n')
    before = len(client.messages)
    assert not await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=ident(broken_uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert "not formatted" in client.messages[before].message


async def test_ignore_with_a_reason_inserts_a_comment_and_leaves_the_cursor_on_the_reason(client):
    uri, found = await opened(client, "ignore.proposal", ENGLISH)
    (im108,) = [d for d in found if d.code == "IM108"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=ident(uri), range=im108.range, context=types.CodeActionContext(diagnostics=[im108])
        )
    )
    (action,) = [a for a in actions if "IM108" in a.title]
    assert action.kind == types.CodeActionKind.QuickFix
    (edit,) = action.edit.changes[uri]
    assert edit.range.start == types.Position(line=im108.range.start.line, character=0)
    assert edit.new_text == "# im-lint: ignore IM108 -- \n"
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=action.command.command, arguments=action.command.arguments)
    )
    shown = client.shown_documents[-1]
    assert shown.uri == uri and shown.selection.start == types.Position(
        line=im108.range.start.line, character=len(edit.new_text) - 1
    )
    lines = ENGLISH.split("\n")
    lines.insert(im108.range.start.line, "# im-lint: ignore IM108 -- the strategy is being written")
    change(client, uri, "\n".join(lines), 2)
    assert "IM108" not in codes(await diagnostics(client, uri, 2))
    # Inside a block, the comment takes the line's indentation; a language error cannot be ignored.
    (im002,) = [d for d in found if d.code == "IM002"][:1]  # the typo `activty`
    offered = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=ident(uri), range=im002.range, context=types.CodeActionContext(diagnostics=[im002])
        )
    )
    assert not [a for a in offered or [] if "ignore" in a.title.lower()]  # fixed, never ignored


async def test_the_fix_of_a_typo_is_a_preferred_quick_fix_and_fix_all_applies_the_safe_ones(client):
    text = ENGLISH.replace("budget 120000 EUR", "budget 120.000 EUR")
    uri, found = await opened(client, "fixes.proposal", text)
    (im002,) = [d for d in found if d.code == "IM002"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=ident(uri), range=im002.range, context=types.CodeActionContext(diagnostics=[im002])
        )
    )
    (fix,) = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert fix.title == "Write `activity`" and fix.is_preferred
    (edit,) = fix.edit.changes[uri]
    assert edit.range == im002.range and edit.new_text == "activity"
    everything = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=ident(uri),
            range=im002.range,
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.im-lint"]),
        )
    )
    (fix_all,) = everything
    (whole,) = fix_all.edit.changes[uri]
    assert "activity A1" in whole.new_text and "activty" not in whole.new_text
    assert "budget 120000 EUR" in whole.new_text


async def test_a_file_broken_mid_typing_gets_its_syntax_errors_and_the_server_carries_on(client):
    uri, _ = await opened(client, "typing.proposal", ENGLISH)
    unclosed_string = ENGLISH + '\nrisk "The vendor may\n'
    change(client, uri, unclosed_string, 2)
    found = await diagnostics(client, uri, 2)
    assert ("IM001", unclosed_string.count("\n") - 1) in [(d.code, d.range.start.line) for d in found]
    unclosed_block = ENGLISH + '\ntechnology T2 "Projector" {\n  supports A2\n'
    change(client, uri, unclosed_block, 3)
    assert "IM001" in codes(await diagnostics(client, uri, 3))
    for garbage in ("\x00\x01", "{{{{", '"""', "}" * 50, ""):
        change(client, uri, garbage, 4)
        await diagnostics(client, uri, 4)
        client.published.clear()
    hover = await client.text_document_hover_async(types.HoverParams(text_document=ident(uri), position=at("x", "x")))
    assert hover is None or hover.contents


async def test_only_the_latest_version_of_many_quick_changes_is_published(client):
    uri, _ = await opened(client, "quick.proposal", ENGLISH)
    client.published.clear()
    text = ENGLISH
    for version in range(2, 32):
        text += f'\nrisk "Risk number {version}"'
        change(client, uri, text, version)
    found = await diagnostics(client, uri, 31)
    assert [p.version for p in client.published if p.uri == uri] == [31]
    assert "IM002" in codes(found)


async def test_a_file_of_a_megabyte(client):
    text = ENGLISH + "".join(f'\nrisk "Risk number {n} of a long list of risks"' for n in range(24_000))
    assert len(text) > 1_000_000
    uri, found = await opened(client, "huge.proposal", text)
    assert "IM002" in codes(found)
    change(client, uri, text.replace("activty", "activity"), 2)
    assert "IM002" not in codes(await diagnostics(client, uri, 2))


async def test_closing_a_document_clears_its_diagnostics(client):
    uri, found = await opened(client, "close.proposal", ENGLISH)
    assert found
    client.published.clear()
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=ident(uri)))
    assert await diagnostics(client, uri, None) == []


async def test_completion_of_roles_and_subjects_includes_the_declared_ones(client):
    text = DUTCH.replace(
        "doel D1", 'rol R-MR "Medezeggenschapsraad"\nbelanghebbende S-OUDERS "Ouderraad"\n\ndoel D1', 1
    )
    uri, _ = await opened(client, "roles.voorstel", text)
    roles = await complete(client, uri, text + "\nbesluit-door ")
    assert roles[:4] == ["bestuur", "schoolleiding", "informatiemanagement", "ict"] and "R-MR" in roles
    assert "S-OUDERS" not in roles
    subjects = await complete(client, uri, text + "\nimpact ")
    assert "leerlingen" in subjects and "S-OUDERS" in subjects and "R-MR" not in subjects
    assert await complete(client, uri, text + "\nimpact leerlingen ") == ["geen"]


async def test_ignoring_a_finding_inside_a_block_keeps_the_indentation_and_the_language(client):
    text = DUTCH.replace("  eigenaar schoolleiding\n}\n\nproces", "  eigenaar ict\n}\n\nproces", 1)
    uri, found = await opened(client, "owner.voorstel", text)
    (im301,) = [d for d in found if d.code == "IM301"]
    assert im301.range.start == at(text, "eigenaar ict")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=ident(uri), range=im301.range, context=types.CodeActionContext(diagnostics=[im301])
        )
    )
    (action,) = actions
    assert action.title == "IM301 hier negeren, met een reden"
    (edit,) = action.edit.changes[uri]
    assert edit.new_text == "  # im-lint: ignore IM301 -- \n"
    lines = text.split("\n")
    lines.insert(im301.range.start.line, "  # im-lint: ignore IM301 -- de ict-coördinator is hier eigenaar")
    change(client, uri, "\n".join(lines), 2)
    after = codes(await diagnostics(client, uri, 2))
    assert "IM301" not in after and "IM007" not in after and "IM008" not in after
