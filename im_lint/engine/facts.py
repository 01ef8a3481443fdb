"""Facts of law as data: the EU procurement thresholds per period and the WMS article per trigger
and sector. They live in a pack's `facts/` folder, each with its source, never in code: the next
threshold revision is a line in `facts/eu-thresholds.yaml`. An organisation's pack may have a
`facts/` folder too: its periods are added (a period with the same start replaces the built-in
one), its participation triggers are added (the same `id` replaces the built-in one), as its
participation regulation may add rights (WMS art. 24).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SECTORS = ("po", "so", "vo", "vso")
CATEGORIES = ("supplies", "services", "works", "social-services")
FILES = {"eu-thresholds": "eu-thresholds.yaml", "wms": "wms.yaml"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Period(_Strict):
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    supplies: int
    services: int
    works: int
    social_services: int = Field(alias="social-services")
    source: str

    def amount(self, category: str) -> int:
        return getattr(self, category.replace("-", "_"))


class Thresholds(_Strict):
    source: str
    periods: list[Period]

    def in_force(self, day: date) -> tuple[Period, bool]:
        """The period holding `day`, else the nearest one (and True: the message says so)."""
        for period in self.periods:
            if period.start <= day <= period.end:
                return period, False

        def distance(period: Period) -> int:
            return (period.start - day).days if day < period.start else (day - period.end).days

        return min(self.periods, key=distance), True


class Bilingual(_Strict):
    en: str
    nl: str


class TriggerWhen(_Strict):
    """What in a proposal triggers a right: one of these."""

    data_of: list[str] | None = Field(default=None, alias="data-of")  # a need's personal data of these
    users: list[str] | None = None  # a technology used by these
    observes: list[str] | None = None  # a technology observing these
    collaboration: bool | None = None  # a `capacity` with `collaboration` (not `none`)


class Trigger(_Strict):
    id: str
    when: TriggerWhen
    right: Literal["consent", "advice", "information"]
    what: Bilingual  # the matter, as the law names it
    variant: str | None = None  # the message (and severity) variant; default: the right
    sections: dict[Literal["po", "so", "vo", "vso"], dict[str, str]]  # sector -> section -> article
    source: str


class Wms(_Strict):
    source: str
    triggers: list[Trigger]


class Facts(_Strict):
    thresholds: Thresholds
    wms: Wms


class FactsError(ValueError):
    """A facts file that cannot be used: its path, and what is wrong."""


def _read(path: Path | Any) -> Any:
    from im_lint.engine.packs import PackError, load_yaml

    try:
        return load_yaml(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as error:
        raise FactsError(f"{path}: cannot read: {error}") from None
    except PackError as error:  # not YAML, or a key given twice: at its line
        raise FactsError(str(error)) from None


def builtin_facts() -> dict[str, Any]:
    from im_lint.engine.artifact import builtin  # kept with the compiled pack: no YAML at start

    return builtin().facts


def builtin_validated() -> Facts:
    """The built-in facts alone, validated: as the compiled pack keeps them (no validator built)."""
    from im_lint.engine.artifact import builtin

    made = builtin()
    return made.merged if made.merged is not None else merge(made.facts)


def load_facts(folder: Path | Any) -> dict[str, Any]:
    """The raw facts files of a pack folder (`facts/*.yaml`), by name; none when it has none."""
    facts = folder / "facts" if isinstance(folder, Path) else folder.joinpath("facts")
    if not facts.is_dir():
        return {}
    return {name: (str(facts / file), _read(facts / file)) for name, file in FILES.items() if (facts / file).is_file()}


def merge(builtin: dict[str, Any], *others: dict[str, Any]) -> Facts:
    """The built-in facts with an organisation's added; validated, errors naming the file."""
    where = {name: path for name, (path, _) in builtin.items()}
    thresholds, wms = dict(builtin["eu-thresholds"][1]), dict(builtin["wms"][1])
    for other in others:
        if "eu-thresholds" in other:
            path, data = other["eu-thresholds"]
            where["eu-thresholds"] = path
            added = (data or {}).get("periods", []) if isinstance(data, dict) else None
            if not isinstance(added, list):
                raise FactsError(f"{path}: `periods`: expected a list of periods")
            starts = {str(p.get("from")) for p in added if isinstance(p, dict)}
            thresholds["periods"] = [p for p in thresholds["periods"] if str(p.get("from")) not in starts] + added
        if "wms" in other:
            path, data = other["wms"]
            where["wms"] = path
            added = (data or {}).get("triggers", []) if isinstance(data, dict) else None
            if not isinstance(added, list):
                raise FactsError(f"{path}: `triggers`: expected a list of triggers")
            ids = {t.get("id") for t in added if isinstance(t, dict)}
            wms["triggers"] = [t for t in wms["triggers"] if t.get("id") not in ids] + added
    try:
        parsed_thresholds = Thresholds.model_validate(thresholds)
    except ValidationError as error:
        raise FactsError(f"{where['eu-thresholds']}: {_first(error)}") from None
    try:
        parsed_wms = Wms.model_validate(wms)
    except ValidationError as error:
        raise FactsError(f"{where['wms']}: {_first(error)}") from None
    return Facts(thresholds=parsed_thresholds, wms=parsed_wms)


def _first(error: ValidationError) -> str:
    first = error.errors()[0]
    return ".".join(str(part) for part in first["loc"]) + ": " + first["msg"]
