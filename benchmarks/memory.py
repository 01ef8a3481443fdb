"""Run a command and record its wall time and the peak of the RSS summed over its whole process tree.

`/usr/bin/time -v` reports the largest single process, which hides the cost of worker pools: eight
workers of 40 MiB are 320 MiB of real memory, not 40. So we poll /proc ourselves (standard library
only, no psutil) every 20 ms and keep the maximum of the sum.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time

POLL_SECONDS = 0.02


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process. The kernel here has no /proc/PID/task/TID/children, so we
    read each /proc/PID/stat; that costs about half a millisecond per scan."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                # The command name (field 2) may hold spaces and ')', so split after its last ')'.
                fields = stat.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended between listdir and open
        table[int(name)] = int(fields[1])
    return table


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            return next((int(line.split()[1]) * 1024 for line in status if line.startswith(b"VmRSS:")), 0)
    except OSError:
        return 0  # ended; a zombie has no VmRSS line, hence the 0 above


def tree_rss(root: int) -> int:
    """RSS of `root` and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_bytes(pid)
        todo.extend(children.get(pid, ()))
    return total


def run(command: list[str], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) -> tuple[float, float, int, int, bytes]:
    """(wall seconds, CPU seconds, exit code, peak tree RSS in bytes, stderr) of one run of `command`.

    The poller is a thread, so the main thread can wait() on the process and the wall time is exact,
    not rounded up to the next poll. CPU time (user + system, workers included once they are reaped)
    tells a slow program from a busy machine: other load stretches the wall time, hardly the CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(POLL_SECONDS)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    _, err = process.communicate()  # drains stderr, so a chatty process cannot block on a full pipe
    wall = time.perf_counter() - start
    done.set()
    poller.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, process.returncode, peak, err or b""
