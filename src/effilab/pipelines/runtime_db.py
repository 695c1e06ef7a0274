"""The run-time database: codes of the same tasks with measured costs, for training and judging run-time predictors.

Stages, each with a count in `summary.json`:

1. collect: each task's solutions (references; samples from a JSONL file), deduplicated by code;
2. vary: for each solution, up to `variants_per_code` semantics-preserving variants (seeded chains of
   `transforms.python` transforms): new surface forms whose cost is measured, not assumed;
3. judge: every code runs the task's tests in the sandbox; failures are kept out (counted by verdict);
4. measure: the passing codes of a task are measured together (interleaved) by the measurement engine: the
   workload's instruction count under callgrind (deterministic: the label) and the median wall time in us;
5. views: E-code's extra views of each measured code (`uniformise_all`, `loops_and_recursion`, `delete_tokens`),
   not run (they need not even parse), carrying the label of the code they were made from.

Rows go to `records.jsonl`, one JSON object per code, written a task at a time: a killed build resumes at the first
task without rows. Each row has a train/test split decided by task (a hash of the task id), so no task is in both.
"""

from __future__ import annotations

import functools
import hashlib
import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from effilab.execution.evaluate import EvalConfig, judge_once
from effilab.measure.engine import MeasureSpec, measure_codes
from effilab.sandbox import Limits, SubprocessSandbox
from effilab.tasks.models import Candidate, Task
from effilab.transforms import get as get_transform

RECORDS = "records.jsonl"
SUMMARY = "summary.json"
CONFIG = "config.json"

# transforms that change what runs (and so, maybe, the cost) are drawn more often than pure renames
VARIANT_TRANSFORMS = ("for_to_while", "comprehension_to_loop", "loop_to_comprehension", "insert_dead_code",
                      "unfold_constants", "fold_constants", "reorder_statements", "uniformise_identifiers",
                      "rename_variables", "strip_comments", "strip_docstrings", "reformat")
VIEW_TRANSFORMS = ("uniformise_all", "loops_and_recursion", "delete_tokens")


@dataclass(frozen=True)
class RuntimeDBConfig:
    variants_per_code: int = 2  # measured semantics-preserving variants per collected solution
    max_chain: int = 3  # transforms chained to make one variant
    views: tuple[str, ...] = VIEW_TRANSFORMS  # E-code views, label inherited, not run
    test_fraction: float = 0.25  # share of tasks in the test split
    seed: int = 0
    time: bool = True
    repeats: int = 1  # timed passes per code (instruction counts need one: they are exact)
    warmup: int = 0
    instruction_calls_per_size: int = 5  # workload calls per size that callgrind runs
    limits: Limits = field(default_factory=lambda: Limits(wall_s=60, cpu_s=60))

    def measure_spec(self) -> MeasureSpec:
        return MeasureSpec(time=self.time, memory=False, instructions=True, repeats=self.repeats,
                           warmup=self.warmup, instruction_calls_per_size=self.instruction_calls_per_size)


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()[:16]


def split_of(task_id: str, test_fraction: float, seed: int = 0) -> str:
    """`test` for a stable share of tasks (by a hash of the id), `train` for the rest."""
    digest = hashlib.sha256(f"{seed}:{task_id}".encode()).digest()
    return "test" if int.from_bytes(digest[:8], "big") / 2 ** 64 < test_fraction else "train"


@dataclass
class Source:
    """A code to measure and where it came from."""

    code: str
    origin: str  # reference name/role, or sample index
    variant: str = "original"  # original | preserving
    transforms: tuple[str, ...] = ()
    parent: str | None = None  # hash of the code it was made from


def make_variants(code: str, count: int, rng: random.Random, max_chain: int = 3) -> list[tuple[str, tuple[str, ...]]]:
    """Up to `count` distinct preserving variants of `code`, each a chain of 1..max_chain applied transforms."""
    out: list[tuple[str, tuple[str, ...]]] = []
    seen = {code_hash(code)}
    for _ in range(count * 4):
        if len(out) >= count:
            break
        names = rng.sample(VARIANT_TRANSFORMS, rng.randint(1, max_chain))
        current, applied = code, []
        for name in names:
            result = get_transform(f"python.{name}")(current, rng.randrange(2 ** 31))
            if result.applied:
                current, applied = result.code, [*applied, name]
        if applied and code_hash(current) not in seen:
            seen.add(code_hash(current))
            out.append((current, tuple(applied)))
    return out


def collect(task: Task, samples: Sequence[Candidate], config: RuntimeDBConfig) -> list[Source]:
    rng = random.Random(f"{config.seed}:{task.id}")
    originals: list[Source] = []
    seen: set[str] = set()
    for i, ref in enumerate(task.references):
        if code_hash(ref.code) not in seen:
            seen.add(code_hash(ref.code))
            originals.append(Source(ref.code, f"{ref.role}:{ref.name or i}"))
    for cand in samples:
        if cand.task_id == task.id and code_hash(cand.code) not in seen:
            seen.add(code_hash(cand.code))
            originals.append(Source(cand.code, f"sample:{cand.origin.get('sample', '?')}"))
    sources = list(originals)
    for src in originals:
        for code, names in make_variants(src.code, config.variants_per_code, rng, config.max_chain):
            if code_hash(code) not in seen:
                seen.add(code_hash(code))
                sources.append(Source(code, src.origin, "preserving", names, code_hash(src.code)))
    return sources


