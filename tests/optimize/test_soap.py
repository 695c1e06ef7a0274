"""SOAP end to end on a suite task: real sandbox, real profiler, real measurements, a scripted model."""

import re

import pytest

from effilab.generation.scripted import ScriptedGenerator, prompt_text
from effilab.optimize.soap import SoapConfig, optimize_code
from effilab.sandbox import get_sandbox
from effilab.tasks.loaders import load_tasks

FAST = """def max_window_sum(nums, k):
    n = len(nums)
    if k <= 0 or k > n:
        return None
    window = sum(nums[:k])
    best = window
    for i in range(k, n):
        window += nums[i] - nums[i - k]
        if window > best:
            best = window
    return best
"""

WRONG = """def max_window_sum(nums, k):
    return max(nums) * k if nums and 0 < k <= len(nums) else None
"""

SLOWER = """def max_window_sum(nums, k):
    if k <= 0 or k > len(nums):
        return None
    totals = []
    for i in range(len(nums) - k + 1):
        acc = 0
        for j in range(k):
            acc = acc + nums[i + j]
        totals.append(acc)
    return max(totals)
"""


@pytest.fixture(scope="module")
def task():
    full = next(t for t in load_tasks("suite") if t.id.endswith("/max_window_sum"))
    small = full.workload.model_copy(update={"generator": full.workload.generator.replace("range(1600)",
                                                                                           "range(60)")})
    assert small.generator != full.workload.generator
    return full.model_copy(update={"workload": small})


@pytest.fixture(scope="module")
def slow_start(task):
    return next(r.code for r in task.references if r.name == "inefficient_nested_loops")


def scripted(replies):
    queue = list(replies)
    return ScriptedGenerator(lambda prompt: [queue.pop(0)])


def test_keeps_the_faster_rejects_the_wrong_and_the_slower(task, slow_start):
    gen = scripted([f"Here is a faster version:\n```python\n{FAST}```\nIt is O(n).",
                    f"```python\n{WRONG}```", f"```python\n{SLOWER}```"])
    seen = []
    result = optimize_code(task, slow_start, gen, get_sandbox("auto"),
                           SoapConfig(rounds=3, objective="time", repeats=5), on_round=seen.append)
    assert [r.round for r in result.rounds] == [1, 2, 3] and len(seen) == 3
    first, second, third = result.rounds
    assert first.accepted and first.decision.startswith("accepted"), first.decision
    assert second.verdict == "failed" and not second.accepted
    assert third.verdict == "passed" and not third.accepted and "gain" in third.decision
    assert result.final_code == FAST and result.final_verdict == "passed"
    assert result.final.wall_s < result.start.wall_s

    # The profile reached the model: each prompt the model saw holds the profiler's row for the hot line of the
    # code it was asked to improve (the row format is the profile's; the code block alone would not match).
    round1, round2 = prompt_text(gen.calls[0]), prompt_text(gen.calls[1])
    assert re.search(r"line\s+\d+ \|\s+[\d.]+% \|\s+\d+ hits \| total \+= nums\[j\]", round1), round1
    assert re.search(r"line\s+\d+ \|\s+[\d.]+% \|\s+\d+ hits \| window \+= nums\[i\] - nums\[i - k\]", round2)
    assert "Top 5 lines by memory growth" in round2 and "execution time" in round2
    assert round1 == prompt_text(first.prompt)  # the record keeps the exact prompt sent


def test_no_profile_ablation_sends_no_profile(task, slow_start):
    gen = scripted([f"```python\n{slow_start}```"])
    result = optimize_code(task, slow_start, gen, get_sandbox("auto"),
                           SoapConfig(rounds=1, objective="time", profile="none", repeats=3))
    sent = prompt_text(gen.calls[0])
    assert "Top 5 lines" not in sent and "profile" not in sent.lower()
    assert result.rounds[0].decision == "rejected: the reply repeats the current code"
    assert result.final_code == slow_start and not result.improved


def test_a_failing_start_is_reported_not_optimised(task):
    gen = scripted([])
    result = optimize_code(task, WRONG, gen, get_sandbox("auto"), SoapConfig(rounds=2, objective="time"))
    assert result.rounds == [] and "does not pass" in result.note and result.final_verdict == "failed"
    assert gen.calls == []
