"""Compare two runs on their overlap: the codes (task, role, name) that passed in both."""

from __future__ import annotations

from pathlib import Path

from effilab.metrics.efficiency import aggregate_ratios, share_improved
from effilab.report.runfolder import Row, load_run

METRICS = (("wall_s", "time"), ("cpu_s", "CPU time"), ("peak_mb", "peak RSS"), ("tmu_mb_s", "TMU"),
           ("instructions", "instructions"))


class MixedEnvironments(ValueError):
    """The runs were measured on different machines or set-ups; their timings do not compare."""


def _key(row: Row) -> str:
    return f"{row.task_id}|{row.role}|{row.name}"


def _environments(rows: list[Row]) -> set[str]:
    return {str(r.measurement.get("environment", {}).get("id")) for r in rows
            if isinstance(r.measurement.get("environment"), dict) and r.measurement["environment"].get("id")}


def compare_runs(run_a: Path, run_b: Path, force: bool = False) -> dict:
    """Ratios B / A of every measured value over the overlap. Refuses runs from different environment fingerprints
    unless `force` (instruction counts still compare across load, not across interpreters or machines)."""
    a, b = load_run(run_a), load_run(run_b)
    env_a, env_b = _environments(a.rows), _environments(b.rows)
    # a run spread over cluster nodes that differ holds several fingerprints itself: that mixes machines too
    if len(env_a | env_b) > 1 and not force:
        raise MixedEnvironments(f"the runs were measured in different environments ({', '.join(sorted(env_a))} vs "
                                f"{', '.join(sorted(env_b))}); pass --force to compare anyway")
    passed_a = {_key(r): r for r in a.rows if r.passed}
    passed_b = {_key(r): r for r in b.rows if r.passed}
    overlap = sorted(passed_a.keys() & passed_b.keys())
    metrics = {}
    for name, label in METRICS:
        va = {k: passed_a[k].value(name) for k in overlap if passed_a[k].value(name) is not None}
        vb = {k: passed_b[k].value(name) for k in overlap if passed_b[k].value(name) is not None}
        aggregate = aggregate_ratios(vb, va)
        if aggregate["n"]:
            aggregate["label"] = label
            aggregate["share_improved"] = share_improved(vb, va)
            metrics[name] = aggregate
    return {
        "run_a": str(run_a), "run_b": str(run_b),
        "passed_a": len(passed_a), "total_a": len(a.rows), "passed_b": len(passed_b), "total_b": len(b.rows),
        "only_a": len(passed_a.keys() - passed_b.keys()), "only_b": len(passed_b.keys() - passed_a.keys()),
        "overlap": len(overlap), "environments_differ": len(env_a | env_b) > 1,
        "metrics": metrics,
    }
