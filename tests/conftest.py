from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--regen",
        action="store_true",
        help="rewrite the generated expectations (tests/scenarios/expected.yaml) from what im-lint finds now; "
        "review the diff before committing it",
    )


def require(condition: bool, reason: str) -> None:
    """Skip where a tool is missing on a user's machine; under CI=true a missing tool is a failure."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must have it: {reason}")
    pytest.skip(reason)


@pytest.fixture
def im_lint_exe() -> str:
    found = shutil.which("im-lint") or str(Path(os.sys.executable).parent / "im-lint")
    return found


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never read or write the user's real cache (platformdirs follows XDG_CACHE_HOME)."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


def require_command(name: str, package: str) -> str:
    """The path of a command, or a skip (a failure under CI=true) naming the Debian package."""
    found = shutil.which(name)
    require(found is not None, f"`{name}` is not installed (apt-get install {package})")
    return found  # type: ignore[return-value]


def npm_tools(folder: Path) -> Path:
    """The node_modules of a folder with a package.json and package-lock.json, installed once with
    `npm ci` from the npm registry (never a browser download: puppeteer-core and friends fetch none)."""
    require_command("npm", "npm")
    modules = folder / "node_modules"
    stamp = modules / ".im-lint-installed"
    lock = folder / "package-lock.json"
    if not stamp.is_file() or stamp.read_text() != lock.read_text():
        import subprocess

        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=folder,
            capture_output=True,
            text=True,
            env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        )
        if done.returncode != 0:
            pytest.fail(f"npm ci in {folder} failed:\n{done.stderr[-2000:]}")
        stamp.write_text(lock.read_text())
    return modules
