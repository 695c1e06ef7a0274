"""`effilab train sft|dpo|orpo|dpop`, `effilab train merge` and `effilab train tiny`: fine-tune a model on a
dataset from `effilab pipeline run` (or any TRL-shaped JSONL) with LoRA, QLoRA or full fine-tuning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import fail, out

train_app = typer.Typer(help="Fine-tune models: SFT, DPO, ORPO, DPO-Positive (TRL + PEFT).", no_args_is_help=True)
app.add_typer(train_app, name="train")


def _run(recipe: str, config: Optional[Path], model: Optional[str], data: Optional[str], output: Optional[Path],
         eval_data: Optional[str], adapter: Optional[str], max_steps: Optional[int], merge: Optional[bool],
         resume: Optional[bool], overrides: list[str], as_json: bool) -> None:
    from effilab.training.config import load_run_config

    if config is not None and not config.is_file():
        fail(f"no such config file: {config}")
    try:
        cfg = load_run_config(config, overrides or [], **{
            "recipe": recipe, "model.path": model, "data.train": data, "data.eval": eval_data,
            "output_dir": str(output) if output else None, "model.adapter": adapter, "trainer.max_steps": max_steps,
            "merge": merge, "resume": resume})
    except (ValueError, TypeError) as exc:
        fail(str(exc))
    try:
        from effilab.training.recipe import TrainingSetupError, train
    except ImportError as exc:
        fail(f"training needs the train extra ({exc.name} missing): pip install 'effilab[train]'")
    import contextlib
    import sys

    # with --json, stdout carries only the result: the trainer's own log lines go to stderr
    quiet = contextlib.redirect_stdout(sys.stderr) if as_json else contextlib.nullcontext()
    try:
        with quiet:
            result = train(cfg)
    except TrainingSetupError as exc:
        fail(str(exc))
    summary = {"recipe": cfg.recipe, "output_dir": str(result.output_dir),
               "merged_dir": str(result.merged_dir) if result.merged_dir else None, "steps": len(result.losses),
               "first_loss": result.losses[0] if result.losses else None,
               "last_loss": result.losses[-1] if result.losses else None, "seconds": result.seconds,
               "metrics": result.metrics}
    if as_json:
        print(json.dumps(summary, indent=2, default=str))
        return
    table = Table(title=f"train {cfg.recipe} ({cfg.model.adapter}) on {cfg.data.train}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("steps", "first_loss", "last_loss", "seconds"):
        value = summary[key]
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    if "eval_loss" in result.metrics:
        table.add_row("eval_loss", f"{result.metrics['eval_loss']:.4f}")
    out.print(table)
    out.print(f"wrote {result.output_dir}")
    if result.merged_dir:
        out.print(f"wrote {result.merged_dir} (merged model)")


def _command(recipe: str, summary: str):
    def command(
        config: Annotated[Optional[Path], typer.Option(help="Run config YAML (configs/training/*.yaml).")] = None,
        model: Annotated[Optional[str], typer.Option(help="Model folder (model.path).")] = None,
        data: Annotated[Optional[str], typer.Option(help="Training data: JSONL or datasets folder.")] = None,
        output: Annotated[Optional[Path], typer.Option(help="Output folder (output_dir).")] = None,
        eval_data: Annotated[Optional[str], typer.Option("--eval-data", help="Evaluation data.")] = None,
        adapter: Annotated[Optional[str], typer.Option(help="lora, qlora (CUDA) or full.")] = None,
        max_steps: Annotated[Optional[int], typer.Option(help="Stop after N optimiser steps.")] = None,
        merge: Annotated[Optional[bool], typer.Option("--merge/--no-merge", help="Also write a merged model.")] = None,
        resume: Annotated[Optional[bool], typer.Option("--resume/--no-resume",
                                                       help="Resume from the last checkpoint.")] = None,
        overrides: Annotated[Optional[list[str]], typer.Option("--set", help="key=value, e.g. "
                                                               "trainer.learning_rate=1e-4 (repeatable).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    ) -> None:
        _run(recipe, config, model, data, output, eval_data, adapter, max_steps, merge, resume, overrides or [],
             as_json)

    command.__doc__ = f"{recipe.upper()}: {summary}."
    return command


def _register() -> None:
    from effilab.training.recipe import RECIPES  # no torch/TRL import until a command runs

    for name, recipe in RECIPES.items():
        train_app.command(name)(_command(name, recipe.summary))


_register()


@train_app.command("merge")
def train_merge(
    adapter_dir: Annotated[Path, typer.Argument(help="A LoRA adapter folder written by `effilab train`.")],
    output: Annotated[Path, typer.Option(help="Where the merged model goes.")],
) -> None:
    """Fold a LoRA adapter into its base model: a standalone model for `effilab evaluate --model transformers:`."""
    from effilab.training.recipe import TrainingSetupError, merge_adapter

    try:
        path = merge_adapter(adapter_dir, output)
    except TrainingSetupError as exc:
        fail(str(exc))
    out.print(f"wrote {path}")


@train_app.command("tiny")
def train_tiny(
    output: Annotated[Path, typer.Argument(help="Folder for the tiny model and tokenizer.")],
    hidden: Annotated[int, typer.Option(help="Hidden size.")] = 32,
    layers: Annotated[int, typer.Option(help="Transformer layers.")] = 2,
    seed: Annotated[int, typer.Option(help="Initialisation seed.")] = 0,
) -> None:
    """Build a tiny randomly initialised Llama-style model (for demos and smoke tests: no download)."""
    from effilab.training.tiny import TinyModelSpec, build_tiny_model

    path = build_tiny_model(output, TinyModelSpec(hidden_size=hidden, intermediate_size=2 * hidden,
                                                  num_hidden_layers=layers, seed=seed))
    out.print(f"wrote {path}")
