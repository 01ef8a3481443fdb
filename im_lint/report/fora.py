"""The report's FORA panel: for each process whose `reference` the catalogue knows, where it lies
(domain › function › process) and the laws that influence it. It reads the run's reference catalogue
and its own data; it concludes nothing a rule concludes."""

from __future__ import annotations

from dataclasses import dataclass, field

from im_lint.model import Proposal

MAX_LAWS = 12

WORDS = {
    "en": {
        "title": "Where the processes lie in FORA",
        "laws": "Laws that influence it",
        "no_laws": "FORA names no laws for it.",
        "more": "and {count} more",
        "todo": "not finished in FORA (TODO)",
        "concept": "a concept in FORA",
        "obsolete": "obsolete in FORA",
    },
    "nl": {
        "title": "Waar de processen in FORA liggen",
        "laws": "Wetten die erop van invloed zijn",
        "no_laws": "FORA noemt er geen wetten bij.",
        "more": "en nog {count}",
        "todo": "nog niet af in FORA (TODO)",
        "concept": "een concept in FORA",
        "obsolete": "vervallen in FORA",
    },
}


@dataclass
class ProcessPlace:
    process: str  # "PR1: Inkoop"
    path: str  # "Bedrijfsvoering › Inkoop en contractbeheer › Inkoop › Inkopen producten en diensten"
    kind: str  # the FORA-type
    laws: list[str] = field(default_factory=list)
    note: str | None = None  # not current in the model


def process_places(proposal: Proposal, catalogue, lang: str) -> list[ProcessPlace]:
    """Nothing without a catalogue (the run's `reference`), or for processes whose reference it
    does not know (IM121)."""
    if catalogue is None:
        return []
    from im_lint.reference.links import link

    word = WORDS.get(lang, WORDS["nl"])
    links = link(proposal, catalogue)
    places = []
    for process in proposal.processes:
        entry = links.processes.get(process.id)
        if entry is None:
            continue
        laws = [law.name for law in catalogue.laws(entry)]
        if len(laws) > MAX_LAWS:
            laws = [*laws[:MAX_LAWS], word["more"].format(count=len(laws) - MAX_LAWS)]
        places.append(
            ProcessPlace(
                process=f"{process.id}: {process.title}" if process.title else process.id,
                path=" › ".join(catalogue.path(entry)),
                kind=entry.type,
                laws=laws,
                note=word.get(entry.status) if entry.status != "current" else None,
            )
        )
    return places
