"""Baselines: record today's findings, then report only new ones.

A finding is matched by its fingerprint (proposal ID, rule, what it is about, its arguments without
line numbers, and which occurrence it is), so edits elsewhere in the file and moved blocks keep an
old finding hidden while a second instance of the same problem shows.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from im_lint.atomic import write_atomic
from im_lint.files import BASELINE_LIMIT, describe, read_text
from im_lint.findings import Finding


class BaselineEntry(BaseModel):
    model_config = ConfigDict(defer_build=True)  # built when a baseline is read, not at every start

    fingerprint: str
    code: str
    path: str
    proposal_id: str | None
    message: str


class Baseline(BaseModel):
    model_config = ConfigDict(defer_build=True)

    version: int = 1
    findings: list[BaselineEntry]


class BaselineError(Exception):
    pass


def write_baseline(path: str | Path, findings: list[Finding]) -> None:
    entries = [
        BaselineEntry(fingerprint=f.fingerprint, code=f.code, path=f.path, proposal_id=f.proposal_id, message=f.message)
        for f in findings
    ]
    write_atomic(path, Baseline(findings=entries).model_dump_json(indent=2) + "\n")


def read_baseline(path: str | Path) -> set[str]:
    try:
        text = read_text(path, BASELINE_LIMIT)
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {describe(error)}") from None
    except UnicodeDecodeError:
        raise BaselineError(
            f"{path}: not an im-lint baseline (not UTF-8 text); write one with --write-baseline"
        ) from None
    try:
        return {entry.fingerprint for entry in Baseline.model_validate_json(text).findings}
    except ValidationError as error:
        raise BaselineError(
            f"{path}: not an im-lint baseline ({error.errors()[0]['msg']}); write one with --write-baseline"
        ) from None


def only_new(findings: list[Finding], known: set[str]) -> list[Finding]:
    return [finding for finding in findings if finding.fingerprint not in known]
