"""Confusion matrix at degree d: which types an item's d nearest neighbours belong to.

Row a, column b counts, over every item of type a, how many of its d best matches (self excluded) are of type b.
A perfect encoder with at least d other items per type puts everything on the diagonal; each row sums to
d * (number of items of type a).
"""

from __future__ import annotations

import numpy as np

from effilab.representations.gram import rankings


def confusion_at_degree(scores: np.ndarray, labels: list[str], degree: int = 15) -> tuple[np.ndarray, list[str]]:
    """Counts (types x types) and the type order (sorted); `degree` is capped at n - 1."""
    types = sorted(set(labels))
    where = {t: i for i, t in enumerate(types)}
    order = rankings(scores)[:, :degree]
    counts = np.zeros((len(types), len(types)), dtype=np.int64)
    for i, row in enumerate(order):
        for j in row:
            counts[where[labels[i]], where[labels[int(j)]]] += 1
    return counts, types


def row_shares(counts: np.ndarray) -> np.ndarray:
    """Each row divided by its sum (an empty row stays zero): the share of neighbours landing in each type."""
    sums = counts.sum(axis=1, keepdims=True)
    return counts / np.where(sums == 0, 1, sums)
