"""`effilab pipeline run|list`: build datasets (efficient-code SFT sets, efficiency preference pairs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import err, fail, out
from effilab.cli.executing import ExecutorName, RayAddress, executor_from_options

pipeline_app = typer.Typer(help="Build training datasets as pipelines of stages with counts.", no_args_is_help=True)
app.add_typer(pipeline_app, name="pipeline")

PIPELINES = {"effi_code": "tasks/instructions -> risky/test/algorithmic filters -> optimise -> judge -> measure -> "
                          "SFT set + preference pairs"}


@pipeline_app.command("list")
def pipeline_list() -> None:
    """List the pipelines a config can name."""
    table = Table(title="pipelines")
    table.add_column("name")
    table.add_column("what it does")
    for name, what in PIPELINES.items():
        table.add_row(name, what)
    out.print(table)


@pipeline_app.command("run")
def pipeline_run(
    config: Annotated[Path, typer.Argument(help="Pipeline config YAML (e.g. configs/pipelines/effi_code.yaml).")],
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Output folder (overrides out_dir).")] = None,
    generator: Annotated[Optional[str], typer.Option(help="Generator spec (overrides generator).")] = None,
    fresh: Annotated[bool, typer.Option("--fresh", help="Redo every stage instead of resuming.")] = False,
    workers: Annotated[Optional[int], typer.Option(help="Sandbox jobs at once (default: the core count).")] = None,
    executor_name: ExecutorName = "local",
    ray_address: RayAddress = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the manifest as JSON.")] = False,
) -> None:
    """Run a dataset pipeline; finished stages whose inputs and settings are unchanged are resumed."""
    from pydantic import ValidationError

    from effilab.pipelines.effi_code import run_effi_code
    from effilab.pipelines.effi_code.config import EffiCodeConfig
    from effilab.registry import UnknownName
    from effilab.tasks.io import DataError

    if not config.is_file():
        fail(f"no such config file: {config}")
    try:
        cfg = EffiCodeConfig.from_yaml(config, out_dir=str(out_dir) if out_dir else None, generator=generator)
    except (ValidationError, ValueError) as exc:
        fail(f"{config}: {exc}")
    if cfg.name not in PIPELINES:
        fail(f"unknown pipeline {cfg.name!r}; known: {', '.join(PIPELINES)}")
    executor = executor_from_options(executor_name, workers, ray_address)

    def show(report) -> None:
        state = "resumed" if report.resumed else f"{report.seconds:.1f}s"
        err.print(f"  {report.name}: {report.records_in} -> {report.records_out} ({state})", highlight=False)

    try:
        reports, summary = run_effi_code(cfg, resume=not fresh, on_stage=None if as_json else show,
                                         executor=executor)
    except (DataError, UnknownName, ImportError, FileNotFoundError, LookupError) as exc:
        fail(str(exc))
    manifest_path = Path(cfg.out_dir) / "manifest.json"
    if as_json:
        print(manifest_path.read_text())
        return
    table = Table(title=f"{cfg.name}: records after each stage")
    table.add_column("stage")
    table.add_column("in", justify="right")
    table.add_column("out", justify="right")
    table.add_column("dropped (reason: count)")
    for r in reports:
        table.add_row(r.name, str(r.records_in), str(r.records_out),
                      ", ".join(f"{k}: {v}" for k, v in sorted(r.dropped.items())) or "")
    out.print(table)
    out.print(f"SFT {summary['sft_train']} train / {summary['sft_eval']} eval (also as chat: sft_chat); "
              f"pairs {summary['pairs_train']} train / {summary['pairs_eval']} eval")
    for path in [manifest_path, Path(cfg.out_dir) / "stage_table.md", *map(Path, summary["files"].values())]:
        out.print(f"wrote {path}")
