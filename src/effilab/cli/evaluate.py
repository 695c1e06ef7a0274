"""`effilab evaluate`: judge, measure and report; the main job."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import err, fail, load, out
from effilab.cli.executing import ExecutorName, RayAddress, executor_from_options
from effilab.tasks.io import DataError
from effilab.registry import UnknownName


def _run_dir(base: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = base / stamp
    n = 1
    while path.exists():
        n += 1
        path = base / f"{stamp}-{n}"
    return path


MEASURE_HELP = "What to measure on tasks with a workload: any of time,memory,instructions, or none."


@app.command()
def evaluate(
    tasks_source: Annotated[str, typer.Option("--tasks", help="Loader name, 'loader:path', or a path.")] = "suite",
    samples: Annotated[Optional[Path], typer.Option(help="Samples JSONL (task_id + completion|solution).")] = None,
    references: Annotated[bool, typer.Option("--references", help="Evaluate the tasks' reference solutions.")] = False,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N tasks.")] = None,
    measure: Annotated[str, typer.Option(help=MEASURE_HELP)] = "time,memory,instructions",
    repeats: Annotated[int, typer.Option(help="Timed repeats of the workload (after one warm-up).")] = 5,
    rounds: Annotated[int, typer.Option(help="Separate timing processes per code, interleaved (3: the steadiest "
                                              "figures, see BENCHMARKS.md).")] = 1,
    sandbox: Annotated[str, typer.Option(help="auto, bwrap or process.")] = "auto",
    workers: Annotated[Optional[int], typer.Option(help="Parallel runs (default: the core count).")] = None,
    executor_name: ExecutorName = "local",
    ray_address: RayAddress = None,
    timeout: Annotated[float, typer.Option(help="Wall and CPU seconds per correctness run.")] = 10.0,
    memory_mb: Annotated[int, typer.Option(help="Address-space limit per process, MB.")] = 2048,
    store: Annotated[Path, typer.Option(help="Result store (SQLite); reruns skip finished work.")] = Path("runs/store.sqlite"),
    out_dir: Annotated[Path, typer.Option("--out", help="Where run folders go.")] = Path("runs"),
    report: Annotated[bool, typer.Option(help="Write report.md and report.html into the run folder.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary and per-result rows as JSON.")] = False,
    model: Annotated[Optional[str], typer.Option(help="Generate samples with this model first "
                                                 "('<backend>:<model>', see `effilab generate`).")] = None,
    n: Annotated[int, typer.Option("-n", help="With --model: samples per task.")] = 1,
    temperature: Annotated[float, typer.Option(help="With --model: sampling temperature.")] = 0.0,
    max_tokens: Annotated[int, typer.Option(help="With --model: the most tokens per completion.")] = 1024,
    seed: Annotated[Optional[int], typer.Option(help="With --model: sampling seed, where the backend takes one "
                                                     "(-1: none).")] = 0,
    base_url: Annotated[Optional[str], typer.Option(help="With --model openai:...: the server URL.")] = None,
    api_key: Annotated[Optional[str], typer.Option(help="With --model openai:...: the API key.")] = None,
    endpoint: Annotated[Optional[str], typer.Option(help="With --model openai:...: auto, chat or completions.")] = None,
) -> None:
    """Judge candidates (samples, or the tasks' references) on a task set, measure the correct ones on the tasks'
    workloads, and write a run folder with results and a report. With no options: the bundled suite's references."""
    from effilab.execution.evaluate import EvalConfig, evaluate as run_evaluation, summarize
    from effilab.execution.measuring import baseline_candidates, baseline_reference, measure_passed, pending_tasks
    from effilab.execution.store import Store
    from effilab.measure.engine import MeasureSpec
    from effilab.sandbox import Limits, get_sandbox
    from effilab.tasks.models import Candidate
    from effilab.tasks.samples import read_samples, reference_candidates

    if samples is not None and references:
        fail("give either --samples or --references, not both")
    if timeout <= 0 or memory_mb <= 0 or (workers is not None and workers <= 0) or (limit is not None and limit <= 0):
        fail("--timeout, --memory-mb, --workers and --limit must be positive")
    if repeats <= 0 or rounds <= 0:
        fail("--repeats and --rounds must be positive")
    try:
        spec = MeasureSpec.parse("" if measure == "none" else measure, repeats=repeats, rounds=rounds)
    except ValueError as exc:
        fail(str(exc))
    tasks = load(tasks_source, limit)
    if model is not None:  # generate first, then evaluate the samples as with --samples
        if samples is not None or references:
            fail("give --model, --samples or --references, not several")
        from effilab.cli.generate import write_samples

        samples = out_dir / f"samples-{time.strftime('%Y%m%d-%H%M%S')}.jsonl"
        write_samples(tasks, model, n, samples, None, temperature, max_tokens, None if seed == -1 else seed, store,
                      base_url, api_key, 8, 8, endpoint)
        err.print(f"generated {samples}")
    try:
        candidates = read_samples(samples, tasks) if samples is not None else reference_candidates(tasks)
    except DataError as exc:
        fail(str(exc))
    if not candidates:
        fail(f"nothing to evaluate: {tasks_source} has no references")
    if samples is not None:  # judge only the tasks that have samples
        wanted = {c.task_id for c in candidates}
        tasks = [t for t in tasks if t.id in wanted]
    try:
        box = get_sandbox(sandbox)
    except (RuntimeError, UnknownName) as exc:
        fail(str(exc))

    extra: list[Candidate] = []
    if samples is None:  # mark each task's baseline among its references
        base_code = {t.id: ref.code for t in tasks if (ref := baseline_reference(t)) is not None}
        candidates = [Candidate(task_id=c.task_id, code=c.code, origin={**c.origin, "baseline": True})
                      if c.code == base_code.get(c.task_id) else c for c in candidates]
    elif spec.any:
        extra = baseline_candidates(tasks)
    config = EvalConfig(sandbox=box.name, limits=Limits(wall_s=timeout, cpu_s=timeout, memory_mb=memory_mb))
    executor = executor_from_options(executor_name, workers, ray_address)
    everything = candidates + extra
    unique = len({(c.task_id, c.code_hash) for c in everything})
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TimeRemainingColumn(), console=err, transient=False)
    started = time.perf_counter()
    from effilab.execution.evaluate import config_hash

    with Store(store) as db, progress:
        bar = progress.add_task("correctness", total=unique)
        results = run_evaluation(tasks, everything, config, store=db, executor=executor, sandbox=box,
                                 on_result=lambda _: progress.advance(bar))
        measurements = {}
        passed = [r.candidate for r in results if r.verdict.passed]
        if spec.any and pending_tasks(tasks, passed):
            mbar = progress.add_task("measurement", total=pending_tasks(tasks, passed))
            hashes = {t.id: config_hash(t, config, box.name) for t in tasks}
            mlimits = Limits(wall_s=max(120.0, timeout * 20), cpu_s=max(120.0, timeout * 20), memory_mb=memory_mb)
            measurements = measure_passed(tasks, passed, spec, mlimits, box, executor, hashes, store=db,
                                          on_task=lambda _: progress.advance(mbar))
    elapsed = time.perf_counter() - started
    main_results = results[: len(candidates)]
    summary = summarize(main_results)
    summary.update({"sandbox": box.name, "workers": executor.workers, "seconds": round(elapsed, 3),
                    "tasks_source": tasks_source, "candidates": "samples" if samples else "references",
                    "measure": measure if spec.any else "none", "repeats": repeats})
    rows = [_row(r, measurements.get((r.candidate.task_id, r.candidate.code_hash)), samples is not None)
            for r in results]
    run_dir = _write_run(out_dir, rows, summary)
    summary["run_dir"] = str(run_dir)
    written = [run_dir / "results.jsonl", run_dir / "summary.json"]
    if report:
        written += _report(run_dir)
    if as_json:
        fields = ("task_id", "role", "name", "verdict", "wall_s", "cpu_s", "peak_mb", "tmu_mb_s", "instructions")
        print(json.dumps({**summary, "results": [{k: row[k] for k in fields} for row in rows]}, indent=2))
        return
    _print_summary(summary, written)


