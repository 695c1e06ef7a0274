"""C++ commands: `effilab compile-check`, the compiler-feedback pipeline (`effilab compile-feedback mask | generate |
score | pairs`) and the compile-rate table (`effilab compile-eval`)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import err, fail, load, out

POLICY_HELP = "errors: errors fail; warnings: -Wall -Wextra and any warning fails; syntax: -fsyntax-only (fastest)."
feedback_app = typer.Typer(help="Compiler-feedback preference data: mask, generate, score, pairs.",
                           no_args_is_help=True)
app.add_typer(feedback_app, name="compile-feedback")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=False)


def _config(std: str, timeout: float):
    from effilab.languages.cpp import COMPILE_LIMITS, CompileConfig
    from dataclasses import replace

    if timeout <= 0:
        fail("--timeout must be positive")
    return CompileConfig(std=std, limits=replace(COMPILE_LIMITS, wall_s=timeout, cpu_s=timeout))


def _sandbox(name: str):
    from effilab.registry import UnknownName
    from effilab.sandbox import get_sandbox

    try:
        return get_sandbox(name)
    except (RuntimeError, UnknownName) as exc:
        fail(str(exc))


def _policy(policy: str) -> str:
    from effilab.languages.cpp import POLICIES

    if policy not in POLICIES:
        fail(f"unknown policy {policy!r}; choose from {', '.join(POLICIES)}")
    return policy


def _counts_table(title: str, counts: Counter) -> Table:
    table = Table(title=title)
    table.add_column("stage / reason")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    return table


@app.command("compile-check")
def compile_check_cmd(
    files: Annotated[list[Path], typer.Argument(help="C++ source files.")],
    policy: Annotated[str, typer.Option(help=POLICY_HELP)] = "errors",
    std: Annotated[str, typer.Option(help="C++ standard (-std=...).")] = "c++17",
    timeout: Annotated[float, typer.Option(help="Wall/CPU seconds per compile.")] = 30.0,
    workers: Annotated[Optional[int], typer.Option(help="Parallel compiles (default: the core count).")] = None,
    sandbox: Annotated[str, typer.Option(help="auto, bwrap or process.")] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file.")] = False,
) -> None:
    """Compile each file in the sandbox and say Good or Bad under the policy, with the first diagnostic."""
    from effilab.pipelines.compile_feedback import score_programs

    _policy(policy)
    sources = []
    for path in files:
        try:
            sources.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"{path}: cannot read: {exc}")
    config, box = _config(std, timeout), _sandbox(sandbox)
    with _progress() as progress:
        bar = progress.add_task("compiling", total=len(set(sources)))
        try:
            results = score_programs(sources, policy, workers, box, config, lambda n: progress.advance(bar, n))
        except RuntimeError as exc:  # no compiler
            fail(str(exc))
    if as_json:
        for path, result in zip(files, results):
            first = next((d for d in result.diagnostics if d.severity != "note"), None)
            print(json.dumps({"file": str(path), "good": result.good, "status": result.status, "policy": policy,
                              "reason": result.reason, "first_diagnostic": first.model_dump() if first else None,
                              "diagnostics": [d.model_dump() for d in result.diagnostics],
                              "seconds": round(result.seconds, 4), "cached": result.cached}))
    else:
        table = Table(title=f"compile-check, policy {policy}, -std={std}")
        for column in ("file", "result", "first diagnostic"):
            table.add_column(column)
        for path, result in zip(files, results):
            table.add_row(str(path), "[green]Good[/green]" if result.good else "[red]Bad[/red]",
                          result.reason if not result.good else (result.warnings[0].one_line() if result.warnings
                                                                  else ""))
        out.print(table)
        good = sum(r.good for r in results)
        out.print(f"{good} Good, {len(results) - good} Bad")
    if any(r.status == "sandbox_error" for r in results):
        raise typer.Exit(3)
    raise typer.Exit(0 if all(r.good for r in results) else 1)


@feedback_app.command("mask")
def mask_cmd(
    tasks_source: Annotated[str, typer.Option("--tasks", help="C++ tasks, e.g. codenet:<dir>.")],
    output: Annotated[Path, typer.Option("--out", help="Masked items, JSONL.")] = Path("masked.jsonl"),
    unit: Annotated[str, typer.Option(help="characters, tokens or lines.")] = "characters",
    fraction: Annotated[float, typer.Option(help="Share of the units hidden (m).")] = 0.1,
    mode: Annotated[str, typer.Option(help="suffix (cut the end) or middle (a span to fill in).")] = "suffix",
    split: Annotated[str, typer.Option(help="all, train or test (problem-level split).")] = "all",
    test_fraction: Annotated[float, typer.Option(help="Share of problems in the test split.")] = 0.2,
    seed: Annotated[int, typer.Option(help="Seed of the split and of middle spans.")] = 0,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N tasks.")] = None,
) -> None:
    """Mask the accepted programs of C++ tasks: the prompts of the pipeline."""
    from effilab.pipelines.compile_feedback import UNITS, mask_tasks, write_jsonl
    from effilab.tasks.loaders.codenet import split_tasks

    if unit not in UNITS or mode not in ("suffix", "middle") or not 0 < fraction < 1:
        fail(f"--unit is one of {', '.join(UNITS)}, --mode suffix or middle, --fraction in (0, 1)")
    if split not in ("all", "train", "test"):
        fail("--split is all, train or test")
    tasks = load(tasks_source, limit)
    if split != "all":
        try:
            train, test = split_tasks(tasks, test_fraction, seed)
        except ValueError as exc:
            fail(str(exc))
        tasks = train if split == "train" else test
    items, counts = mask_tasks(tasks, unit, fraction, mode, seed)  # type: ignore[arg-type]
    write_jsonl(items, output)
    counts = Counter({"tasks": len(tasks), **counts})
    out.print(_counts_table(f"mask: {unit}, m={fraction:g}, {mode}, split {split}", counts))
    out.print(f"wrote {output}")


@feedback_app.command("generate")
def generate_cmd(
    items_path: Annotated[Path, typer.Option("--items", help="Masked items (from `mask`).")],
    model: Annotated[str, typer.Option(help="Generator spec <backend>:<model>, e.g. scripted:replies.jsonl.")],
    output: Annotated[Path, typer.Option("--out", help="Completions, JSONL.")] = Path("completions.jsonl"),
    prompt_format: Annotated[str, typer.Option("--format", help="base, instruct or fim.")] = "base",
    n: Annotated[int, typer.Option(help="Samples per prompt.")] = 1,
    temperature: Annotated[float, typer.Option(help="Sampling temperature.")] = 0.0,
    max_tokens: Annotated[int, typer.Option(help="Longest completion, tokens.")] = 256,
    tokenizer: Annotated[Optional[str], typer.Option(help="Tokenizer whose chat template renders instruct "
                                                          "prompts (a path or hub name).")] = None,
    fim_style: Annotated[str, typer.Option(help="FIM sentinels: starcoder, codellama, deepseek.")] = "starcoder",
    batch: Annotated[int, typer.Option(help="Prompts per generate call.")] = 16,
    base_url: Annotated[Optional[str], typer.Option(help="openai backend: the server (default $OPENAI_BASE_URL).")] = \
        None,
    api_key: Annotated[Optional[str], typer.Option(help="openai backend: the API key (default $OPENAI_API_KEY).")] = \
        None,
    endpoint: Annotated[Optional[str], typer.Option(help="openai backend: chat or completions (default: completions "
                                                         "for the base and fim formats, chat for instruct).")] = None,
) -> None:
    """Ask a model to complete every masked program; keep the raw reply and the extracted completion."""
    from effilab.cli.generate import build_generator
    from effilab.pipelines.compile_feedback import FORMATS, MaskedItem, build_prompt, extract_completion, read_jsonl
    from effilab.pipelines.compile_feedback import write_jsonl

    if prompt_format not in FORMATS or n <= 0 or batch <= 0:
        fail(f"--format is one of {', '.join(FORMATS)}; --n and --batch must be positive")
    items = _read_items(items_path, MaskedItem, read_jsonl)
    tok = None
    if tokenizer:
        try:
            from transformers import AutoTokenizer

            tok = AutoTokenizer.from_pretrained(tokenizer)
        except Exception as exc:  # noqa: BLE001 - any loading failure is the user's to fix
            fail(f"cannot load tokenizer {tokenizer}: {exc}")
    try:
        if endpoint is None and model.startswith("openai:"):  # raw code and FIM text are continued, not chatted
            endpoint = "chat" if prompt_format == "instruct" else "completions"
        generator = build_generator(model, base_url, api_key, endpoint=endpoint)
        prompts = [build_prompt(item, prompt_format, tok, fim_style) for item in items]  # type: ignore[arg-type]
    except (ValueError, ImportError, FileNotFoundError) as exc:
        fail(str(exc))
    rows, counts = [], Counter()
    with _progress() as progress:
        bar = progress.add_task("generating", total=len(items))
        for start in range(0, len(items), batch):
            chunk = items[start:start + batch]
            try:
                replies = generator.generate(prompts[start:start + batch], n=n, temperature=temperature,
                                             max_tokens=max_tokens)
            except LookupError as exc:
                fail(str(exc))
            for item, samples in zip(chunk, replies):
                for k, reply in enumerate(samples):
                    completion = extract_completion(reply.text, item, prompt_format)  # type: ignore[arg-type]
                    counts["completions"] += 1
                    counts["empty after extraction"] += not completion.strip()
                    rows.append({"item_id": item.id, "sample": k, "model": generator.name, "format": prompt_format,
                                 "reply": reply.text, "completion": completion})
            progress.advance(bar, len(chunk))
    write_jsonl(rows, output)
    out.print(_counts_table(f"generate: {generator.name}, {prompt_format}, n={n}", Counter({"prompts": len(items),
                                                                                            **counts})))
    out.print(f"wrote {output}")


def _read_items(path: Path, model, read_jsonl) -> list:
    from pydantic import ValidationError

    try:
        return [model.model_validate(row) for row in read_jsonl(path)]
    except (OSError, ValueError, ValidationError) as exc:
        fail(f"{path}: {exc}")


def _score(items, completions, policy, workers, box, config, label: str):
    from effilab.pipelines.compile_feedback import score

    with _progress() as progress:  # one step per distinct program
        known = {item.id: item for item in items}
        total = len({known[c["item_id"]].join(c.get("completion") or "") for c in completions
                     if c.get("item_id") in known})
        bar = progress.add_task(label, total=total)
        try:
            scored, counts = score(items, completions, policy, workers, box, config,
                                   lambda k: progress.advance(bar, k))
        except RuntimeError as exc:  # no compiler
            fail(str(exc))
    return scored, counts


@feedback_app.command("score")
def score_cmd(
    items_path: Annotated[Path, typer.Option("--items", help="Masked items (from `mask`).")],
    completions_path: Annotated[Path, typer.Option("--completions", help="Completions (from `generate`).")],
    output: Annotated[Path, typer.Option("--out", help="Scored completions, JSONL.")] = Path("scored.jsonl"),
    policy: Annotated[str, typer.Option(help=POLICY_HELP)] = "warnings",
    std: Annotated[str, typer.Option(help="C++ standard.")] = "c++17",
    timeout: Annotated[float, typer.Option(help="Wall/CPU seconds per compile.")] = 30.0,
    workers: Annotated[Optional[int], typer.Option(help="Parallel compiles.")] = None,
    sandbox: Annotated[str, typer.Option(help="auto, bwrap or process.")] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Compile prefix + completion of every sample and label it Good or Bad under the policy."""
    from effilab.pipelines.compile_feedback import MaskedItem, read_jsonl, write_jsonl

    _policy(policy)
    items = _read_items(items_path, MaskedItem, read_jsonl)
    try:
        completions = read_jsonl(completions_path)
    except (OSError, ValueError) as exc:
        fail(str(exc))
    scored, counts = _score(items, completions, policy, workers, _sandbox(sandbox), _config(std, timeout), "scoring")
    write_jsonl(scored, output)
    labelled = counts["good"] + counts["bad"]
    summary = {**counts, "compile_rate": counts["good"] / labelled if labelled else None, "policy": policy,
               "output": str(output)}
    if as_json:
        print(json.dumps(summary))
        return
    out.print(_counts_table(f"score: policy {policy}", counts))
    if labelled:
        out.print(f"compile rate {summary['compile_rate']:.1%} ({counts['good']}/{labelled})")
    out.print(f"wrote {output}")


