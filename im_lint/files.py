"""Reading a file that someone else may have planted: a regular file only (after following links),
and never more than a limit, so a link to /dev/zero, a FIFO or a huge file cannot hang a run or
fill its memory. Every file im-lint reads goes through `read_bytes` (proposals, packs, the
configuration, the cache, baselines)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MiB = 1024 * 1024
CONFIG_LIMIT = 1 * MiB  # a configuration file is a few hundred bytes
PACK_LIMIT = 10 * MiB  # one YAML file of a rule pack
BASELINE_LIMIT = 256 * MiB  # a baseline of a large repository of old proposals
CACHE_LIMIT = 512 * MiB  # the results cache of one repository (50,000 records at most)

_CHUNK = 1 << 20
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer


class NotRegularFile(OSError):
    """A FIFO, a device, a socket or a folder where a file was expected."""

    def __init__(self, path: str | Path):
        super().__init__(errno.EINVAL, "not a regular file", str(path))


class TooLarge(OSError):
    def __init__(self, path: str | Path, size: int, limit: int):
        super().__init__(errno.EFBIG, f"larger than {human_size(limit)}", str(path))
        self.size = size
        self.limit = limit


def read_bytes(path: str | Path, limit: int) -> bytes:
    """The whole file, or an OSError: NotRegularFile, TooLarge, or what the system said (a file that
    does not exist, may not be read, or is in a loop of links)."""
    descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(path)
        if status.st_size > limit:
            raise TooLarge(path, status.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:  # the size on disk may be wrong (a growing file, /proc): the limit holds as read
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(path, max(total, status.st_size), limit)
    finally:
        os.close(descriptor)


def read_text(path: str | Path, limit: int) -> str:
    """As `read_bytes`, decoded as UTF-8 (UnicodeDecodeError when it is not)."""
    return read_bytes(path, limit).decode("utf-8")


def resolve(path: str | Path) -> Path:
    """The absolute path with links followed; a loop of links or an unreadable folder keeps the
    path as written (absolute) instead of raising, as Python 3.11's `Path.resolve` does."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def describe(error: OSError) -> str:
    """What went wrong, in a few words (`error.strerror` can be None)."""
    return error.strerror or str(error) or type(error).__name__


def human_size(count: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return str(count)  # pragma: no cover
