"""`evaluate(tasks, candidates)`: judge every candidate on its task, in parallel, through the result store."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from effilab import __version__
from effilab.execution.executor import Executor, LocalExecutor
from effilab.execution.store import Store
from effilab.languages import runners
from effilab.languages.verdict import STATUSES, Verdict
from effilab.metrics.passk import pass_at_ks
from effilab.sandbox import Limits, SubprocessSandbox, get_sandbox
from effilab.tasks.models import Candidate, Task


@dataclass(frozen=True)
class EvalConfig:
    sandbox: str = "auto"
    limits: Limits = field(default_factory=Limits)
    retries: int = 2  # extra attempts for sandbox_error (our fault, never scored)


@dataclass
class CandidateResult:
    candidate: Candidate
    verdict: Verdict
    cached: bool = False


def task_fingerprint(task: Task) -> str:
    """What a verdict depends on besides the code: tests, set-up, entry point, language."""
    body = task.model_dump_json(include={"language", "entry_point", "setup_code", "tests"})
    return hashlib.sha256(body.encode()).hexdigest()[:16]


@functools.cache
def _harness_digest() -> str:
    from effilab.languages.python import harness_source

    return hashlib.sha256(harness_source().encode()).hexdigest()[:16]


def config_hash(task: Task, config: EvalConfig, backend: str) -> str:
    payload = {
        "effilab": __version__,
        "harness": _harness_digest(),
        "limits": dataclasses.asdict(config.limits),
        "backend": backend,
        "task": task_fingerprint(task),
    }
    if task.language == "cpp":  # a verdict on C++ also depends on the compiler and its flags
        from effilab.languages.cpp import CompileConfig, compiler_identity

        payload["compiler"] = [compiler_identity("g++"), CompileConfig().flags("run")]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def judge_once(task: Task, code: str, sandbox: SubprocessSandbox, config: EvalConfig) -> Verdict:
    run = runners.get(task.language)
    verdict = run(task, code, sandbox, config.limits)
    for _ in range(config.retries):
        if verdict.status != "sandbox_error":
            break
        verdict = run(task, code, sandbox, config.limits)
    return verdict


def evaluate(tasks: Sequence[Task], candidates: Sequence[Candidate], config: EvalConfig = EvalConfig(),
             store: Store | None = None, executor: Executor | None = None,
             on_result: Callable[[CandidateResult], None] | None = None,
             sandbox: SubprocessSandbox | None = None) -> list[CandidateResult]:
    """Judge candidates; identical (task, code, config) work is done once and remembered in the store."""
    by_id = {t.id: t for t in tasks}
    unknown = sorted({c.task_id for c in candidates} - by_id.keys())
    if unknown:
        raise ValueError(f"candidates name tasks that were not loaded: {', '.join(unknown[:5])}")
    sandbox = sandbox or get_sandbox(config.sandbox)
    executor = executor or LocalExecutor()
    hashes = {t.id: config_hash(t, config, sandbox.name) for t in tasks}

    verdicts: dict[tuple[str, str], tuple[Verdict, bool]] = {}
    todo: dict[tuple[str, str], Candidate] = {}
    for cand in candidates:
        key = (cand.task_id, cand.code_hash)
        if key in verdicts or key in todo:
            continue
        cached = store.get(cand.task_id, cand.code_hash, hashes[cand.task_id]) if store else None
        if cached is not None:
            verdicts[key] = (cached, True)
        else:
            todo[key] = cand

    def emit(cand: Candidate) -> None:
        if on_result:
            verdict, cached = verdicts[(cand.task_id, cand.code_hash)]
            on_result(CandidateResult(cand, verdict, cached))

    reported: set[tuple[str, str]] = set()
    for cand in candidates:  # cached results first, so progress starts where the last run stopped
        key = (cand.task_id, cand.code_hash)
        if key in verdicts and key not in reported:
            reported.add(key)
            emit(cand)

    def work(cand: Candidate) -> Verdict:
        return judge_once(by_id[cand.task_id], cand.code, sandbox, config)

    def lost(cand: Candidate, exc: BaseException) -> Verdict:  # a worker died (or our code raised): never scored
        return Verdict(status="sandbox_error", reason=f"the job failed outside the sandbox: {exc}",
                       tests_total=len(by_id[cand.task_id].tests))

    for cand, verdict in executor.map_unordered(work, list(todo.values()), on_error=lost):
        key = (cand.task_id, cand.code_hash)
        if store and verdict.status != "sandbox_error":
            store.put(cand.task_id, cand.code_hash, hashes[cand.task_id], verdict)
        verdicts[key] = (verdict, False)
        emit(cand)
    return [CandidateResult(c, *verdicts[(c.task_id, c.code_hash)]) for c in candidates]


def summarize(results: Sequence[CandidateResult]) -> dict:
    """Verdict counts, passed/total over candidates, pass@k over tasks (k where every task has enough samples)."""
    counts = Counter(r.verdict.status for r in results)
    per_task: dict[str, list[bool]] = {}  # sandbox errors are ours: they do not count as samples
    for r in results:
        if r.verdict.status != "sandbox_error":
            per_task.setdefault(r.candidate.task_id, []).append(r.verdict.passed)
    summary = {
        "tasks": len({r.candidate.task_id for r in results}),
        "total": len(results),
        "passed": counts.get("passed", 0),
        "verdicts": {status: counts.get(status, 0) for status in STATUSES},
        "cached": sum(r.cached for r in results),
    }
    summary.update(pass_at_ks([(len(v), sum(v)) for v in per_task.values()]))
    return summary