@feedback_app.command("pairs")
def pairs_cmd(
    items_path: Annotated[Path, typer.Option("--items", help="Masked items (from `mask`).")],
    scored_path: Annotated[Path, typer.Option("--scored", help="Scored completions (from `score`).")],
    output: Annotated[Path, typer.Option("--out", help="Preference pairs, JSONL.")] = Path("pairs.jsonl"),
    hf_dir: Annotated[Optional[Path], typer.Option(help="Also save a Hugging Face datasets folder here.")] = None,
    prompt_format: Annotated[str, typer.Option("--format", help="Prompt column: base (text), instruct (chat "
                                                                "messages) or fim.")] = "base",
    min_distance: Annotated[float, typer.Option(help="Drop pairs whose normalised Levenshtein distance is "
                                                     "below this (0..1).")] = 0.1,
    min_edits: Annotated[int, typer.Option(help="Drop pairs with fewer character edits.")] = 1,
    on_policy: Annotated[bool, typer.Option(help="Also pair Good and Bad samples of one prompt.")] = False,
    max_per_item: Annotated[Optional[int], typer.Option(help="At most this many pairs per prompt.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print counts and the distance summary as JSON.")] = False,
) -> None:
    """Turn Bad completions into (prompt, chosen, rejected) pairs, report their edit distances, filter near-twins."""
    from effilab.pipelines.compile_feedback import (FORMATS, MaskedItem, PairConfig, ScoredCompletion,
                                                    distance_summary, export_pairs, preference_pairs, read_jsonl)

    if prompt_format not in FORMATS or not 0 <= min_distance <= 1 or min_edits < 0:
        fail(f"--format is one of {', '.join(FORMATS)}; --min-distance in [0, 1]; --min-edits >= 0")
    items = _read_items(items_path, MaskedItem, read_jsonl)
    scored = _read_items(scored_path, ScoredCompletion, read_jsonl)
    config = PairConfig(prompt_format=prompt_format, min_distance=min_distance, min_edits=min_edits,
                        on_policy=on_policy, max_pairs_per_item=max_per_item)
    pairs, counts, distances = preference_pairs(items, scored, config)
    try:
        written = export_pairs(pairs, output, hf_dir)
    except (ImportError, ValueError) as exc:
        fail(str(exc))
    summary = distance_summary(distances)
    stats = output.with_suffix(".stats.json")
    stats.write_text(json.dumps({"counts": counts, "distances": summary, "config": config.__dict__}, indent=2) + "\n")
    written.append(stats)
    if as_json:
        print(json.dumps({"pairs": len(pairs), "counts": counts, "distances": summary,
                          "written": [str(p) for p in written]}))
        return
    out.print(_counts_table("pairs", counts))
    if summary["count"]:
        out.print(f"normalised edit distance of {summary['count']} candidate pairs: min {summary['min']:.3f}, "
                  f"p10 {summary['p10']:.3f}, median {summary['median']:.3f}, p90 {summary['p90']:.3f}, "
                  f"max {summary['max']:.3f}; kept {len(pairs)} at >= {min_distance:g}")
    for path in written:
        out.print(f"wrote {path}")


