"""Does SOAP's keep-only-if-measurably-better rule decide right on the bundled suite?

For each task, one SOAP round from its first inefficient reference with two scripted "models":
- oracle: replies with the task's efficient reference: a real improvement, which the rule should keep;
- null: replies with the starting code plus a comment: no change in cost, which the rule must reject (a kept null
  reply is a false acceptance, the error that would let noise masquerade as optimisation).
Reported per objective: keep rate of oracle replies, false-acceptance rate of null replies, seconds per round.

Run: PYTHONPATH=src .venv/bin/python benchmarks/soap_decisions.py [--tasks 10] [--objectives time,tmu]
"""

from __future__ import annotations

import argparse
import json
import time

from effilab.generation.scripted import ScriptedGenerator
from effilab.optimize.soap import SoapConfig, optimize_code
from effilab.sandbox import get_sandbox
from effilab.tasks.loaders import load_tasks


def one_round(task, start, reply, objective, sandbox, repeats):
    gen = ScriptedGenerator([f"```python\n{reply}```"])
    started = time.perf_counter()
    result = optimize_code(task, start, gen, sandbox, SoapConfig(rounds=1, objective=objective, repeats=repeats))
    return result.rounds[0] if result.rounds else None, time.perf_counter() - started, result.note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10)
    parser.add_argument("--objectives", default="time,tmu")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", dest="json_out", default=None)
    args = parser.parse_args()
    sandbox = get_sandbox("auto")
    tasks = [t for t in load_tasks("suite") if any(r.role == "inefficient" for r in t.references)][: args.tasks]
    rows = []
    for objective in args.objectives.split(","):
        kept = false_kept = rounds = 0
        seconds = 0.0
        for task in tasks:
            start = next(r.code for r in task.references if r.role == "inefficient")
            efficient = next(r.code for r in task.references if r.role == "efficient")
            for kind, reply in (("oracle", efficient), ("null", start.rstrip() + "\n# unchanged\n")):
                record, spent, note = one_round(task, start, reply, objective, sandbox, args.repeats)
                if record is None:
                    print(f"{task.id}: {note}")
                    continue
                rounds += 1
                seconds += spent
                if kind == "oracle":
                    kept += record.accepted
                else:
                    false_kept += record.accepted
                print(f"{objective:5} {kind:6} {task.id:45} {record.decision[:110]}", flush=True)
        n = len(tasks)
        rows.append({"objective": objective, "tasks": n, "oracle_kept": kept, "null_kept": false_kept,
                     "seconds_per_round": round(seconds / max(rounds, 1), 2)})
    print("\n| objective | tasks | oracle replies kept | null replies kept (false acceptances) | s per round |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['objective']} | {r['tasks']} | {r['oracle_kept']}/{r['tasks']} | {r['null_kept']}/{r['tasks']} | "
              f"{r['seconds_per_round']} |")
    if args.json_out:
        with open(args.json_out, "w") as handle:
            json.dump(rows, handle, indent=2)


if __name__ == "__main__":
    main()
