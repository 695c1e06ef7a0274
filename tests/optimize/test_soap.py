"""SOAP end to end on a suite task: real sandbox, real profiler, real measurements, a scripted model."""

import re
import shutil

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

SLICES = """def max_window_sum(nums, k):
    if k <= 0 or k > len(nums):
        return None
    best = None
    for i in range(len(nums) - k + 1):
        s = sum(nums[i:i + k])
        if best is None or s > best:
            best = s
    return best
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


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind (callgrind) is not installed")
def test_rejects_the_slower_keeps_the_faster_rejects_the_wrong(task, slow_start):
    """The model answers with a slower solution, then a faster one, then a wrong one."""
    gen = scripted([f"```python\n{slow_start}```", f"Here is a faster version:\n```python\n{FAST}```\nIt is O(n).",
                    f"```python\n{WRONG}```"])
    seen = []
    # the instruction count: deterministic, so the keep/reject decisions do not depend on the machine's load
    result = optimize_code(task, SLICES, gen, get_sandbox("auto"),
                           SoapConfig(rounds=3, objective="instructions", repeats=3, processes=1),
                           on_round=seen.append)
    assert [r.round for r in result.rounds] == [1, 2, 3] and len(seen) == 3
    slower, faster, wrong = result.rounds
    assert slower.verdict == "passed" and not slower.accepted and "gain -" in slower.decision, slower.decision
    assert slower.new.instructions > slower.current.instructions
    assert faster.accepted and faster.decision.startswith("accepted"), faster.decision
    assert wrong.verdict == "failed" and not wrong.accepted
    assert result.final_code == FAST and result.final_verdict == "passed"
    assert result.final.instructions < result.start.instructions

    # The profile reached the model: the prompts it received hold the profiler's row (a format only the profile
    # text has; the code block alone would not match) for the hot line of the code it was asked to improve.
    row = r"line\s+\d+ \|\s+[\d.]+% \|\s+\d+ hits \| "
    round2, round3 = prompt_text(gen.calls[1]), prompt_text(gen.calls[2])
    assert re.search(row + re.escape("s = sum(nums[i:i + k])"), round2), round2  # round 1 rejected: same code
    assert re.search(row + re.escape("window += nums[i] - nums[i - k]"), round3), round3
    assert "Top 5 lines by memory growth" in round2 and "execution time" in round2
    assert prompt_text(gen.calls[0]) == prompt_text(slower.prompt)  # the record keeps the exact prompt sent


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
