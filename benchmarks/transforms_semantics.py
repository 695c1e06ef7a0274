"""Property check at scale: every semantics-preserving Python transform, applied to every reference of a task set
(the bundled suite, HumanEval canonical solutions), must still pass the task's tests in the sandbox.

    PYTHONPATH=src python benchmarks/transforms_semantics.py --tasks suite --tasks humaneval --seeds 2 \
        --out benchmarks/results/transforms.md
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from effilab.execution.evaluate import EvalConfig, judge_once
from effilab.sandbox import get_sandbox
from effilab.tasks.loaders import load_tasks
from effilab.transforms import for_language


def solution_codes(task):
    """A task's runnable solutions: suite references are whole programs; HumanEval's are prompt + body."""
    for ref in task.references:
        code = ref.code
        if task.source == "humaneval" and not code.lstrip().startswith(("def ", "import ", "from ")):
            code = task.prompt + code
        yield ref.role, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", action="append", default=None)
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    sandbox = get_sandbox("auto")
    config = EvalConfig()
    transforms = for_language("python", preserving=True)
    jobs = []
    for source in args.tasks or ["suite"]:
        for task in load_tasks(source, args.limit):
            for role, code in solution_codes(task):
                for t in transforms:
                    for seed in range(args.seeds):
                        result = t(code, seed)
                        jobs.append((source, task, t.name, seed, result))
    applied = Counter()
    passed = Counter()
    not_applied = Counter()
    failures = []

    def judge(job):
        source, task, name, seed, result = job
        if not result.applied:
            return job, None
        return job, judge_once(task, result.code, sandbox, config)

    with ThreadPoolExecutor(args.workers) as pool:
        for (source, task, name, seed, result), verdict in pool.map(judge, jobs):
            if verdict is None:
                not_applied[(source, name)] += 1
                continue
            applied[(source, name)] += 1
            if verdict.status == "passed":
                passed[(source, name)] += 1
            else:
                failures.append((task.id, name, seed, verdict.status, verdict.reason, result.code))
    lines = [f"# Semantics-preserving Python transforms: tests still pass\n",
             f"Date: {datetime.date.today()}; command: `PYTHONPATH=src python {' '.join(sys.argv)}`\n",
             "| tasks | transform | applied | passed | not applicable |", "|---|---|---|---|---|"]
    for key in sorted(set(applied) | set(not_applied)):
        lines.append(f"| {key[0]} | {key[1]} | {applied[key]} | {passed[key]} | {not_applied[key]} |")
    total_a, total_p = sum(applied.values()), sum(passed.values())
    lines.append(f"\nTotal: {total_p}/{total_a} transformed codes pass ({100 * total_p / max(total_a, 1):.1f}%).")
    if failures:
        lines.append("\nFailures:\n")
        for task_id, name, seed, status, reason, _ in failures[:30]:
            lines.append(f"- {task_id} {name} seed {seed}: {status}: {reason}")
    text = "\n".join(lines) + "\n"
    print(text)
    for f in failures[:5]:
        print(f[0], f[1], f[3], f[4], "\n", f[5])
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
