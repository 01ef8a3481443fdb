"""Run fuzz targets on saved inputs, without fuzzing, and print what fails.

    .venv/bin/python tests/fuzz/reproduce.py FILE...                  # every target on each file
    .venv/bin/python tests/fuzz/reproduce.py --target lint FILE...    # one target

Exit status 1 when any input fails a target.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import traceback
from pathlib import Path


def _targets():
    spec = importlib.util.spec_from_file_location("fuzz_targets", Path(__file__).with_name("fuzz_targets.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=["parse", "lint", "fmt"])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    module = _targets()
    names = [args.target] if args.target else list(module.TARGETS)
    failed = False
    for path in args.files:
        data = path.read_bytes()
        for name in names:
            try:
                module.TARGETS[name](data)
            except Exception as error:  # noqa: BLE001
                failed = True
                print(f"FAIL {name} {path} ({len(data)} bytes: {data[:120]!r}): {module._signature(error)}")
                traceback.print_exc(file=sys.stdout)
            else:
                print(f"ok   {name} {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
