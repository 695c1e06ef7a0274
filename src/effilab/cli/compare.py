"""`effilab compare`: two runs on their overlap."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import fail, out


@app.command()
def compare(
    run_a: Annotated[Path, typer.Argument(help="The first run folder (the reference).")],
    run_b: Annotated[Path, typer.Argument(help="The second run folder, compared with the first.")],
    force: Annotated[bool, typer.Option(help="Compare runs measured in different environments.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
) -> None:
    """Compare two runs on their overlap (codes that passed in both): ratios B / A of time, memory, instructions."""
    from effilab.report.compare import MixedEnvironments, compare_runs

    try:
        result = compare_runs(run_a, run_b, force=force)
    except (FileNotFoundError, MixedEnvironments) as exc:
        fail(str(exc))
    if as_json:
        print(json.dumps(result, indent=2))
        return
    out.print(f"A: {run_a}  passed {result['passed_a']}/{result['total_a']}")
    out.print(f"B: {run_b}  passed {result['passed_b']}/{result['total_b']}")
    out.print(f"overlap (passed in both): {result['overlap']}; only A: {result['only_a']}; only B: {result['only_b']}")
    table = Table(title="B / A on the overlap")
    for column in ("measure", "n", "mean of ratios", "ratio of sums", "geometric mean", "B better by >= 10%"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for metric in result["metrics"].values():
        number = lambda x: "-" if x is None else f"{x:.3f}"  # noqa: E731
        table.add_row(metric["label"], str(metric["n"]), number(metric["mean_of_ratios"]),
                      number(metric["ratio_of_sums"]), number(metric["geometric_mean"]),
                      "-" if metric["share_improved"] is None else f"{metric['share_improved']:.0%}")
    out.print(table)
