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