@app.command("compile-eval")
def compile_eval_cmd(
    items_path: Annotated[Path, typer.Option("--items", help="Masked items (from `compile-feedback mask`).")],
    systems: Annotated[list[str], typer.Option("--system", help="NAME=completions.jsonl, repeatable, in order "
                                                                "(e.g. base, +SFT, +DPO).")],
    policies: Annotated[str, typer.Option("--policy", help="Comma-separated policies.")] = "errors,warnings,syntax",
    output: Annotated[Path, typer.Option("--out", help="Folder for compile_eval.md and .json.")] = Path("."),
    std: Annotated[str, typer.Option(help="C++ standard.")] = "c++17",
    timeout: Annotated[float, typer.Option(help="Wall/CPU seconds per compile.")] = 30.0,
    workers: Annotated[Optional[int], typer.Option(help="Parallel compiles.")] = None,
    sandbox: Annotated[str, typer.Option(help="auto, bwrap or process.")] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print the table as JSON.")] = False,
) -> None:
    """Compile success rate of each system's completions per policy, with counts, a bootstrap interval over
    prompts, and relative improvements between systems; Markdown and JSON."""
    from effilab.metrics.compile_rate import compile_table, table_markdown
    from effilab.pipelines.compile_feedback import MaskedItem, read_jsonl

    wanted = [p.strip() for p in policies.split(",") if p.strip()]
    for policy in wanted:
        _policy(policy)
    parsed = []
    for spec in systems:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            fail(f"--system takes NAME=completions.jsonl, got {spec!r}")
        parsed.append((name, Path(path)))
    if len({n for n, _ in parsed}) != len(parsed):
        fail("system names must be distinct")
    items = _read_items(items_path, MaskedItem, read_jsonl)
    box, config = _sandbox(sandbox), _config(std, timeout)
    outcomes: dict[str, dict[str, list[list[bool]]]] = {}
    unscored = Counter()
    for name, path in parsed:
        try:
            completions = read_jsonl(path)
        except (OSError, ValueError) as exc:
            fail(str(exc))
        outcomes[name] = {}
        for policy in wanted:
            scored, counts = _score(items, completions, policy, workers, box, config, f"{name} / {policy}")
            per_item: dict[str, list[bool]] = {}
            for s in scored:
                if s.good is not None:
                    per_item.setdefault(s.item_id, []).append(s.good)
            unscored[f"{name} / {policy}"] += counts["unscored: sandbox error"] + counts["dropped: unknown item"]
            if not per_item:
                fail(f"{path}: no completion matches the items in {items_path}")
            outcomes[name][policy] = list(per_item.values())
    table = compile_table(outcomes)
    markdown = table_markdown(table)
    output.mkdir(parents=True, exist_ok=True)
    md_path, json_path = output / "compile_eval.md", output / "compile_eval.json"
    md_path.write_text(markdown)
    json_path.write_text(json.dumps({**table, "not_scored": unscored, "items": str(items_path),
                                     "systems_files": {n: str(p) for n, p in parsed}}, indent=2) + "\n")
    if as_json:
        print(json.dumps(table))
        return
    out.print(markdown, markup=False, highlight=False)
    for path in (md_path, json_path):
        out.print(f"wrote {path}")


