"""Noise study and validity check of effilab's measurements on the bundled suite.

Each selected task's references are measured `--evaluations` times (default 5) with effilab's engine, one task at a
time, while a busy loop keeps the other core loaded. For every reference we report the coefficient of variation
(CV) across evaluations of: workload wall time (median of the repeats), workload CPU time, peak RSS, TMU, the
instruction count, and, for comparison, the whole-process wall clock of running the same program once in a fresh
interpreter (the EffiBench method: interpreter start-up, input construction and the run, timed from outside).

Validity, from the same data: the share of tasks whose efficient reference beats every inefficient one on
instruction count and on median wall time, and Spearman's rank correlation between instruction count and wall time
across all references.

Run: .venv/bin/python benchmarks/noise_study.py [--tasks N] [--evaluations 5] [--json out.json]
     .venv/bin/python benchmarks/noise_study.py --report out.json   # the tables again, from saved values
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict

from effilab.languages.python import candidate_python
from effilab.measure.engine import MeasureSpec, measure_codes
from effilab.measure.stats import cv
from effilab.sandbox import get_sandbox
from effilab.tasks.loaders import load_tasks

WHOLE_PROCESS = r"""
import random, sys
ns = {}
exec(sys.argv[1], ns)
calls = []
for size in eval(sys.argv[2]):
    calls.extend(ns["generate"](size, random.Random(int(sys.argv[3]) * 1000003 + size)))
code = {"__name__": "__main__"}
exec(sys.argv[4], code)
fn = code[sys.argv[5]]
for args in calls:
    fn(*args)
