"""`build_report(run_dir)`: read a run folder, write `report.md`, `report.html` (self-contained) and `plots/*.png`."""

from __future__ import annotations

from pathlib import Path

from effilab.report import plots
from effilab.report.analysis import (CI_LEVEL, CI_RESAMPLES, IMPROVED_THRESHOLD, NET_MEMORY_METRICS, RATIO_METRICS,
                                     SystemSummary, baselines, environments, has_values, headline, per_task_values,
                                     repeats, row_time_ratio, rss_intervals, slowest_task_with_profile, systems)
from effilab.report.render import (Cell, Section, Table, document_html, document_markdown, fmt_int, fmt_interval,
                                   fmt_num, fmt_share)
from effilab.report.runfolder import Row, RunData, load_run

ENV_FIELDS = ("cpu", "cores", "kernel", "python", "sandbox", "effilab", "valgrind")


def _metric_columns(names: list[str]) -> list[tuple[str, str, str]]:
    columns = []
    for name in names:
        columns += [(f"{name}.mean", name, f"mean [{int(CI_LEVEL * 100)}% CI]"),
                    (f"{name}.ratio_of_sums", name, "ratio of sums"),
                    (f"{name}.geometric_mean", name, "geo. mean")]
    columns.append(("compared", "", "tasks compared"))
    return columns


def _metric_cells(summary: SystemSummary, names: list[str]) -> dict[str, Cell]:
    """Cells of the metric columns; "compared" holds each metric's overlap size (one number when all agree) and,
    as its value, the time metric's."""
    cells = {}
    counts = []
    for name in names:
        m = summary.metrics.get(name)
        if m is None:
            continue
        cells[f"{name}.mean"] = Cell(fmt_interval(m.mean_of_ratios, m.ci), m.mean_of_ratios)
        cells[f"{name}.ratio_of_sums"] = Cell(fmt_num(m.ratio_of_sums), m.ratio_of_sums)
        cells[f"{name}.geometric_mean"] = Cell(fmt_num(m.geometric_mean), m.geometric_mean)
        counts.append(m.n)
    if counts:
        text = str(counts[0]) if len(set(counts)) == 1 else " / ".join(map(str, counts))
        cells["compared"] = Cell(text, counts[0])
    return cells


def headline_table(summaries: list[SystemSummary], with_instructions: bool) -> Table:
    names = [name for name, field_, _ in RATIO_METRICS if field_ != "instructions" or with_instructions]
    columns = [("system", "", "System"), ("rows", "", "rows"), ("tasks", "", "tasks"), ("pass@1", "", "pass@1")]
    columns += _metric_columns(names)
    columns.append(("improved", "", f"share of tasks ≥{IMPROVED_THRESHOLD:.0%} faster"))
    table = Table("headline", "Headline: each system against the task's baseline", columns,
                  note="Ratios are system / baseline per task over the tasks both solved (below 1: more efficient "
                       "than the baseline): mean of the per-task ratios with its bootstrap interval, ratio of sums, "
                       "geometric mean. NET: wall time; NMU: peak RSS; NTMU: RSS-time integral"
                       + ("; NI: instruction count" if with_instructions else "") + ". Memory in MB = 10^6 bytes. "
                       "Tasks compared: the overlap size, one number per metric in that order where they differ.")
    for s in summaries:
        cells = {"system": Cell(s.system), "rows": Cell(str(s.rows), s.rows), "tasks": Cell(str(s.tasks), s.tasks),
                 "pass@1": Cell("—" if s.pass_at_1 is None else f"{s.pass_at_1:.3f}", s.pass_at_1),
                 "improved": Cell(fmt_share(s.improved), s.improved)}
        if s.system == "baseline":
            for key, _, _ in columns[4:-1]:
                cells[key] = Cell("1" if key.endswith(".mean") else "—")
            cells["compared"] = Cell("—")
        cells.update(_metric_cells(s, names))
        table.add(cells, system=s.system)
    return table


def net_memory_table(summaries: list[SystemSummary]) -> Table:
    names = [name for name, _, _ in NET_MEMORY_METRICS]
    columns = [("system", "", "System")] + _metric_columns(names)
    table = Table("memory-net", "Memory less the RSS before the workload (baseline-subtracted)", columns,
                  note="The same ratios over peak RSS and the RSS-time integral after subtracting the process's RSS "
                       "just before the workload started (the interpreter and imports). MB = 10^6 bytes.")
    for s in summaries:
        if s.system != "baseline":
            table.add({"system": Cell(s.system), **_metric_cells(s, names)}, system=s.system)
    return table


