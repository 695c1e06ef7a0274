"""From selected records to training data: an SFT set (the most efficient correct solution per task; as
`prompt`/`completion` in `sft.*` and as `messages` in `sft_chat.*`) and a preference set (chosen: that solution;
rejected: a correct solution measurably slower than it, or an incorrect one), deduplicated, split by task so no
task is in both train and eval, written as JSONL and `datasets` folders that TRL loads directly."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from effilab.pipelines.effi_code.stages import TRAIN_PROMPT
from effilab.pipelines.framework import Record, write_jsonl


def in_eval(task_id: str, fraction: float, seed: int) -> bool:
    """A stable split by task: the same task lands on the same side on every run and machine."""
    digest = hashlib.sha256(f"{seed}:{task_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def _key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def build_examples(records: list[Record], min_gain: float) -> tuple[list[dict], list[dict], dict[str, int]]:
    """(sft, pairs, counts). A correct code is a rejected answer only if chosen beats it by `min_gain`."""
    sft, pairs, seen, counts = [], [], set(), {"duplicate_sft": 0, "duplicate_pairs": 0}
    for record in records:
        prompt = TRAIN_PROMPT.format(prompt=record["task"]["prompt"].rstrip())
        best = next(c for c in record["candidates"] if c["sample"] == record["best"])
        common = {"task_id": record["id"], "source": record["source"], "cost_kind": record["cost_kind"],
                  "provenance": record.get("provenance", {})}
        key = _key(prompt, best["code"])
        if key in seen:
            counts["duplicate_sft"] += 1
        else:
            seen.add(key)
            sft.append({"prompt": prompt, "completion": best["code"],
                        "messages": [{"role": "user", "content": prompt},
                                     {"role": "assistant", "content": best["code"]}],
                        "cost": best["cost"], "original_cost": record["original_cost"],
                        "speedup": record["speedup"], **common})
        rejected: list[tuple[str, str, Any]] = [("slower", record["original"], record["original_cost"])]
        for cand in record["candidates"]:
            if cand is best:
                continue
            if cand["status"] == "passed" and cand.get("cost") is not None:
                rejected.append(("slower", cand["code"], cand["cost"]))
            elif cand["status"] != "passed":
                rejected.append(("incorrect", cand["code"], None))
        for kind, code, cost in rejected:
            if kind == "slower" and best["cost"] > cost * (1 - min_gain):
                continue  # not measurably slower than chosen: no preference to learn
            key = _key(prompt, best["code"], code)
            if key in seen:
                counts["duplicate_pairs"] += 1
                continue
            seen.add(key)
            pairs.append({"prompt": prompt, "chosen": best["code"], "rejected": code, "rejected_kind": kind,
                          "chosen_cost": best["cost"], "rejected_cost": cost, **common})
    return sft, pairs, counts


def write_datasets(records: list[Record], out_dir: str | Path, min_gain: float, eval_fraction: float, seed: int,
                   hf: bool = True) -> dict[str, Any]:
    out = Path(out_dir) / "datasets"
    sft, pairs, counts = build_examples(records, min_gain)
    summary: dict[str, Any] = {**counts, "files": {}}
    # TRL picks the data form by the columns present, so the two SFT forms go to separate files
    sft_plain = [{k: v for k, v in r.items() if k != "messages"} for r in sft]
    sft_chat = [{k: v for k, v in r.items() if k not in ("prompt", "completion")} for r in sft]
    for name, rows in (("sft", sft_plain), ("sft_chat", sft_chat), ("pairs", pairs)):
        splits = {"train": [r for r in rows if not in_eval(r["task_id"], eval_fraction, seed)],
                  "eval": [r for r in rows if in_eval(r["task_id"], eval_fraction, seed)]}
        for split, items in splits.items():
            path = out / f"{name}.{split}.jsonl"
            write_jsonl(path, items)
            summary[f"{name}_{split}"] = len(items)
            summary["files"][f"{name}.{split}"] = str(path)
        if hf:
            summary["files"][f"{name}_hf"] = _save_hf(splits, out / f"{name}_hf")
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def _save_hf(splits: dict[str, list[dict]], path: Path) -> str:
    """A `datasets` DatasetDict folder (`load_from_disk`) with the non-empty splits; provenance is stored as a JSON
    string column (its keys vary from record to record)."""
    import datasets
    from datasets import Dataset, DatasetDict

    datasets.disable_progress_bars()  # the CLI prints its own summary

    def table(rows: list[dict]) -> Dataset:
        return Dataset.from_list([{**r, "provenance": json.dumps(r.get("provenance", {}))} for r in rows])

    DatasetDict({k: table(v) for k, v in splits.items() if v}).save_to_disk(str(path))
    return str(path)
