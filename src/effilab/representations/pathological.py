"""Where an encoder goes wrong: items nearer another type than their own, the closest wrong pairs and the farthest
right pairs.

An item is pathological when its best match of another type scores higher than its best match of its own type
(its nearest neighbour has the wrong type); the margin is the difference of those two scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Pair:
    i: int
    j: int
    score: float
    margin: float = 0.0  # pathological items: wrong score minus best right score


def _masks(labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    arr = np.asarray(labels)
    same = arr[:, None] == arr[None, :]
    eye = np.eye(len(labels), dtype=bool)
    return same & ~eye, ~same


def pathological(scores: np.ndarray, labels: list[str]) -> list[Pair]:
    """Items whose nearest neighbour has another type, as (item, that neighbour, its score, margin), worst first.

    Items alone in their type have no right match and are skipped.
    """
    right, wrong = _masks(labels)
    found = []
    for i in range(len(labels)):
        if not right[i].any() or not wrong[i].any():
            continue
        best_right = scores[i][right[i]].max()
        wrong_scores = np.where(wrong[i], scores[i], -np.inf)
        j = int(np.argmax(wrong_scores))
        if wrong_scores[j] > best_right:
            found.append(Pair(i, j, float(wrong_scores[j]), float(wrong_scores[j] - best_right)))
    return sorted(found, key=lambda p: (-p.margin, p.i))


def closest_wrong_pairs(scores: np.ndarray, labels: list[str], n: int = 10) -> list[Pair]:
    """The n highest-scoring pairs i < j of different types."""
    _, wrong = _masks(labels)
    return _extreme_pairs(scores, np.triu(wrong, 1), n, highest=True)


def farthest_right_pairs(scores: np.ndarray, labels: list[str], n: int = 10) -> list[Pair]:
    """The n lowest-scoring pairs i < j of the same type."""
    right, _ = _masks(labels)
    return _extreme_pairs(scores, np.triu(right, 1), n, highest=False)


def _extreme_pairs(scores: np.ndarray, mask: np.ndarray, n: int, highest: bool) -> list[Pair]:
    ii, jj = np.nonzero(mask)
    values = scores[ii, jj]
    order = np.lexsort((jj, ii, -values if highest else values))[:n]
    return [Pair(int(ii[k]), int(jj[k]), float(values[k])) for k in order]
