"""Compile-check throughput (programs per second) of the C++ adapter: the three policies, serial against parallel,
cold (empty compile cache) against warm (every program a cache hit).

Every compile runs in its own sandbox (bwrap when it works here), as in the pipeline. Programs: the accepted
programs of tests/fixtures/codenet (32), repeated --copies times with a comment that makes each copy a distinct
source (so the cold passes really compile every one).

    PYTHONPATH=src python benchmarks/compile_throughput.py --copies 2 --workers 1,2 --out benchmarks/results/cpp.md
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def programs(copies: int) -> list[str]:
    sources = [p.read_text() for p in sorted((ROOT / "tests" / "fixtures" / "codenet").glob("*/accepted/*.cpp"))]
    return [f"// copy {k}\n{code}" for k in range(copies) for code in sources]


def run_pass(codes: list[str], policy: str, workers: int, sandbox) -> tuple[float, int]:
    from effilab.pipelines.compile_feedback import score_programs

    start = time.perf_counter()
    results = score_programs(codes, policy, workers, sandbox)
    return time.perf_counter() - start, sum(r.good for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--policies", default="syntax,errors,warnings")
    parser.add_argument("--sandbox", default="auto")
    parser.add_argument("--out", type=Path, default=None, help="append a Markdown section here")
    args = parser.parse_args()

    os.environ["EFFILAB_CACHE"] = tempfile.mkdtemp(prefix="effilab-bench-cache-")  # a private, empty cache
    from effilab.languages.cpp import compiler_identity
    from effilab.sandbox import get_sandbox

    sandbox = get_sandbox(args.sandbox)
    workers = [int(w) for w in args.workers.split(",")]
    rows = []
    for policy in args.policies.split(","):
        for count in workers:
            codes = programs(args.copies)
            codes = [f"// {policy} x{count}\n{c}" for c in codes]  # fresh sources: a cold cache for this pass
            cold, good = run_pass(codes, policy, count, sandbox)
            warm, _ = run_pass(codes, policy, count, sandbox)
            rows.append({"policy": policy, "workers": count, "programs": len(codes), "good": good,
                         "cold_s": cold, "cold_pps": len(codes) / cold, "warm_s": warm, "warm_pps": len(codes) / warm})
            print(f"{policy:9s} workers={count} programs={len(codes)} good={good} cold {len(codes) / cold:6.2f}/s "
                  f"warm {len(codes) / warm:8.1f}/s", flush=True)
    load = os.getloadavg()
    lines = [f"## Compile-check throughput ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)", "",
             f"Command: `PYTHONPATH=src python benchmarks/compile_throughput.py {' '.join(sys.argv[1:])}`", "",
             f"Host: {platform.machine()}, {os.cpu_count()} cores, sandbox {sandbox.name}, "
             f"{compiler_identity('g++')}; load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
             "(a shared machine: other jobs were running).", "",
             "| policy | workers | programs | Good | cold: programs/s | warm (cache hits): programs/s "
             "| cache speed-up |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['policy']} | {r['workers']} | {r['programs']} | {r['good']} | {r['cold_pps']:.2f} | "
                     f"{r['warm_pps']:.0f} | {r['cold_s'] / r['warm_s']:.0f}x |")
    by_policy = {}
    for r in rows:
        by_policy.setdefault(r["policy"], {})[r["workers"]] = r["cold_pps"]
    speedups = [f"{p}: {v[max(v)] / v[min(v)]:.2f}x" for p, v in by_policy.items() if len(v) > 1]
    if speedups:
        lines += ["", f"Parallel over serial (cold, {max(workers)} vs {min(workers)} workers): " + ", ".join(speedups)
                  + f" (median {statistics.median(float(s.split(': ')[1][:-1]) for s in speedups):.2f}x)."]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("a") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
