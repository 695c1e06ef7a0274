"""The Gram matrix of a set of embeddings and its maximum-inner-product (MIPS) rankings.

Embeddings are L2-normalised first, so an inner product is a cosine similarity and scores of different encoders
sit on the same [-1, 1] scale. A program never retrieves itself: the diagonal is excluded from every ranking.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm (a zero row stays zero)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def gram(vectors: np.ndarray) -> np.ndarray:
    """G[i, j] = <v_i, v_j> of the normalised rows: the cosine similarity of every pair."""
    unit = normalize(vectors)
    return unit @ unit.T


def rankings(scores: np.ndarray) -> np.ndarray:
    """For each row i, the other items ordered by descending score (ties broken by index); shape (n, n - 1)."""
    n = scores.shape[0]
    masked = np.array(scores, dtype=np.float64, copy=True)
    np.fill_diagonal(masked, -np.inf)
    order = np.argsort(-masked, axis=1, kind="stable")
    return order[:, : n - 1]


@dataclass(frozen=True)
class Neighbour:
    index: int
    score: float
    same_label: bool


def top_k(scores: np.ndarray, labels: list[str], k: int) -> list[list[Neighbour]]:
    """The MIPS table: each item's k best matches (self excluded) with their scores and whether the type agrees."""
    order = rankings(scores)[:, :k]
    return [[Neighbour(int(j), float(scores[i, j]), labels[int(j)] == labels[i]) for j in row]
            for i, row in enumerate(order)]


def relevance_lists(scores: np.ndarray, labels: list[str]) -> list[list[int]]:
    """Each query's full ranking as 0/1 relevance (1 where the retrieved item has the query's label)."""
    labels_arr = np.asarray(labels)
    order = rankings(scores)
    return [(labels_arr[row] == labels_arr[i]).astype(int).tolist() for i, row in enumerate(order)]
