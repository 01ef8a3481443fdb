"""Where a configuration is: the nearest im-lint.toml, .im-lint.toml or pyproject.toml with
`[tool.im-lint]`, and its TOML. Apart from config.py (the Config model, pydantic), so that a command
can learn that no configuration applies without importing pydantic (`explain`, `rules`)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from im_lint.files import CONFIG_LIMIT, describe, read_text

CONFIG_FILES = ("im-lint.toml", ".im-lint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used: file, key, and what is wrong (exit 2)."""


def _load_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only where a configuration file exists

    try:
        return tomllib.loads(read_text(path, CONFIG_LIMIT))
    except OSError as error:  # also a FIFO, a device or a file too large for a configuration
        raise ConfigError(f"{path}: cannot read: {describe(error)}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None


def _tool_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """`[tool.im-lint]` of a pyproject.toml (None when there is none)."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: `tool` must be a table ([tool.im-lint]), not {type(tool).__name__}")
    table = tool.get("im-lint")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: `tool.im-lint` must be a table ([tool.im-lint]), not {type(table).__name__}")
    return table


def has_config(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        return _tool_table(path, _load_toml(path)) is not None
    except ConfigError:
        return True  # let read_config_file report it


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration from a file's folder upward, stopping at the repository root."""
    return _config_for_folder(start if start.is_dir() else start.parent)


@lru_cache(maxsize=4096)
def _config_for_folder(folder: Path) -> Path | None:
    # Cached per folder: a run over thousands of files in a few folders looks each folder up once.
    for name in CONFIG_FILES:
        candidate = folder / name
        # Anything by that name but a folder is read, so a link to a device is an error naming it
        # rather than a configuration silently ignored.
        if os.path.lexists(candidate) and not candidate.is_dir() and has_config(candidate):
            return candidate
    if (folder / ".git").exists() or folder.parent == folder:
        return None
    return _config_for_folder(folder.parent)


def forget_config_lookups() -> None:
    _config_for_folder.cache_clear()
