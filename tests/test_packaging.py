"""The wheel carries the grammar, the rule packs and the templates inside `im_lint`, and installs no
top-level package besides it (never one called `rules`)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_contents(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    names = zipfile.ZipFile(next(tmp_path.glob("im_lint-*.whl"))).namelist()
    assert {name.split("/")[0] for name in names} == {
        "im_lint",
        next(n for n in names if ".dist-info/" in n).split("/")[0],
    }
    for needed in [
        "im_lint/grammar/proposal.lark",
        "im_lint/rules/builtin/chain.yaml",
        "im_lint/rules/builtin/portfolio.yaml",
        "im_lint/report/templates/report.html.j2",
        "im_lint/templates/init.nl.voorstel",
    ]:
        assert needed in names
    packs = [n for n in names if n.startswith("im_lint/rules/builtin/") and n.endswith(".yaml") and "/facts/" not in n]
    assert len(packs) == len(list((ROOT / "rules" / "builtin").glob("*.yaml")))
    facts = [n for n in names if n.startswith("im_lint/rules/builtin/facts/")]
    assert sorted(facts) == [
        f"im_lint/rules/builtin/facts/{p.name}" for p in sorted((ROOT / "rules/builtin/facts").glob("*.yaml"))
    ]