def per_task_table(rows: list[Row]) -> Table:
    base = baselines(rows)
    base_ids = {id(r) for r in base.values()}
    columns = [("task", "", "Task"), ("role", "", "Role"), ("name", "", "Name"), ("verdict", "", "Verdict"),
               ("wall_ms", "", "Wall (ms)"), ("instructions", "", "Instructions"), ("peak_mb", "", "Peak RSS (MB)"),
               ("tmu_mb_s", "", "TMU (MB·s)"), ("ratio", "", "Wall ratio to baseline"), ("reason", "", "Reason")]
    table = Table("per-task", "Per task", columns,
                  note="One row per evaluated code; the task's baseline first. Wall time is the median over repeats "
                       "of the workload; peak RSS and TMU are raw (interpreter included). MB = 10^6 bytes.")
    for row in rows:
        is_base = id(row) in base_ids
        wall = row.value("wall_s")
        ratio = row_time_ratio(row, base)
        cells = {
            "task": Cell(row.task_id), "role": Cell(row.role + (" (baseline)" if is_base else "")),
            "name": Cell(row.name or "—"), "verdict": Cell(row.verdict),
            "wall_ms": Cell(fmt_num(None if wall is None else wall * 1000), None if wall is None else wall * 1000),
            "instructions": Cell(fmt_int(row.value("instructions")), row.value("instructions")),
            "peak_mb": Cell(fmt_num(row.value("peak_mb")), row.value("peak_mb")),
            "tmu_mb_s": Cell(fmt_num(row.value("tmu_mb_s")), row.value("tmu_mb_s")),
            "ratio": Cell("baseline" if is_base else fmt_num(ratio), ratio),
            "reason": Cell("" if row.passed else (row.reason[:100] or "—")),
        }
        table.add(cells, task=row.task_id, role=row.role, name=row.name)
    return table


def environment_table(rows: list[Row]) -> Table:
    columns = [("id", "", "Fingerprint")] + [(f, "", f) for f in ENV_FIELDS] + [("rows", "", "rows")]
    envs = environments(rows)
    note = "The machine and software each measurement was taken on."
    if len(envs) > 1:
        note += " More than one environment: measurements taken on different machines should not be compared."
    table = Table("environment", "Environment", columns, note=note)
    for env, count in envs:
        cells = {"id": Cell(str(env.get("id") or "—")), "rows": Cell(str(count), count)}
        for f in ENV_FIELDS:
            value = env.get(f)
            cells[f] = Cell("—" if value in (None, "") else str(value))
        table.add(cells, env=str(env.get("id") or ""))
    if not envs:
        table.add({"id": Cell("not recorded")})
    return table


