"""Configuration: `[tool.im-lint]` in pyproject.toml, or im-lint.toml / .im-lint.toml, validated.

Keys are kebab-case in the file (`fail-on`) and snake_case in Python (`fail_on`). An unknown key is
an error that names the nearest known key.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.json_schema import SkipJsonSchema

from im_lint.config_files import (  # the search for a configuration file: without pydantic
    CONFIG_FILES,
    ConfigError,
    _load_toml,
    _tool_table,
    find_config_file,
    forget_config_lookups,
    has_config,
)
from im_lint.files import resolve
from im_lint.findings import Severity
from im_lint.language.decode import DEFAULT_MAX_FILE_SIZE


class RoleDeclaration(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str = ""
    ict: bool = False


class Config(BaseModel):
    model_config = ConfigDict(
        extra="forbid", alias_generator=lambda name: name.replace("_", "-"), populate_by_name=True, defer_build=True
    )

    select: list[str] | None = Field(default=None, description="Rules to run (codes, names or prefixes); default: all.")
    ignore: list[str] = Field(default_factory=list, description="Rules not to run.")
    extend_select: list[str] = Field(default_factory=list, description="Rules to run in addition to `select`.")
    severity: dict[str, Severity] = Field(default_factory=dict, description="A severity per rule (code or name).")
    lang: Literal["nl", "en"] | None = Field(default=None, description="Language of messages; default: the file's.")
    fail_on: Severity = Field(default="error", description="The lowest severity that fails the run.")
    fail_on_decided: bool = Field(default=False, description="Count findings in decided and withdrawn proposals.")
    exclude: list[str] = Field(default_factory=list, description="Glob patterns of paths not to lint.")
    packs: list[str] = Field(default_factory=list, description="Extra rule packs: paths or installed pack names.")
    roles: dict[str, RoleDeclaration] = Field(default_factory=dict, description="Roles declared for every proposal.")
    stakeholders: list[str] | None = Field(default=None, description="The groups IM201 requires.")
    cache_dir: str | None = None
    max_file_size: int = Field(default=DEFAULT_MAX_FILE_SIZE, gt=0)
    max_findings_per_code: int = Field(
        default=50,
        ge=0,
        description="Findings of one rule listed per file; past it, one IM010 says how many more (0: no limit).",
    )
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Options per rule (code or name).")
    catalogue: str | None = Field(
        default=None,
        description="A reference catalogue (`im-lint catalogue import fora PATH` makes one), relative to this "
        "file's folder: `reference` and `component` names are checked against it (IM121-IM125).",
    )
    sector: Literal["po", "so", "vo", "vso"] | None = Field(
        default=None, description="The school's sector, for proposals that do not state `sector` (WMS articles)."
    )

    # An audit run (`--no-suppress`, not a key): suppression comments waive nothing.
    no_suppress: SkipJsonSchema[bool] = Field(default=False)
    # The run's date (`--today`, not a key): rules that need a date without a meeting use it.
    today: SkipJsonSchema[date | None] = Field(default=None)
    extend: str | None = Field(
        default=None, description="Another configuration file this one builds on (relative to this file's folder)."
    )
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Rules not to run for the files a glob pattern matches (relative to this file's folder).",
    )

    # Where the configuration came from (not a key): relative paths in it are relative to its folder.
    source: SkipJsonSchema[Path | None] = Field(default=None, exclude=True)
    # Which file set each key (absent: the default), for `check --show-settings`.
    origins: SkipJsonSchema[dict[str, str]] = Field(default_factory=dict, exclude=True)


def default_config() -> Config:
    """The configuration when no file sets one. Defaults need no validating, and building Config's
    validator (and pydantic's plugin lookup with it) is a tenth of a cold start."""
    # The empty lists and tables given here: for a default factory, pydantic inspects its signature
    # (for `list`, by tokenizing its text signature: 4 ms) before it calls it.
    made = {name: field.default_factory() for name, field in Config.model_fields.items() if field.default_factory}
    return Config.model_construct(set(), **made)


def catalogue_path(config: Config) -> Path | None:
    """The configured catalogue file, relative to the folder of the file that set it."""
    if config.catalogue is None:
        return None
    origin = config.origins.get("catalogue", "")
    base = Path(origin).parent if origin and " + " not in origin else config.source.parent if config.source else None
    path = Path(config.catalogue).expanduser()
    return path if path.is_absolute() or base is None else base / path


# A group's name as `impact NAME "..."` can state it: the grammar's NAME. An empty or odd name would
# make IM201 ask for an impact that no proposal can write.
SUBJECT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")


def bad_subject_names(names: list[str]) -> str | None:
    """Why a list of group names cannot be used, or None when it can."""
    for name in names:
        if not SUBJECT_NAME.fullmatch(name):
            return (
                f"{name!r} is not a name you can write after `impact`: use a letter, then letters, digits, "
                "`-`, `_` or `.`, such as `mr` or `parents`"
            )
    return None


def _known_keys() -> list[str]:
    return [
        field.alias or name
        for name, field in Config.model_fields.items()
        if name not in ("source", "today", "origins", "no_suppress")
    ]


def parse_config(data: dict[str, Any], source: Path | None) -> Config:
    where = str(source) if source else "configuration"
    for key in data:
        if key not in _known_keys():
            import difflib  # only for a mistake

            close = difflib.get_close_matches(key, _known_keys(), n=1, cutoff=0.5)
            hint = f"; did you mean `{close[0]}`?" if close else f"; known keys: {', '.join(_known_keys())}"
            raise ConfigError(f"{where}: unknown key `{key}`{hint}")
    try:
        config = Config.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{where}: `{key}`: {first['msg']}") from None
    config.source = source
    return config


def _read_table(path: Path) -> dict[str, Any]:
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        data = _tool_table(path, data) or {}
    return data


# How a file that `extend`s another combines with it: these lists add to the other file's, these
# tables are merged key by key; every other key of the extending file replaces the other's value.
_ADDED_LISTS = ("ignore", "extend-select", "exclude", "packs")
_MERGED_TABLES = ("severity", "roles", "rules", "per-file-ignores")
MAX_EXTEND_DEPTH = 16


def _absolute_paths(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    """An extended file's relative packs and cache folder, made absolute: they are relative to the
    file that wrote them, not to the one that extends it."""
    data = dict(data)
    if isinstance(data.get("packs"), list):
        data["packs"] = [
            str(folder / ref) if isinstance(ref, str) and (folder / ref).exists() else ref for ref in data["packs"]
        ]
    if isinstance(data.get("cache-dir"), str) and not data["cache-dir"].startswith("~"):
        data["cache-dir"] = str(folder / data["cache-dir"])
    return data


def _layered(path: Path, chain: tuple[Path, ...] = ()) -> tuple[dict[str, Any], dict[str, str]]:
    """The settings of a file with everything it extends, and which file set each key."""
    data = _read_table(path)
    origins = {key: str(path) for key in data}
    parent_ref = data.get("extend")
    if parent_ref is None:
        return data, origins
    if not isinstance(parent_ref, str) or not parent_ref:
        raise ConfigError(f"{path}: `extend`: expected the path of another configuration file")
    parent = resolve((path.parent / parent_ref).expanduser())
    if parent in chain or parent == resolve(path):
        raise ConfigError(f"{path}: `extend`: {parent_ref} extends this file again (a cycle)")
    if len(chain) >= MAX_EXTEND_DEPTH:
        raise ConfigError(f"{path}: `extend`: more than {MAX_EXTEND_DEPTH} files extend each other")
    if not parent.is_file():
        raise ConfigError(f"{path}: `extend`: no such file: {parent_ref}")
    base, base_origins = _layered(parent, (*chain, resolve(path)))
    merged = _absolute_paths(base, parent.parent)
    for key, value in data.items():
        if key in _ADDED_LISTS and isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *(item for item in value if item not in merged[key])]
            origins[key] = f"{base_origins[key]} + {path}"
        elif key in _MERGED_TABLES and isinstance(value, dict) and isinstance(merged.get(key), dict):
            if key == "rules":
                value = {name: {**merged[key].get(name, {}), **options} for name, options in value.items()}
            merged[key] = {**merged[key], **value}
            origins[key] = f"{base_origins[key]} + {path}"
        else:
            merged[key] = value
    return merged, {**base_origins, **origins}


def read_config_file(path: Path) -> Config:
    data, origins = _layered(path)
    config = parse_config(data, path)
    config.origins = origins
    return config


def settings_report(config: Config) -> list[tuple[str, Any, str]]:
    """Every key with its value in force and where it came from (a file, or `default`)."""
    dumped = config.model_dump(by_alias=True)
    return [(key, dumped[key], config.origins.get(key, "default")) for key in _known_keys()]


__all__ = [
    "CONFIG_FILES",
    "MAX_EXTEND_DEPTH",
    "SUBJECT_NAME",
    "Config",
    "ConfigError",
    "RoleDeclaration",
    "bad_subject_names",
    "catalogue_path",
    "default_config",
    "find_config_file",
    "forget_config_lookups",
    "has_config",
    "parse_config",
    "read_config_file",
    "settings_report",
]
