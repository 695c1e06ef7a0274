"""The bundled efficiency suite: complete, correct references, and inefficient ones that cost more."""

from __future__ import annotations

from collections import Counter

import pytest

from effilab.execution.evaluate import EvalConfig, evaluate
from effilab.measure import callgrind
from effilab.measure.engine import MeasureSpec, measure_codes
from effilab.sandbox import get_sandbox
from effilab.tasks.loaders import load_tasks
from effilab.tasks.samples import reference_candidates


@pytest.fixture(scope="module")
def suite():
    return load_tasks("suite")


def test_suite_is_complete(suite):
    assert len(suite) >= 40
    assert set(Counter(t.difficulty for t in suite)) == {"easy", "medium", "hard"}
    assert min(Counter(t.difficulty for t in suite).values()) >= 10
    assert len({tag for t in suite for tag in t.tags}) >= 10
    for task in suite:
        roles = Counter(r.role for r in task.references)
        assert roles["efficient"] == 1 and roles["inefficient"] >= 2, task.id
        d = task.description
        assert d and d.title and d.statement and d.input_format and d.output_format and d.samples, task.id
        assert len(task.tests) >= 5, task.id
        assert task.workload and task.workload.generator and task.workload.sizes, task.id
        assert task.entry_point and task.entry_point in task.prompt, task.id


def test_every_reference_passes(suite):
    results = evaluate(suite, reference_candidates(suite), EvalConfig(), sandbox=get_sandbox("auto"))
    failures = [(r.candidate.task_id, r.candidate.origin.get("reference"), r.verdict.reason)
                for r in results if not r.verdict.passed]
    assert failures == []


@pytest.mark.skipif(not callgrind.available()[0], reason=callgrind.available()[1])
@pytest.mark.timeout(1200)  # ~125 valgrind runs: about 100 s on a quiet 2-core machine, several minutes under load
def test_inefficient_references_cost_more_instructions(suite):
    """On a deterministic subset of each workload (3 calls per size), every inefficient reference executes more
    instructions than the efficient one."""
    spec = MeasureSpec(time=False, memory=False, instructions=True, instruction_calls_per_size=3)
    sandbox = get_sandbox("auto")
    from effilab.execution.executor import LocalExecutor

    def work(task):
        refs = sorted(task.references, key=lambda r: r.role != "efficient")
        return refs, measure_codes(task, [r.code for r in refs], sandbox, spec)

    not_slower = []
    for task, (refs, measured) in LocalExecutor().map_unordered(work, suite):
        assert all(not m.errors for m in measured), (task.id, [m.errors for m in measured])
        base = measured[0].instructions
        for ref, m in zip(refs[1:], measured[1:]):
            if not m.instructions > 1.2 * base:
                not_slower.append((task.id, ref.name, m.instructions, base))
    assert not_slower == []
