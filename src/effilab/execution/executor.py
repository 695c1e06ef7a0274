"""Executors run independent jobs in parallel and hand back results as they finish.

`local` uses threads: every job's real work happens in a sandboxed subprocess, so threads are enough to keep
all cores busy without pickling tasks into worker processes. `ray` (execution/ray.py, the `ray` extra) spreads the
same jobs over a Ray cluster. Both keep at most 2 x workers jobs in flight, so a million jobs never sit in memory.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Protocol, TypeVar

from effilab.registry import Registry

J = TypeVar("J")
R = TypeVar("R")

# what to make of a job that raised or whose worker was lost: a result to yield in its place (None: re-raise)
OnError = Callable[[J, BaseException], R]


class Executor(Protocol):
    workers: int

    def map_unordered(self, fn: Callable[[J], R], jobs: Iterable[J],
                      on_error: OnError | None = None) -> Iterator[tuple[J, R]]:
        ...


class LocalExecutor:
    """A thread pool kept for the executor's life: its threads, and the fork servers each thread keeps warm, are
    reused by every `map_unordered` call (a pool per call would start new servers each time)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def _threads(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="effilab")
            return self._pool

    def map_unordered(self, fn: Callable[[J], R], jobs: Iterable[J],
                      on_error: OnError | None = None) -> Iterator[tuple[J, R]]:
        """Yield (job, result) as jobs finish, keeping at most 2 x workers in flight (bounded memory)."""
        jobs = iter(jobs)
        pool = self._threads()
        running: dict[Future, J] = {}

        def fill() -> None:
            while len(running) < 2 * self.workers:
                job = next(jobs, None)
                if job is None:
                    return
                running[pool.submit(fn, job)] = job

        fill()
        try:
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    job = running.pop(future)
                    error = future.exception()
                    if error is not None and on_error is None:
                        raise error
                    yield job, (on_error(job, error) if error is not None else future.result())
                fill()
        finally:
            for future in running:
                future.cancel()

    def close(self) -> None:
        """End the threads (their fork servers stop with them)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


executors: Registry[Callable[..., Executor]] = Registry("executor")
executors.register("local")(LocalExecutor)
executors.register_lazy("ray", "effilab.execution.ray:RayExecutor", extra="ray")


def make_executor(name: str = "local", **options) -> Executor:
    """The executor registered as `name`, built with `options` (e.g. workers=4; for ray: address="auto")."""
    return executors.get(name)(**options)
