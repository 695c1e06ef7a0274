"""Rewards called as TRL's GRPOTrainer calls them, on real sandboxed runs: known-good, known-bad, slow-but-correct
and broken completions, plain and conversational."""

from __future__ import annotations

from pathlib import Path

import pytest

from effilab.execution.executor import LocalExecutor
from effilab.measure import callgrind
from effilab.rewards import CodeJudge, completion_code, rewards_for, rewards_from_config
from effilab.sandbox import get_sandbox
from effilab.tasks.models import Task

GENERATOR = """
def generate(size, rng):
    return [[[rng.randint(0, 1000) for _ in range(size)]] for _ in range(3)]
"""
FAST = "def total(xs):\n    return sum(xs)\n"
TASK = Task.model_validate({
    "id": "mini/total", "source": "mini", "prompt": "def total(xs):\n    \"\"\"Sum of xs.\"\"\"\n",
    "entry_point": "total",
    "tests": [{"kind": "call", "args": [[1, 2, 3]], "expected": 6}, {"kind": "call", "args": [[]], "expected": 0}],
    "workload": {"generator": GENERATOR, "sizes": [500], "seed": 1},
    "references": [{"code": FAST, "role": "efficient"}],
})
SLOW = "def total(xs):\n    t = 0\n    for i in range(len(xs)):\n        t = t + sum(xs[i:i + 1])\n    return t\n"
WRONG = "def total(xs):\n    return sum(xs) + 1\n"
BROKEN = "def total(xs)\n    return sum(xs)\n"

COMPLETIONS = [
    f"Sure:\n```python\n{FAST}```\nThis is linear.",  # known good (the reference itself)
    f"```python\n{SLOW}```",  # slow but correct
    f"```python\n{WRONG}```",  # known bad
    f"```python\n{BROKEN}```",  # does not compile
    "    return sum(xs)\n",  # HumanEval style: the body, continuing the prompt
    f"```python\n{FAST}```",  # a task the judge does not know
]
TASK_IDS = ["mini/total"] * 5 + ["mini/unknown"]


def trl_call(func, completions, task_ids):
    """Exactly the keyword arguments GRPOTrainer._calculate_rewards passes (TRL 1.16)."""
    logged = []
    return func(prompts=["Write total(xs)."] * len(completions), completions=completions,
                completion_ids=[[1, 2, 3]] * len(completions), task_id=task_ids, trainer_state=None,
                log_extra=lambda *a: logged.append(a), log_metric=lambda *a: logged.append(a))


@pytest.fixture(scope="module")
def judge():
    executor = LocalExecutor(2)
    judge = CodeJudge([TASK], executor=executor, sandbox=get_sandbox("auto"), instruction_calls=None)
    yield judge
    judge.close()


def test_correctness_and_compile_rewards(judge):
    correctness, compiles = rewards_for(judge, ["correctness", "compile"])
    assert trl_call(correctness, COMPLETIONS, TASK_IDS) == [1.0, 1.0, 0.0, 0.0, 1.0, None]
    assert trl_call(compiles, COMPLETIONS, TASK_IDS) == [1.0, 1.0, 1.0, 0.0, 1.0, None]
    partial = rewards_for(judge, [{"name": "correctness", "partial_credit": True}])[0]
    half = "```python\ndef total(xs):\n    return sum(xs) if xs else 1\n```"  # passes 1 of the 2 tests
    assert trl_call(partial, COMPLETIONS[:4] + [half], TASK_IDS[:5]) == [1.0, 1.0, 0.0, 0.0, 0.25]


def test_conversational_completions(judge):
    correctness = rewards_for(judge, ["correctness"])[0]
    chats = [[{"role": "assistant", "content": c}] for c in COMPLETIONS[:3]]
    assert trl_call(correctness, chats, TASK_IDS[:3]) == [1.0, 1.0, 0.0]


@pytest.mark.skipif(not callgrind.available()[0], reason=callgrind.available()[1])
def test_efficiency_reward_ranks_by_instruction_count(judge):
    efficiency = rewards_for(judge, [{"name": "efficiency", "cap": 2.0}])[0]
    picked, ids = COMPLETIONS[:4] + COMPLETIONS[5:], TASK_IDS[:4] + TASK_IDS[5:]
    rewards = trl_call(efficiency, picked, ids)
    fast, slow, wrong, broken, unknown = rewards
    assert fast == pytest.approx(0.5)  # the reference itself: speed-up 1, half the capped scale
    assert 0.0 < slow < 0.5 * fast  # correct but several times more instructions
    assert (wrong, broken, unknown) == (0.0, 0.0, None)
    again = trl_call(efficiency, picked, ids)  # remembered, and deterministic anyway
    assert again == rewards


def test_completion_code_and_config(tmp_path):
    assert completion_code(TASK, "    return sum(xs)\n").startswith(TASK.prompt)
    assert completion_code(TASK, f"```python\n{FAST}```") == FAST
    config = Path(__file__).resolve().parents[1] / "configs" / "grpo_rewards.yaml"
    text = config.read_text().replace("store: runs/rewards.sqlite", f"store: {tmp_path / 'r.sqlite'}")
    local = tmp_path / "grpo.yaml"
    local.write_text(text)
    judge, funcs, weights = rewards_from_config(local)
    try:  # TRL names a partial by the function it wraps
        assert [f.func.__name__ for f in funcs] == ["correctness_reward", "efficiency_reward", "compile_reward"]
        assert funcs[1].keywords["cap"] == 2.0 and weights == [1.0, 0.5, 0.1]
        assert len(judge.tasks) >= 40
    finally:
        judge.close()
