"""Retrieval metrics against rankings worked out by hand."""

import math

import pytest

from effilab.metrics.retrieval import (
    average_precision,
    map_at_r,
    mean_ignoring_nan,
    ndcg_at_k,
    precision_at_k,
    recall_at_k,
    reciprocal_rank,
)

# ranking: relevant at ranks 1, 3 and 6 out of 6; R = 3
RANKING = [1, 0, 1, 0, 0, 1]


def test_precision_and_recall():
    assert precision_at_k(RANKING, 1) == 1.0
    assert precision_at_k(RANKING, 3) == pytest.approx(2 / 3)
    assert precision_at_k(RANKING, 10) == pytest.approx(3 / 10)  # missing ranks are misses
    assert recall_at_k(RANKING, 2) == pytest.approx(1 / 3)
    assert recall_at_k(RANKING, 3) == pytest.approx(2 / 3)
    assert recall_at_k(RANKING, 3, n_relevant=4) == pytest.approx(2 / 4)


def test_reciprocal_rank():
    assert reciprocal_rank(RANKING) == 1.0
    assert reciprocal_rank([0, 0, 1, 0]) == pytest.approx(1 / 3)
    assert reciprocal_rank([0, 0, 0]) == 0.0


def test_average_precision():
    # (P@1 + P@3 + P@6) / 3 = (1 + 2/3 + 3/6) / 3
    assert average_precision(RANKING) == pytest.approx((1 + 2 / 3 + 0.5) / 3)
    # one relevant item never retrieved: divided by 4
    assert average_precision(RANKING, n_relevant=4) == pytest.approx((1 + 2 / 3 + 0.5) / 4)


def test_map_at_r():
    # R = 3: only ranks 1..3 count: (P@1*1 + P@2*0 + P@3*1) / 3 = (1 + 2/3) / 3
    assert map_at_r(RANKING) == pytest.approx((1 + 2 / 3) / 3)
    assert map_at_r([1, 1, 1, 0, 0]) == 1.0
    assert map_at_r([0, 0, 0, 1, 1, 1]) == 0.0  # all relevant items after rank R earn nothing
    assert math.isnan(map_at_r([0, 0, 0]))


def test_ndcg():
    # DCG@3 = 1/log2(2) + 1/log2(4) = 1.5 ; IDCG@3 = 1 + 1/log2(3) + 1/log2(4)
    idcg3 = 1 + 1 / math.log2(3) + 0.5
    assert ndcg_at_k(RANKING, 3) == pytest.approx(1.5 / idcg3)
    # full ranking: DCG = 1 + 0.5 + 1/log2(7); IDCG = 1 + 1/log2(3) + 0.5
    assert ndcg_at_k(RANKING) == pytest.approx((1.5 + 1 / math.log2(7)) / idcg3)
    assert ndcg_at_k([1, 1, 0, 0], 10) == 1.0
    # k = 1 with a miss at rank 1
    assert ndcg_at_k([0, 1], 1) == 0.0
    # a relevant item outside the truncated list still counts in the ideal ranking
    assert ndcg_at_k([1, 0], 2, n_relevant=2) == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_mean_ignores_queries_without_relevant_items():
    assert mean_ignoring_nan([1.0, math.nan, 0.5]) == 0.75
    assert math.isnan(mean_ignoring_nan([math.nan]))
