"""The command line's own lines (not findings), in the message language: English or Dutch."""

from __future__ import annotations

WORDS = {
    "en": {
        "empty": (
            "no proposal in {paths}: no *.proposal or *.voorstel file below it. Check the path (a "
            "mistyped folder is not a clean run), or pass --allow-empty where that is expected."
        ),
        "wrote_report": "wrote {path} ({count} {proposals})",
        "proposals": ("proposal", "proposals"),
        "wrote_init": "wrote {path}: replace every TODO, then run `im-lint check {path}`",
        "would_reformat": "would reformat {path}",
        "reformatted": "reformatted {path}",
        "fmt_summary": "{changed} reformatted, {unchanged} unchanged, {refused} not formatted",
    },
    "nl": {
        "empty": (
            "geen voorstel in {paths}: er staat geen bestand *.proposal of *.voorstel in. Controleer "
            "het pad (een verkeerd getypte map is geen schone controle), of geef --allow-empty mee "
            "waar dat de bedoeling is."
        ),
        "wrote_report": "{path} geschreven ({count} {proposals})",
        "proposals": ("voorstel", "voorstellen"),
        "wrote_init": "{path} geschreven: vervang elke TODO en draai dan `im-lint check {path}`",
        "would_reformat": "zou {path} opnieuw opmaken",
        "reformatted": "{path} opnieuw opgemaakt",
        "fmt_summary": "{changed} opnieuw opgemaakt, {unchanged} ongewijzigd, {refused} niet opgemaakt",
    },
}


def say(lang: str | None, key: str, **args) -> str:
    words = WORDS["nl" if lang == "nl" else "en"]
    if "count" in args:
        singular, plural = words["proposals"]
        args["proposals"] = singular if args["count"] == 1 else plural
    return words[key].format(**args)


def mostly_dutch(files: list[str]) -> bool:
    """Without a configured language: the fmt lines follow the files' names (`.voorstel` is Dutch)."""
    dutch = sum(1 for f in files if f.endswith(".voorstel"))
    return dutch > len(files) - dutch
