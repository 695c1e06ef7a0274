"""Ranking metrics for retrieval with binary relevance: one query's ranked list, best match first.

Every function takes `relevance`, the relevance (0/1, or bool) of the retrieved items in rank order (rank 1 first,
the query itself already removed), and where the answer depends on items that were not retrieved, `n_relevant`: how
many relevant items exist in all (default: the number in `relevance`, right when the list ranks the whole corpus).
A query with no relevant item has no defined score; these functions return NaN for it and `mean_ignoring_nan`
averages the others.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def _rel(relevance: Sequence[float]) -> list[float]:
    return [1.0 if r else 0.0 for r in relevance]


def _total(rel: list[float], n_relevant: int | None) -> int:
    return int(sum(rel)) if n_relevant is None else n_relevant


def precision_at_k(relevance: Sequence[float], k: int) -> float:
    """P@k = |relevant among the top k| / k  (a list shorter than k counts the missing ranks as misses)."""
    if k <= 0:
        raise ValueError("k must be positive")
    return sum(_rel(relevance)[:k]) / k


def recall_at_k(relevance: Sequence[float], k: int, n_relevant: int | None = None) -> float:
    """R@k = |relevant among the top k| / R, with R the number of relevant items."""
    rel = _rel(relevance)
    total = _total(rel, n_relevant)
    if total == 0:
        return math.nan
    return sum(rel[:k]) / total


def reciprocal_rank(relevance: Sequence[float]) -> float:
    """RR = 1 / (rank of the first relevant item); 0 when none was retrieved. MRR is its mean over queries."""
    rel = _rel(relevance)
    if not any(rel):
        return math.nan if not rel else 0.0
    return 1.0 / (rel.index(1.0) + 1)


def average_precision(relevance: Sequence[float], n_relevant: int | None = None) -> float:
    """AP = (1/R) * sum over ranks i holding a relevant item of P@i.  MAP is its mean over queries."""
    rel = _rel(relevance)
    total = _total(rel, n_relevant)
    if total == 0:
        return math.nan
    hits, score = 0, 0.0
    for i, r in enumerate(rel, start=1):
        if r:
            hits += 1
            score += hits / i
    return score / total


def map_at_r(relevance: Sequence[float], n_relevant: int | None = None) -> float:
    """MAP@R (Musgrave et al., 2020) = (1/R) * sum_{i=1..R} P@i * rel_i, with R the number of relevant items.

    Average precision cut at rank R: a perfect ranking (all R relevant items first) scores 1, and relevant items
    found after rank R earn nothing, so unlike R-precision it also rewards the order within the first R.
    """
    rel = _rel(relevance)
    total = _total(rel, n_relevant)
    if total == 0:
        return math.nan
    return average_precision(rel[:total], n_relevant=total)


def dcg_at_k(relevance: Sequence[float], k: int | None = None) -> float:
    """DCG@k = sum_{i=1..k} rel_i / log2(i + 1)."""
    rel = [float(r) for r in relevance][: (len(relevance) if k is None else k)]
    return sum(r / math.log2(i + 1) for i, r in enumerate(rel, start=1))


def ndcg_at_k(relevance: Sequence[float], k: int | None = None, n_relevant: int | None = None) -> float:
    """NDCG@k = DCG@k / IDCG@k, IDCG@k the DCG@k of the ideal ranking (every relevant item first).

    With k = None, the whole ranking ("NDCG" without a cut-off). The ideal ranking holds min(R, k) relevant items,
    where R is `n_relevant` (relevant items missing from a truncated list still lower the score).
    """
    rel = _rel(relevance)
    total = _total(rel, n_relevant)
    if total == 0:
        return math.nan
    cut = len(rel) if k is None else k
    ideal = dcg_at_k([1.0] * min(total, cut))
    return dcg_at_k(rel, cut) / ideal


def mean_ignoring_nan(values: Iterable[float]) -> float:
    """Mean over queries that have a score (NaN marks a query without relevant items)."""
    kept = [v for v in values if not math.isnan(v)]
    return sum(kept) / len(kept) if kept else math.nan
