"""`effilab select`: efficiency-first choice among each task's k samples ("sample k, submit 1")."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import err, fail, load, out


@app.command("select")
def select_command(
    samples: Annotated[Path, typer.Argument(help="Samples JSONL (several per task).")],
    tasks_source: Annotated[str, typer.Option("--tasks", help="The task set the samples answer.")] = "suite",
    by: Annotated[str, typer.Option(help="Cost: instructions, wall (time), tmu or memory.")] = "instructions",
    output: Annotated[Path, typer.Option("-o", "--output", help="The chosen sample per task, JSONL.")] =
        Path("selected.jsonl"),
    sandbox: Annotated[str, typer.Option(help="auto, bwrap or process.")] = "auto",
    repeats: Annotated[int, typer.Option(help="Timed repeats per measurement.")] = 5,
    predictor_dir: Annotated[Path | None, typer.Option("--predictor", help="A run-time predictor (from `effilab "
                                                       "predictor train`): ranks the samples when none could be "
                                                       "measured, or always with --no-measure.")] = None,
    measure: Annotated[bool, typer.Option(help="Measure the samples that pass the open tests (--no-measure: "
                                               "choose by the predictor alone).")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary and choices as JSON.")] = False,
) -> None:
    """Judge each task's samples on the open tests, measure the correct ones together, submit the cheapest; report
    pass@1 of the submitted sample next to pass@k of all k."""
    from effilab.optimize.cost import objective_name
    from effilab.optimize.select import select_best, summarize_choices
    from effilab.registry import UnknownName
    from effilab.sandbox import get_sandbox
    from effilab.tasks.io import DataError
    from effilab.tasks.samples import read_samples

    try:
        objective = objective_name(by)
        box = get_sandbox(sandbox)
    except (ValueError, RuntimeError, UnknownName) as exc:
        fail(str(exc))
    if not measure and predictor_dir is None:
        fail("--no-measure needs --predictor")
    ranker = None
    if predictor_dir is not None:
        from effilab.models.runtime_predictor import RuntimePredictor

        try:
            ranker = RuntimePredictor.load(predictor_dir)
        except (FileNotFoundError, ValueError) as exc:
            fail(str(exc))
    tasks = load(tasks_source)
    try:
        candidates = read_samples(samples, tasks)
    except DataError as exc:
        fail(str(exc))
    grouped: dict[str, list[str]] = defaultdict(list)
    for cand in candidates:
        grouped[cand.task_id].append(cand.code)
    by_id = {t.id: t for t in tasks}
    choices = []
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err)
    with progress:
        bar = progress.add_task(f"selecting by {objective}", total=len(grouped))
        for task_id, codes in grouped.items():
            predict = None
            if ranker is not None:  # scores compare the codes of one task with each other: score them together
                scores = dict(zip(codes, (float(x) for x in ranker.score(codes))))
                predict = lambda task, code, scores=scores: scores[code]  # noqa: E731
            choices.append(select_best(by_id[task_id], codes, box, objective, predictor=predict, repeats=repeats,
                                       measure=measure))
            progress.advance(bar)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as handle:
        for c in choices:
            handle.write(json.dumps({"task_id": c.task_id, "solution": c.code, "sample": c.chosen, "how": c.how,
                                     "cost": c.costs[c.chosen], "objective": objective}) + "\n")
    summary = summarize_choices(choices)
    summary["output"] = str(output)
    if as_json:
        print(json.dumps({**summary, "choices": [c.model_dump(exclude={"code"}) for c in choices]}, indent=2))
        return
    table = Table(title=f"efficiency-first selection by {objective} (k = {summary['k']})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("tasks", str(summary["tasks"]))
    table.add_row("sample k, submit 1: pass@1", f"{summary['submit_1_pass@1']:.4f}")
    table.add_row("sample k, submit k: pass@k", f"{summary['submit_k_pass@k']:.4f}")
    table.add_row("one random sample: pass@1", f"{summary['random_pass@1']:.4f}")
    ratio = summary["chosen_cost_vs_mean"]
    table.add_row("chosen cost / mean correct cost", f"{ratio:.3f}" if ratio is not None else "-")
    out.print(table)
    out.print(f"wrote {output}")
