"""Quieter timing on a shared machine: a higher scheduling priority for measurement runs.

On Linux the nice value belongs to a thread and a child inherits it from the thread that forked it, so raising the
priority of the calling thread around the spawn of a measurement run gives that run (and nothing else of ours) a
larger share of its core against other work on the machine. Lowering the nice value needs root (CAP_SYS_NICE);
elsewhere the run keeps the default and the measurement says so.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def priority(nice: int | None) -> Iterator[int | None]:
    """Run the body with this thread's nice value set to `nice`; yields the value in force (None: unchanged)."""
    if nice is None or not hasattr(os, "setpriority"):
        yield None
        return
    tid = threading.get_native_id()
    before = os.getpriority(os.PRIO_PROCESS, tid)
    try:
        os.setpriority(os.PRIO_PROCESS, tid, nice)
    except OSError:  # not permitted: an unprivileged user may only lower its priority
        yield None
        return
    try:
        yield nice
    finally:
        os.setpriority(os.PRIO_PROCESS, tid, before)


def fixed_layout_prefix() -> tuple[str, ...]:
    """A command prefix that starts the run with address-space randomisation off (`setarch -R`), if available.

    With randomisation on, every process gets a different stack, heap and library layout, which moves data across
    cache sets and shifts timings by a few percent between otherwise identical runs (Mytkowicz et al., "Producing
    wrong data without doing anything obviously wrong!", ASPLOS 2009).
    """
    setarch = shutil.which("setarch")
    return (setarch, platform.machine(), "-R") if setarch else ()


class CorePool:
    """The cores this process may use, lent one at a time to timing runs so that no two share a core.

    A timing run pinned to a core of its own neither migrates mid-pass nor competes with a concurrent measurement;
    when every core is lent, the next run waits (timing concurrency never exceeds the core count).
    """

    def __init__(self, cores: set[int] | None = None) -> None:
        if cores is None:
            cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set(range(os.cpu_count() or 1))
        self._free = sorted(cores)
        self._ready = threading.Condition()

    @contextlib.contextmanager
    def core(self) -> Iterator[int]:
        with self._ready:
            self._ready.wait_for(lambda: bool(self._free))
            cpu = self._free.pop(0)
        try:
            yield cpu
        finally:
            with self._ready:
                self._free.append(cpu)
                self._free.sort()
                self._ready.notify()


CORES = CorePool()
