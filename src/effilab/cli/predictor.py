"""`effilab runtime-db build` and `effilab predictor train|predict|evaluate|rerank`: the run-time database and the
predictor that ranks codes by predicted cost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import fail, load, out
from effilab.cli.executing import ExecutorName, RayAddress, executor_from_options

db_app = typer.Typer(help="Build the run-time database (codes with measured costs).", no_args_is_help=True)
predictor_app = typer.Typer(help="Train, apply and judge the run-time predictor.", no_args_is_help=True)
app.add_typer(db_app, name="runtime-db")
app.add_typer(predictor_app, name="predictor")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=out, transient=False)


@db_app.command("build")
def db_build(
    tasks_source: Annotated[str, typer.Option("--tasks", help="Task set: loader name, 'loader:path' or a path.")]
    = "suite",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder of the database (records.jsonl).")]
    = Path("runs/runtime_db"),
    samples: Annotated[Optional[Path], typer.Option(help="Model samples (human-eval JSONL) to add.")] = None,
    variants: Annotated[int, typer.Option(help="Measured semantics-preserving variants per solution.")] = 2,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N tasks.")] = None,
    task_ids: Annotated[Optional[list[str]], typer.Option("--id", help="Only these task ids.")] = None,
    test_fraction: Annotated[float, typer.Option(help="Share of tasks held out as the test split.")] = 0.25,
    no_time: Annotated[bool, typer.Option("--no-time", help="Instruction counts only (no wall time).")] = False,
    repeats: Annotated[int, typer.Option(help="Timed passes per code.")] = 1,
    calls_per_size: Annotated[int, typer.Option(help="Workload calls per size counted under callgrind.")] = 5,
    seed: Annotated[int, typer.Option(help="Seed of variants, views and split.")] = 0,
    sandbox_name: Annotated[str, typer.Option("--sandbox", help="auto | bwrap | process")] = "auto",
    workers: Annotated[Optional[int], typer.Option(help="Tasks built at once (default: the core count).")] = None,
    executor_name: ExecutorName = "local",
    ray_address: RayAddress = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Measure every solution of every task (and its variants); resumes where a killed build stopped."""
    from effilab.measure import callgrind
    from effilab.pipelines.runtime_db import RuntimeDBConfig, build_runtime_db
    from effilab.sandbox import get_sandbox
    from effilab.tasks.samples import read_samples

    ok, why = callgrind.available()
    if not ok:
        fail(f"the run-time database needs instruction counts: {why}")
    tasks = load(tasks_source, limit)
    if task_ids:
        tasks = [t for t in tasks if t.id in set(task_ids)]
        if not tasks:
            fail(f"none of {', '.join(task_ids)} in {tasks_source}")
    extra = read_samples(samples, tasks) if samples else []
    config = RuntimeDBConfig(variants_per_code=variants, test_fraction=test_fraction, seed=seed, time=not no_time,
                             repeats=repeats, instruction_calls_per_size=calls_per_size)
    sandbox = get_sandbox(sandbox_name)
    executor = executor_from_options(executor_name, workers, ray_address)
    with _progress() as progress:
        bar = progress.add_task("runtime-db", total=len(tasks))

        def step(task, rows, resumed):
            progress.update(bar, advance=1, description=f"{task.id} ({'resumed' if resumed else f'{rows} rows'})")

        summary = build_runtime_db(tasks, out_dir, sandbox, config, extra, on_task=step, executor=executor)
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(title="run-time database")
    table.add_column("stage")
    table.add_column("count", justify="right")
    for key, value in summary["stages"].items():
        table.add_row(key, str(value))
    table.add_row("rows", str(summary["rows"]))
    table.add_row("tasks", str(summary["tasks"]))
    table.add_row("measured codes", str(summary["measured"]))
    out.print(table)
    out.print(f"wrote {summary['path']} and {Path(out_dir) / 'summary.json'}")


def _rows(db: Path) -> list[dict]:
    from effilab.pipelines.runtime_db import load_db

    try:
        rows = load_db(db)
    except FileNotFoundError as exc:
        fail(str(exc))
    if not rows:
        fail(f"{db}: the run-time database is empty")
    return rows


def _split(rows: list[dict], split: str) -> list[dict]:
    chosen = rows if split == "all" else [r for r in rows if r.get("split") == split]
    if not chosen:
        fail(f"no rows in the {split!r} split")
    return chosen


def _json(value) -> str:
    """JSON with NaN (an undefined correlation) as null, so strict parsers read it."""

    def clean(v):
        if isinstance(v, float) and v != v:
            return None
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [clean(x) for x in v]
        return v

    return json.dumps(clean(value), default=lambda v: None)


def _fmt(value) -> str:
    if isinstance(value, float):
        return "nan" if value != value else f"{value:.3f}"
    return str(value)


