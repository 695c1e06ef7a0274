"""The keep rule on hand-made measurements: per-process medians, measured noise, every process agreeing."""

from effilab.measure.engine import Measurement
from effilab.optimize.cost import compare, cost_of, process_medians, spec_for


def timed(*processes):
    """A measurement whose processes had these wall-time samples (repeats = the length of each)."""
    samples = [x for p in processes for x in p]
    ordered = sorted(samples)
    return Measurement(wall_samples_s=samples, wall_s=ordered[len(ordered) // 2])


def test_process_medians_split_the_samples_in_process_order():
    m = timed([1, 2, 3], [4, 5, 6], [7, 8, 9])
    assert process_medians(m, 3) == [2, 5, 8]
    assert process_medians(m, 4) == [] and process_medians(timed([1, 2, 3]), 3) == []


def test_same_code_shifted_by_load_between_processes_is_not_kept():
    # The 45% case seen on the loaded machine: tight repeats, but the processes disagree; the old code's slow
    # process (1.25 s) would make a repeats-only test call the new code faster.
    old = timed([1.24, 1.25, 1.25], [0.70, 0.71, 0.69], [0.95, 0.96, 0.95])
    new = timed([0.68, 0.69, 0.68], [0.90, 0.91, 0.90], [0.71, 0.70, 0.72])
    verdict = compare(old, new, "time", repeats=3)
    assert not verdict.better and "noise" in verdict.reason
    single = compare(timed([1.24, 1.25, 1.25, 1.26, 1.24]), timed([0.68, 0.69, 0.68, 0.70, 0.69]), "time")
    assert single.better  # what one process per code would have concluded: why SOAP measures several


def test_real_gain_with_every_process_faster_is_kept_and_overlap_is_not():
    old = timed([1.00, 1.01, 1.02], [1.05, 1.04, 1.06], [0.98, 0.99, 1.00])
    new = timed([0.50, 0.51, 0.50], [0.55, 0.54, 0.53], [0.49, 0.50, 0.51])
    assert compare(old, new, "time", repeats=3).better
    overlapping = timed([0.50, 0.51, 0.50], [0.99, 0.99, 0.99], [0.49, 0.50, 0.51])
    assert not compare(old, overlapping, "time", repeats=3).better
    assert not compare(old, old, "time", repeats=3).better


def test_tmu_memory_and_instructions():
    a = Measurement(tmu_mb_s=10.0, tmu_net_mb_s=2.0, peak_mb=30.0, peak_net_mb=4.0, instructions=1_000_000)
    b = Measurement(tmu_mb_s=9.9, tmu_net_mb_s=1.5, peak_mb=29.0, peak_net_mb=3.9, instructions=990_000)
    assert cost_of(a, "tmu") == 2.0 and cost_of(a, "memory") == 4.0 and cost_of(a, "wall") is None
    assert compare(a, b, "tmu").better  # 25% less, no time noise known: the 5% bar
    assert not compare(a, b, "memory").better  # 2.5%: below the bar
    assert not compare(a, b, "instructions").better and compare(a, b, "instructions", min_gain=0.005).better
    missing = compare(Measurement(errors=["timeout"]), b, "time")
    assert not missing.better and "timeout" in missing.reason
    assert spec_for("instructions").instructions and not spec_for("instructions").time
    assert spec_for("wall", rounds=3).rounds == 3


def per_process(tmus):
    return [Measurement(tmu_net_mb_s=t, wall_samples_s=[t], wall_s=t) for t in tmus]


def test_tmu_over_processes_rejects_a_one_process_fluke_and_keeps_a_real_gain():
    from effilab.optimize.cost import compare_runs, merge

    # identical code: one of the old processes was slowed (the +37% TMU "gain" seen with one process per code)
    old, same = per_process([0.050, 0.032, 0.045]), per_process([0.032, 0.034, 0.047])
    assert not compare_runs(old, same, "tmu").better
    better = per_process([0.004, 0.005, 0.004])
    verdict = compare_runs(old, better, "tmu")
    assert verdict.better and "every process cheaper" in verdict.reason
    merged = merge(old)
    assert merged.tmu_net_mb_s == 0.045 and merged.wall_samples_s == [0.050, 0.032, 0.045]
    single = compare_runs(per_process([0.05]), per_process([0.03]), "tmu")  # one process: the plain 5% bar
    assert single.better
