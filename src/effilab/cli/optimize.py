"""`effilab optimize`: the SOAP loop over a task set's starting codes, or over one user file with its tests."""

from __future__ import annotations

import functools
import json
import time
from pathlib import Path
from statistics import median
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import err, fail, load, out
from effilab.cli.executing import ExecutorName, RayAddress, executor_from_options
from effilab.cli.generate import MODEL_HELP, build_generator


def _file_task(path: Path, entry: Optional[str], tests: Optional[Path], workload: Optional[Path], size: int):
    """A one-off task from a user's file: its tests (pytest-style test_* functions and bare asserts) and an
    optional workload file defining generate(size, rng) -> list of argument lists."""
    from effilab.tasks.models import Task, TestCase, Workload

    if not path.is_file():
        fail(f"no such file: {path}")
    if tests is None or not tests.is_file():
        fail("a single file needs --tests FILE (asserts or test_* functions): SOAP keeps only code that passes")
    runner = ("\nfor _name, _fn in list(globals().items()):\n    if _name.startswith('test_') and callable(_fn):\n"
              "        _fn()\n")
    own = (f"from {path.stem} import", f"import {path.stem}")  # the file's definitions are already in scope
    test_code = "\n".join(line for line in tests.read_text().splitlines() if not line.startswith(own))
    work = None
    if workload is not None:
        if not workload.is_file() or not entry:
            fail("--workload needs an existing file and --entry (the function its calls go to)")
        work = Workload(generator=workload.read_text(), sizes=[size], seed=0)
    code = path.read_text()
    return Task(id=f"file/{path.stem}", source="file", prompt=code, entry_point=entry,
                tests=[TestCase(kind="assert", name=tests.name, code=test_code + runner)], workload=work), code


