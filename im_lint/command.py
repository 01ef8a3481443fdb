"""The `im-lint` executable: prepares its own process, then runs the command line (`cli.run`)."""

from __future__ import annotations

import os


def run() -> None:
    # The command needs none of pydantic's plugins, and looking for them (through every installed
    # distribution's metadata) is a tenth of a cold start. Set here, where the process is im-lint's
    # own and before any model is made; importing im_lint.cli (from a test or a program) changes nothing.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from im_lint.cli import run as run_cli

    run_cli()
