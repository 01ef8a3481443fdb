"""Write a file so that it is either the old one or the whole new one, never half of it.

A regular file (or a new one) is written to a temporary file beside it and renamed over it. A link
is followed: its target is replaced and the link stays a link. A device or FIFO (`-o /dev/null`,
`-o /dev/stdout`) is written in place, since renaming over it would replace the device with a file.
A write that fails (a full disk, a missing folder) raises OSError naming the target.

Temporary files are named `.NAME.XXXX.im-lint-PID.tmp`: no proposal suffix, so no run lints them,
and a run that is killed before the rename leaves one behind that the next write into that folder
removes (its process is gone).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

_LEFTOVER = re.compile(r"^\..+\.im-lint-(\d+)\.tmp$")
_cleaned: set[str] = set()  # folders whose leftovers this process has removed already


def write_atomic(path: str | Path, data: str | bytes, encoding: str = "utf-8") -> None:
    payload = data.encode(encoding) if isinstance(data, str) else data
    target = Path(os.path.realpath(path))  # a link's target; the link itself stays
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _named(error, path) from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_in_place(target, payload, path)
        return
    folder = target.parent
    _remove_leftovers(folder)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=f".im-lint-{os.getpid()}.tmp", dir=folder
        )
    except OSError as error:
        raise _named(error, path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if status is not None:
            os.chmod(temporary, status.st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _named(error, path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_in_place(target: Path, payload: bytes, shown: str | Path) -> None:
    try:
        descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
    except OSError as error:
        raise _named(error, shown) from None


def _named(error: OSError, path: str | Path) -> OSError:
    """The same error, naming the path the user gave (not a temporary file or a link's target)."""
    return OSError(error.errno, error.strerror or str(error), str(path))


def _remove_leftovers(folder: Path) -> None:
    key = str(folder)
    if key in _cleaned:
        return
    _cleaned.add(key)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _LEFTOVER.match(name)
        if match and not _alive(int(match.group(1))):
            try:
                os.unlink(folder / name)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":  # (on Windows, os.kill would end the process)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its file alone
    return True