@app.command()
def optimize(
    model: Annotated[str, typer.Option(help=MODEL_HELP)],
    file: Annotated[Optional[Path], typer.Argument(help="One Python file to optimise (with --tests).")] = None,
    tasks_source: Annotated[str, typer.Option("--tasks", help="Task set (when no FILE is given).")] = "suite",
    start: Annotated[Optional[Path], typer.Option(help="Starting codes: samples JSONL (first sample per task); "
                                                  "default: each task's first inefficient reference.")] = None,
    tests: Annotated[Optional[Path], typer.Option(help="FILE mode: the tests (asserts, test_* functions).")] = None,
    entry: Annotated[Optional[str], typer.Option(help="FILE mode: the function the workload calls.")] = None,
    workload: Annotated[Optional[Path], typer.Option(help="FILE mode: defines generate(size, rng).")] = None,
    size: Annotated[int, typer.Option(help="FILE mode: the workload size.")] = 1000,
    rounds: Annotated[int, typer.Option(help="Refinement rounds per task.")] = 5,
    objective: Annotated[str, typer.Option(help="Keep only code better on: tmu, time, instructions, memory.")] =
        "tmu",
    profile: Annotated[str, typer.Option(help="What the model sees: both, time, memory, none (ablations).")] =
        "both",
    repeats: Annotated[int, typer.Option(help="Timed repeats per measuring process.")] = 5,
    processes: Annotated[int, typer.Option(help="Measuring processes per code in each comparison (interleaved); "
                                           "the keep rule needs every process to agree.")] = 3,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N tasks.")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Every round of every task, JSONL.")] =
        Path("soap.jsonl"),
    sandbox: Annotated[str, typer.Option(help="auto, bwrap or process.")] = "auto",
    cache: Annotated[Optional[Path], typer.Option(help="Generation cache: a table in the result store (SQLite).")] =
        Path("runs/store.sqlite"),
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ask the model again; remember nothing.")] = False,
    base_url: Annotated[Optional[str], typer.Option(help="OpenAI-compatible server URL.")] = None,
    api_key: Annotated[Optional[str], typer.Option(help="API key.")] = None,
    workers: Annotated[Optional[int], typer.Option(help="Tasks optimised at once (default: the core count).")] = None,
    executor_name: ExecutorName = "local",
    ray_address: RayAddress = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Improve code with profile feedback (SOAP): per round, profile, ask the model for a faster version, keep it
    only if it passes the open tests and is measurably cheaper; final scoring on all tests."""
    from effilab.execution.measuring import baseline_reference
    from effilab.measure.engine import Measurement
    from effilab.optimize.cost import cost_of, objective_name
    from effilab.optimize.soap import SoapConfig, gain, optimize_job
    from effilab.registry import UnknownName
    from effilab.sandbox import get_sandbox
    from effilab.tasks.io import DataError
    from effilab.tasks.samples import read_samples

    if rounds < 1 or repeats < 1 or processes < 1:
        fail("--rounds, --repeats and --processes must be positive")
    if profile not in ("both", "time", "memory", "none"):
        fail("--profile is one of both, time, memory, none")
    try:
        objective = objective_name(objective)
        box = get_sandbox(sandbox)
    except (ValueError, RuntimeError, UnknownName) as exc:
        fail(str(exc))
    executor = executor_from_options(executor_name, workers, ray_address)  # refuses a bad --workers, too
    if file is not None:
        task, code = _file_task(file, entry, tests, workload, size)
        work = [(task, code)]
    else:
        tasks = load(tasks_source, limit)
        if start is not None:
            try:
                firsts = {}
                for cand in read_samples(start, tasks):
                    firsts.setdefault(cand.task_id, cand.code)
            except DataError as exc:
                fail(str(exc))
            work = [(t, firsts[t.id]) for t in tasks if t.id in firsts]
        else:
            work = []
            for t in tasks:
                ref = next((r for r in t.references if r.role == "inefficient"), None) or baseline_reference(t)
                if ref is not None:
                    work.append((t, ref.code))
        if not work:
            fail("no starting code: give --start samples.jsonl or a task set with references")
    generator = build_generator(model, base_url, api_key)
    config = SoapConfig(rounds=rounds, objective=objective, profile=profile, repeats=repeats,  # type: ignore[arg-type]
                        processes=processes)
    job = functools.partial(optimize_job, generator=generator, sandbox=box, config=config,
                            cache_path=str(cache) if cache and not no_cache else None)
    results = []
    started = time.perf_counter()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err)
    output.parent.mkdir(parents=True, exist_ok=True)
    with progress, output.open("w", encoding="utf-8") as handle:
        bar = progress.add_task("SOAP tasks", total=len(work))
        for (task, _), result in executor.map_unordered(job, work):  # each task's rounds are one job
            progress.update(bar, advance=1, description=f"SOAP {task.id}")
            handle.write(result.model_dump_json() + "\n")
            handle.flush()
            results.append(result)
    order = {t.id: i for i, (t, _) in enumerate(work)}
    results.sort(key=lambda r: order.get(r.task_id, len(order)))  # the table in task order; the file as finished
    gains = [g for r in results if (g := gain(r)) is not None]
    summary = {"tasks": len(results), "rounds": rounds, "objective": objective, "profile": profile,
               "improved": sum(r.improved for r in results),
               "final_passed": sum(r.final_verdict == "passed" for r in results),
               "accepted_rounds": sum(x.accepted for r in results for x in r.rounds),
               "median_gain": median(gains) if gains else None, "seconds": round(time.perf_counter() - started, 2),
               "output": str(output)}
    if as_json:
        print(json.dumps(summary, indent=2))
        return
    table = Table(title=f"SOAP with {generator.name}: objective {objective}, profile {profile}")
    for column in ("task", "rounds kept", "start", "final", "gain", "final verdict"):
        table.add_column(column)
    for r in results:
        g = gain(r)
        a = cost_of(Measurement(**r.start.model_dump()), objective) if r.start else None
        b = cost_of(Measurement(**r.final.model_dump()), objective) if r.final else None
        table.add_row(r.task_id, f"{sum(x.accepted for x in r.rounds)}/{len(r.rounds)}",
                      f"{a:.4g}" if a is not None else "-", f"{b:.4g}" if b is not None else "-",
                      f"{g:+.1%}" if g is not None else "-", r.final_verdict or "-")
    out.print(table)
    out.print(f"improved {summary['improved']}/{summary['tasks']} tasks; final passed {summary['final_passed']}")
    out.print(f"wrote {output}")
