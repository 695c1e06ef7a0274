"""The CPU run-time predictor learns algorithmic shape and ranks held-out tasks' codes; save/load keeps it.

Training rows are synthetic tasks whose codes differ in how deeply loops over the input nest (or hide linear work
inside a loop); the label is the operation count each shape implies for n = 200, so the right order is known and the
model must generalise it to tasks it never saw. Measured labels are exercised by tests/cli/test_predictor.py."""

from __future__ import annotations

import math

import pytest

from effilab.metrics.runtime_prediction import pairwise_accuracy
from effilab.models.code_features import code_features
from effilab.models.runtime_evaluation import cross_validate, evaluate_predictor
from effilab.models.runtime_predictor import PredictorConfig, RuntimePredictor

N = 200
LINEAR = """def {name}(xs, k):
    seen = {{}}
    total = 0
    for x in xs:
        total += seen.get(k - x, 0) + {c}
        seen[x] = seen.get(x, 0) + 1
    return total
"""
SORTED = """def {name}(xs, k):
    xs = sorted(xs)
    lo, hi = 0, len(xs) - 1
    total = {c}
    while lo < hi:
        if xs[lo] + xs[hi] < k:
            lo += 1
        else:
            hi -= 1
            total += 1
    return total
"""
QUADRATIC = """def {name}(xs, k):
    total = {c}
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            if xs[i] + xs[j] == k:
                total += 1
    return total
"""
HIDDEN = """def {name}(xs, k):
    total = {c}
    for i, x in enumerate(xs):
        if k - x in xs[i + 1:]:
            total += 1
    return total
"""
CUBIC = """def {name}(xs, k):
    total = {c}
    for i in range(len(xs)):
        for j in range(len(xs)):
            for m in range(len(xs)):
                if xs[i] + xs[j] - xs[m] == k:
                    total += 1
    return total
"""
SHAPES = [(LINEAR, N), (SORTED, N * math.log2(N)), (QUADRATIC, N * N / 2), (HIDDEN, N * N), (CUBIC, N ** 3)]


def synthetic_rows(tasks: int, first: int = 0) -> list[dict]:
    rows = []
    for t in range(first, first + tasks):
        name = f"solve_{t}"
        for template, cost in SHAPES:
            rows.append({"task_id": f"syn/{t}", "code": template.format(name=name, c=t), "instructions": cost * (1 + t),
                         "measured": True, "variant": "original", "transforms": []})
    return rows


def test_features_see_nesting_and_hidden_linear_work():
    linear = code_features(LINEAR.format(name="f", c=0))
    quadratic = code_features(QUADRATIC.format(name="f", c=0))
    hidden = code_features(HIDDEN.format(name="f", c=0))
    assert linear["max_depth_input"] == 1 and quadratic["max_depth_input"] == 2
    assert hidden["slices_in_loops"] == 1 and hidden["effective_degree"] >= 2
    broken = code_features("def f(xs):\n    for a in xs:\n        for b in xs\n            t += 1\n")
    assert broken["parses"] == 0 and broken["max_depth"] == 2


@pytest.mark.parametrize("kind", ["pairwise-logistic", "pairwise-gbm", "centered-gbm", "ensemble"])
def test_trained_predictor_beats_constant_on_held_out_tasks(kind):
    train, test = synthetic_rows(12), synthetic_rows(4, first=12)
    model = RuntimePredictor(PredictorConfig(kind=kind, regressor=False, gbm_iterations=60)).fit(train)
    result = evaluate_predictor(model, test)["measured"]
    constant, _ = pairwise_accuracy([r["task_id"] for r in test], [r["instructions"] for r in test], [0] * len(test))
    assert constant == 0.5
    assert result["pairs"] == 4 * 10
    assert result["pairwise_accuracy"] >= 0.8, result
    assert result["top1"] >= 0.75


def test_ensemble_follows_the_cost_model_and_places_code_that_does_not_parse():
    """The learned models only decide within a factor 2 of the cost model's estimate; a code that does not parse
    has no estimate and is placed by them (here: a broken cubic code ranks above the linear one)."""
    from effilab.models.cost_model import cost_features

    model = RuntimePredictor(PredictorConfig(kind="ensemble", regressor=False)).fit(synthetic_rows(12))
    codes = [template.format(name="g", c=0) for template, _ in SHAPES]
    scores = model.score(codes)
    estimates = [cost_features(code)[1] for code in codes]
    assert all(0.0 <= s - e <= 1.0 for s, e in zip(scores, estimates))
    broken = CUBIC.format(name="g", c=0).replace("range(len(xs)):", "range(len(xs))", 1)
    linear, cubic_broken = model.score([codes[0], broken] + codes[1:])[:2]
    assert cost_features(broken) == (0.0,) * 3 and cubic_broken > linear


def test_save_load_roundtrip(tmp_path):
    rows = synthetic_rows(6)
    model = RuntimePredictor(PredictorConfig(kind="ensemble", gbm_iterations=30)).fit(rows)
    path = model.save(tmp_path / "p")
    again = RuntimePredictor.load(tmp_path / "p")
    codes = [r["code"] for r in rows[:5]]
    assert path.exists()
    assert list(again.score(codes)) == list(model.score(codes))
    assert list(again.predict_cost(codes)) == list(model.predict_cost(codes))
    assert again.config == model.config and again.trained_on["tasks"] == 6


def test_cross_validation_never_scores_a_task_with_a_model_that_saw_it():
    rows = synthetic_rows(6)
    result = cross_validate(rows, PredictorConfig(kind="pairwise-logistic", regressor=False), folds=3)
    assert result["measured"]["tasks"] == 6 and result["measured"]["pairwise_accuracy"] > 0.8


def test_unknown_kind_and_empty_rows_are_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown predictor kind"):
        RuntimePredictor(PredictorConfig(kind="magic")).fit(synthetic_rows(2))
    with pytest.raises(ValueError, match="no rows"):
        RuntimePredictor().fit([])
    with pytest.raises(FileNotFoundError):
        RuntimePredictor.load(tmp_path)


def test_selection_table_sample_k_submit_one():
    from effilab.models.runtime_evaluation import selection_table

    rows = synthetic_rows(3)
    perfect = [(r, r["instructions"]) for r in rows]
    inverted = [(r, -r["instructions"]) for r in rows]
    best = {row["k"]: row for row in selection_table(perfect, ks=(1, 3), draws=50)}
    worst = {row["k"]: row for row in selection_table(inverted, ks=(3,), draws=50)}
    assert best[1]["predicted_top1"] == 1.0 and best[3]["predicted_top1"] == 1.0
    assert best[3]["predicted_cost_ratio"] == 1.0 < best[3]["random_cost_ratio"]
    assert worst[3]["predicted_top1"] == 0.0 and worst[3]["predicted_cost_ratio"] > worst[3]["random_cost_ratio"]


def test_variants_of_one_solution_pair_up_at_smaller_gaps():
    """Training pairs: codes 2x apart, or variants of one solution (same origin) 1.1x apart; slower code first."""
    import random

    import numpy as np

    from effilab.models.runtime_predictor import _pairs

    groups = ["t"] * 4
    costs = np.array([100.0, 120.0, 300.0, 130.0])
    families = ["a", "a", "b", "b"]
    with_families = set(_pairs(groups, costs, 2.0, 100, random.Random(0), families, 1.1))
    assert with_families == {(1, 0), (2, 0), (2, 1), (2, 3)}  # (1, 0): family a at 1.2x; (3, 2) is 2.3x apart
    assert set(_pairs(groups, costs, 2.0, 100, random.Random(0))) == {(2, 0), (2, 1), (2, 3)}
