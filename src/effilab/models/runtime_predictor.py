"""The CPU run-time predictor: ranks codes of the same task by predicted cost, from the code alone.

Two parts, trained in seconds on a run-time database (`pipelines/runtime_db.py`):

- a ranker that scores codes (higher = slower) and is trained on pairs of codes of the same task (which is
  cheaper?), because within a task the workload is fixed and only the code's shape matters. Kinds:
  `pairwise-logistic` (logistic regression on feature differences: a linear score, consistent by construction),
  `pairwise-gbm` (gradient-boosted trees on the pair's features, scored by how many of the other codes each
  beats: Borda), `centered-gbm` (trees regressing log cost minus the task's mean log cost), `cost-model` (no
  training: the static work estimate of `models.cost_model` at n = 1000), `ensemble` (the default: the cost
  model's estimate, with `pairwise-logistic` and `tfidf` deciding between codes it puts within a factor 2, and
  placing codes that do not parse); baselines `length` (more tokens = slower), `loops` (more loops = slower),
  `tfidf` (pairwise logistic on TF-IDF of tokens);
- a regressor of log instruction count and log wall time over all tasks (a rough absolute figure: the workload
  size is not in the code, so its error is large across tasks; reported, never used to rank).

Features are `models.code_features` (loop nesting over input-sized ranges, linear operations hidden in loops,
recursion and memoisation, data structures) and the log of `models.cost_model`'s estimate at three input sizes;
codes that do not parse can still be ranked (structural features from indentation and tokens, TF-IDF).
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from effilab.models.code_features import FEATURE_NAMES as STRUCTURE_FEATURES
from effilab.models.code_features import feature_matrix as structure_matrix
from effilab.models.code_features import tokens_for_tfidf
from effilab.models.cost_model import COST_FEATURE_NAMES, cost_features

FEATURE_NAMES = STRUCTURE_FEATURES + COST_FEATURE_NAMES
RANKING_COST = "log_est_cost_n1000"  # the cost model's estimate that ranks (`cost-model`, `ensemble`)


@functools.lru_cache(maxsize=65536)
def _cost_row(code: str) -> tuple[float, ...]:
    return cost_features(code)


def feature_matrix(codes: Sequence[str]) -> np.ndarray:
    """Structural features (`models.code_features`) and the static cost estimate (`models.cost_model`) per code."""
    cost = np.array([_cost_row(c) for c in codes], dtype=float).reshape(len(codes), len(COST_FEATURE_NAMES))
    return np.hstack([structure_matrix(list(codes)), cost])


KINDS = ("pairwise-logistic", "pairwise-gbm", "centered-gbm", "ensemble", "length", "loops", "tfidf", "cost-model")
UNTRAINED = ("length", "loops", "cost-model")  # scores read off one feature, nothing to fit
MODEL_FILE = "predictor.joblib"


@dataclass(frozen=True)
class PredictorConfig:
    kind: str = "ensemble"  # one of KINDS
    label: str = "instructions"  # the measured cost to learn: instructions | wall_us
    min_ratio: float = 2.0  # training pairs whose costs differ less are left out (small gaps teach noise)
    # ... except between variants of one solution (same `origin`): one algorithm, so a measured gap is the cost of
    # how it is written (`for` vs `while`, comprehension vs loop) and not noise of the algorithm; None: no exception
    family_ratio: float | None = 1.1
    family_weight: float = 0.1  # weight of those variant pairs in training (many, each a small gap)
    max_pairs_per_task: int = 1500  # pairs sampled per task for the pairwise models
    use_views: bool = False  # also train on E-code views (label inherited); off: they blur the measured signal
    regressor: bool = True  # also fit the absolute-cost regressors
    seed: int = 0
    gbm_iterations: int = 200
    gbm_learning_rate: float = 0.05
    gbm_max_leaf_nodes: int = 15
    logistic_c: float = 5.0
    weight_pairs: bool = False  # weight each training pair by |log cost ratio| (big gaps count more)
    # the `ensemble` kind: the cost model's log2 estimate, plus `tie_break` times the mean within-task rank (0..1) of
    # these learned models, which so decide between codes whose estimates are within a factor 2 ** tie_break. The
    # untrained cost model leads because it carries over to new tasks best: the learned models drop 0.07-0.09 in
    # pairwise accuracy from suite cross-validation to held-out task sets, the cost model does not.
    ensemble_of: tuple[str, ...] = ("pairwise-logistic", "tfidf")
    tie_break: float = 1.0


def _log_features(x: np.ndarray) -> np.ndarray:
    """Counts grow heavy tails; log1p keeps linear models from being dominated by one long code."""
    return np.sign(x) * np.log1p(np.abs(x))


def _label(row: dict, label: str) -> float | None:
    value = row.get(label)
    return float(value) if value is not None and value > 0 else None


def _same_family(families: Sequence[str | None] | None, i: int, j: int) -> bool:
    """Whether codes i and j are variants of one solution (the same known `origin`)."""
    return families is not None and families[i] is not None and families[i] == families[j]


def _pairs(groups: Sequence[str], costs: np.ndarray, min_ratio: float, cap: int, rng: random.Random,
           families: Sequence[str | None] | None = None, family_ratio: float | None = None):
    """Index pairs (slower, faster) of the same group whose costs differ by min_ratio or more; two codes of one
    family (variants of one solution: the same algorithm written differently) need only differ by family_ratio."""
    by: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        by[g].append(i)
    out: list[tuple[int, int]] = []
    for members in by.values():
        found = []
        for i, j in itertools.combinations(members, 2):
            ratio = max(costs[i], costs[j]) / min(costs[i], costs[j])
            if ratio >= min_ratio or (family_ratio is not None and _same_family(families, i, j)
                                      and ratio >= family_ratio):
                found.append((i, j))
        if len(found) > cap:
            found = rng.sample(found, cap)
        out.extend((i, j) if costs[i] > costs[j] else (j, i) for i, j in found)
    return out


def _estimated_log_cost(x: np.ndarray) -> np.ndarray:
    """The cost model's log2 estimate per code; a code that does not parse has none and takes the mean of those
    that do (all zeros if none does), so that the learned models alone place it."""
    cost = x[:, FEATURE_NAMES.index(RANKING_COST)].copy()
    parsed = x[:, FEATURE_NAMES.index("parses")] > 0
    cost[~parsed] = cost[parsed].mean() if parsed.any() else 0.0
    return cost


def _rank01(values: np.ndarray) -> np.ndarray:
    """Ranks scaled to [0, 1] (ties share a rank), so scores of different models can be averaged."""
    from scipy.stats import rankdata

    if len(values) < 2:
        return np.zeros(len(values))
    return (rankdata(values) - 1) / (len(values) - 1)


def _one_thread():
    """The models are small: one thread is as fast, and OpenMP threads spinning on a busy machine are far slower."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


