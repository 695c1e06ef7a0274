"""Ranking metrics of run-time prediction on small hand-checked cases."""

from __future__ import annotations

import math

import pytest

from effilab.metrics.runtime_prediction import (kendall_within, mae, mae_log, pairwise_accuracy, spearman_within,
                                                top1_accuracy)

GROUPS = ["a", "a", "a", "b", "b"]
TRUTH = [1.0, 10.0, 100.0, 5.0, 50.0]


def test_pairwise_accuracy_counts_only_same_group_pairs_and_ties_half():
    assert pairwise_accuracy(GROUPS, TRUTH, [1, 2, 3, 1, 2]) == (1.0, 4)
    assert pairwise_accuracy(GROUPS, TRUTH, [3, 2, 1, 2, 1]) == (0.0, 4)
    assert pairwise_accuracy(GROUPS, TRUTH, [0, 0, 0, 0, 0]) == (0.5, 4)
    # pairs closer than min_ratio are ties of measurement, not counted
    acc, pairs = pairwise_accuracy(["a", "a"], [100.0, 105.0], [1, 0], min_ratio=1.1)
    assert pairs == 0 and math.isnan(acc)


def test_rank_correlations_within_groups():
    assert spearman_within(GROUPS, TRUTH, [1, 2, 3, 9, 9]) == pytest.approx(1.0)  # group b: 2 codes, skipped
    assert kendall_within(GROUPS, TRUTH, [3, 2, 1, 0, 0]) == pytest.approx(-1.0)


def test_top1_and_errors():
    assert top1_accuracy(GROUPS, TRUTH, [1, 2, 3, 2, 1]) == 0.5
    assert mae_log([1.0, 100.0], [math.e, 100.0]) == pytest.approx(0.5)
    assert mae([1.0, 3.0], [2.0, 1.0]) == pytest.approx(1.5)
