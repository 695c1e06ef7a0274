"""Compile success rate: the share of programs a compiler accepts under a policy, with a bootstrap interval over
prompts, and the relative improvement between systems (e.g. base -> +SFT -> +DPO).

Samples of one prompt are not independent (same prefix, same difficulty), so the interval resamples prompts with
all their samples, not single samples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from effilab.metrics.bootstrap import bootstrap_ci


def compile_rate(outcomes: Sequence[bool]) -> float:
    """Good / all. Raises on an empty list: a rate of nothing is not 0."""
    if not outcomes:
        raise ValueError("no outcomes")
    return sum(bool(o) for o in outcomes) / len(outcomes)


def _pooled(groups: list[Sequence[bool]]) -> float | None:
    total = sum(len(g) for g in groups)
    return sum(sum(bool(o) for o in g) for g in groups) / total if total else None


def rate_with_interval(per_prompt: Sequence[Sequence[bool]], level: float = 0.95, resamples: int = 1000,
                       seed: int = 0) -> dict:
    """{"rate", "good", "total", "prompts", "ci": (low, high)} over the samples of every prompt."""
    groups = [list(g) for g in per_prompt if len(g)]
    if not groups:
        raise ValueError("no scored samples")
    good, total = sum(sum(g) for g in groups), sum(len(g) for g in groups)
    low, high = bootstrap_ci(groups, _pooled, level=level, resamples=resamples, seed=seed)
    return {"rate": good / total, "good": good, "total": total, "prompts": len(groups), "ci": (low, high)}


def relative_improvement(base: float, new: float) -> float | None:
    """(new - base) / base; None when the base rate is 0 (no relative change is defined)."""
    return None if base == 0 else (new - base) / base


def compile_table(systems: Mapping[str, Mapping[str, Sequence[Sequence[bool]]]], level: float = 0.95,
                  resamples: int = 1000, seed: int = 0) -> dict:
    """For systems {name: {policy: per-prompt outcomes}}: each system's rate per policy with its interval, and per
    policy the relative improvement of every system over the first one and over the one before it."""
    names = list(systems)
    rates = {name: {policy: rate_with_interval(groups, level, resamples, seed)
                    for policy, groups in by_policy.items()} for name, by_policy in systems.items()}
    policies = list(dict.fromkeys(p for by_policy in systems.values() for p in by_policy))
    improvements = []
    for policy in policies:
        present = [n for n in names if policy in rates[n]]
        for i, name in enumerate(present[1:], 1):
            for base in dict.fromkeys([present[0], present[i - 1]]):
                improvements.append({
                    "policy": policy, "from": base, "to": name,
                    "absolute": rates[name][policy]["rate"] - rates[base][policy]["rate"],
                    "relative": relative_improvement(rates[base][policy]["rate"], rates[name][policy]["rate"])})
    return {"systems": names, "policies": policies, "rates": rates, "improvements": improvements, "level": level}


def table_markdown(table: dict) -> str:
    """The table as Markdown: one row per system, one column per policy (rate, counts, interval)."""
    level = round(table["level"] * 100)
    head = "| system | " + " | ".join(f"{p} (rate, good/total, {level}% CI)" for p in table["policies"]) + " |"
    lines = [head, "|" + "---|" * (len(table["policies"]) + 1)]
    for name in table["systems"]:
        cells = []
        for policy in table["policies"]:
            r = table["rates"][name].get(policy)
            cells.append("n/a" if r is None else
                         f"{r['rate']:.1%} ({r['good']}/{r['total']}) [{r['ci'][0]:.1%}, {r['ci'][1]:.1%}]")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if table["improvements"]:
        lines += ["", "| policy | from | to | absolute | relative |", "|---|---|---|---|---|"]
        for imp in table["improvements"]:
            rel = "n/a" if imp["relative"] is None else f"{imp['relative']:+.1%}"
            lines.append(f"| {imp['policy']} | {imp['from']} | {imp['to']} | {imp['absolute']:+.1%} | {rel} |")
    return "\n".join(lines) + "\n"
