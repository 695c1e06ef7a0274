"""Where the Effi-Code pipeline's records come from: task sets (through effilab's loaders) and instruction files
(JSONL, parquet or a `datasets` folder) whose field names a config maps to ours."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from effilab.pipelines.effi_code.config import InstructionSource, TaskSource
from effilab.pipelines.framework import Record, StageContext
from effilab.tasks.io import DataError


def from_tasks(source: TaskSource, ctx: StageContext) -> list[Record]:
    from effilab.tasks.loaders import load_tasks

    tasks = load_tasks(source.spec)
    if source.ids:
        wanted = set(source.ids)
        tasks = [t for t in tasks if t.id in wanted]
        missing = wanted - {t.id for t in tasks}
        if missing:
            raise DataError(f"{source.spec}: no task(s) {', '.join(sorted(missing))}")
    if source.limit is not None:
        tasks = tasks[:source.limit]
    records = []
    for task in tasks:
        record = {"id": task.id, "source": task.source, "task": task.model_dump(mode="json"),
                  "provenance": {"source": source.spec, "origin_id": task.id, "original_role": source.original}}
        original = next((r for r in task.references if r.role == source.original), None)
        if original is None:
            ctx.drop(record, f"no {source.original} reference")
            continue
        record["original"] = original.code
        record["provenance"]["original_name"] = original.name
        records.append(record)
    return records


def _read_rows(path: Path) -> list[dict[str, Any]]:
    if path.is_dir() or path.suffix == ".parquet":
        from datasets import load_dataset, load_from_disk

        data = load_from_disk(str(path)) if path.is_dir() else load_dataset("parquet", data_files=str(path),
                                                                            split="train")
        if hasattr(data, "keys"):
            data = data["train"]
        return [dict(row) for row in data]
    if not path.is_file():
        raise DataError(f"instruction file not found: {path}")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{number}: not JSON: {exc}") from exc
    return rows


def normalize_tests(raw: Any) -> list[dict[str, Any]]:
    """Tests as `call` TestCase dicts, from {args, expected}, [args, expected] or {input, output} (stdio
    scripts converted to `solve(stdin) -> stdout`)."""
    if isinstance(raw, str):
        raw = json.loads(raw)
    out = []
    for item in raw or []:
        if isinstance(item, dict) and "args" in item:
            out.append({"kind": "call", "args": list(item["args"]), "expected": item.get("expected")})
        elif isinstance(item, dict) and "input" in item:
            out.append({"kind": "call", "args": [item["input"]], "expected": item.get("output")})
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            out.append({"kind": "call", "args": list(item[0]), "expected": item[1]})
        else:
            raise DataError(f"cannot read test case {item!r}: expected {{args, expected}} or [args, expected]")
    return out


def from_instructions(source: InstructionSource, ctx: StageContext) -> list[Record]:
    names = {"id": "id", "prompt": "prompt", "solution": "solution", "entry_point": "entry_point",
             "tests": "tests", **source.fields}
    rows = _read_rows(Path(source.path))
    if source.limit is not None:
        rows = rows[:source.limit]
    records = []
    for index, row in enumerate(rows):
        origin = row.get(names["id"], index)
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(origin)) or str(index)
        record = {"id": f"{source.name}/{slug}", "source": source.name,
                  "provenance": {"source": source.path, "origin_id": origin, "row": index}}
        prompt, solution = row.get(names["prompt"]), row.get(names["solution"])
        if not prompt or not solution:
            ctx.drop(record, "missing prompt or solution")
            continue
        try:
            tests = normalize_tests(row.get(names["tests"]))
        except (DataError, json.JSONDecodeError, TypeError) as exc:
            ctx.drop(record, f"unreadable tests: {str(exc)[:60]}")
            continue
        record["task"] = {"id": record["id"], "source": source.name, "prompt": str(prompt),
                          "entry_point": row.get(names["entry_point"]), "tests": tests}
        record["original"] = str(solution)
        records.append(record)
    return records
