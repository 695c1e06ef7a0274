"""Rewards for RL trainers, in TRL's reward-function interface: `f(completions, **kwargs) -> list[float | None]`.

TRL's GRPOTrainer calls each reward function as `f(prompts=..., completions=..., completion_ids=..., **columns)`
where `columns` are the dataset's other columns repeated per completion (here `task_id` names the task), plus
`trainer_state`, `log_extra` and `log_metric`. A completion is a string, or a list of chat messages whose last one
holds the reply. The functions are plain module-level functions; a `CodeJudge` (the tasks, an executor, a sandbox
and a cache) is bound to them with `functools.partial`, the form TRL names and pickles:

    judge = CodeJudge.from_tasks("suite", executor="ray")
    trainer = GRPOTrainer(..., reward_funcs=rewards_for(judge, ["correctness", "efficiency"]))

Every completion's code is judged in the sandbox, all of a batch at once through the executor (local threads or
Ray). The three functions share one verdict per (task, code), so asking for several rewards runs each code once.
`None` means "no signal" (an unknown task, a task without a workload): TRL ignores it in the weighted sum.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from effilab.execution.evaluate import EvalConfig, config_hash, evaluate
from effilab.execution.executor import Executor, make_executor
from effilab.execution.measuring import baseline_reference, measure_passed
from effilab.execution.store import Store
from effilab.generation.extract import extract_code
from effilab.languages.verdict import Verdict
from effilab.measure.engine import MeasureSpec
from effilab.sandbox import Limits, SubprocessSandbox, get_sandbox
from effilab.tasks.models import Candidate, Task

Key = tuple[str, str]  # (task id, code hash)


def reply_text(completion: Any) -> str:
    """The text of one completion: a string, or the content of the last message of a conversation."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, list) and completion and isinstance(completion[-1], dict):
        content = completion[-1].get("content", "")
        if isinstance(content, list):  # multimodal content parts: keep the text ones
            return "".join(part.get("text", "") for part in content if isinstance(part, dict))
        return str(content or "")
    return str(completion or "")


def _defines(code: str, name: str) -> bool:
    return bool(name) and re.search(rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(name)}\b", code, re.M) is not None


def completion_code(task: Task, completion: Any) -> str:
    """The program a completion stands for: the code extracted from the reply, or, for a reply that continues the
    task's prompt (HumanEval style: the body only), the prompt followed by the reply."""
    text = reply_text(completion)
    code = extract_code(text, task.entry_point, task.language)
    head = (task.entry_point or "").partition(".")[0]
    if task.language == "python" and head and not _defines(code, head) and _defines(task.prompt, head):
        return task.prompt + text
    return code


@dataclass(frozen=True)
class MeasureLimits:
    """Limits of the instruction-count runs (callgrind is ~70x slower than native; the engine scales for it)."""

    wall_s: float = 120.0
    memory_mb: int = 2048


