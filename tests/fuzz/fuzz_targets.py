"""Coverage-guided fuzz targets of im-lint (atheris / libFuzzer).

    .venv/bin/python tests/fuzz/fuzz_targets.py TARGET [libFuzzer arguments...]

TARGET is one of:
  parse  bytes -> im_lint.language.parse_bytes(data) and api.parse(decoded text) never raise
  lint   bytes -> text (utf-8, errors='replace') -> api.lint_text(text) never raises; every
         finding has line >= 1, column >= 1 and a message
  fmt    bytes -> text -> api.format_text(text) raises nothing but ValueError; when it returns,
         formatting again changes nothing and api.parse(result) has no IM001 (syntax error)

See tests/fuzz/README.md for the commands and for turning a crash into a regression fixture.

By default the first failure stops the run, as libFuzzer does (the input is written as crash-*).
With IM_LINT_FUZZ_COLLECT=DIR the run goes on instead: each distinct failure (its exception type and
its two innermost im_lint frames) is written once to DIR as TARGET-<signature>.bin with the traceback in
TARGET-<signature>.txt, and replaced there whenever a smaller input fails the same way.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
import traceback
from pathlib import Path

import atheris

# im_lint imports some modules only when first used (the formatter, the rule checks): import them
# here, inside the block, so that they are instrumented too.
with atheris.instrument_imports(include=["im_lint", "lark"]):
    from im_lint import api
    from im_lint.language import parse_bytes

    for _module in ("im_lint.fmt", "im_lint.engine.suppress"):
        importlib.import_module(_module)

    _ENGINE = api.engine()  # one engine for every input (loads the pack and the rule checks)


class PropertyFailure(AssertionError):
    """A property of a target does not hold; `kind` names which (the same for every input)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}\n{detail}")
        self.kind = kind


def _engine():
    return _ENGINE


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def fuzz_parse(data: bytes) -> None:
    parse_bytes(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _text(data)
    api.parse(text)


def fuzz_lint(data: bytes) -> None:
    text = _text(data)
    findings = api.lint_text(text, engine=_engine())
    for finding in findings:
        if not (isinstance(finding.line, int) and finding.line >= 1):
            raise PropertyFailure(f"{finding.code} line < 1", repr(finding))
        if not (isinstance(finding.column, int) and finding.column >= 1):
            raise PropertyFailure(f"{finding.code} column < 1", repr(finding))
        if not (isinstance(finding.message, str) and finding.message.strip()):
            raise PropertyFailure(f"{finding.code} without a message", repr(finding))


def fuzz_fmt(data: bytes) -> None:
    text = _text(data)
    try:
        result = api.format_text(text)
    except ValueError:
        return
    if not isinstance(result, str):
        raise PropertyFailure("format_text returned no str", repr(result))
    try:
        again = api.format_text(result)
    except ValueError as error:
        raise PropertyFailure("format_text rejects its own result", f"{error}\nresult: {result!r}") from None
    if again != result:
        raise PropertyFailure("format_text not idempotent", f"first:  {result!r}\nsecond: {again!r}")
    syntax = [d for d in api.parse(result).diagnostics if d.code == "IM001"]
    if syntax:
        # Two different failures: the formatter broke a text that had no syntax error, or it formatted
        # (instead of refusing with ValueError) a text whose syntax error the builder reports.
        before = [d for d in api.parse(text).diagnostics if d.code == "IM001"]
        kind = "IM001 kept: input had IM001, format_text did not raise" if before else "IM001 introduced by format_text"
        raise PropertyFailure(kind, f"after: {syntax!r}\nbefore: {before!r}\nresult: {result!r}")


TARGETS = {"parse": fuzz_parse, "lint": fuzz_lint, "fmt": fuzz_fmt}


def _signature(error: BaseException) -> str:
    if isinstance(error, PropertyFailure):
        return f"PropertyFailure: {error.kind}"
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/im_lint/" in f.filename] or frames
    where = " < ".join(f"{f.filename.rsplit('/im_lint/', 1)[-1]}:{f.lineno}" for f in reversed(ours[-2:]))
    return f"{type(error).__name__} at {where or '?'}"


def _collecting(name: str, target, folder: Path):
    folder.mkdir(parents=True, exist_ok=True)

    def run(data: bytes) -> None:
        try:
            target(data)
        except Exception as error:  # noqa: BLE001 - every failure is a finding of the fuzzer
            signature = _signature(error)
            stem = folder / f"{name}-{hashlib.sha1(signature.encode()).hexdigest()[:10]}"
            old = stem.with_suffix(".bin")
            if old.exists() and len(old.read_bytes()) <= len(data):
                return
            new = not old.exists()
            old.write_bytes(data)
            stem.with_suffix(".txt").write_text(
                f"{signature}\ninput ({len(data)} bytes): {data!r}\n\n{traceback.format_exc()}", encoding="utf-8"
            )
            if new:
                print(f"== new failure {stem.name}: {signature}", file=sys.stderr, flush=True)

    return run


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer arguments...]")
    target = TARGETS[sys.argv[1]]
    if os.environ.get("IM_LINT_FUZZ_COLLECT"):
        target = _collecting(sys.argv[1], target, Path(os.environ["IM_LINT_FUZZ_COLLECT"]))
    argv = [sys.argv[0], *sys.argv[2:]]
    atheris.Setup(argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
