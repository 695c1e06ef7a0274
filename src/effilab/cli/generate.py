"""`effilab generate`: sample code from a model for a task set, into samples JSONL."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import err, fail, load, out

MODEL_HELP = "Generator '<backend>:<model>': openai:<name>, transformers:<dir>, vllm:<name>, scripted:<file.jsonl>."


def build_generator(model: str, base_url: str | None = None, api_key: str | None = None, concurrency: int = 8,
                    batch_size: int = 8, endpoint: str | None = None) -> Any:
    """The generator for --model with the connection options; a bad spec or a missing extra ends the command."""
    from effilab.generation.registry import get_generator
    from effilab.registry import UnknownName

    options: dict[str, Any] = {"concurrency": concurrency, "batch_size": batch_size}
    if base_url:
        options["base_url"] = base_url
    if api_key:
        options["api_key"] = api_key
    if endpoint:
        if not model.startswith("openai:"):
            fail("--endpoint is an option of the openai backend")
        options["endpoint"] = endpoint  # the backend refuses a name it does not know
    try:
        return get_generator(model, **options)
    except (ValueError, UnknownName, ImportError, FileNotFoundError, OSError) as exc:
        fail(str(exc))


EndpointOption = Annotated[Optional[str], typer.Option(
    help="openai backend: auto (chat for everything), chat (/chat/completions) or completions (/completions, for "
         "base models: the task's prompt is continued as text, template 'raw').")]


def write_samples(tasks, model: str, n: int, output: Path, template: Optional[str], temperature: float,
                  max_tokens: int, seed: Optional[int], cache_path: Optional[Path], base_url: Optional[str],
                  api_key: Optional[str], concurrency: int, batch_size: int, endpoint: Optional[str] = None) -> dict:
    """Generate, write the samples file, and return a summary (shared with `effilab evaluate --model`)."""
    from effilab.generation.base import GenParams
    from effilab.generation.cache import GenerationCache
    from effilab.generation.errors import GenerationError
    from effilab.generation.sampling import sample_tasks
    from effilab.registry import UnknownName

    if n < 1 or max_tokens < 1 or concurrency < 1:
        fail("-n, --max-tokens and --concurrency must be positive")
    generator = build_generator(model, base_url, api_key, concurrency, batch_size, endpoint)
    if endpoint == "completions" and template is None:
        template = "raw"  # a base model continues the task's prompt as text
    params = GenParams(n=n, temperature=temperature, max_tokens=max_tokens, seed=seed)
    cache = GenerationCache(cache_path) if cache_path else None
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err)
    started = time.perf_counter()
    try:
        with progress:
            bar = progress.add_task(f"generating ({generator.name})", total=len(tasks))
            rows = sample_tasks(tasks, generator, params, template, cache,
                                on_chunk=lambda done: progress.advance(bar, done))
    except (GenerationError, UnknownName, ValueError, LookupError) as exc:
        fail(str(exc))
    finally:
        if cache:
            cache.close()
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    return {"model": generator.name, "tasks": len(tasks), "samples": len(rows),
            "no_code_found": sum(not r["extracted"] for r in rows), "from_cache": sum(r["cached"] for r in rows),
            "seconds": round(time.perf_counter() - started, 3), "output": str(output)}


@app.command()
def generate(
    model: Annotated[str, typer.Option(help=MODEL_HELP)],
    tasks_source: Annotated[str, typer.Option("--tasks", help="Loader name, 'loader:path', or a path.")] = "suite",
    n: Annotated[int, typer.Option("-n", help="Samples per task.")] = 1,
    output: Annotated[Path, typer.Option("-o", "--output", help="Samples JSONL to write.")] = Path("samples.jsonl"),
    template: Annotated[Optional[str], typer.Option(help="Prompt template (complete, leetcode, epc, ...; raw: "
                                                    "the task's prompt as text); "
                                                    "default by task kind.")] = None,
    temperature: Annotated[float, typer.Option(help="Sampling temperature (0: greedy).")] = 0.0,
    max_tokens: Annotated[int, typer.Option(help="Most new tokens per completion.")] = 1024,
    seed: Annotated[Optional[int], typer.Option(help="Sampling seed.")] = 0,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N tasks.")] = None,
    cache: Annotated[Optional[Path], typer.Option(help="Generation cache: a table in the result store (SQLite); reruns reuse replies.")] =
        Path("runs/store.sqlite"),
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ask the model again; remember nothing.")] = False,
    base_url: Annotated[Optional[str], typer.Option(help="OpenAI-compatible server (default $OPENAI_BASE_URL).")] =
        None,
    api_key: Annotated[Optional[str], typer.Option(help="API key (default $OPENAI_API_KEY).")] = None,
    concurrency: Annotated[int, typer.Option(help="Requests in flight (openai backend).")] = 8,
    batch_size: Annotated[int, typer.Option(help="Prompts per batch (transformers backend).")] = 8,
    endpoint: EndpointOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Sample code for every task of a set and write samples JSONL (task_id, solution, raw reply, ...)."""
    tasks = load(tasks_source, limit)
    summary = write_samples(tasks, model, n, output, template, temperature, max_tokens, seed,
                            None if no_cache else cache, base_url,
                            api_key, concurrency, batch_size, endpoint)
    if as_json:
        print(json.dumps(summary, indent=2))
        return
    table = Table(title=f"generate: {summary['model']} on {tasks_source}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("tasks", "samples", "no_code_found", "from_cache", "seconds"):
        table.add_row(key.replace("_", " "), str(summary[key]))
    out.print(table)
    out.print(f"wrote {output}")
