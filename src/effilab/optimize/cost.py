"""Which of two measurements of the same task is cheaper, and whether the difference is real.

Objectives: `instructions` (callgrind count: deterministic, so any gain beyond `min_gain` counts), `time` (median
workload wall time), `tmu` (memory-time integral, baseline-subtracted) and `memory` (peak RSS less the start, MB).

Noise between processes dominates noise between repeats inside one process: on a loaded machine two processes
running the *same* code were measured 45% apart, each with five tightly grouped repeats (so a test over repeats
called the difference significant, p = 0.004). Hence the codes are measured in several interleaved processes
(rounds: A B, A B, A B) and the rule works on per-process medians:

- the measured noise is 3 x the median absolute deviation of a code's per-process figures (the larger of the two
  codes), relative to the old code's median: robust to one process that the machine starved, which max/min would
  turn into a huge "noise";
- `time`: the gain must exceed both `min_gain` and the noise, and every per-process median of the new code must be
  below every one of the old code (with 3 processes each, a one-sided rank test at p = 0.05);
- `tmu`: its gain must exceed both `min_gain` and the time noise (TMU integrates memory over the same wall time);
- `memory`: gain above `min_gain` (peak memory hardly moves with load);
- with a single process per code, `time` falls back to a one-sided Mann-Whitney U test over the repeats (weaker).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from effilab.measure.engine import Measurement, MeasureSpec
from effilab.measure.stats import median

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


def spec_for(objective: str, repeats: int = 5, rounds: int = 1) -> MeasureSpec:
    """The cheapest measurement that yields the objective (callgrind only when instructions are asked for)."""
    objective = objective_name(objective)
    return MeasureSpec(time=objective == "time", memory=objective in ("tmu", "memory"),
                       instructions=objective == "instructions", repeats=repeats, rounds=rounds)


def process_medians(m: Measurement, repeats: int) -> list[float]:
    """Median wall time of each measuring process (the engine appends `repeats` samples per process, in order)."""
    samples = m.wall_samples_s
    if repeats < 1 or len(samples) < 2 * repeats or len(samples) % repeats:
        return []
    return [median(samples[i:i + repeats]) for i in range(0, len(samples), repeats)]


def spread_mad(values: list[float]) -> float:
    """The median absolute deviation of per-process figures (0 when there are fewer than 2)."""
    if len(values) < 2:
        return 0.0
    centre = median(values)
    return median([abs(v - centre) for v in values])


def noise_of(old_runs: list[float], new_runs: list[float]) -> float:
    """3 x the larger MAD of the two codes, relative to the old code's median (the scale the gain is measured on;
    relative to its own tiny median, an efficient code's TMU would look like 100% noise)."""
    base = median(old_runs) if old_runs else 0.0
    return 3 * max(spread_mad(old_runs), spread_mad(new_runs)) / base if base > 0 else 0.0


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
            alpha: float = 0.05, repeats: int = 0) -> Comparison:
    """Is `new` measurably cheaper than `old`? (Both measured in the same interleaved run; `repeats`: timed
    passes per process, which lets the rule see each process's median.)"""
    objective = objective_name(objective)
    a, b = cost_of(old, objective), cost_of(new, objective)
    if a is None or b is None:
        errors = "; ".join([*old.errors, *new.errors])[:200]
        return Comparison(False, f"{objective} not measured" + (f" ({errors})" if errors else ""), a, b)
    gain = (a - b) / a if a > 0 else 0.0
    old_runs, new_runs = process_medians(old, repeats), process_medians(new, repeats)
    noise = noise_of(old_runs, new_runs) if old_runs and new_runs else 0.0
    bar = max(min_gain, noise) if objective in ("time", "tmu") else min_gain
    if gain <= bar:
        why = f"not above {min_gain:.0%}" if bar == min_gain else f"not above the measured noise {noise:.1%}"
        return Comparison(False, f"{objective} {b:.4g} vs {a:.4g}: gain {gain:+.1%} {why}", a, b)
    if objective == "time" and old_runs and new_runs:
        if max(new_runs) >= min(old_runs):
            return Comparison(False, f"time {b:.4g}s vs {a:.4g}s: gain {gain:+.1%} but the {len(old_runs)} "
                              "processes per code overlap", a, b)
        return Comparison(True, f"time {b:.4g}s vs {a:.4g}s: gain {gain:+.1%}, every process faster "
                          f"(noise {noise:.1%})", a, b)
    if objective == "time" and len(old.wall_samples_s) >= 3 and len(new.wall_samples_s) >= 3:
        from scipy.stats import mannwhitneyu

        p = float(mannwhitneyu(new.wall_samples_s, old.wall_samples_s, alternative="less").pvalue)
        if p >= alpha:
            return Comparison(False, f"time {b:.4g}s vs {a:.4g}s: gain {gain:+.1%} but p={p:.3f} >= {alpha}", a, b)
        return Comparison(True, f"time {b:.4g}s vs {a:.4g}s: gain {gain:+.1%}, p={p:.3f}", a, b)
    suffix = f" (noise {noise:.1%})" if objective == "tmu" and old_runs else ""
    return Comparison(True, f"{objective} {b:.4g} vs {a:.4g}: gain {gain:+.1%}{suffix}", a, b)


