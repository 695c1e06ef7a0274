"""`effilab tasks list|show`: inspect task sets."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import fail, load, out

tasks_app = typer.Typer(help="Inspect task sets.", no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")


@tasks_app.command("list")
def tasks_list() -> None:
    """List the registered task loaders."""
    from effilab.tasks.loaders import loaders

    table = Table(title="task loaders")
    table.add_column("name")
    table.add_column("reads")
    for name in loaders.names():
        doc = (loaders.get(name).__module__ and sys.modules[loaders.get(name).__module__].__doc__ or "").strip()
        table.add_row(name, doc.splitlines()[0] if doc else "")
    out.print(table)
    out.print("Use: effilab tasks show <name | name:path | path>")


@tasks_app.command("show")
def tasks_show(
    source: Annotated[str, typer.Argument(help="Loader name, 'loader:path', or a path.")],
    task_id: Annotated[Optional[str], typer.Option("--id", help="Show one task in full.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N tasks.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print tasks as JSONL.")] = False,
) -> None:
    """Load a task set and show it."""
    tasks = load(source, limit)
    if task_id:
        tasks = [t for t in tasks if t.id == task_id or str(t.metadata.get("original_id")) == task_id]
        if not tasks:
            fail(f"no task {task_id!r} in {source}")
    if as_json:
        for task in tasks:
            print(task.model_dump_json(exclude_defaults=True))
        return
    if task_id:
        task = tasks[0]
        out.rule(task.id)
        out.print(task.prompt, markup=False, highlight=False)
        out.print(f"entry point: {task.entry_point}; tests: {len(task.tests)}; references: {len(task.references)}")
        for test in task.tests:
            out.print(f"- [{test.kind}] {test.name or ''} {'(hidden)' if test.hidden else ''}", markup=False)
        return
    table = Table(title=f"{source}: {len(tasks)} tasks")
    for column in ("id", "entry point", "tests", "references", "difficulty"):
        table.add_column(column)
    for task in tasks:
        table.add_row(task.id, task.entry_point or "(stdin/stdout)", str(len(task.tests)), str(len(task.references)),
                      task.difficulty or "")
    out.print(table)