def read_records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:  # a line cut short by a kill: that task is redone
                    continue
    return rows


def load_db(db: str | Path) -> list[dict]:
    """The rows of a run-time database (a folder with records.jsonl, or the file itself)."""
    path = Path(db)
    path = path / RECORDS if path.is_dir() else path
    if not path.exists():
        raise FileNotFoundError(f"{path}: no run-time database here (build one with `effilab runtime-db build`)")
    return read_records(path)


def build_task_rows(task: Task, samples: Sequence[Candidate], sandbox: SubprocessSandbox,
                    config: RuntimeDBConfig) -> tuple[list[dict], Counter]:
    """Collect, vary, judge, measure and view one task's codes: its rows, and counts by stage. A self-contained job,
    so that it can run on a thread or a Ray worker."""
    counts: Counter = Counter()
    sources = collect(task, samples, config)
    counts["collected"] += sum(s.variant == "original" for s in sources)
    counts["variants"] += sum(s.variant == "preserving" for s in sources)
    passing = []
    for src in sources:
        verdict = judge_once(task, src.code, sandbox, EvalConfig(limits=config.limits))
        counts[f"verdict_{verdict.status}"] += 1
        if verdict.passed:
            passing.append(src)
    if not passing:
        return [], counts
    measurements = measure_codes(task, [s.code for s in passing], sandbox, config.measure_spec(), config.limits)
    split = split_of(task.id, config.test_fraction, config.seed)
    rows = []
    rng = random.Random(f"{config.seed}:views:{task.id}")
    for src, m in zip(passing, measurements):
        if m.instructions is None:
            counts["measure_failed"] += 1
            continue
        counts["measured"] += 1
        row = {
            "task_id": task.id, "language": task.language, "split": split, "code": src.code,
            "code_hash": code_hash(src.code), "variant": src.variant, "transforms": list(src.transforms),
            "parent": src.parent, "origin": src.origin, "measured": True,
            "instructions": m.instructions, "instruction_calls": m.instruction_calls,
            "wall_us": None if m.wall_s is None else m.wall_s * 1e6,
            "wall_mad_us": None if m.wall_mad_s is None else m.wall_mad_s * 1e6,
            "wall_repeats": m.repeats, "calls": m.calls,
        }
        rows.append(row)
        for view in config.views:
            result = get_transform(f"python.{view}")(src.code, rng.randrange(2 ** 31))
            if not result.applied:
                counts[f"view_{view}_not_applicable"] += 1
                continue
            counts[f"view_{view}"] += 1
            rows.append({**row, "code": result.code, "code_hash": code_hash(result.code), "variant": "view",
                         "transforms": [view], "parent": row["code_hash"], "measured": False})
    return rows, counts


def build_runtime_db(tasks: Iterable[Task], out_dir: str | Path, sandbox: SubprocessSandbox,
                     config: RuntimeDBConfig = RuntimeDBConfig(), samples: Sequence[Candidate] = (),
                     on_task: Callable[[Task, int, bool], None] | None = None, executor=None) -> dict:
    """Build (or resume) a run-time database in `out_dir`; returns the summary (also written to summary.json).

    Tasks run as independent jobs on `executor` (default: a local thread pool; `execution.ray` spreads them over a
    cluster); each task's rows are written when it finishes. `on_task(task, rows, resumed)` is called after each
    task (for a progress bar)."""
    from effilab.execution.executor import LocalExecutor
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    records = out / RECORDS
    existing = read_records(records)
    done = {row["task_id"] for row in existing}
    (out / CONFIG).write_text(json.dumps({**asdict(config), "limits": asdict(config.limits)}, indent=2))
    counts: Counter = Counter()
    tasks = [t for t in tasks if t.workload is not None and t.workload.generator and t.language == "python"]
    pending = []
    for task in tasks:
        if task.id in done:
            counts["tasks_resumed"] += 1
            if on_task:
                on_task(task, 0, True)
        else:
            pending.append(task)
    job = functools.partial(build_task_rows, samples=list(samples), sandbox=sandbox, config=config)
    with records.open("a", encoding="utf-8") as fh:
        for task, (rows, task_counts) in (executor or LocalExecutor()).map_unordered(job, pending):
            # one write per task: a kill leaves whole tasks (a cut last line is skipped on reading)
            fh.write("".join(json.dumps(row) + "\n" for row in rows))
            fh.flush()
            counts.update(task_counts)
            counts["tasks_built"] += 1
            if on_task:
                on_task(task, len(rows), False)
    rows = read_records(records)
    summary = {"stages": dict(sorted(counts.items())), **describe(rows), "path": str(records)}
    (out / SUMMARY).write_text(json.dumps(summary, indent=2))
    return summary


def describe(rows: Sequence[dict]) -> dict:
    """Counts over a database: rows, tasks, measured codes, by variant and split."""
    return {
        "rows": len(rows),
        "tasks": len({r["task_id"] for r in rows}),
        "measured": sum(r["measured"] for r in rows),
        "by_variant": dict(Counter(r["variant"] if r["variant"] != "view" else f"view:{r['transforms'][0]}"
                                   for r in rows)),
        "by_split": dict(Counter(r["split"] for r in rows if r["measured"])),
        "test_tasks": sorted({r["task_id"] for r in rows if r["split"] == "test"}),
    }
