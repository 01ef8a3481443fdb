"""LAW.md's language additions: the model they fill, the JSON Schema, the layout `fmt` gives."""

from __future__ import annotations

import json

import jsonschema

from im_lint import api

TEXT = """\
voorstel VO-2026-090 "Laptops"
soort aanschaf
sector vo
reikwijdte bestuursbreed
behoefte B1 "Cijfers" {
  gegevens-van leerlingen,ouders
    bijzondere-gegevens ja
}
technologie T1 "Laptops" {
  gebruikers leerlingen, leraren
  observeert leraren
  verwerking profilering,   monitoring
  ai hoog-risico "Bijlage III 3(b)"
  privacybijsluiter gepland
}
privacy {
  model-overeenkomst algemeen-4.0
}
aanbesteding {
  categorie leveringen
  waarde 260000 EUR
  procedure inkoopcentrale
  via "SIVON"
  inkooppakket "devices"
}
medezeggenschap gmr instemming {
  geleding ouders-leerlingen
  gevraagd 2026-10-01
  uitkomst akkoord 2026-11-12
}
medezeggenschap mr informatie {
}
medezeggenschap geen "Niets verandert voor het personeel."
"""


def test_the_additions_fill_the_model_in_english_words() -> None:
    parsed = api.parse(TEXT)
    assert [d.code for d in parsed.diagnostics] == []
    proposal = parsed.proposal
    assert (proposal.sector.value, proposal.scope.value) == ("vo", "board-wide")
    need, technology = proposal.needs[0], proposal.technologies[0]
    assert need.data_of.value == ["students", "parents"] and need.special_categories.value is True
    assert technology.users.value == ["students", "teachers"] and technology.observes.value == ["teachers"]
    assert technology.processing.value == ["scoring", "monitoring"]
    assert (technology.ai.value.value, technology.ai.value.note) == ("high-risk", "Bijlage III 3(b)")
    assert technology.privacy_notice.value == "planned"
    assert proposal.privacy.agreement_model.value.value == "general-4.0"
    bought = proposal.procurement
    assert (bought.category.value, bought.value.value.amount, bought.procedure.value.value) == (
        "supplies",
        260000,
        "purchasing-body",
    )
    assert bought.via.value == "SIVON" and bought.commodity.value == "devices"
    consent, information, none = proposal.participations
    assert (consent.body, consent.right, consent.section.value) == ("gmr", "consent", "parents-students")
    assert consent.outcome.value.value == "agreed" and str(consent.outcome.value.day) == "2026-11-12"
    assert (information.body, information.right, information.outcome) == ("mr", "information", None)
    assert none.none and none.reason == "Niets verandert voor het personeel."


def test_the_model_with_the_additions_matches_the_published_schema() -> None:
    proposal = api.parse(TEXT).proposal
    document = json.loads(proposal.model_dump_json(by_alias=True))
    jsonschema.validate(document, api.schema("proposal"))
    properties = api.schema("proposal")["properties"]
    assert {"sector", "scope", "procurement", "participations"} <= set(properties)


def test_fmt_lays_the_additions_out_and_keeps_their_spelling() -> None:
    formatted = api.format_text(TEXT)
    assert "  gegevens-van leerlingen, ouders\n  bijzondere-gegevens ja\n" in formatted
    assert "  verwerking profilering, monitoring\n" in formatted
    assert "uitkomst akkoord 2026-11-12\n}\nmedezeggenschap mr informatie {\n}\n" in formatted
    assert api.format_text(formatted) == formatted
