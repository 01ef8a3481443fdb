"""The `im-lint` executable: prepares its own process, then runs the command line (`cli.run`)."""

from __future__ import annotations

import os
import sys


def run() -> None:
    # The command needs none of pydantic's plugins, and looking for them (through every installed
    # distribution's metadata) is a tenth of a cold start. Set here, where the process is im-lint's
    # own and before any model is made; importing im_lint.cli (from a test or a program) changes nothing.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from im_lint import signals

    signals.install()  # SIGTERM and SIGHUP end the run as Ctrl-C does, workers and all
    try:
        from im_lint.cli import run as run_cli  # a tenth of a second of imports: Ctrl-C may land here
    except KeyboardInterrupt as stopped:
        sys.stderr.write("\nim-lint: interrupted before it started; nothing was changed.\n")
        sys.exit(getattr(stopped, "exit_code", 130))
    try:
        run_cli()
    except SystemExit as done:
        if done.code not in signals.EXIT_CODES:
            raise
        # Interrupted, the one line said: end now. Python's own exit would first join the worker
        # pool's thread, which can wait for ever on a result that a killed worker sent half of.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(done.code)
