"""SOAP: self-optimisation as profiling (Huang et al., EffiLearner). For a task and a correct starting code, up to
R rounds: measure the current code on the workload, line-profile it on the open tests, show the model the task, the
code, the overheads and the hot lines, extract the code it returns, verify it on the open tests, measure it against
the current code in the same interleaved run, and keep it only if it is correct AND measurably cheaper on the chosen
objective. Every round is recorded (prompt, reply, code, verdict, figures, decision). The final code is scored on
all tests, hidden ones included.

Unlike the published SOAP code, whose profile string is emptied before the prompt is built, the profile reaches the
model: it is the `{profile}` field of the `soap` template, and the round record keeps the exact prompt sent.
Ablations: `profile="time"` or `"memory"` (one half of the profile), `"none"` (plain self-refinement, the
`self-refine` template).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from effilab.execution.evaluate import EvalConfig, judge_once
from effilab.generation.base import GenParams, Generator
from effilab.generation.cache import GenerationCache, cached_generate
from effilab.generation.extract import extract_code
from effilab.generation.templates import get_template
from effilab.measure.engine import Measurement, measure_codes
from effilab.measure.profile import profile_code
from effilab.optimize.cost import compare_runs, cost_of, merge, objective_name, spec_for
from effilab.sandbox import Limits, SubprocessSandbox
from effilab.tasks.models import Task, code_hash

ProfileKind = Literal["both", "time", "memory", "none"]


@dataclass(frozen=True)
class SoapConfig:
    rounds: int = 5
    objective: str = "tmu"  # tmu | time | instructions | memory
    profile: ProfileKind = "both"
    top_k: int = 5  # lines shown by time and by memory
    min_gain: float = 0.05
    alpha: float = 0.05
    repeats: int = 5  # timed passes per measuring process
    processes: int = 3  # measuring processes per code and comparison, interleaved (A B, A B, A B)
    profile_calls: int = 20  # workload calls profiled (after the open tests)
    temperature: float = 0.0
    max_tokens: int = 2048
    seed: int | None = 0
    template: str | None = None  # default: "soap", or "self-refine" when profile is "none"
    limits: Limits = field(default_factory=lambda: Limits(wall_s=10, cpu_s=10))
    measure_limits: Limits = field(default_factory=lambda: Limits(wall_s=120, cpu_s=120))


class Figures(BaseModel):
    """The measurement figures a round record keeps (the full Measurement is bulky)."""

    wall_s: float | None = None
    peak_mb: float | None = None
    peak_net_mb: float | None = None
    tmu_mb_s: float | None = None
    tmu_net_mb_s: float | None = None
    instructions: int | None = None
    errors: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, m: Measurement | None) -> Figures | None:
        if m is None:
            return None
        return cls(**m.model_dump(include={"wall_s", "peak_mb", "peak_net_mb", "tmu_mb_s", "tmu_net_mb_s",
                                           "instructions", "errors"}))


class SoapRound(BaseModel):
    round: int
    prompt: list[dict[str, str]]
    profile: str = ""
    reply: str = ""
    code: str = ""
    code_hash: str = ""
    verdict: str | None = None  # on the open tests
    reason: str = ""
    current: Figures | None = None  # the code going into the round, measured in the same run as the new one
    new: Figures | None = None
    accepted: bool = False
    decision: str = ""


class SoapResult(BaseModel):
    task_id: str
    objective: str
    profile: str
    start_code: str
    final_code: str
    start: Figures | None = None
    final: Figures | None = None
    start_verdict: str = ""
    final_verdict: str | None = None  # on all tests, hidden included
    final_reason: str = ""
    rounds: list[SoapRound] = Field(default_factory=list)
    note: str = ""

    @property
    def improved(self) -> bool:
        return any(r.accepted for r in self.rounds)


def open_part(task: Task) -> Task:
    """The task with its hidden tests removed (all of them kept when every test is hidden)."""
    visible = [t for t in task.tests if not t.hidden]
    return task.model_copy(update={"tests": visible}) if visible and len(visible) < len(task.tests) else task


def overheads(m: Measurement | None) -> str:
    if m is None:
        return "Workload figures: not measured."
    parts = []
    if m.wall_s is not None:
        parts.append(f"execution time {m.wall_s:.6f} s")
    if m.peak_net_mb is not None:
        parts.append(f"peak memory {m.peak_net_mb:.3f} MB above the start (raw {m.peak_mb:.3f} MB)")
    if m.tmu_net_mb_s is not None:
        parts.append(f"memory-time integral {m.tmu_net_mb_s:.6f} MB*s")
    if m.instructions is not None:
        parts.append(f"{m.instructions} instructions")
    return "Workload figures: " + (", ".join(parts) if parts else "none measured") + "."


def optimize_job(job: tuple[Task, str], generator: Generator, sandbox: SubprocessSandbox,
                 config: SoapConfig = SoapConfig(), cache_path: str | None = None) -> SoapResult:
    """`optimize_code` as a self-contained job (a thread's or a Ray worker's): it opens its own generation cache
    (a SQLite file on the machine that runs it)."""
    task, code = job
    cache = GenerationCache(cache_path) if cache_path else None
    try:
        return optimize_code(task, code, generator, sandbox, config, cache)
    finally:
        if cache is not None:
            cache.close()


def optimize_code(task: Task, code: str, generator: Generator, sandbox: SubprocessSandbox,
                  config: SoapConfig = SoapConfig(), cache: GenerationCache | None = None,
                  on_round: Callable[[SoapRound], Any] | None = None) -> SoapResult:
    objective = objective_name(config.objective)
    template = get_template(config.template or ("self-refine" if config.profile == "none" else "soap"))
    # time and memory always (the overheads the model is shown); callgrind only when it is the objective
    spec = dataclasses.replace(spec_for(objective, config.repeats), time=True, memory=True)
    eval_config = EvalConfig(sandbox=sandbox.name, limits=config.limits)
    visible = open_part(task)
    result = SoapResult(task_id=task.id, objective=objective, profile=config.profile, start_code=code,
                        final_code=code)
    start_verdict = judge_once(visible, code, sandbox, eval_config)
    result.start_verdict = start_verdict.status
    if not start_verdict.passed:
        result.note = f"the starting code does not pass the open tests: {start_verdict.reason}"
        return _finish(result, task, sandbox, eval_config)
    if task.workload is None or not task.workload.generator:
        result.note = "the task has no workload: nothing to measure, so nothing can be shown to be better"
        return _finish(result, task, sandbox, eval_config)
    current = code
    current_m = measure_codes(task, [code], sandbox, spec, config.measure_limits)[0]
    result.start = Figures.of(current_m)
    params = GenParams(n=1, temperature=config.temperature, max_tokens=config.max_tokens, seed=config.seed)
    for number in range(1, config.rounds + 1):
        profile_text = ""
        if config.profile != "none":
            profile = profile_code(visible, current, sandbox, config.measure_limits, max_calls=config.profile_calls,
                                   memory=config.profile in ("both", "memory"))
            profile_text = overheads(current_m) + "\n" + profile.to_text(
                config.top_k, time=config.profile in ("both", "time"), memory=config.profile in ("both", "memory"))
        prompt = template.render(task, code=current, profile=profile_text)
        record = SoapRound(round=number, prompt=prompt, profile=profile_text)
        try:
            record.reply = cached_generate(generator, [prompt], params, cache)[0][0].text
        except Exception as exc:  # noqa: BLE001 - a failed request ends the loop; earlier rounds stand
            record.decision = f"generation failed: {type(exc).__name__}: {exc}"
            result.rounds.append(record)
            _emit(on_round, record)
            break
        new = extract_code(record.reply, task.entry_point, task.language)
        record.code, record.code_hash = new, code_hash(new) if new else ""
        if not new.strip():
            record.decision = "rejected: no code in the reply"
        elif new.strip() == current.strip():
            record.decision = "rejected: the reply repeats the current code"
        else:
            verdict = judge_once(visible, new, sandbox, eval_config)
            record.verdict, record.reason = verdict.status, verdict.reason
            if not verdict.passed:
                record.decision = f"rejected: {verdict.status} on the open tests ({verdict.reason})"
            else:
                old_runs, new_runs = measure_pair(task, current, new, sandbox, spec, config)
                old_m, new_m = merge(old_runs), merge(new_runs)
                record.current, record.new = Figures.of(old_m), Figures.of(new_m)
                verdict_of_cost = compare_runs(old_runs, new_runs, objective, config.min_gain, config.alpha)
                record.accepted = verdict_of_cost.better
                record.decision = ("accepted: " if verdict_of_cost.better else "rejected: ") + verdict_of_cost.reason
                if verdict_of_cost.better:
                    current, current_m = new, new_m
        result.rounds.append(record)
        _emit(on_round, record)
    result.final_code = current
    result.final = Figures.of(current_m)
    return _finish(result, task, sandbox, eval_config)


def measure_pair(task: Task, current: str, new: str, sandbox: SubprocessSandbox, spec, config: SoapConfig
                 ) -> tuple[list[Measurement], list[Measurement]]:
    """`config.processes` back-to-back measurements of (current, new), each pair in one engine job (interleaved);
    callgrind, deterministic, only in the first."""
    olds, news = [], []
    for i in range(config.processes):
        step = spec if i == 0 else dataclasses.replace(spec, instructions=False)
        a, b = measure_codes(task, [current, new], sandbox, step, config.measure_limits)
        olds.append(a)
        news.append(b)
    return olds, news


def _emit(callback: Callable[[SoapRound], Any] | None, record: SoapRound) -> None:
    if callback is not None:
        callback(record)


def _finish(result: SoapResult, task: Task, sandbox: SubprocessSandbox, eval_config: EvalConfig) -> SoapResult:
    verdict = judge_once(task, result.final_code, sandbox, eval_config)  # all tests, hidden included
    result.final_verdict, result.final_reason = verdict.status, verdict.reason
    return result


def gain(result: SoapResult) -> float | None:
    """Relative reduction of the objective from the start to the final code (0.3 = 30% cheaper)."""
    if result.start is None or result.final is None:
        return None
    a = cost_of(Measurement(**result.start.model_dump()), result.objective)
    b = cost_of(Measurement(**result.final.model_dump()), result.objective)
    return (a - b) / a if a and b is not None else None
