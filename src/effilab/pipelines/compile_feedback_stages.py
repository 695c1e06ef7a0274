"""The compiler-feedback pipeline as stages of the pipeline framework (`pipelines/framework.py`): mask -> generate
-> score -> pairs, in one run folder, with the framework's stage table (records in/out and drops by reason), a file
per stage, and resume: a rerun skips every stage whose input and settings are unchanged (the model is asked again
only when the masking or the generation settings change).

The stage functions are thin: the work is done by `compile_feedback.py`, which the step-by-step CLI commands use too.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from effilab.pipelines.compile_feedback import (MaskedItem, PairConfig, ScoredCompletion, build_prompt,
                                                extract_completion, mask_program, preference_pairs, score)
from effilab.pipelines.framework import Pipeline, Record, Stage, StageContext

ITEM_FIELDS = tuple(MaskedItem.model_fields)


@dataclass(frozen=True)
class FeedbackConfig:
    tasks: str  # a task source, e.g. "codenet:<dir>"
    model: str  # a generator spec, e.g. "scripted:replies.jsonl"
    split: str = "all"  # all | train | test (problem-level)
    test_fraction: float = 0.2
    seed: int = 0
    unit: str = "characters"
    fraction: float = 0.1
    mode: str = "suffix"
    prompt_format: str = "base"
    n: int = 1
    temperature: float = 0.0
    max_tokens: int = 256
    policy: str = "warnings"
    std: str = "c++17"
    workers: int | None = None
    min_distance: float = 0.1
    min_edits: int = 1
    on_policy: bool = False


def _item(record: Record) -> MaskedItem:
    return MaskedItem.model_validate({k: record[k] for k in ITEM_FIELDS if k in record})


def mask_stage(records: list[Record], ctx: StageContext) -> list[Record]:
    from effilab.tasks.loaders import load_tasks
    from effilab.tasks.loaders.codenet import split_tasks

    s = ctx.settings
    tasks = load_tasks(s["tasks"])
    if s["split"] != "all":
        train, test = split_tasks(tasks, s["test_fraction"], s["seed"])
        tasks = train if s["split"] == "train" else test
    out = []
    for task in tasks:
        for ref in task.references:
            record = {"source": task.source, "task_id": task.id, "program": ref.name}
            item = mask_program(ref.code, task.id, ref.name or "ref", s["unit"], s["fraction"], s["mode"], s["seed"])
            if item is None:
                ctx.drop(record, "too short to mask")
            else:
                out.append({**record, **item.model_dump()})
    ctx.notes["tasks"] = len(tasks)
    return out


def generate_stage(records: list[Record], ctx: StageContext) -> list[Record]:
    from effilab.generation.registry import get_generator

    s = ctx.settings
    generator = get_generator(s["model"])
    items = [_item(r) for r in records]
    prompts = [build_prompt(item, s["prompt_format"]) for item in items]
    replies = generator.generate(prompts, n=s["n"], temperature=s["temperature"], max_tokens=s["max_tokens"])
    out = []
    for record, item, samples in zip(records, items, replies):
        for k, reply in enumerate(samples):
            out.append({**record, "sample": k, "model": generator.name, "reply": reply.text,
                        "completion": extract_completion(reply.text, item, s["prompt_format"])})
    return out


def score_stage(records: list[Record], ctx: StageContext) -> list[Record]:
    from effilab.languages.cpp import CompileConfig

    s = ctx.settings
    items = list({r["id"]: _item(r) for r in records}.values())
    completions = [{"item_id": r["id"], "sample": r["sample"], "completion": r["completion"]} for r in records]
    scored, counts = score(items, completions, s["policy"], s["workers"], config=CompileConfig(std=s["std"]))
    out = []
    for record, result in zip(records, scored):
        labelled = {**record, "good": result.good, "status": result.status, "reason": result.reason,
                    "policy": result.policy, "diagnostic": result.diagnostic}
        if result.good is None:
            ctx.drop(labelled, "not scored (sandbox error)")
        else:
            out.append(labelled)
    ctx.notes["compile_rate"] = counts["good"] / len(out) if out else None
    return out


def pairs_stage(records: list[Record], ctx: StageContext) -> list[Record]:
    s = ctx.settings
    items = list({r["id"]: _item(r) for r in records}.values())
    by_key = {(r["id"], r["sample"]): r for r in records}
    scored = [ScoredCompletion(item_id=r["id"], sample=r["sample"], completion=r["completion"], good=r["good"],
                               status=r["status"], reason=r["reason"], policy=r["policy"]) for r in records]
    config = PairConfig(prompt_format=s["prompt_format"], min_distance=s["min_distance"], min_edits=s["min_edits"],
                        on_policy=s["on_policy"])
    pairs, counts, distances = preference_pairs(
        items, scored, config, on_drop=lambda sample, why: ctx.drop(by_key[(sample.item_id, sample.sample)], why))
    for r in records:
        if r["good"]:
            ctx.drop(r, "Good sample (the chosen side is the original ending)" if not s["on_policy"]
                     else "Good sample (used as chosen in on-policy pairs)")
    from effilab.pipelines.compile_feedback import distance_summary

    ctx.notes["distances"] = distance_summary(distances)
    ctx.notes["pair_counts"] = dict(counts)
    return [{"source": "compile_feedback", **p.model_dump(mode="json")} for p in pairs]


def build_pipeline(config: FeedbackConfig) -> Pipeline:
    settings = asdict(config)
    pick = lambda *keys: {k: settings[k] for k in keys}  # noqa: E731 - each stage fingerprints what it uses
    return Pipeline("compile_feedback", [
        Stage("mask", mask_stage, pick("tasks", "split", "test_fraction", "seed", "unit", "fraction", "mode"),
              "masked accepted programs"),
        Stage("generate", generate_stage, pick("model", "prompt_format", "n", "temperature", "max_tokens"),
              "completions from the model"),
        Stage("score", score_stage, pick("policy", "std", "workers"), "compiled Good/Bad"),
        Stage("pairs", pairs_stage, pick("prompt_format", "min_distance", "min_edits", "on_policy"),
              "preference pairs"),
    ])
