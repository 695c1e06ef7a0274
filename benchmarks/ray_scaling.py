"""Overhead of the Ray executor against the local thread pool on the same machine, same cores.

Three figures per executor: (1) empty jobs per second (pure scheduling cost: a Python function that returns its
argument), (2) HumanEval canonical solutions judged per second in the sandbox (the real correctness workload), with
cold workers (first call: fork servers start) and warm ones, (3) instruction counting of suite baselines (jobs of
seconds each: the overhead vanishes). Ray's start-up is reported apart. Rounds alternate local and Ray so that
drift in machine load hits both alike.
Run: .venv/bin/python benchmarks/ray_scaling.py [--workers 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time

import ray

from effilab.execution.evaluate import EvalConfig, config_hash, evaluate
from effilab.execution.executor import LocalExecutor
from effilab.execution.measuring import baseline_candidates, measure_passed
from effilab.execution.ray import RayExecutor
from effilab.measure.engine import MeasureSpec
from effilab.sandbox import Limits, get_sandbox
from effilab.tasks.loaders import load_tasks
from effilab.tasks.samples import reference_candidates

MEASURED = ("range_sum_queries", "max_window_sum", "pair_sum_count", "digit_sum_sort")


def identity(x: int) -> int:
    return x


def empty_jobs(executor, n: int) -> float:
    start = time.perf_counter()
    assert sum(1 for _ in executor.map_unordered(identity, range(n))) == n
    return n / (time.perf_counter() - start)


def humaneval(executor, tasks, candidates, box) -> float:
    start = time.perf_counter()
    results = evaluate(tasks, candidates, EvalConfig(sandbox=box.name), executor=executor, sandbox=box)
    assert all(r.verdict.passed for r in results)
    return len(candidates) / (time.perf_counter() - start)


def instructions(executor, tasks, box) -> tuple[float, dict]:
    spec = MeasureSpec(time=False, memory=False, instructions=True)
    hashes = {t.id: config_hash(t, EvalConfig(), box.name) for t in tasks}
    start = time.perf_counter()
    out = measure_passed(tasks, baseline_candidates(tasks), spec, Limits(wall_s=120, cpu_s=120), box, executor, hashes)
    return len(tasks) / (time.perf_counter() - start), {k[0]: m.instructions for k, m in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--empty", type=int, default=2000)
    args = parser.parse_args()
    box = get_sandbox("auto")
    tasks = load_tasks("humaneval")
    candidates = reference_candidates(tasks)
    suite = [t for t in load_tasks("suite") if t.id.split("/")[1] in MEASURED]

    started = time.perf_counter()
    ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False)
    ray_start = time.perf_counter() - started
    on_ray, local = RayExecutor(args.workers), LocalExecutor(args.workers)
    figures: dict[str, dict[str, list[float]]] = {"local": {}, "ray": {}}
    counts = {}
    for round_ in range(args.rounds):
        for name, executor in ([("local", local), ("ray", on_ray)] if round_ % 2 == 0 else
                               [("ray", on_ray), ("local", local)]):
            got = figures[name]
            got.setdefault("empty jobs/s", []).append(empty_jobs(executor, args.empty))
            key = "HumanEval jobs/s (cold)" if round_ == 0 else "HumanEval jobs/s (warm)"
            got.setdefault(key, []).append(humaneval(executor, tasks, candidates, box))
            rate, found = instructions(executor, suite, box)
            got.setdefault("instruction-count jobs/s", []).append(rate)
            counts.setdefault(name, []).append(found)
    same = all(c == counts["local"][0] for c in counts["local"] + counts["ray"])
    print(json.dumps({"host": platform.node(), "cpus": os.cpu_count(), "workers": args.workers,
                      "sandbox": box.name, "ray_start_s": round(ray_start, 2), "ray": ray.__version__,
                      "instruction_counts_identical": same, "counts": counts["local"][0]}, indent=1))
    print("\n| figure | local | ray | ray / local |\n|---|---:|---:|---:|")
    for key in figures["local"]:
        a, b = statistics.median(figures["local"][key]), statistics.median(figures["ray"][key])
        print(f"| {key} (median of {len(figures['local'][key])}) | {a:.1f} | {b:.1f} | {b / a:.2f} |")
    ray.shutdown()


if __name__ == "__main__":
    main()
