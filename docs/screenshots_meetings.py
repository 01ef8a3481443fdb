"""Regenerate the pictures of the pack's meeting parts in docs/images/: what changed since the last
meeting (`report --since`) and the decision log (`report --log`), cut from a real PDF:

    .venv/bin/python docs/screenshots_meetings.py [FOLDER]      (default: docs/images)

It builds the example pack (tests/report_pack.py), tags it as the last meeting's pack, then changes
two proposals (a new technology, a new impact) and adds one that supersedes the iPad case, prints
`im-lint report --since TAG --log -o pack.pdf` and cuts each part out with poppler, with the tools
of docs/screenshots.py. Commit dates are fixed, so the same files give the same pictures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))
from screenshots import IMAGES, PAD, bottom_of, cut, read_lines, run  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from report_pack import TODAY, build_pack  # noqa: E402

TAG = "vergadering-2026-11"
WHEN = "2026-11-10T12:00:00+01:00"
T2 = '\ntechnologie T2 "Chromebooks" {\n  realiseert V1\n  gebruikers leerlingen\n}\n'
PARENTS = '\nimpact parents "Parents get a letter about the new laptops." {\n  involved 2026-10-07\n}\n'


def git(pack: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": WHEN, "GIT_COMMITTER_DATE": WHEN}
    subprocess.run(
        ["git", "-c", "user.name=im-lint", "-c", "user.email=im-lint@example.org", *args],
        cwd=pack,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )


def changed_pack(folder: Path) -> Path:
    pack = build_pack(folder / "voorstellen")
    git(pack, "commit", "-q", "--amend", "--no-edit", "--reset-author")  # the fixed date
    git(pack, "tag", TAG)
    for name, extra in (("chromebooks.voorstel", T2), ("ipads.proposal", PARENTS)):
        path = pack / name
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    ipads = (pack / "ipads.proposal").read_text(encoding="utf-8")
    new = ipads.replace('proposal VO-2020-011 "Laptops for every student"', 'proposal VO-2027-004 "Laptops, again"')
    new = new.replace("status submitted\n", "status draft\nsupersedes VO-2020-011\n")
    (pack / "laptops-2027.proposal").write_text(new, encoding="utf-8")
    git(pack, "add", ".")
    git(pack, "commit", "-q", "-m", "after the November meeting")
    return pack


def main(images: Path = IMAGES) -> None:
    images.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        pack = changed_pack(Path(folder))
        pdf = Path(folder) / "pack.pdf"
        report = [sys.executable, "-m", "im_lint", "report", pack.name, "--today", TODAY, "--lang", "nl"]
        run(*report, "--since", TAG, "--log", "-o", str(pdf), cwd=pack.parent)
        lines, sizes = read_lines(pdf)
        start = next(line for line in lines if line.text.startswith("Wat is er veranderd sinds"))
        after = [line.top for line in lines if line.page == start.page and line.text == "Overzicht"]
        bottom = after[0] - 2 * PAD if after else bottom_of(lines, start.page, sizes)
        cut(pdf, sizes, images / "meeting-changes", start.page, top=start.top - 2 * PAD, bottom=bottom)
        log = next(line for line in lines if line.text == "Besluitenlijst")
        end = [line.top for line in lines if line.page == log.page and line.text.startswith("Gemaakt met im-lint")]
        bottom = end[0] - 3 * PAD if end else bottom_of(lines, log.page, sizes)
        cut(pdf, sizes, images / "meeting-log", log.page, top=log.top - 2 * PAD, bottom=bottom)
    for name in ("meeting-changes", "meeting-log"):
        picture = images / f"{name}.png"
        print(f"{picture}: {picture.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else IMAGES)