@feedback_app.command("run")
def run_cmd(
    tasks_source: Annotated[str, typer.Option("--tasks", help="C++ tasks, e.g. codenet:<dir>.")],
    model: Annotated[str, typer.Option(help="Generator spec <backend>:<model>.")],
    output: Annotated[Path, typer.Option("--out", help="Run folder (stages, manifest, pairs).")] = Path(
        "runs/compile_feedback"),
    split: Annotated[str, typer.Option(help="all, train or test.")] = "train",
    test_fraction: Annotated[float, typer.Option(help="Share of problems in the test split.")] = 0.2,
    seed: Annotated[int, typer.Option(help="Seed of the split and of middle spans.")] = 0,
    unit: Annotated[str, typer.Option(help="characters, tokens or lines.")] = "characters",
    fraction: Annotated[float, typer.Option(help="Share of the units hidden (m).")] = 0.1,
    mode: Annotated[str, typer.Option(help="suffix or middle.")] = "suffix",
    prompt_format: Annotated[str, typer.Option("--format", help="base, instruct or fim.")] = "base",
    n: Annotated[int, typer.Option(help="Samples per prompt.")] = 1,
    temperature: Annotated[float, typer.Option(help="Sampling temperature.")] = 0.0,
    max_tokens: Annotated[int, typer.Option(help="Longest completion, tokens.")] = 256,
    policy: Annotated[str, typer.Option(help=POLICY_HELP)] = "warnings",
    min_distance: Annotated[float, typer.Option(help="Normalised edit-distance threshold of pairs.")] = 0.1,
    on_policy: Annotated[bool, typer.Option(help="Also pair Good and Bad samples of one prompt.")] = False,
    workers: Annotated[Optional[int], typer.Option(help="Parallel compiles.")] = None,
    hf: Annotated[bool, typer.Option(help="Also save the pairs as a datasets folder.")] = True,
    resume: Annotated[bool, typer.Option(help="Skip stages whose input and settings are unchanged.")] = True,
) -> None:
    """The whole pipeline in one run folder (mask, generate, score, pairs) with a stage table and resume."""
    from effilab.pipelines.compile_feedback import PreferencePair, export_pairs
    from effilab.pipelines.compile_feedback_stages import FeedbackConfig, build_pipeline
    from effilab.pipelines.framework import stage_table_markdown

    _policy(policy)
    if split not in ("all", "train", "test") or mode not in ("suffix", "middle") or not 0 < fraction < 1:
        fail("--split is all, train or test; --mode suffix or middle; --fraction in (0, 1)")
    config = FeedbackConfig(tasks=tasks_source, model=model, split=split, test_fraction=test_fraction, seed=seed,
                            unit=unit, fraction=fraction, mode=mode, prompt_format=prompt_format, n=n,
                            temperature=temperature, max_tokens=max_tokens, policy=policy, workers=workers,
                            min_distance=min_distance, on_policy=on_policy)
    try:
        records, reports = build_pipeline(config).run(output, resume=resume,
                                                      on_stage=lambda r: err.print(f"stage {r.name}: "
                                                                                   f"{r.records_in} -> "
                                                                                   f"{r.records_out}"))
    except (ValueError, ImportError, LookupError, FileNotFoundError, RuntimeError) as exc:
        fail(str(exc))
    pairs = [PreferencePair.model_validate({k: v for k, v in r.items() if k not in ("source", "provenance")})
             for r in records]
    written = export_pairs(pairs, output / "pairs.jsonl", output / "pairs_hf" if hf else None)
    out.print(stage_table_markdown(reports), markup=False, highlight=False)
    for path in [output / "manifest.json", output / "stage_table.md", *written]:
        out.print(f"wrote {path}")