"""


def whole_process_seconds(task, code: str) -> float:
    """EffiBench-style: time a fresh interpreter that builds the inputs and runs the workload once."""
    argv = [candidate_python(), "-c", WHOLE_PROCESS, task.workload.generator, repr(task.workload.sizes),
            str(task.workload.seed), code, task.entry_point]
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"})
    return time.perf_counter() - start


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(x: list[float], y: list[float]) -> float:
    rx, ry = ranks(x), ranks(y)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    num = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    den = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return num / den


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=0, help="use every k-th task to get about N tasks (0: all)")
    parser.add_argument("--evaluations", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--instruction-calls", type=int, default=5, help="calls per workload size under callgrind")
    parser.add_argument("--rounds", type=int, default=1, help="separate timing processes per code and evaluation")
    parser.add_argument("--nice", type=int, default=-10, help="priority of timing runs (root); 99: leave it")
    parser.add_argument("--no-pin", action="store_true", help="do not give each timing run a core of its own")
    parser.add_argument("--fixed-layout", action="store_true", help="address-space randomisation off (setarch -R)")
    parser.add_argument("--sandbox", default="auto")
    parser.add_argument("--json", default=None, help="save the per-evaluation values here (after each evaluation)")
    parser.add_argument("--report", default=None, help="print the tables from a saved --json file; measure nothing")
    args = parser.parse_args()
    if args.report:
        report(load(args.report))
        return

    tasks = load_tasks("suite")
    if args.tasks:
        step = max(1, len(tasks) // args.tasks)
        tasks = tasks[::step][: args.tasks]
    sandbox = get_sandbox(args.sandbox)
    spec = MeasureSpec(repeats=args.repeats, rounds=args.rounds, instruction_calls_per_size=args.instruction_calls,
                       nice=None if args.nice == 99 else args.nice, pin=not args.no_pin, aslr=not args.fixed_layout)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])  # the other core, kept busy
    data: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    started = time.perf_counter()
    try:
        for evaluation in range(args.evaluations):
            for task in tasks:
                refs = sorted(task.references, key=lambda r: r.role != "efficient")
                for ref, m in zip(refs, measure_codes(task, [r.code for r in refs], sandbox, spec)):
                    key = (task.id, ref.name)
                    if m.errors:
                        print(f"# {key}: {m.errors}", file=sys.stderr)
                        continue
                    for name in ("wall_s", "wall_min_s", "cpu_s", "peak_mb", "tmu_mb_s", "instructions"):
                        data[key][name].append(getattr(m, name))
                    # callgrind counted the first calls of each size: scale to the whole workload for the
                    # cross-task correlation (within a task every reference ran the same calls)
                    data[key]["instructions_scaled"].append(m.instructions * m.calls / max(1, m.instruction_calls))
                    data[key]["whole_process_s"].append(whole_process_seconds(task, ref.code))
            print(f"# evaluation {evaluation + 1}/{args.evaluations} done at {time.perf_counter() - started:.0f}s",
                  file=sys.stderr)
            if args.json:  # after every evaluation: a long study that is cut short keeps what it measured
                save(data, args.json)
    finally:
        busy.kill()
    print(f"## Noise study: {len(tasks)} suite tasks, {len(data)} references, {args.evaluations} evaluations, "
          f"{args.repeats} repeats x {args.rounds} rounds each, the other core busy ({os.cpu_count()} cores); "
          f"timing runs: nice {spec.nice}, {'a core each' if spec.pin else 'unpinned'}, "
          f"{'fixed' if not spec.aslr else 'randomised'} address layout\n")
    report(data)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")


def save(data: dict, path: str) -> None:
    with open(path, "w") as handle:
        json.dump({f"{k[0]}|{k[1]}": v for k, v in data.items()}, handle, indent=1)


def load(path: str) -> dict:
    with open(path) as handle:
        return {tuple(key.split("|", 1)): values for key, values in json.load(handle).items()}


def report(data: dict) -> None:
    """The CV table and the validity figures, from per-reference lists of per-evaluation values."""
    metrics = ("wall_s", "wall_min_s", "cpu_s", "peak_mb", "tmu_mb_s", "instructions", "whole_process_s")
    cvs = {name: {key: cv(values[name]) for key, values in data.items() if len(values[name]) >= 2} for name in metrics}
    long_enough = [key for key, values in data.items() if statistics.median(values["wall_s"]) >= 0.010]
    evaluations = min(len(values["wall_s"]) for values in data.values())
    print(f"{len({k[0] for k in data})} tasks, {len(data)} references, {evaluations} evaluations each\n")
    print("| measure | median CV | 90th pct CV | max CV | share of refs >= 10 ms with CV <= 2% |")
    print("|---|---:|---:|---:|---:|")
    for name in metrics:
        values = sorted(cvs[name].values())
        if not values:
            continue
        p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
        share = sum(cvs[name][k] <= 0.02 for k in long_enough if k in cvs[name]) / max(1, len(long_enough))
        print(f"| {name} | {statistics.median(values):.4%} | {p90:.4%} | {max(values):.4%} | {share:.0%} |")

    by_task: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for (task_id, ref), values in data.items():
        by_task[task_id][ref] = {"instructions": statistics.median(values["instructions"]),
                                 "scaled": statistics.median(values["instructions_scaled"]),
                                 "wall_s": statistics.median(values["wall_s"])}
    wins_i = wins_t = 0
    for refs in by_task.values():
        eff = refs.get("efficient")
        others = [v for name, v in refs.items() if name != "efficient"]
        if eff and others:
            wins_i += all(eff["instructions"] < o["instructions"] for o in others)
            wins_t += all(eff["wall_s"] < o["wall_s"] for o in others)
    xs = [v["scaled"] for refs in by_task.values() for v in refs.values()]
    ys = [v["wall_s"] for refs in by_task.values() for v in refs.values()]
    print(f"\n## Validity\n\n- efficient reference beats every inefficient one on instruction count: "
          f"{wins_i}/{len(by_task)} tasks ({wins_i / len(by_task):.0%})")
    print(f"- ... on median workload wall time: {wins_t}/{len(by_task)} tasks ({wins_t / len(by_task):.0%})")
    print(f"- Spearman rank correlation, instruction count (scaled to the whole workload) vs wall time, "
          f"all {len(xs)} references: "
          f"{spearman(xs, ys):.3f}")  # noqa: E501


if __name__ == "__main__":
    main()
