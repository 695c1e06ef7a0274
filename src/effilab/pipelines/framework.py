"""A pipeline is a list of named stages over a stream of records (plain dicts).

Each stage is a function `(records, ctx) -> records`: it sees the whole batch (so a stage can judge a thousand
candidates in parallel) and calls `ctx.drop(record, reason)` for each record it removes. The runner counts what
came in, went out and why the rest was dropped, overall and per source dataset (the `source` field), which is the
stage table of the Effi-Code paper's Table 1. After each stage it writes the kept records to
`<out>/stages/NN_<name>.jsonl` and a small `.done.json` with the counts and a fingerprint of the stage's input
and settings, so a rerun (or a run resumed after a crash) skips every stage whose input and settings are
unchanged. Every record carries its provenance: where it came from (set by the source stage) and the stages it
went through. `manifest.json` holds the whole table.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Record = dict[str, Any]
StageFn = Callable[[list[Record], "StageContext"], list[Record]]


@dataclass
class Stage:
    name: str
    fn: StageFn
    settings: dict[str, Any] = field(default_factory=dict)  # part of the fingerprint: change them, rerun the stage
    doc: str = ""


@dataclass
class StageContext:
    """What a stage may use besides its records: its settings, a place for side files, and the drop log."""

    stage: str
    settings: dict[str, Any]
    work_dir: Path
    dropped: list[tuple[Record, str]] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)  # free-form figures the stage wants in the manifest

    def drop(self, record: Record, reason: str) -> None:
        self.dropped.append((record, reason))


@dataclass
class StageReport:
    name: str
    records_in: int
    records_out: int
    dropped: dict[str, int]
    by_source: dict[str, dict[str, int]]
    seconds: float
    resumed: bool
    notes: dict[str, Any] = field(default_factory=dict)


def _fingerprint(records: list[Record], settings: dict[str, Any], name: str) -> str:
    digest = hashlib.sha256(name.encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for record in records:
        digest.update(json.dumps(record, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


def write_jsonl(path: Path, records: Iterable[Record]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            n += 1
    tmp.replace(path)  # a killed run never leaves a half-written stage file behind
    return n


def read_jsonl(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _source(record: Record) -> str:
    return str(record.get("source", "unknown"))


class Pipeline:
    def __init__(self, name: str, stages: list[Stage]) -> None:
        names = [s.name for s in stages]
        if len(set(names)) != len(names):
            raise ValueError(f"pipeline {name}: stage names repeat: {names}")
        self.name, self.stages = name, stages

    def run(self, out_dir: str | Path, records: list[Record] | None = None, resume: bool = True,
            on_stage: Callable[[StageReport], None] | None = None) -> tuple[list[Record], list[StageReport]]:
        """Run every stage in order, starting from `records` (or nothing: the first stage is a source)."""
        out = Path(out_dir)
        stages_dir = out / "stages"
        stages_dir.mkdir(parents=True, exist_ok=True)
        current = list(records or [])
        reports: list[StageReport] = []
        for number, stage in enumerate(self.stages, 1):
            stem = f"{number:02d}_{stage.name}"
            data_file, done_file = stages_dir / f"{stem}.jsonl", stages_dir / f"{stem}.done.json"
            fp = _fingerprint(current, stage.settings, stage.name)
            if resume and done_file.is_file() and data_file.is_file():
                done = json.loads(done_file.read_text())
                if done.get("fingerprint") == fp:
                    current = read_jsonl(data_file)
                    report = StageReport(**{**done["report"], "resumed": True})
                    reports.append(report)
                    if on_stage:
                        on_stage(report)
                    continue
            started = time.time()
            ctx = StageContext(stage.name, stage.settings, out / "work" / stem)
            in_by_source = Counter(_source(r) for r in current)
            kept = stage.fn(current, ctx)
            for record in kept:
                record.setdefault("provenance", {}).setdefault("stages", []).append(stage.name)
            dropped = Counter(reason for _, reason in ctx.dropped)
            out_by_source = Counter(_source(r) for r in kept)
            drop_by_source: dict[str, Counter] = defaultdict(Counter)
            for record, reason in ctx.dropped:
                drop_by_source[_source(record)][reason] += 1
            sources = sorted(set(in_by_source) | set(out_by_source))
            report = StageReport(
                name=stage.name, records_in=len(current), records_out=len(kept), dropped=dict(dropped),
                by_source={s: {"in": in_by_source.get(s, 0), "out": out_by_source.get(s, 0),
                               **{f"dropped:{k}": v for k, v in drop_by_source[s].items()}} for s in sources},
                seconds=round(time.time() - started, 3), resumed=False, notes=ctx.notes)
            write_jsonl(data_file, kept)
            write_jsonl(stages_dir / f"{stem}.dropped.jsonl",
                        ({"reason": reason, "record": record} for record, reason in ctx.dropped))
            done_file.write_text(json.dumps({"fingerprint": fp, "report": report.__dict__}, default=str))
            reports.append(report)
            if on_stage:
                on_stage(report)
            current = kept
        manifest = {"pipeline": self.name, "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "stages": [r.__dict__ for r in reports], "records_out": len(current)}
        (out / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str))
        (out / "stage_table.md").write_text(stage_table_markdown(reports))
        return current, reports


def stage_table_markdown(reports: list[StageReport]) -> str:
    """Records left after each stage, per source dataset (rows: stages; columns: sources and the total)."""
    sources = sorted({s for r in reports for s in r.by_source})
    lines = ["| stage | " + " | ".join(sources) + " | total | dropped (reasons) |",
             "|---" * (len(sources) + 3) + "|"]
    for r in reports:
        cells = [str(r.by_source.get(s, {}).get("out", 0)) for s in sources]
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(r.dropped.items())) or "-"
        lines.append(f"| {r.name} | " + " | ".join(cells) + f" | {r.records_out} | {reasons} |")
    return "\n".join(lines) + "\n"
