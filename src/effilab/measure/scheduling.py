"""Quieter timing on a shared machine: a higher scheduling priority for measurement runs.

On Linux the nice value belongs to a thread and a child inherits it from the thread that forked it, so raising the
priority of the calling thread around the spawn of a measurement run gives that run (and nothing else of ours) a
larger share of its core against other work on the machine. Lowering the nice value needs root (CAP_SYS_NICE);
elsewhere the run keeps the default and the measurement says so.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import platform
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

# per-core locks shared by every effilab process on the machine
LOCK_DIR = Path(os.environ.get("EFFILAB_CORE_LOCKS", "/run/effilab-cores" if os.access("/run", os.W_OK)
                               else os.path.join(os.environ.get("TMPDIR", "/tmp"), f"effilab-cores-{os.getuid()}")))


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
    when every core is lent, the next run waits (timing concurrency never exceeds the core count). A core is also
    locked across processes (a file lock per core in `lock_dir`): Ray workers, or two effilab commands, on one
    machine each have a pool, and must not pin two timing runs to the same core.
    """

    def __init__(self, cores: set[int] | None = None, lock_dir: Path | None = LOCK_DIR) -> None:
        if cores is None:
            cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set(range(os.cpu_count() or 1))
        self._free = sorted(cores)
        self._ready = threading.Condition()
        self.lock_dir = lock_dir

    def _lock(self, cpu: int):
        """An exclusive hold on `cpu` across processes, or None when another process holds it."""
        if self.lock_dir is None:
            return contextlib.nullcontext()
        self.lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = open(self.lock_dir / f"{cpu}.lock", "w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return None
        return handle

    @contextlib.contextmanager
    def core(self) -> Iterator[int]:
        while True:
            with self._ready:
                self._ready.wait_for(lambda: bool(self._free))
                held = next(((cpu, h) for cpu in self._free if (h := self._lock(cpu)) is not None), None)
                if held is not None:
                    self._free.remove(held[0])
                    break
            time.sleep(0.02)  # every free core of ours is held by another process: wait for one
        cpu, handle = held
        try:
            yield cpu
        finally:
            handle.close()
            with self._ready:
                self._free.append(cpu)
                self._free.sort()
                self._ready.notify()


CORES = CorePool()
