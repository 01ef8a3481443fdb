"""Start-up: each command imports only what it uses (issue 20). Speed itself is measured by
benchmarks/imports.py; these tests catch an import that comes back, not a slow machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "chromebooks.voorstel"

# Runs the command as the `im-lint` executable does, then lists what it imported, even after the
# command has exited (click ends every command with SystemExit, im-lint's process with os._exit).
PROBE = """
import json, os, sys
def _exit(code):  # the command ends without Python's teardown; here it returns to list the modules
    raise SystemExit(code)
os._exit = _exit
from im_lint.command import run
try:
    run()
except SystemExit:
    pass
sys.__stderr__.write("\\nMODULES=" + json.dumps(sorted(sys.modules)) + "\\n")
if "pydantic" in sys.modules:  # the models whose validator the command built
    from pydantic import BaseModel
    def _all(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from _all(sub)
    built = {f"{c.__module__}.{c.__qualname__}" for c in _all(BaseModel) if c.__pydantic_complete__}
    sys.__stderr__.write("BUILT=" + json.dumps(sorted(built)) + "\\n")
"""


def imported(*args: str, tmp_path: Path) -> set[str]:
    return probed(*args, tmp_path=tmp_path)[0]


def probed(*args: str, tmp_path: Path) -> tuple[set[str], set[str]]:
    """The modules a command imported, and the pydantic models it built a validator for."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")},
        timeout=60,
    )
    lines = done.stderr.splitlines()
    line = next(x for x in lines if x.startswith("MODULES="))
    built = next((x for x in lines if x.startswith("BUILT=")), "BUILT=[]")
    return set(json.loads(line.removeprefix("MODULES="))), set(json.loads(built.removeprefix("BUILT=")))


def heavy(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {m for m in modules if any(m == n or m.startswith(n + ".") for n in names)}


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"], ["schema", "--help"]])
def test_version_and_help_import_no_engine(args, tmp_path):
    modules = imported(*args, tmp_path=tmp_path)
    assert "click" in modules  # the probe ran the command
    assert heavy(modules, ("im_lint.engine", "im_lint.api", "im_lint.language", "pydantic", "lark", "yaml")) == set()


def test_check_of_one_file_imports_no_report(tmp_path):
    modules = imported("check", "--no-cache", str(EXAMPLE), tmp_path=tmp_path)
    assert "im_lint.engine.run" in modules  # it did lint
    assert heavy(modules, ("jinja2", "im_lint.report", "im_lint.lsp", "pygls")) == set()


@pytest.mark.parametrize("args", [["explain", "IM101"], ["rules"]])
def test_explain_and_rules_import_no_report(args, tmp_path):
    modules = imported(*args, tmp_path=tmp_path)  # the first start: the engine compiles the pack
    assert "im_lint.output.catalogue" in modules and "im_lint.engine.run" in modules
    assert heavy(modules, ("jinja2", "im_lint.report", "lark", "im_lint.lsp")) == set()
    # Then, with no configuration: the rules' documentation straight from the compiled pack.
    again = imported(*args, tmp_path=tmp_path)
    assert "im_lint.output.catalogue" in again
    assert (
        heavy(again, ("pydantic", "lark", "yaml", "im_lint.engine.run", "im_lint.engine.packs", "im_lint.api")) == set()
    )
    (tmp_path / "im-lint.toml").write_text('ignore = ["IM6"]\n', encoding="utf-8")
    configured = imported(*args, tmp_path=tmp_path)  # a configuration: the engine applies it
    assert "im_lint.engine.run" in configured


def test_the_exit_code_and_every_line_survive_the_fast_exit(tmp_path):
    # The process ends with os._exit once its output is flushed: a pipe still gets all of it, and
    # the exit code is the command's (1: findings; 2: could not run; 0: clean).
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "im_lint", "check", "--no-cache", "--format", "json"]
    found = subprocess.run([*command, str(EXAMPLE)], capture_output=True, text=True, env=env, timeout=60)
    findings = json.loads(found.stdout)["findings"]
    assert found.returncode == (1 if any(f["severity"] == "error" for f in findings) else 0)
    assert findings and found.stdout.endswith("\n")
    clean = tmp_path / "clean.proposal"
    clean.write_text('proposal P-1 "x"\nkind policy\n', encoding="utf-8")
    quiet = subprocess.run([*command, "--exit-zero", str(clean)], capture_output=True, text=True, env=env, timeout=60)
    assert quiet.returncode == 0 and json.loads(quiet.stdout)["files"]
    missing = subprocess.run([*command, str(tmp_path / "nothing.proposal")], capture_output=True, text=True, env=env)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    written = tmp_path / "out.json"
    to_file = subprocess.run([*command, "-o", str(written), str(EXAMPLE)], capture_output=True, env=env, timeout=60)
    assert to_file.returncode == found.returncode and json.loads(written.read_text(encoding="utf-8")) == json.loads(
        found.stdout
    )


