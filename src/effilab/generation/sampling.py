"""Sampling code for a task set: render each task with a template, ask the generator (through the cache) for n
completions, extract the code. Rows are samples JSONL as `effilab evaluate --samples` reads them (`solution` is the
whole program), plus the raw reply and where it came from."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from effilab.generation.base import GenParams, Generator
from effilab.generation.cache import GenerationCache, cached_generate
from effilab.generation.extract import extract_code
from effilab.generation.templates import Template, get_template
from effilab.tasks.models import Task


def default_template(task: Task) -> Template:
    """LeetCode-style tasks (entry point `Class.method`) get the class template, the rest function completion."""
    return get_template("leetcode" if task.entry_point and "." in task.entry_point else "complete")


def sample_tasks(tasks: Sequence[Task], generator: Generator, params: GenParams, template: str | None = None,
                 cache: GenerationCache | None = None, chunk: int = 16,
                 on_chunk: Callable[[int], None] | None = None) -> list[dict]:
    """n samples per task; prompts go to the generator `chunk` tasks at a time (so progress can be shown while a
    batching or concurrent backend still sees many prompts at once)."""
    rows: list[dict] = []
    for start in range(0, len(tasks), chunk):
        group = tasks[start: start + chunk]
        chosen = [get_template(template) if template else default_template(t) for t in group]
        prompts = [tpl.render(t) for tpl, t in zip(chosen, group)]
        replies = cached_generate(generator, prompts, params, cache)
        for task, tpl, completions in zip(group, chosen, replies):
            for index, completion in enumerate(completions):
                code = extract_code(completion.text, task.entry_point, task.language)
                rows.append({"task_id": task.id, "solution": code if code.strip() else completion.text,
                             "sample": index, "model": generator.name, "template": tpl.key,
                             "extracted": bool(code.strip()), "finish_reason": completion.finish_reason,
                             "cached": bool(completion.meta.get("cached")), "raw": completion.text})
        if on_chunk:
            on_chunk(len(group))
    return rows
