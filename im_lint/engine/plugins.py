"""Packs and checks from elsewhere: a pack by path (data only), a pack or a check from an installed
distribution's entry point (`im_lint.packs`, `im_lint.checks`)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from im_lint.engine.checks import Check
from im_lint.engine.packs import PackError, PackFile, load_pack_dir, load_pack_file, read_pack_text

PACKS_GROUP = "im_lint.packs"
CHECKS_GROUP = "im_lint.checks"
RESERVED_PREFIX = "IM"


def _check_prefixes(pack: list[PackFile], where: str) -> list[PackFile]:
    for pack_file in pack:
        for rule in pack_file.rules:
            if rule.code.startswith(RESERVED_PREFIX):
                raise PackError(
                    f"{where}: rule {rule.code}: the prefix IM is the built-in pack's; "
                    "give your organisation's rules a prefix of its own, such as ORG001"
                )
    return pack


def load_pack(reference: str, base: Path | None = None) -> list[PackFile]:
    """A pack named in the configuration: a folder or YAML file (relative to the configuration's
    folder), else an installed pack's entry point name."""
    path = Path(reference)
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.is_dir():
        return _check_prefixes(load_pack_dir(path), str(path))
    if path.exists():  # a file; a FIFO or a device is refused by name
        return _check_prefixes([load_pack_file(str(path), read_pack_text(path))], str(path))
    from importlib.metadata import entry_points  # only when a pack is asked for by name

    for entry in entry_points(group=PACKS_GROUP):
        if entry.name == reference:
            # The entry point names a package; its YAML files are the pack. Nothing in it is executed
            # beyond importing the package that an installed distribution provides.
            return _check_prefixes(load_pack_dir(files(entry.value.split(":")[0])), f"{PACKS_GROUP}:{reference}")
    raise PackError(f"pack `{reference}`: no such folder or file, and no installed pack of that name")


def installed_checks() -> dict[str, Check]:
    from importlib.metadata import entry_points

    return {entry.name: entry.load() for entry in entry_points(group=CHECKS_GROUP)}
