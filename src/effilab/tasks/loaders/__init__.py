"""Benchmark loaders, registered by name. `load_tasks("humaneval")`, `load_tasks("mbpp:/data/mbpp.jsonl")`,
or `load_tasks("/path/file.jsonl")` (the format is recognised from the first record)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from effilab.registry import Registry, UnknownName
from effilab.tasks.io import DataError, iter_json_lines, read_json
from effilab.tasks.models import Task

Loader = Callable[[Path | None], list[Task]]
loaders: Registry[Loader] = Registry("task loader")

loaders.register_lazy("humaneval", "effilab.tasks.loaders.humaneval:load")
loaders.register_lazy("mbpp", "effilab.tasks.loaders.mbpp:load")
loaders.register_lazy("effibench", "effilab.tasks.loaders.effibench:load")
loaders.register_lazy("mercury", "effilab.tasks.loaders.mercury:load")
loaders.register_lazy("jsonl", "effilab.tasks.loaders.jsonl:load")
loaders.register_lazy("suite", "effilab.tasks.loaders.suite:load")
loaders.register_lazy("gec", "effilab.tasks.loaders.gec:load")
loaders.register_lazy("codenet", "effilab.tasks.loaders.codenet:load")


def _sniff(path: Path) -> str:
    """Pick a loader from the keys of the first record."""
    if path.suffix == ".json":
        data = read_json(path)
        first = data[0] if isinstance(data, list) and data else data
    else:
        first = next((obj for _, obj in iter_json_lines(path)), None)
    keys = set(first) if isinstance(first, dict) else set()
    if {"id", "source", "tests"} <= keys:
        return "jsonl"
    if {"problem_idx", "canonical_solution"} <= keys:
        return "effibench"
    if {"slug_name", "test_cases"} <= keys:
        return "mercury"
    if {"task_id", "test_list"} <= keys:
        return "mbpp"
    if {"task_id", "prompt", "canonical_solution", "test", "entry_point"} <= keys:
        return "humaneval"
    raise DataError(f"{path}: cannot tell the task format from the first record's fields {sorted(keys)}; "
                    f"name the loader as '<loader>:{path}' (loaders: {', '.join(loaders.names())})")


def load_tasks(source: str, limit: int | None = None) -> list[Task]:
    """Load tasks from a loader name, 'name:path', or a path."""
    name, path = source, None
    if source not in loaders:
        head, sep, tail = source.partition(":")
        if sep and head in loaders:
            name, path = head, Path(tail)
        elif Path(source).exists():
            path = Path(source)
            name = _sniff(path)
        elif "/" in source or source.endswith((".json", ".jsonl", ".gz")):
            raise DataError(f"{source}: no such file")
        else:
            raise UnknownName(f"unknown task loader {source!r}; known: {', '.join(loaders.names())}")
    tasks = loaders.get(name)(path)
    seen: set[str] = set()
    for task in tasks:
        if task.id in seen:
            raise DataError(f"{source}: duplicate task id {task.id!r}")
        seen.add(task.id)
    return tasks[:limit] if limit is not None else tasks