def _run_facts(run: RunData) -> list[str]:
    s = run.summary
    facts = []
    for key, label in (("candidates", "what was evaluated"), ("tasks_source", "tasks"), ("tasks", "number of tasks"),
                       ("total", "codes evaluated"), ("passed", "passed"), ("pass@1", "pass@1"),
                       ("sandbox", "sandbox"), ("seconds", "seconds")):
        if key in s and s[key] is not None:
            value = s[key]
            facts.append(f"{label}: {fmt_num(value) if isinstance(value, float) else value}")
    verdicts = s.get("verdicts")
    if isinstance(verdicts, dict) and verdicts:
        facts.append("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    if not s:
        facts.append("summary.json missing or unreadable")
    facts.append(f"rows in results.jsonl: {len(run.rows)}"
                 + (f" ({run.unreadable_lines} unreadable lines skipped)" if run.unreadable_lines else ""))
    return facts


def _method_notes(rows: list[Row]) -> list[str]:
    intervals = rss_intervals(rows)
    reps = repeats(rows)
    notes = [
        "Baseline of a task: its efficient reference solution, else its canonical one. Efficiency is only scored on "
        "correct code: a ratio needs the row and its baseline to have passed and been measured.",
        "When a system has several rows for a task (several samples or references), its value for the task is the "
        "mean over its passing rows.",
        "Mean of ratios: mean over tasks of system/baseline (Effi-Code paper). Ratio of sums: total system value over "
        "total baseline value (EffiBench code). Geometric mean: exp of the mean log ratio.",
        f"Interval: {int(CI_LEVEL * 100)}% percentile bootstrap of the mean of ratios, resampling tasks "
        f"({CI_RESAMPLES} resamples, seed 0).",
        "Wall time: the workload only (no interpreter start-up, imports or compilation), median over "
        + (f"{', '.join(map(str, reps))} repeats" if reps else "the repeats") + " after a warm-up run.",
        "Memory in MB = 10^6 bytes. Peak RSS: the resident-set high-water mark during the workload, raw (interpreter "
        "included, comparable with EffiBench); the baseline-subtracted figures are in their own table.",
    ]
    if any((r.measurement or {}).get("environment", {}).get("language") == "cpp" for r in rows):
        notes.append("C++ rows: the program is compiled once (g++ -O2, not timed) and run once per workload input "
                     "on stdin; its wall time is the sum over inputs of each run from fork to exit (process start "
                     "included, a few hundred microseconds), its peak RSS and TMU the program's own.")
    if intervals:
        ms = ", ".join(f"{v * 1000:g} ms" for v in intervals)
        notes.append(f"TMU (MB·s): RSS sampled every {ms} during the workload and integrated over time by the "
                     "trapezoid rule.")
    else:
        notes.append("TMU (MB·s): no RSS sampling interval was recorded in this run.")
    if has_values(rows, "instructions"):
        counted = sorted({(int(r.measurement.get("instruction_calls") or 0), int(r.measurement.get("calls") or 0))
                          for r in rows if r.value("instructions") is not None})
        subset = "; ".join(f"{c} of {t} calls" for c, t in counted if c and t and c < t)
        notes.append("Instructions: the workload's instruction count under callgrind, PYTHONHASHSEED fixed "
                     "(deterministic)" + (f", counted on the first calls of each workload size ({subset}); every "
                                          "code of a task runs the same calls" if subset else "") + ".")
    return notes


def build_report(run_dir: Path) -> dict[str, Path]:
    """Write report.md, report.html and plots/*.png into `run_dir`; return them by relative path."""
    run_dir = Path(run_dir)
    run = load_run(run_dir)
    rows = run.rows
    summaries = headline(rows)
    with_instructions = has_values(rows, "instructions")

    plot_dir = run_dir / "plots"
    base_rows = list(baselines(rows).values())
    base_walls = per_task_values(base_rows, "wall_s")
    system_walls = {name: per_task_values(members, "wall_s") for name, members in systems(rows).items()}
    system_summaries = [s for s in summaries if s.system != "baseline"]
    slowest = slowest_task_with_profile(rows)
    figures = [
        (plots.time_ratio_distribution(system_summaries, plot_dir / "time_ratios.png"), "plots/time_ratios.png",
         "Distribution over tasks of wall time / baseline wall time per system: violin, box and points, log scale."),
        (plots.wall_scatter(system_summaries, base_walls, system_walls, plot_dir / "wall_scatter.png"),
         "plots/wall_scatter.png",
         "Wall time per task against the baseline's, log-log; points above the dashed y = x line are slower."),
        (plots.rss_profile(rows, slowest, plot_dir / "rss_profile.png"), "plots/rss_profile.png",
         f"RSS (MB) over the workload for every row of the slowest task ({slowest or 'none'})."),
    ]

    title = f"effilab report: {run_dir.name}"
    sections = [
        Section("Run", bullets=_run_facts(run)),
        Section("Headline", tables=[headline_table(summaries, with_instructions), net_memory_table(summaries)]),
        Section("How it was measured", bullets=_method_notes(rows)),
        Section("Plots", figures=figures),
        Section("Per task", tables=[per_task_table(rows)]),
        Section("Environment", tables=[environment_table(rows)]),
    ]
    md_path, html_path = run_dir / "report.md", run_dir / "report.html"
    md_path.write_text(document_markdown(title, sections), encoding="utf-8")
    html_path.write_text(document_html(title, sections), encoding="utf-8")
    out = {"report.md": md_path, "report.html": html_path}
    out.update({rel: path for path, rel, _ in figures})
    return out