@predictor_app.command("train")
def predictor_train(
    db: Annotated[Path, typer.Option(help="Run-time database folder (or its records.jsonl).")] = Path("runs/runtime_db"),
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to save the predictor in.")]
    = Path("runs/predictor"),
    kind: Annotated[str, typer.Option(help="ensemble | pairwise-logistic | pairwise-gbm | centered-gbm | length | "
                                           "loops | tfidf")] = "ensemble",
    label: Annotated[str, typer.Option(help="Cost to learn: instructions | wall_us.")] = "instructions",
    split: Annotated[str, typer.Option(help="Rows to train on: train | all.")] = "train",
    views: Annotated[bool, typer.Option("--views", help="Also train on the E-code views (label inherited).")]
    = False,
    seed: Annotated[int, typer.Option()] = 0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Train the CPU predictor on a run-time database (the train split: no test task is seen)."""
    from effilab.models.runtime_predictor import KINDS, PredictorConfig, RuntimePredictor

    if kind not in KINDS:
        fail(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    rows = _split(_rows(db), split)
    try:
        predictor = RuntimePredictor(PredictorConfig(kind=kind, label=label, use_views=views, seed=seed))
        predictor.fit(rows)
    except ValueError as exc:
        fail(str(exc))
    path = predictor.save(out_dir)
    if as_json:
        print(json.dumps({"path": str(path), **predictor.trained_on, "kind": kind}))
        return
    table = Table(title=f"predictor ({kind})")
    table.add_column("trained on")
    table.add_column("count", justify="right")
    for key, value in predictor.trained_on.items():
        table.add_row(key, str(value))
    out.print(table)
    out.print(f"wrote {path}")


@predictor_app.command("evaluate")
def predictor_evaluate(
    db: Annotated[Path, typer.Option(help="Run-time database folder.")] = Path("runs/runtime_db"),
    predictor_dir: Annotated[Path, typer.Option("--predictor", help="Folder of a trained predictor.")]
    = Path("runs/predictor"),
    split: Annotated[str, typer.Option(help="Rows to judge on: test | train | all.")] = "test",
    min_ratio: Annotated[float, typer.Option(help="Pairs whose costs differ less are ties (left out).")] = 1.1,
    as_json: Annotated[bool, typer.Option("--json", help="Print metrics as JSON.")] = False,
) -> None:
    """Pairwise accuracy, Spearman/Kendall within tasks, top-1 selection and MAE, per variant."""
    from effilab.models.runtime_evaluation import evaluate_predictor
    from effilab.models.runtime_predictor import RuntimePredictor

    try:
        predictor = RuntimePredictor.load(predictor_dir)
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    rows = _split(_rows(db), split)
    result = evaluate_predictor(predictor, rows, predictor.config.label, min_ratio)
    if as_json:
        flat = {**result.get("measured", {}), "per_variant": result, "kind": predictor.config.kind,
                "split": split}
        print(_json(flat))
        return
    table = Table(title=f"predictor ({predictor.config.kind}) on the {split} split")
    columns = ("pairwise_accuracy", "pairs", "spearman", "kendall", "top1", "tasks", "codes")
    table.add_column("variant")
    for column in columns:
        table.add_column(column, justify="right")
    for name, metrics in result.items():
        table.add_row(name, *(_fmt(metrics.get(c)) for c in columns))
    out.print(table)
    measured = result.get("measured", {})
    for key in ("mae_log_instructions", "mae_us", "mae_log_us", "spearman_global"):
        if key in measured:
            out.print(f"{key}: {_fmt(measured[key])}")


@predictor_app.command("predict")
def predictor_predict(
    files: Annotated[list[Path], typer.Argument(help="Python files (solutions of one task) to rank.")],
    predictor_dir: Annotated[Path, typer.Option("--predictor", help="Folder of a trained predictor.")]
    = Path("runs/predictor"),
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Predict the cost of each file and rank them, fastest first (the files should solve the same task)."""
    from effilab.models.runtime_predictor import RuntimePredictor

    try:
        predictor = RuntimePredictor.load(predictor_dir)
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    codes = []
    for path in files:
        if not path.is_file():
            fail(f"{path}: no such file")
        codes.append(path.read_text(encoding="utf-8", errors="replace"))
    scores = predictor.score(codes)
    instructions = predictor.predict_cost(codes, "instructions")
    wall = predictor.predict_cost(codes, "wall_us")
    order = predictor.rank(codes)
    records = [{"file": str(files[i]), "rank": r + 1, "score": float(scores[i]),
                "predicted_instructions": float(instructions[i]), "predicted_wall_us": float(wall[i])}
               for r, i in enumerate(order)]
    if as_json:
        for record in records:
            print(_json(record))
        return
    table = Table(title="predicted cost, fastest first")
    for column in ("rank", "file", "score", "instructions (est.)", "wall us (est.)"):
        table.add_column(column)
    for rec in records:
        table.add_row(str(rec["rank"]), rec["file"], _fmt(rec["score"]), f"{rec['predicted_instructions']:.3g}",
                      f"{rec['predicted_wall_us']:.3g}")
    out.print(table)


@predictor_app.command("rerank")
def predictor_rerank(
    samples: Annotated[Path, typer.Argument(help="Samples JSONL (task_id with completion or solution).")],
    predictor_dir: Annotated[Path, typer.Option("--predictor", help="Folder of a trained predictor.")]
    = Path("runs/predictor"),
    tasks_source: Annotated[Optional[str], typer.Option("--tasks", help="Task set, to join completions to "
                                                        "prompts; without it records need a 'solution'.")] = None,
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Write the reordered samples here.")] = None,
    top: Annotated[Optional[int], typer.Option(help="Keep only the first N of each task.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the reordered samples as JSONL.")] = False,
) -> None:
    """Order each task's samples by predicted cost (fastest first); each record gains `predicted_rank`."""
    from effilab.models.runtime_predictor import RuntimePredictor
    from effilab.tasks.io import DataError, iter_json_lines

    try:
        predictor = RuntimePredictor.load(predictor_dir)
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    prompts = {t.id: t.prompt for t in load(tasks_source)} if tasks_source else {}
    by_task: dict[str, list[tuple[dict, str]]] = {}
    try:
        for number, record in iter_json_lines(samples):
            if not isinstance(record, dict) or "task_id" not in record:
                fail(f"{samples}:{number}: expected an object with a task_id")
            if isinstance(record.get("solution"), str):
                code = record["solution"]
            elif isinstance(record.get("completion"), str):
                code = prompts.get(str(record["task_id"]), "") + record["completion"]
            else:
                fail(f"{samples}:{number}: needs a string 'completion' or 'solution'")
            by_task.setdefault(str(record["task_id"]), []).append((record, code))
    except (DataError, OSError) as exc:
        fail(str(exc))
    ordered = []
    with _progress() as progress:
        bar = progress.add_task("rerank", total=len(by_task))
        for task_id, items in by_task.items():
            scores = predictor.score([code for _, code in items])
            for rank, i in enumerate(predictor.rank([code for _, code in items])):
                if top is not None and rank >= top:
                    break
                ordered.append({**items[i][0], "predicted_rank": rank + 1, "predicted_score": float(scores[i])})
            progress.update(bar, advance=1)
    lines = "".join(json.dumps(record) + "\n" for record in ordered)
    if out_file:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_text(lines, encoding="utf-8")
    if as_json:
        print(lines, end="")
        return
    out.print(f"{len(ordered)} samples of {len(by_task)} tasks reordered by predicted cost"
              + (f"; wrote {out_file}" if out_file else ""))


@predictor_app.command("train-llm")
def predictor_train_llm(
    model: Annotated[Path, typer.Option(help="Local causal LM folder (Hugging Face format).")],
    db: Annotated[Path, typer.Option(help="Run-time database folder.")] = Path("runs/runtime_db"),
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to save the fine-tuned predictor in.")]
    = Path("runs/predictor_llm"),
    form: Annotated[str, typer.Option(help="regression (a head on log cost) | text (digits + end token)")]
    = "regression",
    label: Annotated[str, typer.Option(help="instructions | wall_us")] = "instructions",
    steps: Annotated[int, typer.Option(help="Optimiser steps.")] = 100,
    batch_size: Annotated[int, typer.Option()] = 8,
    learning_rate: Annotated[float, typer.Option()] = 5e-4,
    max_length: Annotated[int, typer.Option(help="Tokens per example; code cut from the left.")] = 512,
    lora_r: Annotated[int, typer.Option(help="LoRA rank (0: train all weights).")] = 0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Fine-tune an LLM run-time predictor on the train split and judge it on the test split."""
    from effilab.models.runtime_evaluation import ranking_metrics
    from effilab.models.runtime_predictor_llm import LLMPredictorConfig, LLMRuntimePredictor

    if form not in ("regression", "text"):
        fail(f"unknown form {form!r}; choose regression or text")
    if not model.is_dir():
        fail(f"{model}: no model folder")
    rows = [r for r in _rows(db) if r.get("measured", True)]
    train, test = _split(rows, "train"), [r for r in rows if r.get("split") == "test"]
    config = LLMPredictorConfig(form=form, label=label, steps=steps, batch_size=batch_size,
                                learning_rate=learning_rate, max_length=max_length, lora_r=lora_r)
    predictor = LLMRuntimePredictor(model, config)
    try:
        losses = predictor.fit(train)
    except ValueError as exc:
        fail(str(exc))
    path = predictor.save(out_dir)
    report = {"path": str(path), "steps": len(losses), "first_loss": losses[0], "last_loss": losses[-1]}
    if test:
        predictions = predictor.predict([r["code"] for r in test])
        report["parsed"] = sum(p is not None for p in predictions) / len(predictions)
        scores = [float("inf") if p is None else p for p in predictions]
        report.update(ranking_metrics(test, scores, label))
    if as_json:
        print(_json(report))
        return
    table = Table(title=f"LLM predictor ({form})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in report.items():
        table.add_row(key, _fmt(value))
    out.print(table)
    out.print(f"wrote {path}")
