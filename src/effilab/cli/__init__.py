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


def _register_commands() -> None:
    """Import every command module of this package: each adds its commands to `app` when imported.

    The first ones come in the order of the main job; the rest alphabetically (the order of `effilab --help`).
    A new command group is a new module here, with no list to edit.
    """
    import importlib
    import pkgutil

    first = ["check", "tasks", "evaluate", "compare"]
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name not in {"common", "__main__"})
    for name in [*first, *sorted(set(names) - set(first))]:
        if name in names:
            importlib.import_module(f"effilab.cli.{name}")


_register_commands()


def run() -> None:  # pragma: no cover - console entry for python -m
    app()
