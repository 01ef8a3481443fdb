"""The board report as PDF: the HTML report printed by headless Chromium (or Google Chrome).

The report's own print style does the layout (A4, a proposal per section, the chain on a landscape
page, page numbers, date and revision in CSS page-margin boxes), so the PDF is what a browser's
print gives, and needs no Python library: Chromium runs as a subprocess, on a copy of the page in
a private folder with a fresh profile, with nothing to load from the network. The PDF is then
written whole or not at all (`write_atomic`).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

ENVIRONMENT = "IM_LINT_CHROMIUM"  # the browser to use, when it is not on PATH
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge")
PLACES = (
    "/usr/bin/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers have a small /dev/shm
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pdf-header-footer",  # the report's own footer (CSS margin boxes), not the browser's URL and time
)
MARGIN_BOXES = 131  # the first Chromium that prints CSS page-margin boxes (the page numbers)
TIMEOUT = 300  # seconds; a pack of hundreds of proposals prints in well under a minute

MESSAGES = {
    "en": {
        "missing": (
            "a PDF is printed by Chromium or Google Chrome, and neither was found. Install one "
            "(Debian, Ubuntu: apt-get install chromium) or set {env} to its path; or write the report "
            "as HTML (-o report.html) and print it to PDF from any browser."
        ),
        "not_found": "{env} is {path!r}, which is not a program here: set it to Chromium's or Chrome's path.",
        "failed": "Chromium ({browser}) could not print the PDF: {reason}",
        "old": (
            "{browser} is Chromium {version}: it prints no page numbers, date or revision in the "
            "footer (that needs Chromium {needed} or later)."
        ),
    },
    "nl": {
        "missing": (
            "een PDF wordt gedrukt door Chromium of Google Chrome, en geen van beide is gevonden. "
            "Installeer er een (Debian, Ubuntu: apt-get install chromium) of zet {env} op het pad "
            "ernaartoe; of schrijf het rapport als HTML (-o bestuursrapport.html) en druk dat in een browser af als PDF."
        ),
        "not_found": "{env} is {path!r}, en dat is hier geen programma: zet het op het pad van Chromium of Chrome.",
        "failed": "Chromium ({browser}) kon de PDF niet drukken: {reason}",
        "old": (
            "{browser} is Chromium {version}: die drukt geen paginanummers, datum of revisie in de "
            "voettekst (daarvoor is Chromium {needed} of nieuwer nodig)."
        ),
    },
}


class PdfError(Exception):
    """Why no PDF was written, in the report's language (the command line shows it; exit 2)."""


def find_chromium() -> str | None:
    """The browser that prints: $IM_LINT_CHROMIUM, else the first Chromium or Chrome on PATH, else
    one in its usual place."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        return shutil.which(chosen) or (chosen if os.path.isfile(chosen) else None)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((place for place in PLACES if os.path.isfile(place)), None)


def major_version(browser: str) -> int | None:
    """Chromium's major version (`Chromium 156.0.8078.114` -> 156), or None if it does not say."""
    try:
        done = subprocess.run(
            [browser, "--version"], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"\b(\d{2,4})\.\d+\.\d+", done.stdout)
    return int(found.group(1)) if found else None


def print_pdf(html: str, browser: str, lang: str = "nl") -> bytes:
    """The PDF of one HTML page, printed by `browser`. Raises PdfError."""
    words = MESSAGES.get(lang, MESSAGES["nl"])
    with tempfile.TemporaryDirectory(prefix="im-lint-pdf-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        out = Path(folder) / "report.pdf"
        command = [
            browser,
            *FLAGS,
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        reason = _run(command)
        data = out.read_bytes() if out.is_file() else b""
    if not data.startswith(b"%PDF-"):
        raise PdfError(words["failed"].format(browser=browser, reason=reason or "it wrote no PDF"))
    return data


def _run(command: list[str]) -> str | None:
    """Run the browser in a session of its own, so that on a timeout all its processes end; return
    the reason it failed (None when it exited 0)."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=os.name == "posix",
        )
    except OSError as error:
        return str(error)
    try:
        _, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill(process)
        process.communicate()
        return f"no PDF after {TIMEOUT} seconds"
    except BaseException:  # Ctrl-C: its own session does not hear it, so end it here
        _kill(process)
        process.wait()
        raise
    if process.returncode == 0:
        return None
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    useful = [line for line in lines if "dbus" not in line.lower()]  # Chromium's noise without a desktop bus
    return f"exit {process.returncode}" + (f": {useful[-1].strip()}" if useful else "")


def _kill(process: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass


def render_pdf(html: str, lang: str = "nl", warn=None) -> bytes:
    """The PDF of the report's HTML, printed by the browser `find_chromium` finds. `warn(text)`
    hears of a Chromium too old for the footer. Raises PdfError."""
    words = MESSAGES.get(lang, MESSAGES["nl"])
    browser = find_chromium()
    if browser is None and os.environ.get(ENVIRONMENT):
        raise PdfError(words["not_found"].format(env=ENVIRONMENT, path=os.environ[ENVIRONMENT]))
    if browser is None:
        raise PdfError(words["missing"].format(env=ENVIRONMENT))
    version = major_version(browser)
    if warn is not None and version is not None and version < MARGIN_BOXES:
        warn(words["old"].format(browser=browser, version=version, needed=MARGIN_BOXES))
    return print_pdf(html, browser, lang)


def write_pdf(html: str, target: str, lang: str = "nl", warn=None) -> None:
    """Print the report's HTML to the PDF `target`, replacing it whole (a temporary file beside it,
    then a rename; nothing is written when printing fails). Raises PdfError, or OSError when the
    file cannot be written."""
    from im_lint.atomic import write_atomic

    write_atomic(target, render_pdf(html, lang, warn))
