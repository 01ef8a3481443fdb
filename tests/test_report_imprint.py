"""The report says which proposals it shows: the run's date and the git commit of the proposals'
repository, marked modified when the files differ from it; nothing about a revision outside git."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES

from im_lint import api
from im_lint.report import render
from im_lint.report.imprint import imprint, source_revision
from im_lint.report.render import css_string


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "voorstellen"
    folder.mkdir()
    shutil.copy(EXAMPLES / "chromebooks.voorstel", folder / "chromebooks.voorstel")
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "first")
    return folder


def test_a_clean_repository_gives_its_short_hash(repo: Path) -> None:
    found = source_revision([str(repo / "chromebooks.voorstel")])
    assert found is not None and found.commit == git(repo, "rev-parse", "--short", "HEAD")
    assert not found.modified


def test_a_changed_tracked_file_marks_it_modified(repo: Path) -> None:
    (repo / "chromebooks.voorstel").write_text((repo / "chromebooks.voorstel").read_text() + "\n", encoding="utf-8")
    found = source_revision([str(repo / "chromebooks.voorstel")])
    assert found is not None and found.modified
    assert imprint([str(repo / "chromebooks.voorstel")], None, "nl").revision.endswith(" (gewijzigd)")
    assert imprint([str(repo / "chromebooks.voorstel")], None, "en").revision.endswith(" (modified)")


def test_a_proposal_git_does_not_have_marks_it_modified_other_new_files_do_not(repo: Path) -> None:
    (repo / "bestuursrapport.html").write_text("<p>the last report</p>", encoding="utf-8")
    assert not source_revision([str(repo / "chromebooks.voorstel")]).modified  # the report itself is no source
    shutil.copy(EXAMPLES / "ipads.proposal", repo / "ipads.proposal")
    files = [str(repo / "chromebooks.voorstel"), str(repo / "ipads.proposal")]
    assert source_revision(files).modified


def test_no_revision_outside_git_or_before_the_first_commit(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy(EXAMPLES / "chromebooks.voorstel", plain / "c.voorstel")
    assert source_revision([str(plain / "c.voorstel")]) is None
    printed = imprint([str(plain / "c.voorstel")], date(2027, 3, 9), "nl")
    assert printed.revision is None and printed.line == "Rapportdatum 9 maart 2027"
    assert source_revision(["-"]) is None and source_revision([]) is None
    if shutil.which("git"):
        empty = tmp_path / "empty"
        empty.mkdir()
        git(empty, "init", "-q")
        shutil.copy(EXAMPLES / "chromebooks.voorstel", empty / "c.voorstel")
        assert source_revision([str(empty / "c.voorstel")]) is None


def test_the_report_shows_the_runs_date_and_revision(repo: Path) -> None:
    result = api.lint_paths([str(repo)], keep_proposals=True, today="2027-02-01")
    assert result.today == date(2027, 2, 1)
    commit = git(repo, "rev-parse", "--short", "HEAD")
    html = render(result, "html", lang="nl")
    line = f"Rapportdatum 1 februari 2027 \u00b7 bron {commit}"
    assert f'<p class="imprint">{line}</p>' in html  # visible on the page
    assert f'@bottom-left {{\n    content: "{line}";' in html  # and in each printed page's footer
    assert 'content: "pagina" " " counter(page) " " "van" " " counter(pages);' in html
    markdown = render(result, "markdown", lang="en")
    assert markdown.rstrip().endswith(f"Report date 1 February 2027 \u00b7 source {commit}")


def test_a_css_string_cannot_end_the_style_element() -> None:
    assert css_string('a"b\\c</style><script>\n') == '"a\\22 b\\5c c\\3c /style\\3e \\3c script\\3e \\a "'
    assert (
        css_string("Rapportdatum 9 maart 2027 \u00b7 bron 1a2b3c4") == '"Rapportdatum 9 maart 2027 \u00b7 bron 1a2b3c4"'
    )
