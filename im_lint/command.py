"""The `im-lint` executable: prepares its own process, then runs the command line (`cli.run`)."""

from __future__ import annotations

import gc
import os
import sys


def run() -> None:
    # The command needs none of pydantic's plugins, and looking for them (through every installed
    # distribution's metadata) is a tenth of a cold start. Set here, where the process is im-lint's
    # own and before any model is made; importing im_lint.cli (from a test or a program) changes nothing.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Start-up makes many objects and no garbage cycles (imports, model classes, the pack): the
    # collector would only walk them again and again. On once the command runs, with what start-up
    # made frozen out of its sight, and collecting the young objects every 20,000 allocations, not
    # 700: a command's own start (its imports, the engine, the compiled pack) makes thousands of
    # long-lived objects too, and each collection would walk them again (2 ms of a cold check).
    gc.disable()
    from im_lint import signals

    signals.install()  # SIGTERM and SIGHUP end the run as Ctrl-C does, workers and all
    try:
        from im_lint.cli import run as run_cli  # a tenth of a second of imports: Ctrl-C may land here
    except KeyboardInterrupt as stopped:
        sys.stderr.write("\nim-lint: interrupted before it started; nothing was changed.\n")
        sys.exit(getattr(stopped, "exit_code", 130))
    finally:
        gc.freeze()
        gc.set_threshold(20_000, 10, 10)
        gc.enable()
    try:
        run_cli()
        code = 0
    except SystemExit as done:
        code = 0 if done.code is None else done.code
        if not isinstance(code, int):
            raise
    # Every file im-lint writes is closed by then (written whole, atomic.py) and the worker pool has
    # ended; what is left is standard output and error. Flushed, the process ends without Python's
    # teardown (freeing every object one by one: a tenth of a short run) and, when interrupted,
    # without joining a pool thread that may wait for ever on a result a killed worker sent half of.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            if code not in signals.EXIT_CODES:
                raise SystemExit(code) from None  # Python's own exit reports it, as before
    if code not in signals.EXIT_CODES:
        import atexit

        atexit._run_exitfuncs()  # what registered to run at exit (temporary folders' clean-up) still does
    os._exit(code)
