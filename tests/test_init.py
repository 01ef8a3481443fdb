"""`im-lint init`: a proposal to start from that lints clean once its placeholders are filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from im_lint import api
from im_lint.cli import main


def fill(text: str) -> str:
    """What a writer does: every TODO replaced by real words."""
    text = re.sub(r'"TODO"', '"Dit verandert voor deze groep: een nieuwe werkwijze."', text)
    text = re.sub(r"# (\S+) (JJJJ-MM-DD|YYYY-MM-DD).*", r"\1 2026-09-01", text)  # the dates, once true
    text = re.sub(r"# (\S+) (BEDRAG|AMOUNT) EUR", r"\1 1000 EUR", text)
    return text.replace("TODO: ", "").replace("TODO", "")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind", ["procurement", "change", "policy", "aanschaf"])
def test_template_shows_everything_and_lints_clean_once_filled(lang: str, kind: str) -> None:
    text = api.init_text(lang, kind)
    proposal = api.parse(text).proposal
    assert proposal.goals and proposal.activities and proposal.needs and proposal.provisions and proposal.technologies
    assert {"students", "teachers", "team-leads", "school-leaders", "board", "ict-staff"} <= {
        i.subject for i in proposal.impacts
    }
    assert proposal.lang == lang
    before = {f.code for f in api.lint_text(text)}
    assert "IM009" in before  # the placeholders are findings until they are filled in
    after = [f for f in api.lint_text(fill(text)) if f.severity in ("error", "warning")]
    assert after == [], [f"{f.line} {f.code} {f.message}" for f in after]


def test_init_writes_a_file_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "nieuw.voorstel"
    first = CliRunner().invoke(main, ["init", str(target), "--kind", "verandering"])
    assert first.exit_code == 0 and target.is_file()
    assert "soort verandering" in target.read_text(encoding="utf-8")
    target.write_text("mine", encoding="utf-8")
    second = CliRunner().invoke(main, ["init", str(target)])
    assert second.exit_code == 2 and "already exists" in second.output
    assert target.read_text(encoding="utf-8") == "mine"


def test_init_rejects_an_unknown_kind() -> None:
    result = CliRunner().invoke(main, ["init", "-", "--kind", "purchase"])
    assert result.exit_code == 2 and "procurement" in result.output


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_template_shows_participation_and_procurement_commented_where_they_do_not_apply(lang: str) -> None:
    bought = api.parse(api.init_text(lang, "procurement")).proposal
    assert bought.procurement is not None and bought.procurement.category.value == "supplies"
    assert [p.right for p in bought.participations] == ["consent"]
    assert bought.participations[0].section.value == "parents-students"
    changed_text = api.init_text(lang, "change")
    changed = api.parse(changed_text).proposal
    assert changed.procurement is None and [p.right for p in changed.participations] == ["consent"]
    assert ("# aanbesteding {" if lang == "nl" else "# procurement {") in changed_text
