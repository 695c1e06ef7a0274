"""The held-out task set (benchmarks/holdout_suite): written after the run-time predictor's rules, to judge them on
tasks they never saw. It must stay a valid suite with correct references and no task shared with the bundled one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from effilab.execution.evaluate import EvalConfig, evaluate
from effilab.sandbox import get_sandbox
from effilab.tasks.loaders import load_tasks
from effilab.tasks.samples import reference_candidates

HOLDOUT = Path(__file__).resolve().parents[2] / "benchmarks" / "holdout_suite"


def test_holdout_tasks_are_complete_new_and_correct():
    tasks = load_tasks(f"suite:{HOLDOUT}")
    assert len(tasks) == 10
    assert not {t.id for t in tasks} & {t.id for t in load_tasks("suite")}
    for task in tasks:
        roles = Counter(r.role for r in task.references)
        assert roles["efficient"] == 1 and roles["inefficient"] >= 2, task.id
        assert len(task.tests) >= 5 and task.workload and task.workload.sizes, task.id
    results = evaluate(tasks, reference_candidates(tasks), EvalConfig(), sandbox=get_sandbox("auto"))
    assert [(r.candidate.task_id, r.verdict.reason) for r in results if not r.verdict.passed] == []
