"""What every command shares: the consoles, the one-line error, task loading."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

from effilab.registry import UnknownName
from effilab.tasks.io import DataError

out = Console()
err = Console(stderr=True)


def fail(message: str) -> None:
    # one line, however narrow the terminal: soft_wrap stops rich from breaking it at the console width
    # (escape: a message quoting data, e.g. "[x]", must not be read as rich markup)
    err.print(f"[red]error:[/red] {escape(' '.join(message.split()))}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def load(source: str, limit: int | None = None):
    from effilab.tasks.loaders import load_tasks

    try:
        return load_tasks(source, limit=limit)
    except (DataError, UnknownName, ImportError) as exc:
        fail(str(exc))
