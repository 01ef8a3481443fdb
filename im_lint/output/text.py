"""`path:line:col: severity CODE message [name]`, one finding a line (vim's errorformat
`%f:%l:%c: %t%*[a-z] %m` reads it), colour only at a terminal, a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import click

from im_lint.findings import RunResult
from im_lint.output import OutputOptions
from im_lint.printable import printable

CHUNK = 512  # lines a piece
_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
_WORDS = {
    "en": {
        "error": ("error", "errors"),
        "warning": ("warning", "warnings"),
        "info": ("suggestion", "suggestions"),
        "file": ("file", "files"),
        "clean": "No findings in {files}.",
        "found": "Found {parts} in {files}.",
        "history": "{count} of them in decided or withdrawn proposals (reported, not counted).",
        "waived": "waived on line {line}: {reason}",
    },
    "nl": {
        "error": ("fout", "fouten"),
        "warning": ("waarschuwing", "waarschuwingen"),
        "info": ("suggestie", "suggesties"),
        "file": ("bestand", "bestanden"),
        "clean": "Geen bevindingen in {files}.",
        "found": "{parts} gevonden in {files}.",
        "history": "Daarvan {count} in besloten of ingetrokken voorstellen (gemeld, niet meegeteld).",
        "waived": "uitgezonderd op regel {line}: {reason}",
    },
}


def _count(lang: str, key: str, number: int) -> str:
    singular, plural = _WORDS[lang][key]
    return f"{number} {singular if number == 1 else plural}"


def write(result: RunResult, options: OutputOptions | None = None) -> str:
    return "".join(chunks(result, options or OutputOptions()))


def chunks(result: RunResult, options: OutputOptions) -> Iterator[str]:
    """The text in pieces of a few hundred lines, made in one pass over the findings (a run's packed
    findings are unpacked once, a file at a time; the whole text is never held)."""
    words = result.language(options.lang)
    shown = result.findings
    if options.show_suppressed:
        shown = sorted([*result.findings, *result.suppressed], key=lambda f: f.sort_key())
    severities: Counter = Counter()
    names: Counter = Counter()
    history, written, lines = 0, False, []
    for finding in shown:
        if finding.suppressed is None:
            severities[finding.severity] += 1
            names[finding.code, finding.name] += 1
            history += not finding.affects_exit
        lines.append(_line(finding, options.colour, words))
        if len(lines) >= CHUNK:
            yield "".join(line + "\n" for line in lines)
            written, lines = True, []
    if options.statistics and severities:
        lines.append("")
        for (code, name), number in sorted(names.items()):
            lines.append(f"{number:>5}  {code}  {name}")
    if not options.quiet:
        files = _count(words, "file", len(result.files))
        if severities:
            parts = ", ".join(_count(words, s, severities[s]) for s in ("error", "warning", "info") if severities[s])
            summary = _WORDS[words]["found"].format(parts=parts, files=files)
            lines.append(("\n" if written or lines else "") + summary)
            if history:
                lines.append(_WORDS[words]["history"].format(count=history))
        else:
            lines.append(_WORDS[words]["clean"].format(files=files))
    yield "".join(line + "\n" for line in lines)


def _line(finding, colour: bool, words: str) -> str:
    # A file name or a message may hold escape sequences or line breaks: shown escaped, so no
    # text can erase a finding line or forge one.
    location = f"{printable(finding.path)}:{finding.line}:{finding.column}:"
    level = "suppressed" if finding.suppressed is not None else finding.severity
    severity = click.style(level, fg=_COLOURS.get(level, "white")) if colour else level
    code = click.style(finding.code, fg=_COLOURS[finding.severity], bold=True) if colour else finding.code
    name = click.style(f"[{finding.name}]", dim=True) if colour else f"[{finding.name}]"
    message = printable(finding.message)
    if finding.suppressed is not None:
        reason = finding.suppressed["reason"] or "-"
        waived = _WORDS[words]["waived"]
        message += " (" + waived.format(line=finding.suppressed["line"], reason=printable(reason)) + ")"
    where = click.style(location, bold=True) if colour else location
    return f"{where} {severity} {code} {message} {name}"
