"""Which files a run lints: the paths given, and every *.proposal / *.voorstel below a folder."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from im_lint.files import resolve

SUFFIXES = (".proposal", ".voorstel")


class MissingPath(Exception):
    pass


def is_excluded(path: Path, patterns: list[str], root: Path | None) -> bool:
    if not patterns:
        return False
    candidates = {path.as_posix(), path.name}
    if root is not None:
        try:
            candidates.add(resolve(path).relative_to(resolve(root)).as_posix())
        except ValueError:
            pass
    return any(
        fnmatch.fnmatch(candidate, pattern) or fnmatch.fnmatch(candidate, pattern.rstrip("/") + "/*")
        for candidate in candidates
        for pattern in patterns
    )


def discover(paths: list[str], exclude: list[str] | None = None, root: Path | None = None) -> list[str]:
    """Files in a stable order; a folder is walked (symlinked folders are not followed, so a link
    loop cannot hang a run). A path that does not exist raises MissingPath."""
    found: list[str] = []
    seen: set[str] = set()
    for given in paths:
        if given == "-":
            found.append(given)
            continue
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            raise MissingPath(given)
        if path.is_dir():
            for folder, folders, names in os.walk(path):
                folders[:] = sorted(
                    f
                    for f in folders
                    if not f.startswith(".") and not is_excluded(Path(folder, f), exclude or [], root)
                )
                # Spelled as Path(folder, name) would (one Path a folder, not one a file).
                shown = str(Path(folder))
                for name in sorted(names):
                    if name.endswith(SUFFIXES):
                        candidate = name if shown == "." else os.path.join(shown, name)
                        if exclude and is_excluded(Path(candidate), exclude, root) or candidate in seen:
                            continue
                        seen.add(candidate)
                        found.append(candidate)
        elif str(path) not in seen and not is_excluded(path, exclude or [], root):
            seen.add(str(path))
            found.append(str(path))
    return found


def repository_root(file: str) -> Path | None:
    """The repository a file belongs to: the folder of its configuration file (im-lint.toml,
    .im-lint.toml, or a pyproject.toml with [tool.im-lint]), else its git work tree, else None."""
    if file == "-":
        return None
    from im_lint.config import find_config_file  # the configuration's own search rules

    start = resolve(file)
    config = find_config_file(start)
    if config is not None:
        return config.parent
    for folder in [start.parent, *start.parent.parents]:
        if (folder / ".git").exists():
            return folder
    return None
