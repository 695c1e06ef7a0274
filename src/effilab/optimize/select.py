"""Efficiency-first selection among k samples of a task (E-code's "sample k, submit 1"): keep the samples that
compile and pass the open tests, measure them together (interleaved, one job) and submit the cheapest by the chosen
cost; when none is runnable, or no measurement came back, submit the one a run-time predictor rates cheapest (if one
is given), else the first sample. Scoring uses all tests, hidden ones included, and reports both "sample k, submit
1" (the chosen sample) and "sample k, submit k" (any of the k passes).

With a predictor and `measure=False`, the runnable samples are ranked by predicted cost and nothing is measured
(the predictor's purpose: choosing without paying for measurement)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import fmean

from pydantic import BaseModel, Field

from effilab.execution.evaluate import EvalConfig, judge_once
from effilab.measure.engine import measure_codes
from effilab.optimize.cost import cost_of, objective_name, spec_for
from effilab.optimize.soap import open_part
from effilab.sandbox import Limits, SubprocessSandbox
from effilab.tasks.models import Task

Predictor = Callable[[Task, str], float]  # predicted cost of code for a task (lower is better)


class Choice(BaseModel):
    task_id: str
    objective: str
    k: int
    chosen: int  # index among the samples
    how: str  # "measured" | "predicted" | "first"
    code: str
    open_verdicts: list[str] = Field(default_factory=list)
    costs: list[float | None] = Field(default_factory=list)  # measured cost per sample (None: not run/measured)
    final_verdicts: list[str] = Field(default_factory=list)  # every sample on all tests
    submitted_passed: bool = False  # "sample k, submit 1"
    any_passed: bool = False  # "sample k, submit k"


def select_best(task: Task, codes: Sequence[str], sandbox: SubprocessSandbox, objective: str = "instructions",
                predictor: Predictor | None = None, limits: Limits = Limits(),
                measure_limits: Limits = Limits(wall_s=120, cpu_s=120), repeats: int = 5,
                measure: bool = True) -> Choice:
    if not codes:
        raise ValueError(f"{task.id}: no samples to choose from")
    if not measure and predictor is None:
        raise ValueError("measure=False needs a predictor")
    objective = objective_name(objective)
    config = EvalConfig(sandbox=sandbox.name, limits=limits)
    visible = open_part(task)
    open_verdicts = [judge_once(visible, code, sandbox, config).status for code in codes]
    runnable = [i for i, status in enumerate(open_verdicts) if status == "passed"]
    costs: list[float | None] = [None] * len(codes)
    if measure and runnable and task.workload is not None and task.workload.generator:
        measured = measure_codes(task, [codes[i] for i in runnable], sandbox, spec_for(objective, repeats),
                                 measure_limits)
        for i, m in zip(runnable, measured):
            costs[i] = cost_of(m, objective)
    scored = [i for i in runnable if costs[i] is not None]
    if scored:
        chosen, how = min(scored, key=lambda i: (costs[i], i)), "measured"
    elif predictor is not None:
        pool = runnable or list(range(len(codes)))
        chosen, how = min(pool, key=lambda i: (predictor(task, codes[i]), i)), "predicted"
    else:
        chosen, how = (runnable[0] if runnable else 0), "first"
    final = [judge_once(task, code, sandbox, config).status for code in codes]
    return Choice(task_id=task.id, objective=objective, k=len(codes), chosen=chosen, how=how, code=codes[chosen],
                  open_verdicts=open_verdicts, costs=costs, final_verdicts=final,
                  submitted_passed=final[chosen] == "passed", any_passed="passed" in final)


def summarize_choices(choices: Sequence[Choice]) -> dict:
    """E-code Table 3 layout: pass@1 of the submitted sample ("sample k, submit 1"), pass@k ("sample k, submit
    k"), the plain pass@1 of one random sample (c/n averaged) for comparison, and the cost of the submitted sample
    relative to the mean cost of the task's measured correct samples (below 1: selection paid off)."""
    if not choices:
        return {"tasks": 0}
    ratios = []
    for c in choices:
        measured = [x for x, v in zip(c.costs, c.final_verdicts) if x is not None and v == "passed"]
        if c.how == "measured" and c.submitted_passed and measured and fmean(measured) > 0:
            ratios.append(c.costs[c.chosen] / fmean(measured))
    return {
        "tasks": len(choices),
        "k": max(c.k for c in choices),
        "submit_1_pass@1": fmean(c.submitted_passed for c in choices),
        "submit_k_pass@k": fmean(c.any_passed for c in choices),
        "random_pass@1": fmean(sum(v == "passed" for v in c.final_verdicts) / c.k for c in choices),
        "chosen_cost_vs_mean": fmean(ratios) if ratios else None,
        "how": {how: sum(c.how == how for c in choices) for how in ("measured", "predicted", "first")},
    }