class CodeJudge:
    """Judges completions of known tasks in the sandbox, through an executor, remembering every verdict and
    instruction count (in memory, bounded, and in `store` when given, which outlives the trainer)."""

    def __init__(self, tasks: Sequence[Task], executor: Executor | None = None,
                 sandbox: SubprocessSandbox | None = None, config: EvalConfig | None = None,
                 store: Store | None = None, measure_limits: MeasureLimits = MeasureLimits(),
                 instruction_calls: int | None = 20, cache_size: int = 100_000) -> None:
        self.tasks = {t.id: t for t in tasks}
        self.sandbox = sandbox or get_sandbox(config.sandbox if config else "auto")
        self.config = config or EvalConfig(sandbox=self.sandbox.name)
        self.executor = executor or make_executor("local")  # kept: its workers' fork servers stay warm
        self.store = store
        self.limits = Limits(wall_s=measure_limits.wall_s, cpu_s=measure_limits.wall_s,
                             memory_mb=measure_limits.memory_mb)
        # the deterministic cost only, on the first `instruction_calls` workload calls of each size
        self.spec = MeasureSpec(time=False, memory=False, instructions=True,
                                instruction_calls_per_size=instruction_calls)
        self.hashes = {t.id: config_hash(t, self.config, self.sandbox.name) for t in tasks}
        self._verdicts: OrderedDict[Key, Verdict] = OrderedDict()
        self._instructions: OrderedDict[Key, int | None] = OrderedDict()
        self.cache_size = cache_size

    @classmethod
    def from_tasks(cls, source: str = "suite", executor: str = "local", workers: int | None = None,
                   ray_address: str | None = None, sandbox: str = "auto", timeout_s: float = 10.0,
                   memory_mb: int = 2048, store: str | None = None, limit: int | None = None) -> CodeJudge:
        """A judge over a task set named as on the command line (loader, 'loader:path' or a path)."""
        from effilab.tasks.loaders import load_tasks

        options: dict = {"workers": workers}
        if ray_address:
            options["address"] = ray_address
        box = get_sandbox(sandbox)
        config = EvalConfig(sandbox=box.name, limits=Limits(wall_s=timeout_s, cpu_s=timeout_s, memory_mb=memory_mb))
        return cls(load_tasks(source, limit=limit), make_executor(executor, **options), box, config,
                   Store(store) if store else None)

    # --- what the reward functions ask ------------------------------------------------------------------------
    def candidates(self, completions: Sequence[Any], task_ids: Sequence[str]) -> list[Candidate | None]:
        if len(completions) != len(task_ids):
            raise ValueError(f"{len(completions)} completions but {len(task_ids)} task ids")
        out: list[Candidate | None] = []
        for completion, task_id in zip(completions, task_ids):
            task = self.tasks.get(task_id)
            out.append(None if task is None else Candidate(task_id=task_id, code=completion_code(task, completion),
                                                           origin={"rl": True}))
        return out

    def verdicts(self, candidates: Sequence[Candidate | None]) -> list[Verdict | None]:
        """One verdict per candidate; codes not yet judged are judged together, in parallel."""
        fresh = {(c.task_id, c.code_hash): c for c in candidates if c is not None
                 and (c.task_id, c.code_hash) not in self._verdicts}
        judged: dict[Key, Verdict] = {}
        if fresh:
            tasks = [self.tasks[t] for t in sorted({c.task_id for c in fresh.values()})]
            for result in evaluate(tasks, list(fresh.values()), self.config, store=self.store,
                                   executor=self.executor, sandbox=self.sandbox):
                key = (result.candidate.task_id, result.candidate.code_hash)
                judged[key] = result.verdict
                if result.verdict.status != "sandbox_error":  # ours: asked again next time, never remembered
                    self._remember(self._verdicts, key, result.verdict)
        return [None if c is None else judged.get((c.task_id, c.code_hash)) or self._verdicts[(c.task_id, c.code_hash)]
                for c in candidates]

    def instructions(self, passed: Sequence[Candidate]) -> dict[Key, int | None]:
        """Instruction counts of passed codes and of their tasks' baseline references, measured per task in one job
        (baseline first), in parallel over tasks."""
        want: dict[Key, Candidate] = {}
        for cand in passed:
            task = self.tasks[cand.task_id]
            ref = baseline_reference(task)
            if task.workload is None or not task.workload.generator or ref is None:
                continue
            base = Candidate(task_id=task.id, code=ref.code, origin={"baseline": True})
            for c in (base, cand):
                key = (c.task_id, c.code_hash)
                if key not in self._instructions and key not in want:
                    want[key] = c
        if want:
            tasks = [self.tasks[t] for t in sorted({k[0] for k in want})]
            found = measure_passed(tasks, list(want.values()), self.spec, self.limits, self.sandbox, self.executor,
                                   self.hashes, store=self.store)
            for key in want:
                m = found.get(key)
                count = m.instructions if m is not None and not m.errors else None
                if count is not None:
                    self._remember(self._instructions, key, count)
        return dict(self._instructions)

    def baseline_key(self, task_id: str) -> Key | None:
        ref = baseline_reference(self.tasks[task_id])
        return (task_id, Candidate(task_id=task_id, code=ref.code).code_hash) if ref is not None else None

    def _remember(self, cache: OrderedDict, key: Key, value: object) -> None:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > self.cache_size:
            cache.popitem(last=False)

    def close(self) -> None:
        close = getattr(self.executor, "close", None)
        if close:
            close()
        if self.store is not None:
            self.store.close()


