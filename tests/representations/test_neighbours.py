"""Gram matrix, MIPS rankings, confusion counts and pathological pairs on a 5-item example worked out by hand."""

import numpy as np
import pytest

from effilab.representations.confusion import confusion_at_degree, row_shares
from effilab.representations.gram import gram, rankings, relevance_lists, top_k
from effilab.representations.pathological import closest_wrong_pairs, farthest_right_pairs, pathological

LABELS = ["a", "a", "b", "b", "b"]
S = np.array([
    [1.0, 0.9, 0.2, 0.8, 0.1],
    [0.9, 1.0, 0.95, 0.3, 0.0],
    [0.2, 0.95, 1.0, 0.4, 0.5],
    [0.8, 0.3, 0.4, 1.0, 0.6],
    [0.1, 0.0, 0.5, 0.6, 1.0],
])


def test_gram_is_cosine():
    g = gram(np.array([[3.0, 4.0], [0.0, 2.0], [-3.0, -4.0]]))
    assert g == pytest.approx(np.array([[1, 0.8, -1], [0.8, 1, -0.8], [-1, -0.8, 1]]))


def test_rankings_exclude_self():
    assert rankings(S).tolist() == [[1, 3, 2, 4], [2, 0, 3, 4], [1, 4, 3, 0], [0, 4, 2, 1], [3, 2, 0, 1]]
    assert relevance_lists(S, LABELS)[0] == [1, 0, 0, 0]
    assert relevance_lists(S, LABELS)[2] == [0, 1, 1, 0]
    table = top_k(S, LABELS, 2)
    assert [(n.index, n.score, n.same_label) for n in table[1]] == [(2, 0.95, False), (0, 0.9, True)]


def test_confusion_counts():
    counts, types = confusion_at_degree(S, LABELS, degree=2)
    assert types == ["a", "b"]
    assert counts.tolist() == [[2, 2], [2, 4]]
    assert row_shares(counts) == pytest.approx(np.array([[0.5, 0.5], [1 / 3, 2 / 3]]))
    # every row sums to degree * items of that type
    counts, _ = confusion_at_degree(S, LABELS, degree=15)  # capped at n - 1 = 4
    assert counts.sum(axis=1).tolist() == [8, 12]


def test_pathological_items():
    found = pathological(S, LABELS)
    assert [(p.i, p.j) for p in found] == [(2, 1), (3, 0), (1, 2)]
    assert [p.margin for p in found] == pytest.approx([0.45, 0.2, 0.05])


def test_extreme_pairs():
    assert [(p.i, p.j, p.score) for p in closest_wrong_pairs(S, LABELS, 2)] == [(1, 2, 0.95), (0, 3, 0.8)]
    assert [(p.i, p.j, p.score) for p in farthest_right_pairs(S, LABELS, 2)] == [(2, 3, 0.4), (2, 4, 0.5)]
