"""The effilab command line: `effilab <group> <verb>`. One module per group; each registers its commands on `app`."""

from __future__ import annotations

from typing import Annotated

import typer

from effilab import __version__

app = typer.Typer(help="effilab: run, measure and improve model-written code.", no_args_is_help=True,
                  pretty_exceptions_enable=False)


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False) -> None:
    if version:
        from effilab.cli.common import out

        out.print(__version__)
        raise typer.Exit()


# each module adds its commands to `app` (import order is the order of `effilab --help`)
from effilab.cli import check, tasks, evaluate, compare  # noqa: E402,F401


def run() -> None:  # pragma: no cover - console entry for python -m
    app()
