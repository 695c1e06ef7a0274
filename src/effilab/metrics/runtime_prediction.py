"""How well predicted costs order codes of the same task: pairwise accuracy, rank correlations, top-1 selection,
and the error of predicted costs (MAE in log space and in microseconds).

Inputs are parallel sequences: a group (task id) per code, the measured cost, the predicted score (higher = slower).
Ranking metrics compare codes only within a group, because a predictor cannot know how large a task's workload is.
Pairs whose measured costs differ by less than `min_ratio` are ties (noise or a pure rename) and are left out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from scipy.stats import kendalltau, spearmanr


def _groups(groups: Sequence[str], truth: Sequence[float], pred: Sequence[float]) -> dict[str, list[tuple[float, float]]]:
    by: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for g, t, p in zip(groups, truth, pred):
        by[g].append((float(t), float(p)))
    return by


def pairwise_accuracy(groups: Sequence[str], truth: Sequence[float], pred: Sequence[float],
                      min_ratio: float = 1.1) -> tuple[float, int]:
    """Share of same-group pairs (costs apart by >= min_ratio) that the prediction orders right; ties score 1/2.
    Returns (accuracy, number of pairs); accuracy is nan without pairs."""
    right = 0.0
    pairs = 0
    for items in _groups(groups, truth, pred).values():
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                (ti, pi), (tj, pj) = items[i], items[j]
                lo, hi = min(ti, tj), max(ti, tj)
                if lo <= 0 or hi / lo < min_ratio:
                    continue
                pairs += 1
                if pi == pj:
                    right += 0.5
                elif (pi > pj) == (ti > tj):
                    right += 1
    return (right / pairs if pairs else math.nan), pairs


def _mean_correlation(groups, truth, pred, fn) -> float:
    values = []
    for items in _groups(groups, truth, pred).values():
        t = [x[0] for x in items]
        p = [x[1] for x in items]
        if len(items) < 3 or len(set(t)) < 2 or len(set(p)) < 2:
            continue
        value = fn(t, p)[0]
        if not math.isnan(value):
            values.append(value)
    return sum(values) / len(values) if values else math.nan


def spearman_within(groups: Sequence[str], truth: Sequence[float], pred: Sequence[float]) -> float:
    """Mean over groups (>= 3 codes, not constant) of Spearman's rho between measured and predicted cost."""
    return _mean_correlation(groups, truth, pred, spearmanr)


def kendall_within(groups: Sequence[str], truth: Sequence[float], pred: Sequence[float]) -> float:
    """Mean over groups of Kendall's tau-b between measured and predicted cost."""
    return _mean_correlation(groups, truth, pred, kendalltau)


def top1_accuracy(groups: Sequence[str], truth: Sequence[float], pred: Sequence[float], tolerance: float = 0.05) -> float:
    """Share of groups (with >= 2 codes) where the predicted-fastest code is within `tolerance` of the fastest."""
    hits = total = 0
    for items in _groups(groups, truth, pred).values():
        if len(items) < 2:
            continue
        total += 1
        best_true = min(t for t, _ in items)
        chosen = min(items, key=lambda x: x[1])[0]
        hits += chosen <= best_true * (1 + tolerance)
    return hits / total if total else math.nan


def mae_log(truth: Sequence[float], pred: Sequence[float]) -> float:
    """Mean absolute error of natural-log costs (|log(pred / truth)|): 0.69 is a factor of 2 on average."""
    pairs = [(t, p) for t, p in zip(truth, pred) if t > 0 and p > 0]
    return sum(abs(math.log(p) - math.log(t)) for t, p in pairs) / len(pairs) if pairs else math.nan


def mae(truth: Sequence[float], pred: Sequence[float]) -> float:
    pairs = list(zip(truth, pred))
    return sum(abs(p - t) for t, p in pairs) / len(pairs) if pairs else math.nan


def spearman_global(truth: Sequence[float], pred: Sequence[float]) -> float:
    """Spearman over all codes together (across tasks: mixes workload size with code quality)."""
    if len(truth) < 3 or len(set(truth)) < 2 or len(set(pred)) < 2:
        return math.nan
    return float(spearmanr(truth, pred)[0])
