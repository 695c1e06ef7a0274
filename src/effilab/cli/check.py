"""`effilab check`: what this host offers."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from effilab import __version__
from effilab.cli import app
from effilab.cli.common import out


@app.command()
def check(as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False) -> None:
    """Report what this host offers: sandboxes, interpreter, valgrind, g++."""
    from effilab.sandbox.check import capabilities

    caps = capabilities()
    if as_json:
        print(json.dumps([c.__dict__ for c in caps], indent=2))
        return
    table = Table(title=f"effilab {__version__} on this host")
    for column in ("capability", "ok", "detail"):
        table.add_column(column)
    for cap in caps:
        table.add_row(cap.name, "[green]yes[/green]" if cap.ok else "[red]no[/red]", cap.detail)
    out.print(table)
