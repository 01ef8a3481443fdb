"""Signals that end a run: Ctrl-C (SIGINT), SIGTERM (a CI runner cancelling a job), SIGHUP (a closed
terminal). Each becomes an exception in the main process, so the run ends its worker processes on
the way out (`runner/batch.py`) and says so in one line; a worker exits when its parent is gone."""

from __future__ import annotations

import os
import signal
import threading


class Stopped(KeyboardInterrupt):
    """A run ended by SIGTERM or SIGHUP: handled like Ctrl-C, with the signal's own exit code."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.exit_code = 128 + signum


def _raise(signum: int, frame) -> None:
    raise Stopped(signum)


STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
EXIT_CODES = frozenset({130, *(128 + signum for signum in STOPPING)})  # Ctrl-C's, and these signals'


def install() -> None:
    """In the `im-lint` process only (a program using the API keeps its own handlers)."""
    for signum in STOPPING:
        if signal.getsignal(signum) is signal.SIG_DFL:  # not where someone chose to ignore it (nohup)
            signal.signal(signum, _raise)


def as_worker(parent: int, interval: float = 0.2) -> None:
    """In a worker process: Ctrl-C is the main process's to handle (it ends the workers); SIGTERM and
    SIGHUP end the worker at once; and the worker exits by itself when its parent has died (killed
    with SIGKILL, say), instead of living on and holding the output the CI step reads."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOPPING:
        signal.signal(signum, signal.SIG_DFL)

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(interval)
        os._exit(1)

    threading.Thread(target=watch, name="im-lint-parent-watch", daemon=True).start()
