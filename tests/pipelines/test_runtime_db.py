"""Run-time database parts that need no sandbox: variants, split, collection, reading a file cut by a kill.
The full build (judge + measure in real sandboxes, resume) runs in tests/cli/test_predictor.py."""

from __future__ import annotations

import json
import random

from effilab.pipelines.runtime_db import RuntimeDBConfig, code_hash, collect, make_variants, read_records, split_of
from effilab.tasks.loaders import load_tasks


def suite_task(name):
    return next(t for t in load_tasks("suite") if t.id == f"suite/{name}")


def test_variants_are_distinct_preserving_and_seeded():
    code = suite_task("pair_sum_count").references[1].code
    first = make_variants(code, 3, random.Random(5))
    again = make_variants(code, 3, random.Random(5))
    assert first == again and len(first) == 3
    hashes = {code_hash(c) for c, _ in first}
    assert len(hashes) == 3 and code_hash(code) not in hashes
    assert all(names for _, names in first)


def test_split_is_by_task_and_stable():
    ids = [f"t/{i}" for i in range(400)]
    splits = [split_of(i, 0.25) for i in ids]
    assert splits == [split_of(i, 0.25) for i in ids]
    assert 0.15 < splits.count("test") / len(ids) < 0.35
    assert split_of("x", 0.0) == "train" and split_of("x", 1.0) == "test"


def test_collect_dedups_and_records_provenance():
    task = suite_task("pair_sum_count")
    sources = collect(task, [], RuntimeDBConfig(variants_per_code=2))
    originals = [s for s in sources if s.variant == "original"]
    assert len(originals) == len(task.references)
    variants = [s for s in sources if s.variant == "preserving"]
    assert variants and all(v.parent in {code_hash(o.code) for o in originals} and v.transforms for v in variants)
    assert len({code_hash(s.code) for s in sources}) == len(sources)


def test_reading_skips_a_line_cut_by_a_kill(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"task_id": "a"}) + "\n" + '{"task_id": "b", "co')
    assert read_records(path) == [{"task_id": "a"}]
