"""Judge a run-time predictor on database rows of held-out tasks, per variant, and by task-grouped cross-validation.

Per variant: `measured` (originals and their measured preserving variants), `original` (the solutions as written),
and each E-code view (`view:uniformise_all`, `view:loops_and_recursion`, `view:delete_tokens`: the same codes seen
through a lossy transform, labelled with the original's cost).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from effilab.metrics.runtime_prediction import (kendall_within, mae, mae_log, pairwise_accuracy, spearman_global,
                                                spearman_within, top1_accuracy)
from effilab.models.runtime_predictor import PredictorConfig, RuntimePredictor


def subsets(rows: Sequence[dict]) -> dict[str, list[dict]]:
    out = {"measured": [r for r in rows if r.get("measured", True)],
           "original": [r for r in rows if r.get("variant", "original") == "original"]}
    for view in sorted({r["transforms"][0] for r in rows if r.get("variant") == "view"}):
        out[f"view:{view}"] = [r for r in rows if r.get("variant") == "view" and r["transforms"][0] == view]
    return {k: v for k, v in out.items() if v}


def ranking_metrics(rows: Sequence[dict], scores: Sequence[float], label: str = "instructions",
                    min_ratio: float = 1.1) -> dict:
    groups = [r["task_id"] for r in rows]
    truth = [float(r[label]) for r in rows]
    accuracy, pairs = pairwise_accuracy(groups, truth, scores, min_ratio)
    return {"pairwise_accuracy": accuracy, "pairs": pairs, "spearman": spearman_within(groups, truth, scores),
            "kendall": kendall_within(groups, truth, scores), "top1": top1_accuracy(groups, truth, scores),
            "codes": len(rows), "tasks": len(set(groups))}


def evaluate_predictor(predictor: RuntimePredictor, rows: Sequence[dict], label: str = "instructions",
                       min_ratio: float = 1.1, scores: Sequence[float] | None = None) -> dict:
    """Metrics per variant subset; `scores` (aligned with rows) may be given, e.g. pooled from cross-validation."""
    rows = [r for r in rows if r.get(label)]
    if scores is None:
        scores = score_by_task(predictor, rows)
    by_id = {id(r): s for r, s in zip(rows, scores)}
    result = {}
    for name, part in subsets(rows).items():
        result[name] = ranking_metrics(part, [by_id[id(r)] for r in part], label, min_ratio)
    measured = [r for r in rows if r.get("measured", True)]
    if measured and predictor.models.get("regressor:instructions") is not None:
        codes = [r["code"] for r in measured]
        instr = predictor.predict_cost(codes, "instructions")
        truth = [float(r["instructions"]) for r in measured]
        result["measured"]["mae_log_instructions"] = mae_log(truth, instr)
        result["measured"]["spearman_global"] = spearman_global(truth, list(instr))
        timed = [(r, i) for i, r in enumerate(measured) if r.get("wall_us")]
        if timed and predictor.models.get("regressor:wall_us") is not None:
            wall = predictor.predict_cost([r["code"] for r, _ in timed], "wall_us")
            wall_truth = [float(r["wall_us"]) for r, _ in timed]
            result["measured"]["mae_us"] = mae(wall_truth, list(wall))
            result["measured"]["mae_log_us"] = mae_log(wall_truth, list(wall))
    return result


def score_by_task(predictor: RuntimePredictor, rows: Sequence[dict]) -> list[float]:
    """Scores computed task by task (a pairwise model's Borda score compares a code with its task's others)."""
    scores = [math.nan] * len(rows)
    by_task: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_task.setdefault(r["task_id"], []).append(i)
    for members in by_task.values():
        for i, s in zip(members, predictor.score([rows[i]["code"] for i in members])):
            scores[i] = float(s)
    return scores


def cross_validate(rows: Sequence[dict], config: PredictorConfig, folds: int = 5, min_ratio: float = 1.1) -> dict:
    """Task-grouped k-fold: every task is scored by a model that never saw it; metrics over the pooled scores."""
    from sklearn.model_selection import GroupKFold

    rows = [r for r in rows if r.get(config.label)]
    groups = np.array([r["task_id"] for r in rows])
    scores = [math.nan] * len(rows)
    folds = min(folds, len(set(groups)))
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(rows, groups=groups):
        model = RuntimePredictor(config).fit([rows[i] for i in train_idx])
        test_rows = [rows[i] for i in test_idx]
        for i, s in zip(test_idx, score_by_task(model, test_rows)):
            scores[i] = s
    no_regressor = RuntimePredictor(config)
    return evaluate_predictor(no_regressor, rows, config.label, min_ratio, scores)
