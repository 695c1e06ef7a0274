"""Which of two measurements of the same task is cheaper, and whether the difference is real.

Objectives: `instructions` (callgrind count: deterministic, so any gain beyond `min_gain` counts), `time` (median
workload wall time: the gain must exceed `min_gain` AND a one-sided Mann-Whitney U test over the timed repeats must
give p < `alpha`), `tmu` (memory-time integral, baseline-subtracted) and `memory` (peak RSS less the start, MB):
one figure per measurement, so they must improve by more than `min_gain` (5% by default: EffiBench reports a TMU
coefficient of variation of about 5% between identical runs).
"""

from __future__ import annotations

from dataclasses import dataclass

from effilab.measure.engine import Measurement, MeasureSpec

OBJECTIVES = ("tmu", "time", "instructions", "memory")
ALIASES = {"wall": "time", "wall_s": "time", "instr": "instructions", "tmu_mb_s": "tmu", "peak": "memory"}


def objective_name(name: str) -> str:
    name = ALIASES.get(name, name)
    if name not in OBJECTIVES:
        raise ValueError(f"unknown cost {name!r}; choose from {', '.join(OBJECTIVES)} (or wall)")
    return name


def cost_of(m: Measurement | None, objective: str) -> float | None:
    """The measurement's figure for the objective (lower is better), or None when it was not measured."""
    if m is None:
        return None
    objective = objective_name(objective)
    if objective == "instructions":
        return float(m.instructions) if m.instructions is not None else None
    if objective == "time":
        return m.wall_s
    if objective == "memory":
        return m.peak_net_mb if m.peak_net_mb is not None else m.peak_mb
    return m.tmu_net_mb_s if m.tmu_net_mb_s is not None else m.tmu_mb_s


def spec_for(objective: str, repeats: int = 5) -> MeasureSpec:
    """The cheapest measurement that yields the objective (callgrind only when instructions are asked for)."""
    objective = objective_name(objective)
    return MeasureSpec(time=objective == "time", memory=objective in ("tmu", "memory"),
                       instructions=objective == "instructions", repeats=repeats)


@dataclass(frozen=True)
class Comparison:
    better: bool
    reason: str
    old: float | None = None
    new: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.new / self.old if self.old and self.new is not None else None


def compare(old: Measurement, new: Measurement, objective: str, min_gain: float = 0.05,
            alpha: float = 0.05) -> Comparison:
    """Is `new` measurably cheaper than `old`? (Both measured in the same interleaved run.)"""
    objective = objective_name(objective)
    a, b = cost_of(old, objective), cost_of(new, objective)
    if a is None or b is None:
        errors = "; ".join([*old.errors, *new.errors])[:200]
        return Comparison(False, f"{objective} not measured" + (f" ({errors})" if errors else ""), a, b)
    gain = (a - b) / a if a > 0 else 0.0
    if gain <= min_gain:
        return Comparison(False, f"{objective} {b:.4g} vs {a:.4g}: gain {gain:+.1%} not above {min_gain:.0%}", a, b)
    if objective == "time" and len(old.wall_samples_s) >= 3 and len(new.wall_samples_s) >= 3:
        from scipy.stats import mannwhitneyu

        p = float(mannwhitneyu(new.wall_samples_s, old.wall_samples_s, alternative="less").pvalue)
        if p >= alpha:
            return Comparison(False, f"time {b:.4g}s vs {a:.4g}s: gain {gain:+.1%} but p={p:.3f} >= {alpha}", a, b)
        return Comparison(True, f"time {b:.4g}s vs {a:.4g}s: gain {gain:+.1%}, p={p:.3f}", a, b)
    return Comparison(True, f"{objective} {b:.4g} vs {a:.4g}: gain {gain:+.1%}", a, b)