def test_check_reads_the_compiled_pack_without_yaml(tmp_path):
    first = imported("check", "--no-cache", str(EXAMPLE), tmp_path=tmp_path)
    assert "yaml" in first  # no compiled pack yet: it is loaded from the YAML and compiled
    assert list((tmp_path / "cache" / "im-lint" / "packs").glob("builtin-*.json"))
    again = imported("check", "--no-cache", str(EXAMPLE), tmp_path=tmp_path)
    assert "im_lint.engine.run" in again and heavy(again, ("yaml", "multiprocessing", "concurrent")) == set()


def test_a_cold_check_of_one_file_builds_no_validator(tmp_path):
    # Building a pydantic validator costs its schema and, for the first, pydantic's plugin lookup
    # (importlib.metadata): the engine's own output, the builder's nodes, the compiled pack, the
    # facts and a default configuration are constructed, never validated again.
    alone = tmp_path / "work" / EXAMPLE.name  # no configuration file, no repository around it
    alone.parent.mkdir()
    alone.write_bytes(EXAMPLE.read_bytes())
    imported("check", "--no-cache", str(alone), tmp_path=tmp_path)  # compiles the pack (validated)
    modules, built = probed("check", "--no-cache", str(alone), tmp_path=tmp_path)
    assert "im_lint.engine.run" in modules and "im_lint.model" in modules  # it did lint
    assert built == set()
    assert (
        heavy(
            modules,
            (
                "pydantic.plugin._loader",
                "importlib.metadata",
                "email",
                "subprocess",
                "platformdirs",
                "im_lint.reference.catalogue",
            ),
        )
        == set()
    )


GRAMMAR_PROBE = """
import glob, sys, tempfile
before = set(glob.glob(tempfile.gettempdir() + "/.lark_*"))
from im_lint import api
assert api.parse('proposal P-1 "x"\\\\nkind change\\\\n').proposal is not None
sys.stdout.write(repr(sorted(set(glob.glob(tempfile.gettempdir() + "/.lark_*")) - before)))
"""


def test_the_grammar_tables_are_kept_in_the_users_cache_not_in_tmp(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", GRAMMAR_PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]"  # nothing left in the shared temporary folder for another user to plant
    (tables,) = (tmp_path / "cache" / "im-lint" / "grammar").glob("lark-*.tables")
    # A FIFO where the tables go is never opened (it would hang the start): the grammar is analysed.
    tables.unlink()
    os.mkfifo(tables)
    again = subprocess.run([sys.executable, "-c", GRAMMAR_PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize("xdg", [None, "", "  ", "/srv/cache dir"])
def test_the_cache_folder_is_platformdirs_own(xdg, monkeypatch):
    # Worked out without importing platformdirs at every start, and the same folder it names.
    from platformdirs import user_cache_dir

    from im_lint.user_cache import user_cache_root

    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert user_cache_root() == user_cache_dir("im-lint", appauthor=False)
