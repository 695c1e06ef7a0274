"""Efficiency-first selection on a suite task, with real sandboxed runs and real (callgrind or timing) costs."""

import shutil

import pytest

from effilab.optimize.select import select_best, summarize_choices
from effilab.sandbox import get_sandbox
from effilab.tasks.loaders import load_tasks

BROKEN = "def max_window_sum(nums, k:\n    return 0\n"
WRONG = "def max_window_sum(nums, k):\n    return 0\n"


@pytest.fixture(scope="module")
def task():
    full = next(t for t in load_tasks("suite") if t.id.endswith("/max_window_sum"))
    small = full.workload.model_copy(update={"generator": full.workload.generator.replace("range(1600)",
                                                                                           "range(40)")})
    return full.model_copy(update={"workload": small})


def refs(task):
    return {r.name: r.code for r in task.references}


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind (callgrind) is not installed")
def test_cheapest_correct_sample_is_submitted_by_instruction_count(task):
    r = refs(task)
    codes = [WRONG, r["inefficient_nested_loops"], BROKEN, r["efficient"]]
    choice = select_best(task, codes, get_sandbox("auto"), objective="instructions")
    assert choice.open_verdicts == ["failed", "passed", "compile_error", "passed"]
    assert choice.chosen == 3 and choice.how == "measured" and choice.submitted_passed
    assert choice.costs[0] is None and choice.costs[3] < choice.costs[1]
    summary = summarize_choices([choice])
    assert summary["submit_1_pass@1"] == 1.0 and summary["random_pass@1"] == 0.5
    assert summary["chosen_cost_vs_mean"] < 1.0


def test_without_a_runnable_sample_the_predictor_decides(task):
    codes = [WRONG + "# a long wrong sample\n" * 3, WRONG, BROKEN + "# padded\n" * 3]
    choice = select_best(task, codes, get_sandbox("auto"), objective="wall", predictor=lambda t, code: len(code))
    assert choice.how == "predicted" and choice.chosen == 1 and not choice.submitted_passed
    plain = select_best(task, codes[:1], get_sandbox("auto"), objective="time")
    assert plain.how == "first" and plain.chosen == 0
    assert summarize_choices([choice, plain])["submit_k_pass@k"] == 0.0


def test_predictor_without_measurement_ranks_the_runnable_samples(task):
    r = refs(task)
    codes = [r["inefficient_nested_loops"], WRONG, r["efficient"]]
    longest = select_best(task, codes, get_sandbox("auto"), predictor=lambda t, code: -len(code), measure=False)
    assert longest.how == "predicted" and longest.costs == [None, None, None]
    assert longest.chosen == max((0, 2), key=lambda i: len(codes[i]))  # the wrong sample is never a candidate