@dataclass
class RuntimePredictor:
    config: PredictorConfig = field(default_factory=PredictorConfig)
    models: dict = field(default_factory=dict)
    trained_on: dict = field(default_factory=dict)

    # ----------------------------------------------------------------------------------------------- training
    def fit(self, rows: Sequence[dict]) -> RuntimePredictor:
        """Train on database rows (task_id, code, the label, measured/variant fields)."""
        with _one_thread():
            return self._fit(rows)

    def _fit(self, rows: Sequence[dict]) -> RuntimePredictor:
        cfg = self.config
        if cfg.kind not in KINDS:
            raise ValueError(f"unknown predictor kind {cfg.kind!r}; choose from {', '.join(KINDS)}")
        rows = [r for r in rows if _label(r, cfg.label) is not None and (cfg.use_views or r.get("measured", True))]
        if not rows:
            raise ValueError(f"no rows with a positive {cfg.label!r} to train on")
        rng = random.Random(cfg.seed)
        codes = [r["code"] for r in rows]
        groups = [r["task_id"] for r in rows]
        costs = np.array([_label(r, cfg.label) for r in rows])
        families = [r.get("origin") for r in rows]
        pairs = _pairs(groups, costs, cfg.min_ratio, cfg.max_pairs_per_task, rng, families, cfg.family_ratio)
        x = feature_matrix(codes)
        self.trained_on = {"rows": len(rows), "tasks": len(set(groups)), "pairs": len(pairs), "label": cfg.label}
        kinds = cfg.ensemble_of if cfg.kind == "ensemble" else (cfg.kind,)
        for kind in kinds:
            if kind in UNTRAINED:
                continue
            if not pairs and kind != "centered-gbm":
                raise ValueError("no pairs of codes of one task with different costs to learn from")
            weights = np.abs(np.log(costs[[i for i, _ in pairs]] / costs[[j for _, j in pairs]])) \
                if cfg.weight_pairs and pairs else None
            if cfg.family_weight != 1.0 and pairs:
                same = np.array([_same_family(families, i, j) for i, j in pairs])
                scale = np.where(same, cfg.family_weight, 1.0)
                weights = scale if weights is None else weights * scale
            if kind == "pairwise-logistic":
                self.models[kind] = self._fit_logistic(_log_features(x), pairs, weights=weights)
            elif kind == "tfidf":
                from sklearn.feature_extraction.text import TfidfVectorizer

                vec = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                      max_features=20000)
                matrix = vec.fit_transform([tokens_for_tfidf(c) for c in codes])
                self.models[kind] = {"vectorizer": vec,
                                     "model": self._fit_logistic(matrix, pairs, sparse=True, weights=weights)}
            elif kind == "pairwise-gbm":
                self.models[kind] = self._fit_pairwise_gbm(_log_features(x), pairs)
            elif kind == "centered-gbm":
                self.models[kind] = self._fit_centered(_log_features(x), groups, np.log(costs))
        if cfg.regressor:
            self._fit_regressors(rows, _log_features(x))
        return self

    def _fit_logistic(self, x, pairs, sparse: bool = False, weights: np.ndarray | None = None):
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        slow = [i for i, _ in pairs]
        fast = [j for _, j in pairs]
        diff = x[slow] - x[fast]
        # both orders: the decision function is antisymmetric, so the model is a linear score w.x without intercept
        if sparse:
            from scipy.sparse import vstack

            data = vstack([diff, -diff])
        else:
            data = np.vstack([diff, -diff])
        target = np.r_[np.ones(len(pairs)), np.zeros(len(pairs))]
        model = LogisticRegression(C=self.config.logistic_c, fit_intercept=False, max_iter=2000)
        sample_weight = None if weights is None else np.r_[weights, weights]
        if sparse:
            return model.fit(data, target, sample_weight=sample_weight)
        return make_pipeline(StandardScaler(with_mean=False), model).fit(
            data, target, logisticregression__sample_weight=sample_weight)

    def _pair_matrix(self, x: np.ndarray, a: Sequence[int], b: Sequence[int]) -> np.ndarray:
        return np.hstack([x[a] - x[b], x[a], x[b]])

    def _fit_pairwise_gbm(self, x: np.ndarray, pairs):
        from sklearn.ensemble import HistGradientBoostingClassifier

        slow = [i for i, _ in pairs]
        fast = [j for _, j in pairs]
        data = np.vstack([self._pair_matrix(x, slow, fast), self._pair_matrix(x, fast, slow)])
        target = np.r_[np.ones(len(pairs)), np.zeros(len(pairs))]
        cfg = self.config
        return HistGradientBoostingClassifier(max_iter=cfg.gbm_iterations, learning_rate=cfg.gbm_learning_rate,
                                              max_leaf_nodes=cfg.gbm_max_leaf_nodes, l2_regularization=1.0,
                                              random_state=cfg.seed).fit(data, target)

    def _fit_centered(self, x: np.ndarray, groups: Sequence[str], log_costs: np.ndarray):
        from sklearn.ensemble import HistGradientBoostingRegressor

        means: dict[str, list[float]] = defaultdict(list)
        for g, c in zip(groups, log_costs):
            means[g].append(c)
        centered = np.array([c - np.mean(means[g]) for g, c in zip(groups, log_costs)])
        cfg = self.config
        return HistGradientBoostingRegressor(max_iter=cfg.gbm_iterations, learning_rate=cfg.gbm_learning_rate,
                                             max_leaf_nodes=cfg.gbm_max_leaf_nodes, l2_regularization=1.0,
                                             random_state=cfg.seed).fit(x, centered)

    def _fit_regressors(self, rows: Sequence[dict], x: np.ndarray) -> None:
        from sklearn.ensemble import HistGradientBoostingRegressor

        for label in ("instructions", "wall_us"):
            keep = [i for i, r in enumerate(rows) if _label(r, label) is not None]
            if len(keep) < 5:
                continue
            y = np.log([_label(rows[i], label) for i in keep])
            self.models[f"regressor:{label}"] = HistGradientBoostingRegressor(
                max_iter=200, learning_rate=0.05, random_state=self.config.seed).fit(x[keep], y)

    # ----------------------------------------------------------------------------------------------- prediction
    def score(self, codes: Sequence[str]) -> np.ndarray:
        """A cost score per code (higher = slower), meant for comparing codes of one task with each other."""
        with _one_thread():
            return self._score(codes)

    def _score(self, codes: Sequence[str]) -> np.ndarray:
        codes = list(codes)
        if not codes:
            return np.zeros(0)
        kind = self.config.kind
        x = feature_matrix(codes)
        lx = _log_features(x)
        if kind == "ensemble":
            learned = np.mean([_rank01(self._score_kind(k, x, lx, codes)) for k in self.config.ensemble_of], axis=0)
            return _estimated_log_cost(x) + self.config.tie_break * learned
        return self._score_kind(kind, x, lx, codes)

    def _score_kind(self, kind: str, x: np.ndarray, lx: np.ndarray, codes: Sequence[str]) -> np.ndarray:
        if kind in UNTRAINED:
            column = {"length": "log_tokens", "loops": "n_loops_total", "cost-model": RANKING_COST}[kind]
            return x[:, FEATURE_NAMES.index(column)]
        model = self.models[kind]
        if kind == "tfidf":
            return model["model"].decision_function(model["vectorizer"].transform([tokens_for_tfidf(c) for c in codes]))
        if kind == "pairwise-logistic":
            return model.decision_function(lx)
        if kind == "centered-gbm":
            return model.predict(lx)
        # pairwise-gbm: Borda score, the mean probability of being slower than each other code
        n = len(lx)
        if n == 1:
            return np.zeros(1)
        a, b = zip(*[(i, j) for i in range(n) for j in range(n) if i != j])
        prob = model.predict_proba(self._pair_matrix(lx, list(a), list(b)))[:, 1]
        scores = np.zeros(n)
        for (i, _), p in zip(zip(a, b), prob):
            scores[i] += p
        return scores / (n - 1)

    def compare(self, slower: str, faster: str) -> float:
        """Probability-like score that `slower` really is the slower of the two (0.5: cannot tell)."""
        s = self.score([slower, faster])
        return 0.5 if s[0] == s[1] else float(s[0] > s[1])

    def rank(self, codes: Sequence[str]) -> list[int]:
        """Indices of `codes`, predicted fastest first."""
        return [int(i) for i in np.argsort(self.score(codes), kind="stable")]

    def predict_cost(self, codes: Sequence[str], label: str = "instructions") -> np.ndarray:
        """Absolute cost estimate (instructions, or wall time in us) from the regressor; nan if none was fitted."""
        model = self.models.get(f"regressor:{label}")
        if model is None:
            return np.full(len(codes), math.nan)
        with _one_thread():
            return np.exp(model.predict(_log_features(feature_matrix(list(codes)))))

    # ----------------------------------------------------------------------------------------------- persistence
    def save(self, folder: str | Path) -> Path:
        import joblib

        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        joblib.dump({"config": asdict(self.config), "models": self.models, "trained_on": self.trained_on,
                     "features": list(FEATURE_NAMES)}, path / MODEL_FILE)
        return path / MODEL_FILE

    @classmethod
    def load(cls, folder: str | Path) -> RuntimePredictor:
        import joblib

        path = Path(folder)
        path = path / MODEL_FILE if path.is_dir() else path
        if not path.exists():
            raise FileNotFoundError(f"{path}: no predictor here (train one with `effilab predictor train`)")
        state = joblib.load(path)
        if state.get("features") != list(FEATURE_NAMES):
            raise ValueError(f"{path} was trained on another feature set; retrain it")
        return cls(PredictorConfig(**state["config"]), state["models"], state["trained_on"])
