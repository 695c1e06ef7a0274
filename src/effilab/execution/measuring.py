"""The measurement phase of an evaluation: for each task with a workload, its passed codes (candidates and the
baseline reference) are measured together in one job, interleaved, and remembered in the store."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence

from effilab.execution.executor import Executor
from effilab.execution.store import Store
from effilab.languages.python import JOB_MARSHAL_VERSION
from effilab.measure.engine import VALGRIND_OPEN_FILES, MeasureSpec, Measurement, measure_codes
from effilab.sandbox import Limits, SubprocessSandbox
from effilab.tasks.models import Candidate, Reference, Task


def baseline_reference(task: Task) -> Reference | None:
    """What a task's candidates are compared with: its efficient reference, else its canonical one."""
    for role in ("efficient", "canonical"):
        for ref in task.references:
            if ref.role == role:
                return ref
    return None


def baseline_candidates(tasks: Sequence[Task]) -> list[Candidate]:
    out = []
    for task in tasks:
        ref = baseline_reference(task)
        if ref is not None and task.workload is not None:
            out.append(Candidate(task_id=task.id, code=ref.code,
                                 origin={"role": ref.role, "reference": ref.name, "baseline": True}))
    return out


def measure_hash(task: Task, verdict_config_hash: str, spec: MeasureSpec, limits: Limits) -> str:
    """What a measurement depends on: the verdict's config (code, tests, sandbox, harness), the workload, the
    measurement spec and the limits."""
    workload = task.workload.model_dump_json() if task.workload else ""
    payload = {"verdict": verdict_config_hash, "workload": workload, "spec": dataclasses.asdict(spec),
               "limits": dataclasses.asdict(limits),
               # how the run is set up for callgrind: counts taken before these were fixed differ by a few
               "counting": {"job_marshal": JOB_MARSHAL_VERSION, "valgrind_open_files": VALGRIND_OPEN_FILES}}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def measure_passed(tasks: Sequence[Task], passed: Sequence[Candidate], spec: MeasureSpec, limits: Limits,
                   sandbox: SubprocessSandbox, executor: Executor, hashes: dict[str, str],
                   store: Store | None = None,
                   on_task: Callable[[str], None] | None = None) -> dict[tuple[str, str], Measurement]:
    """Measure every passed code of every task that has a workload. Baselines first within a task's job."""
    by_id = {t.id: t for t in tasks}
    out: dict[tuple[str, str], Measurement] = {}
    jobs: dict[str, list[Candidate]] = {}
    seen: set[tuple[str, str]] = set()
    for cand in sorted(passed, key=lambda c: not c.origin.get("baseline")):
        task = by_id[cand.task_id]
        if task.workload is None or not task.workload.generator:
            continue
        key = (cand.task_id, cand.code_hash)
        if key in seen:
            continue
        seen.add(key)
        mhash = measure_hash(task, hashes[cand.task_id], spec, limits)
        cached = store.get_measurement(cand.task_id, cand.code_hash, mhash) if store else None
        if cached is not None:
            out[key] = Measurement.model_validate(cached)
        else:
            jobs.setdefault(cand.task_id, []).append(cand)

    def work(task_id: str) -> list[Measurement]:
        return measure_codes(by_id[task_id], [c.code for c in jobs[task_id]], sandbox, spec, limits)

    def lost(task_id: str, exc: BaseException) -> list[Measurement]:  # reported on every code, not stored
        return [Measurement(errors=[f"the job failed outside the sandbox: {exc}"]) for _ in jobs[task_id]]

    for task_id, measurements in executor.map_unordered(work, list(jobs), on_error=lost):
        mhash = measure_hash(by_id[task_id], hashes[task_id], spec, limits)
        for cand, measurement in zip(jobs[task_id], measurements):
            out[(task_id, cand.code_hash)] = measurement
            if store and not measurement.errors:
                store.put_measurement(task_id, cand.code_hash, mhash, measurement.model_dump(mode="json"))
        if on_task:
            on_task(task_id)
    return out


def pending_tasks(tasks: Sequence[Task], passed: Sequence[Candidate]) -> int:
    with_workload = {t.id for t in tasks if t.workload is not None and t.workload.generator}
    return len({c.task_id for c in passed if c.task_id in with_workload})
