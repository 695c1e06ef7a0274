"""The held-out task sets (benchmarks/holdout_suite, benchmarks/holdout_suite_2, benchmarks/holdout_suite_3,
benchmarks/holdout_suite_4, benchmarks/holdout_suite_5):
written after the run-time predictor's rules, to judge them on tasks they never saw. Each must stay a valid suite
with correct references, no task shared with the bundled one, and no two sets share a task."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from effilab.execution.evaluate import EvalConfig, evaluate
from effilab.sandbox import get_sandbox
from effilab.tasks.loaders import load_tasks
from effilab.tasks.samples import reference_candidates

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
HOLDOUTS = {"holdout_suite": 10, "holdout_suite_2": 12, "holdout_suite_3": 15, "holdout_suite_4": 15, "holdout_suite_5": 15}


@pytest.mark.parametrize(("folder", "count"), sorted(HOLDOUTS.items()))
def test_holdout_tasks_are_complete_new_and_correct(folder, count):
    tasks = load_tasks(f"suite:{BENCHMARKS / folder}")
    assert len(tasks) == count
    assert not {t.id for t in tasks} & {t.id for t in load_tasks("suite")}
    for task in tasks:
        roles = Counter(r.role for r in task.references)
        assert roles["efficient"] == 1 and roles["inefficient"] >= 2, task.id
        assert len(task.tests) >= 5 and task.workload and task.workload.sizes, task.id
    results = evaluate(tasks, reference_candidates(tasks), EvalConfig(), sandbox=get_sandbox("auto"))
    assert [(r.candidate.task_id, r.verdict.reason) for r in results if not r.verdict.passed] == []


def test_holdout_sets_share_no_task():
    ids = {folder: {t.id for t in load_tasks(f"suite:{BENCHMARKS / folder}")} for folder in sorted(HOLDOUTS)}
    for first, second in combinations(sorted(ids), 2):
        assert not ids[first] & ids[second], (first, second)