def _row(result, measurement, samples_mode: bool) -> dict:
    origin = result.candidate.origin
    baseline = bool(origin.get("baseline"))
    if samples_mode and not baseline:
        role, name = "candidate", f"sample {origin.get('sample', 0)}"
    else:
        role, name = origin.get("role", "canonical"), str(origin.get("reference", ""))
    m = measurement.model_dump(mode="json") if measurement is not None else None
    pick = (lambda key: m.get(key)) if m else (lambda key: None)
    verdict = result.verdict
    return {"task_id": result.candidate.task_id, "role": role, "name": name, "baseline": baseline,
            "code_hash": result.candidate.code_hash, "verdict": verdict.status, "reason": verdict.reason,
            "wall_s": pick("wall_s"), "cpu_s": pick("cpu_s"), "peak_mb": pick("peak_mb"),
            "peak_net_mb": pick("peak_net_mb"), "heap_peak_mb": pick("heap_peak_mb"), "tmu_mb_s": pick("tmu_mb_s"),
            "tmu_net_mb_s": pick("tmu_net_mb_s"), "instructions": pick("instructions"), "measurement": m,
            "origin": origin, "cached": result.cached, "tests": [t.model_dump() for t in verdict.tests],
            "test_seconds": verdict.wall_s}


def _report(run_dir: Path) -> list[Path]:
    try:
        from effilab.report import build_report
    except ImportError as exc:  # pragma: no cover - report extras missing
        err.print(f"no report: {exc}")
        return []
    return list(build_report(run_dir).values())


def _write_run(base: Path, rows: list[dict], summary: dict) -> Path:
    run_dir = _run_dir(base)
    run_dir.mkdir(parents=True)
    with (run_dir / "results.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    (run_dir / "summary.json").write_text(json.dumps({**summary, "run_dir": str(run_dir)}, indent=2) + "\n")
    return run_dir


def _print_summary(summary: dict, written: list[Path]) -> None:
    table = Table(title=f"{summary['tasks_source']} ({summary['candidates']}), sandbox {summary['sandbox']}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("pass@1", "pass@10", "pass@100"):
        if key in summary:
            table.add_row(key, f"{summary[key]:.4f}")
    table.add_row("passed / total", f"{summary['passed']} / {summary['total']}")
    for status, count in summary["verdicts"].items():
        if count:
            table.add_row(f"  {status}", str(count))
    table.add_row("from the store (cached)", str(summary["cached"]))
    table.add_row("seconds", f"{summary['seconds']:.1f}")
    out.print(table)
    for path in written:
        out.print(f"wrote {path}")