def merge(runs: Sequence[Measurement]) -> Measurement:
    """One measurement from several processes of the same code: time samples pooled, memory figures and TMU as the
    median over processes, the instruction count from whichever process counted it."""
    def mid(values: list[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return median(present) if present else None

    samples = [x for m in runs for x in m.wall_samples_s]
    counts = [m.instructions for m in runs if m.instructions is not None]
    first = runs[0]
    return first.model_copy(update={
        "wall_samples_s": samples, "wall_s": median(samples) if samples else first.wall_s,
        "repeats": len(samples), "peak_mb": mid([m.peak_mb for m in runs]),
        "peak_net_mb": mid([m.peak_net_mb for m in runs]), "tmu_mb_s": mid([m.tmu_mb_s for m in runs]),
        "tmu_net_mb_s": mid([m.tmu_net_mb_s for m in runs]), "instructions": counts[0] if counts else None,
        "errors": [e for m in runs for e in m.errors]})


def compare_runs(old: Sequence[Measurement], new: Sequence[Measurement], objective: str, min_gain: float = 0.05,
                 alpha: float = 0.05) -> Comparison:
    """The keep rule on per-process measurements (old[i] and new[i] measured back to back, i = 1..P): the median
    gain must exceed `min_gain` and the measured noise (3 x the larger MAD of per-process costs / old median), and every
    process of the new code must be cheaper than every process of the old one. TMU and memory are judged like time:
    one process gives one TMU figure, so only several processes show how much it moves on its own. Instruction
    counts (deterministic) and single processes fall back to `compare`."""
    objective = objective_name(objective)
    a_runs = [c for m in old if (c := cost_of(m, objective)) is not None]
    b_runs = [c for m in new if (c := cost_of(m, objective)) is not None]
    if objective == "instructions" or len(a_runs) < 2 or len(b_runs) < 2:
        return compare(merge(old), merge(new), objective, min_gain, alpha)
    a, b = median(a_runs), median(b_runs)
    gain = (a - b) / a if a > 0 else 0.0
    noise = noise_of(a_runs, b_runs)
    if gain <= max(min_gain, noise):
        why = f"not above {min_gain:.0%}" if noise <= min_gain else f"not above the measured noise {noise:.1%}"
        return Comparison(False, f"{objective} {b:.4g} vs {a:.4g}: gain {gain:+.1%} {why}", a, b)
    if max(b_runs) >= min(a_runs):
        return Comparison(False, f"{objective} {b:.4g} vs {a:.4g}: gain {gain:+.1%} but the {len(a_runs)} "
                          "processes per code overlap", a, b)
    return Comparison(True, f"{objective} {b:.4g} vs {a:.4g}: gain {gain:+.1%}, every process cheaper "
                      f"(noise {noise:.1%})", a, b)