# --- the reward functions (TRL's interface) ------------------------------------------------------------------


def correctness_reward(completions: list, task_id: list[str], *, judge: CodeJudge, partial_credit: bool = False,
                       **kwargs) -> list[float | None]:
    """1.0 when every test passes, else 0.0 (with `partial_credit`: the share of tests passed, at most 0.5 for
    code that does not pass them all, so passing stays worth more than any partial score)."""
    verdicts = judge.verdicts(judge.candidates(completions, task_id))
    out: list[float | None] = []
    for v in verdicts:
        if v is None:
            out.append(None)
        elif v.passed:
            out.append(1.0)
        elif partial_credit and v.tests_total:
            out.append(0.5 * sum(t.status == "ok" for t in v.tests) / v.tests_total)
        else:
            out.append(0.0)
    return out


def compile_reward(completions: list, task_id: list[str], *, judge: CodeJudge, **kwargs) -> list[float | None]:
    """1.0 when the code compiles (C++: g++ accepts it under the task's compile policy; Python: it parses and loads),
    else 0.0. It comes from the same sandboxed run as the correctness verdict."""
    verdicts = judge.verdicts(judge.candidates(completions, task_id))
    return [None if v is None else 0.0 if v.status in ("compile_error",) else 1.0 for v in verdicts]


def efficiency_reward(completions: list, task_id: list[str], *, judge: CodeJudge, cap: float = 2.0,
                      **kwargs) -> list[float | None]:
    """For correct code: its speed-up over the task's baseline reference in the deterministic cost (instruction
    count of the workload under callgrind), capped at `cap` and scaled to (0, 1]: 0.5 = as fast as the reference
    (cap 2), 1.0 = `cap` times faster or more, 0.1 = five times slower. Wrong code gets 0.0; a task without a
    workload, or a count that could not be taken, gives None (no signal)."""
    candidates = judge.candidates(completions, task_id)
    verdicts = judge.verdicts(candidates)
    passed = [c for c, v in zip(candidates, verdicts) if c is not None and v is not None and v.passed]
    counts = judge.instructions(passed)
    out: list[float | None] = []
    for cand, verdict in zip(candidates, verdicts):
        if cand is None or verdict is None:
            out.append(None)
            continue
        if not verdict.passed:
            out.append(0.0)
            continue
        base_key = judge.baseline_key(cand.task_id)
        base, mine = counts.get(base_key) if base_key else None, counts.get((cand.task_id, cand.code_hash))
        if not base or not mine:
            out.append(None)
            continue
        out.append(min(base / mine, cap) / cap)
    return out


REWARDS: dict[str, Callable[..., list[float | None]]] = {
    "correctness": correctness_reward,
    "compile": compile_reward,
    "efficiency": efficiency_reward,
}


def rewards_for(judge: CodeJudge, names: Sequence[str | dict]) -> list[Callable[..., list[float | None]]]:
    """The named reward functions bound to `judge`; an entry may be {"name": ..., **options} (e.g. cap=3)."""
    out = []
    for entry in names:
        name, options = (entry, {}) if isinstance(entry, str) else (entry["name"], {k: v for k, v in entry.items()
                                                                                     if k != "name"})
        if name not in REWARDS:
            raise KeyError(f"unknown reward {name!r}; known: {', '.join(REWARDS)}")
        out.append(functools.partial(REWARDS[name], judge=judge, **options))
    return out


def rewards_from_config(path: str | Path) -> tuple[CodeJudge, list[Callable], list[float] | None]:
    """The judge, reward functions and weights a YAML file describes (see configs/grpo_rewards.yaml)."""
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    judge = CodeJudge.from_tasks(**(data.get("judge") or {}))
    entries = data.get("rewards") or ["correctness"]
    weights = [float(e.get("weight", 1.0)) if isinstance(e, dict) else 1.0 for e in entries]
    entries = [{k: v for k, v in e.items() if k != "weight"} if isinstance(e, dict) else e for e in entries]
    return judge, rewards_for(judge, entries), weights
