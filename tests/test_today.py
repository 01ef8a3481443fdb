"""The run's date (`--today`, `today` in the API) and the configuration's `sector` reach the rules."""

from __future__ import annotations

from datetime import date

from im_lint import api
from im_lint.config import Config
from im_lint.engine.checks import Hit
from im_lint.engine.packs import load_pack_file
from im_lint.engine.run import Engine

PACK = """
category: {code: ORG, title: {en: "Organisation", nl: "Organisatie"}}
rules:
  - code: ORG001
    name: shows-the-date
    severity: info
    check: shows_the_date
    summary: {en: "s", nl: "s"}
    source: {en: "s", nl: "s"}
    messages: {default: {en: "today {today}, sector {sector}", nl: "vandaag {today}, sector {sector}"}}
    docs:
      en: {what: w, why: w, where: w, fail: f, pass: p}
      nl: {what: w, why: w, where: w, fail: f, pass: p}
"""

TEXT = 'proposal P-1 "Laptops"\nkind procurement\n'


def shows_the_date(proposal, context):
    yield Hit(proposal.span, "date", {"today": context.today.isoformat(), "sector": str(context.sector)})


def messages(config: Config) -> list[str]:
    engine = Engine.create(
        config, extra_packs=([load_pack_file("org.yaml", PACK)],), extra_checks={"shows_the_date": shows_the_date}
    )
    return [f.message for f in api.lint_text(TEXT, engine=engine) if f.code == "ORG001"]


def test_the_context_carries_the_runs_date_and_the_configured_sector() -> None:
    assert messages(Config(today=date(2025, 12, 31), sector="vo")) == ["today 2025-12-31, sector vo"]
    assert messages(Config()) == [f"today {date.today().isoformat()}, sector None"]


def test_today_in_the_api_accepts_a_date_or_text() -> None:
    engine = Engine.create(Config(today=date(2026, 1, 1)))
    assert engine.config.today == date(2026, 1, 1)
    assert api._with_today(None, "2026-01-01").today == date(2026, 1, 1)
    assert Engine.create(Config()).config.today == date.today()  # the default is fixed once per run


def test_the_run_date_is_part_of_the_cache_key() -> None:
    from im_lint.runner.cache import settings_fingerprint

    one = Engine.create(Config(today=date(2025, 12, 31))).config
    two = Engine.create(Config(today=date(2026, 1, 1))).config
    assert settings_fingerprint(one, "x") != settings_fingerprint(two, "x")
