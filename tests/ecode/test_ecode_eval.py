"""Evaluation of EPC outputs with real sandbox runs and real measurements."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("codebleu")

from effilab.optimize.ecode_eval import (  # noqa: E402
    ECodeEvalConfig,
    compiles,
    copy_baseline,
    evaluate_samples,
    summarize,
)
from effilab.pipelines.epc import build_epc  # noqa: E402
from effilab.tasks.loaders import load_tasks  # noqa: E402

FIXTURE = Path(__file__).parent.parent / "fixtures" / "gec"
WRONG = "def anagram_pairs(words):\n    return 0\n"


def test_compile_check_builds_without_running():
    assert compiles("import os\nos._exit(3)\n", "python")  # compiled, never run: this test process lives on
    assert not compiles("def f(:\n", "python")
    with pytest.raises(ValueError):
        compiles("x", "rust")


def test_cpp_compile_check_uses_gpp_in_the_sandbox():
    import shutil

    if shutil.which("g++") is None:
        pytest.skip("g++ is not installed")
    assert compiles("#include <cstdio>\nint main() { std::puts(\"hi\"); return 0; }\n", "cpp")
    assert not compiles("int main() { return undefined_name; }\n", "cpp")


def test_scores_samples_judges_them_and_measures_egr():
    tasks = {t.id: t for t in load_tasks("suite")}
    example = next(e for e in build_epc([tasks["suite/anagram_pair_count"]]).examples
                   if e.slow_name == "inefficient_pairwise")
    samples = [[example.slow_code, example.efficient_code, WRONG, "def broken(:\n"]]
    results = evaluate_samples([example], samples, tasks, ECodeEvalConfig(ks=(1, 4), repeats=1))
    slow, fast, wrong, broken = results
    assert [r.status for r in results] == ["passed", "passed", "failed", "compile_error"]
    assert [r.compiles for r in results] == [True, True, True, False]
    assert fast.codebleu["codebleu"] == pytest.approx(1.0) and slow.codebleu["codebleu"] < 0.9
    assert 0 < wrong.tests_passed < wrong.tests_total and broken.tests_passed == 0
    assert slow.egr == pytest.approx(0.0) and fast.egr > 0.3  # measured: the pairwise count is much slower
    assert wrong.egr is None and fast.slow_time_s == fast.slow_time_s > fast.time_s

    summary = summarize(results, (1, 4))
    assert summary["overall"]["compile_rate"] == 0.75 and summary["overall"]["full_pass_rate"] == 0.5
    assert set(summary["by_difficulty"]) == {tasks["suite/anagram_pair_count"].difficulty}
    # sample 1: only the slow copy; submit 1 of 4: the fastest of the samples passing the visible test
    assert summary["selection"]["sample1_submit1"]["egr_measured"] == pytest.approx(0.0)
    assert summary["selection"]["sample4_submit1"]["egr_measured"] == pytest.approx(fast.egr)
    assert summary["selection"]["sample4_submit4"]["full_pass_rate"] == 1.0


def test_predicted_egr_uses_the_given_predictor():
    tasks = {t.id: t for t in load_tasks("suite")}
    example = build_epc([tasks["suite/anagram_pair_count"]]).examples[0]
    results = evaluate_samples([example], [[example.efficient_code]], tasks, ECodeEvalConfig(measure=False),
                               predict_time=lambda task, code: float(len(code)))
    expected = (len(example.slow_code) - len(example.efficient_code)) / len(example.slow_code)
    assert results[0].predicted_egr == pytest.approx(expected)


def test_copy_baseline_on_stdio_tasks_passes_and_gains_nothing():
    tasks = {t.id: t for t in load_tasks(f"gec:{FIXTURE}")}
    examples = build_epc(tasks.values()).examples
    results = evaluate_samples(examples, copy_baseline(examples, 2), tasks, ECodeEvalConfig(ks=(1, 2)))
    assert all(r.full_pass and r.compiles for r in results)
    assert all(r.egr is None for r in results)  # GEC problems carry no workload to time
    summary = summarize(results, (1, 2))
    assert summary["examples"] == len(examples) and summary["overall"]["io_pass_rate"] == 1.0
    with pytest.raises(ValueError, match="sample lists"):
        evaluate_samples(examples, [], tasks)
