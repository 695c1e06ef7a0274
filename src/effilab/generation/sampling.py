"""Sampling code for a task set: render each task with a template, ask the generator (through the cache) for n
completions, extract the code. Rows are samples JSONL as `effilab evaluate --samples` reads them (`solution` is the
whole program), plus the raw reply and where it came from."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from effilab.generation.base import GenParams, Generator
from effilab.generation.cache import GenerationCache, cached_generate
from effilab.generation.extract import extract_code
from effilab.generation.templates import Template, get_template
from effilab.tasks.models import Task


def default_template(task: Task) -> Template:
    """LeetCode-style tasks (entry point `Class.method`) get the class template, the rest function completion."""
    return get_template("leetcode" if task.entry_point and "." in task.entry_point else "complete")


RAW = "raw"  # no template: the task's prompt as plain text, for base models (the completions endpoint)
RAW_STOP = ("\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\n#")  # a base model's function ends here


def sample_tasks(tasks: Sequence[Task], generator: Generator, params: GenParams, template: str | None = None,
                 cache: GenerationCache | None = None, chunk: int = 16,
                 on_chunk: Callable[[int], None] | None = None) -> list[dict]:
    """n samples per task; prompts go to the generator `chunk` tasks at a time (so progress can be shown while a
    batching or concurrent backend still sees many prompts at once).

    `template="raw"` is HumanEval-style completion for base models: the model continues the task's prompt
    (signature and docstring) as text; the solution is the prompt followed by the completion, cut where a base
    model starts the next top-level statement."""
    raw = template == RAW
    if raw and not params.stop:
        params = dataclasses.replace(params, stop=RAW_STOP)
    rows: list[dict] = []
    for start in range(0, len(tasks), chunk):
        group = tasks[start: start + chunk]
        if raw:
            keys, prompts = [RAW] * len(group), [t.prompt for t in group]
        else:
            chosen = [get_template(template) if template else default_template(t) for t in group]
            keys, prompts = [tpl.key for tpl in chosen], [tpl.render(t) for tpl, t in zip(chosen, group)]
        replies = cached_generate(generator, prompts, params, cache)
        for task, key, completions in zip(group, keys, replies):
            for index, completion in enumerate(completions):
                if raw:
                    body = completion.text
                    for stop in params.stop:  # servers that ignore `stop` are cut here too
                        body = body.split(stop, 1)[0]
                    solution, extracted = task.prompt + body, False
                else:
                    code = extract_code(completion.text, task.entry_point, task.language)
                    solution, extracted = (code, True) if code.strip() else (completion.text, False)
                rows.append({"task_id": task.id, "solution": solution, "sample": index, "model": generator.name,
                             "template": key, "extracted": extracted, "finish_reason": completion.finish_reason,
                             "cached": bool(completion.meta.get("cached")), "raw": completion.text})
        if on_chunk:
            on_chunk(len(group))
    return rows
