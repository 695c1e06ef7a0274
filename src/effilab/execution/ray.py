"""The Ray executor: the local executor's interface, with the jobs spread over a Ray cluster.

Each job is one Ray task holding `cpus_per_job` CPUs (default 1), so Ray never runs more jobs on a node than it has
cores: a timing run shares its core with nobody of ours. At most `max_in_flight` jobs are submitted at a time
(backpressure: a million jobs never sit in the object store), and results come back in the order they finish, so
the caller streams them into its store as on one machine. A worker process that dies (killed, out of memory, its
node gone) is retried by Ray up to `max_retries` times; an exception raised by the job itself is not retried (it
is a bug or a verdict, not bad luck). A job that still fails goes to `on_error`, so it is reported, never lost. A
job running far longer than the median of finished ones is reported once as a straggler.
"""

from __future__ import annotations

import logging
import os
import platform
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import ray
from ray.exceptions import RayError, RayTaskError

from effilab.execution.executor import OnError

J = TypeVar("J")
R = TypeVar("R")
log = logging.getLogger(__name__)

# environment variables of ours that the workers must see as the driver does (the interpreter, fork server switch,
# uid pool); everything else of the sandboxed run's environment is scrubbed by the sandbox itself
FORWARDED_PREFIX = "EFFILAB_"


@dataclass(frozen=True)
class Straggler:
    job: object
    seconds: float  # in flight when reported (queued time included)
    median_s: float  # median duration of the jobs finished by then


class WorkerLost(RuntimeError):
    """A job whose worker died more often than the retries allow."""


def _forwarded_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith(FORWARDED_PREFIX)}


def connect(address: str | None = None, num_cpus: int | None = None, runtime_env: dict | None = None) -> None:
    """Join the cluster at `address` ("auto": the one started with `ray start` on this machine), or start a local
    one with `num_cpus` CPUs. A session that already has Ray initialised keeps it."""
    if ray.is_initialized():
        return
    env = {"env_vars": _forwarded_env()} if _forwarded_env() else {}
    env.update(runtime_env or {})
    kwargs: dict = {"include_dashboard": False, "runtime_env": env or None, "log_to_driver": True}
    if address:
        ray.init(address=address, **kwargs)
    else:
        ray.init(num_cpus=num_cpus, **kwargs)


def _cluster_cpus() -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


class RayExecutor:
    """Jobs to results on a Ray cluster; `workers` is how many jobs run at once (the cluster's CPUs / cpus_per_job
    unless given)."""

    def __init__(self, workers: int | None = None, address: str | None = None, cpus_per_job: float = 1,
                 max_in_flight: int | None = None, max_retries: int = 2, straggler_factor: float = 5.0,
                 straggler_min_s: float = 30.0, runtime_env: dict | None = None,
                 on_straggler: Callable[[Straggler], None] | None = None) -> None:
        connect(address, num_cpus=workers if not address else None, runtime_env=runtime_env)
        self.cpus_per_job = cpus_per_job
        self.workers = workers or max(1, int(_cluster_cpus() // cpus_per_job))
        self.max_in_flight = max_in_flight or 2 * self.workers
        self.max_retries = max_retries
        self.straggler_factor, self.straggler_min_s = straggler_factor, straggler_min_s
        self.on_straggler = on_straggler or (lambda s: log.warning(
            "straggler: a job has been in flight %.1fs (median job %.1fs): %r", s.seconds, s.median_s, s.job))
        self.stragglers: list[Straggler] = []
        self.nodes: Counter[str] = Counter()  # node name -> jobs it ran, over the executor's life

    def map_unordered(self, fn: Callable[[J], R], jobs: Iterable[J],
                      on_error: OnError | None = None) -> Iterator[tuple[J, R]]:
        """Yield (job, result) as jobs finish on the cluster, with at most `max_in_flight` submitted at a time."""

        def run_job(job: J) -> tuple[R, str]:
            # the node's name comes back with the result: the run records which node did what
            return fn(job), platform.node()

        # one remote function per call: Ray ships `fn` (and what it closes over: the tasks) once to each worker,
        # not once per job
        remote = ray.remote(num_cpus=self.cpus_per_job, max_retries=self.max_retries,
                            retry_exceptions=False)(run_job)
        jobs = iter(jobs)
        running: dict[ray.ObjectRef, tuple[J, float]] = {}
        durations: list[float] = []
        reported: set[ray.ObjectRef] = set()

        def fill() -> None:
            while len(running) < self.max_in_flight:
                job = next(jobs, None)
                if job is None:
                    return
                running[remote.remote(job)] = (job, time.monotonic())

        fill()
        try:
            while running:
                done, _ = ray.wait(list(running), num_returns=1, timeout=1.0)
                for ref in done:
                    job, started = running.pop(ref)
                    reported.discard(ref)
                    try:
                        result, node = ray.get(ref)
                    except RayTaskError as exc:  # the job itself raised: not retried
                        cause = exc.cause if isinstance(exc.cause, BaseException) else exc
                        if on_error is None:
                            raise cause from exc
                        yield job, on_error(job, cause)
                        continue
                    except RayError as exc:  # its worker (or node) died more often than the retries allow
                        if on_error is None:
                            raise WorkerLost(f"job lost after {self.max_retries} retries: {exc}") from exc
                        yield job, on_error(job, WorkerLost(str(exc).splitlines()[0] if str(exc) else repr(exc)))
                        continue
                    durations.append(time.monotonic() - started)
                    self.nodes[node] += 1
                    yield job, result
                self._watch_stragglers(running, durations, reported)
                fill()
        finally:
            for ref in running:  # the caller stopped early: do not leave work queued on the cluster
                ray.cancel(ref, force=False)

    def _watch_stragglers(self, running: dict, durations: list[float], reported: set) -> None:
        if len(durations) < 3:
            return
        median_s = statistics.median(durations)
        now = time.monotonic()
        threshold = max(self.straggler_min_s, self.straggler_factor * median_s)
        for ref, (job, started) in running.items():
            if ref not in reported and now - started > threshold:
                reported.add(ref)
                straggler = Straggler(job, round(now - started, 3), round(median_s, 3))
                self.stragglers.append(straggler)
                self.on_straggler(straggler)

    def close(self) -> None:
        """Nothing to release: the cluster outlives the executor (ray.shutdown() ends a local one)."""

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
