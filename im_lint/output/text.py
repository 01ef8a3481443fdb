"""`path:line:col: severity CODE message [name]`, one finding a line (vim's errorformat
`%f:%l:%c: %t%*[a-z] %m` reads it), colour only at a terminal, a summary."""

from __future__ import annotations

from collections import Counter

import click

from im_lint.findings import RunResult
from im_lint.output import OutputOptions
from im_lint.printable import printable

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
    options = options or OutputOptions()
    colour, lang, quiet, statistics = options.colour, options.lang, options.quiet, options.statistics
    lines = []
    shown = [*result.findings, *(result.suppressed if options.show_suppressed else [])]
    for finding in sorted(shown, key=lambda f: f.sort_key()) if options.show_suppressed else shown:
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
            waived = _WORDS[result.language(lang)]["waived"]
            message += " (" + waived.format(line=finding.suppressed["line"], reason=printable(reason)) + ")"
        where = click.style(location, bold=True) if colour else location
        lines.append(f"{where} {severity} {code} {message} {name}")
    words = result.language(lang)
    if statistics and result.findings:
        lines.append("")
        counts = Counter((f.code, f.name) for f in result.findings)
        for (code, name), number in sorted(counts.items()):
            lines.append(f"{number:>5}  {code}  {name}")
    if not quiet:
        severities = Counter(f.severity for f in result.findings)
        files = _count(words, "file", len(result.files))
        if result.findings:
            parts = ", ".join(_count(words, s, severities[s]) for s in ("error", "warning", "info") if severities[s])
            lines.append(("" if not lines else "\n") + _WORDS[words]["found"].format(parts=parts, files=files))
            history = sum(1 for f in result.findings if not f.affects_exit)
            if history:
                lines.append(_WORDS[words]["history"].format(count=history))
        else:
            lines.append(_WORDS[words]["clean"].format(files=files))
    return "\n".join(lines) + ("\n" if lines else "")
