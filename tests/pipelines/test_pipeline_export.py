"""Dataset building from selected records: the task split, the rejection rule, deduplication."""

from __future__ import annotations

from effilab.pipelines.effi_code.export import build_examples, in_eval


def record(task_id, original_cost, candidates, best=0):
    return {"id": task_id, "source": "s", "cost_kind": "instructions", "task": {"prompt": f"def {task_id[2:]}():"},
            "original": "slow original", "original_cost": original_cost, "best": best,
            "speedup": original_cost / candidates[best]["cost"], "candidates": candidates, "provenance": {}}


def test_split_is_by_task_and_stable():
    ids = [f"t/{i}" for i in range(2000)]
    held = [i for i in ids if in_eval(i, 0.2, seed=0)]
    assert 300 < len(held) < 500 and held == [i for i in ids if in_eval(i, 0.2, seed=0)]
    assert held != [i for i in ids if in_eval(i, 0.2, seed=1)]
    assert not any(in_eval(i, 0.0, 0) for i in ids)


def test_rejected_only_when_measurably_slower_or_incorrect_and_no_duplicates():
    candidates = [
        {"sample": 0, "code": "fast", "status": "passed", "cost": 100.0},
        {"sample": 1, "code": "almost as fast", "status": "passed", "cost": 105.0},  # within min_gain: no pair
        {"sample": 2, "code": "slow", "status": "passed", "cost": 300.0},
        {"sample": 3, "code": "wrong", "status": "failed"},
    ]
    sft, pairs, counts = build_examples([record("s/a", 1000.0, candidates), record("s/a", 1000.0, candidates)],
                                        min_gain=0.1)
    assert [r["completion"] for r in sft] == ["fast"] and counts["duplicate_sft"] == 1
    assert sorted((p["rejected"], p["rejected_kind"]) for p in pairs) == [
        ("slow", "slower"), ("slow original", "slower"), ("wrong", "incorrect")]
    assert counts["duplicate_pairs"] == 3
    assert all(p["chosen"] == "fast" and p["chosen_cost"] == 100.0 for p in pairs)
