"""The VS Code extension (editors/vscode/): its grammar is the vocabulary's, passes its annotated
samples in both languages (vscode-tmgrammar-test), and the extension packs into a .vsix."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import zipfile

import pytest
from conftest import ROOT, npm_tools

from im_lint.language.vocabulary import ENUMS, KEYWORDS

EXTENSION = ROOT / "editors" / "vscode"


def _grammar_module():
    spec = importlib.util.spec_from_file_location("vscode_grammar", EXTENSION / "grammar.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_grammar_is_the_one_the_vocabulary_makes():
    committed = (EXTENSION / "syntaxes" / "im-proposal.tmLanguage.json").read_text(encoding="utf-8")
    assert committed == _grammar_module().text(), "run: .venv/bin/python editors/vscode/grammar.py"


def test_every_keyword_and_value_of_both_languages_is_highlighted():
    repository = json.loads(_grammar_module().text())["repository"]
    keyword = re.compile(repository["keyword"]["match"])
    for entry in KEYWORDS:
        for spelling in (entry.en, entry.nl):
            assert keyword.match(f"  {spelling} X"), spelling
            assert not keyword.match(f"{spelling}x")
    assert not keyword.match("activty A1")
    value = re.compile(repository["value"]["match"])
    for pairs in ENUMS.values():
        for pair in pairs:
            for spelling in pair:
                assert value.search(f"kind {spelling}"), spelling


def test_the_manifest_names_files_that_exist():
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    (language,) = manifest["contributes"]["languages"]
    assert language["extensions"] == [".proposal", ".voorstel"]
    assert (EXTENSION / language["configuration"]).is_file()
    assert (EXTENSION / manifest["contributes"]["grammars"][0]["path"]).is_file()
    assert (EXTENSION / manifest["main"]).is_file()
    configuration = json.loads((EXTENSION / "language-configuration.json").read_text(encoding="utf-8"))
    assert configuration["comments"]["lineComment"] == "#"


def _grammar_test(*files: str) -> subprocess.CompletedProcess:
    modules = npm_tools(EXTENSION)
    return subprocess.run(
        [str(modules / ".bin" / "vscode-tmgrammar-test"), "-g", "syntaxes/im-proposal.tmLanguage.json", *files],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_the_grammar_passes_its_annotated_samples_in_both_languages(tmp_path):
    done = _grammar_test("tests/english.syntax-test", "tests/dutch.syntax-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("successfuly") == 2
    # The tool does fail a wrong expectation: a date is not a keyword.
    wrong = EXTENSION / "tests" / "wrong.syntax-test.tmp"
    text = (EXTENSION / "tests" / "english.syntax-test").read_text(encoding="utf-8")
    wrong.write_text(text.replace("constant.numeric.date.im-proposal", "keyword.other.im-proposal"), encoding="utf-8")
    try:
        assert _grammar_test(str(wrong.relative_to(EXTENSION))).returncode != 0
    finally:
        wrong.unlink()


@pytest.mark.slow
def test_the_extension_packs_into_a_vsix(tmp_path):
    modules = npm_tools(EXTENSION)
    target = tmp_path / "im-lint.vsix"
    done = subprocess.run(
        [str(modules / ".bin" / "vsce"), "package", "--allow-missing-repository", "-o", str(target)],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    names = set(zipfile.ZipFile(target).namelist())
    assert {
        "extension/package.json",
        "extension/extension.js",
        "extension/language-configuration.json",
        "extension/syntaxes/im-proposal.tmLanguage.json",
        "extension/node_modules/vscode-languageclient/package.json",
    } <= names
    assert not any(name.startswith("extension/tests/") for name in names)
