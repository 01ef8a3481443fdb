"""A run's findings kept compact until they are written.

Ten thousand files give some sixty thousand findings; as pydantic Findings they take about 13 KB a
file, more than the rest of the run together. So a run keeps each file's findings as one compressed
JSON string (about 1.2 KB a file) and `Findings` hands them out one file at a time: as Findings to
whoever iterates it (every writer, the baseline, the API's users), as plain dicts to the JSON writer.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from im_lint.findings import SEVERITY_ORDER, Finding


def pack(text: str) -> bytes:
    # surrogatepass: a file name that is not UTF-8 (kept by the OS as surrogates) comes back as it was
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)  # level 1: a fifth of the size, fast


def unpack(blob: str | bytes) -> str:
    return blob if isinstance(blob, str) else zlib.decompress(blob).decode("utf-8", "surrogatepass")


@dataclass(slots=True)
class FileFindings:
    """One file's findings (waived ones too) as packed JSON, and what the run asks of them without
    unpacking: how many are shown and waived, and the worst severity that affects the exit code."""

    path: str
    blob: bytes
    shown: int
    waived: int
    worst: int  # SEVERITY_ORDER of the most severe finding that counts; -1 for none
    # Findings validated from the cache already (their path the run's): handed out as they are
    # instead of packed and unpacked again (a re-lint of an unchanged repository).
    kept: list[Finding] | None = None

    @classmethod
    def of(cls, path: str, findings: list[Finding]) -> FileFindings:
        text = json.dumps([finding.__dict__ for finding in findings], separators=(",", ":"), ensure_ascii=False)
        return cls(path, pack(text), *cls.counts(findings))

    @staticmethod
    def counts(findings: list[Finding]) -> tuple[int, int, int]:
        """(shown, waived, worst) of a file's findings."""
        shown = [finding for finding in findings if finding.suppressed is None]
        worst = max((SEVERITY_ORDER[f.severity] for f in shown if f.affects_exit), default=-1)
        return len(shown), len(findings) - len(shown), worst

    def items(self) -> list[dict]:
        if self.kept is not None:
            return [dict(finding.__dict__) for finding in self.kept]
        items = json.loads(unpack(self.blob))
        for item in items:
            item["path"] = self.path  # as the run shows it (a name that is not UTF-8: escaped)
        return items


class Findings(Sequence):
    """The shown (or, with waived=True, the waived) findings of a run's files, in file then line
    order. Each iteration unpacks the files again and gives new Finding objects."""

    def __init__(self, files: list[FileFindings], waived: bool = False):
        self._files = files
        self._waived = waived

    def _count(self, file: FileFindings) -> int:
        return file.waived if self._waived else file.shown

    def dicts(self) -> Iterator[dict]:
        """The findings as plain data (Finding's fields, in its order), one file unpacked at a time."""
        for file in self._files:
            if self._count(file):
                for item in file.items():
                    if (item["suppressed"] is not None) == self._waived:
                        yield item

    def __iter__(self) -> Iterator[Finding]:
        for file in self._files:
            if file.kept is not None and self._count(file):
                yield from (finding for finding in file.kept if (finding.suppressed is not None) == self._waived)
            elif self._count(file):
                for item in file.items():
                    if (item["suppressed"] is not None) == self._waived:
                        yield Finding.model_construct(**item)  # validated when packed, or made by this run's engine

    def __len__(self) -> int:
        return sum(self._count(file) for file in self._files)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        if index >= 0:
            for file in self._files:
                if index < self._count(file):
                    chosen = [i for i in file.items() if (i["suppressed"] is not None) == self._waived]
                    return Finding.model_construct(**chosen[index])
                index -= self._count(file)
        raise IndexError("finding index out of range")

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __add__(self, other: Sequence) -> list[Finding]:
        return [*self, *other]

    def __radd__(self, other: Sequence) -> list[Finding]:
        return [*other, *self]

    def __repr__(self) -> str:
        return f"Findings({len(self)} in {len(self._files)} files)"

    def failed(self, level: str) -> bool:
        """Does any shown finding at or above `level` affect the exit code? (No unpacking.)"""
        return not self._waived and any(file.worst >= SEVERITY_ORDER[level] for file in self._files)
