"""Measure verified code on its task's workload: wall/CPU time with warm-up and repeats, memory (Python-heap peak,
RSS high-water raw and baseline-subtracted, memory-time integral from RSS sampled during the workload), and the
instruction count under callgrind. Several codes of one task (candidate and references) are measured in the same
job, their runs interleaved, so drift in machine load hits all alike."""

from __future__ import annotations

import contextlib

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, Field

from effilab.languages.python import candidate_python, measure_python
from effilab.measure import callgrind
from effilab.measure.environment import fingerprint
from effilab.measure.scheduling import CORES, fixed_layout_prefix, priority
from effilab.measure.stats import bootstrap_interval, mad, median
from effilab.sandbox import Limits, SubprocessSandbox
from effilab.tasks.models import Task

KINDS = ("time", "memory", "instructions")
# RLIMIT_NOFILE of callgrind runs: valgrind refuses descriptors at or above it, so it must lie above whatever the
# parent holds open (a Ray worker, a trainer), and it must be the same everywhere: the harness's start-up depends on
# it, and with it the heap the workload starts from
VALGRIND_OPEN_FILES = 4096


@dataclass(frozen=True)
class MeasureSpec:
    time: bool = True
    memory: bool = True
    instructions: bool = True
    repeats: int = 5
    warmup: int = 1
    rounds: int = 1  # separate processes per code, interleaved across the codes of a task
    gc: bool = True  # leave the garbage collector on during timed passes (off: less noise, less realism)
    rss_interval_s: float = 0.001
    nice: int | None = -10  # scheduling priority of timing runs (needs root; None: leave it)
    pin: bool = True  # each timing run on a core of its own (effilab.measure.scheduling.CorePool)
    aslr: bool = True  # False: timing runs start with address-space randomisation off (same layout every run)
    instruction_limit_factor: float = 100.0  # valgrind runs this much slower than native, at most
    instruction_calls_per_size: int | None = 20  # callgrind runs the first N calls of each size (None: all)

    @classmethod
    def parse(cls, kinds: str, **overrides) -> MeasureSpec:
        chosen = {k.strip() for k in kinds.split(",") if k.strip()}
        unknown = chosen - set(KINDS)
        if unknown:
            raise ValueError(f"unknown measure(s) {', '.join(sorted(unknown))}; choose from {', '.join(KINDS)}")
        return cls(**{k: k in chosen for k in KINDS}, **overrides)

    @property
    def any(self) -> bool:
        return self.time or self.memory or self.instructions


class Measurement(BaseModel):
    wall_s: float | None = None  # median over repeats, workload only
    wall_mad_s: float | None = None
    wall_ci_s: tuple[float, float] | None = None
    wall_samples_s: list[float] = Field(default_factory=list)
    wall_min_s: float | None = None  # the fastest pass: least disturbed by other work on the machine
    cpu_s: float | None = None
    cpu_mad_s: float | None = None
    cpu_samples_s: list[float] = Field(default_factory=list)
    peak_mb: float | None = None  # RSS high-water during the workload, raw (interpreter included, as EffiBench)
    peak_net_mb: float | None = None  # the same less the RSS before the workload
    heap_peak_mb: float | None = None  # Python heap peak (tracemalloc)
    tmu_mb_s: float | None = None  # integral of RSS over the workload, raw, MB*s
    tmu_net_mb_s: float | None = None  # the same, baseline-subtracted
    rss_interval_s: float | None = None
    rss_profile: list[tuple[float, float]] = Field(default_factory=list)  # (seconds, MB), thinned
    instructions: int | None = None
    instruction_calls: int = 0  # how many workload calls the instruction count covers
    nice: int | None = None  # the scheduling priority the timing runs had (None: the default)
    repeats: int = 0
    calls: int = 0
    errors: list[str] = Field(default_factory=list)
    environment: dict = Field(default_factory=dict)

    def add_timed_run(self, record: dict, nice: int | None) -> bool:
        """Take one timing run's record (Python harness or native timer): its passes join the samples that
        `set_timing` summarises. False if the run failed (the error is kept)."""
        self.nice = nice
        if "error" in record:
            self.errors.append(f"time/memory: {record['error']}")
            return False
        self.calls = record.get("calls", 0)
        self.wall_samples_s.extend(record.get("wall_s", []))
        self.cpu_samples_s.extend(record.get("cpu_s", []))
        return True

    def set_timing(self, walls: list[float], cpus: list[float]) -> None:
        """Fill the timing fields from every timed pass (all rounds): median, spread, interval and minimum."""
        if not walls:
            return
        self.wall_samples_s, self.cpu_samples_s, self.repeats = walls, cpus, len(walls)
        self.wall_s, self.wall_mad_s, self.wall_ci_s = median(walls), mad(walls), bootstrap_interval(walls)
        self.wall_min_s = min(walls)
        self.cpu_s, self.cpu_mad_s = median(cpus), mad(cpus)


def _limits_for_valgrind(limits: Limits, factor: float) -> Limits:
    return Limits(wall_s=limits.wall_s * factor, cpu_s=limits.cpu_s * factor, memory_mb=max(limits.memory_mb, 4096) * 2,
                  file_size_mb=limits.file_size_mb, work_dir_mb=limits.work_dir_mb, output_bytes=limits.output_bytes,
                  open_files=max(limits.open_files, VALGRIND_OPEN_FILES), processes=limits.processes)


def measure_codes(task: Task, codes: Sequence[str], sandbox: SubprocessSandbox, spec: MeasureSpec = MeasureSpec(),
                  limits: Limits = Limits(wall_s=60, cpu_s=60)) -> list[Measurement]:
    """Measure each code (already verified correct) on the task's workload; results in the order of `codes`."""
    if task.language == "cpp":  # compiled programs: the native timer (measure/native.py)
        from effilab.measure.native import measure_native_codes

        return measure_native_codes(task, codes, sandbox, spec, limits)
    if task.workload is None or not task.workload.generator:
        raise ValueError(f"{task.id} has no workload to measure")
    env = fingerprint(sandbox.name, candidate_python())
    base = {"generator": task.workload.generator, "sizes": task.workload.sizes, "seed": task.workload.seed}
    out = [Measurement(environment=env) for _ in codes]
    if spec.time or spec.memory:
        job = {**base, "time": spec.time, "memory": spec.memory, "repeats": spec.repeats, "warmup": spec.warmup,
               "gc": spec.gc, "interval_s": spec.rss_interval_s}
        runs = [(round_, i) for round_ in range(spec.rounds) for i in range(len(codes))]  # A B C, A B C, ...
        records = []
        with CORES.core() if spec.pin else contextlib.nullcontext(None) as cpu, priority(spec.nice) as nice:
            for round_, i in runs:
                record, _ = measure_python(task, codes[i], sandbox, limits,
                                           {**job, "cpu": cpu, "memory": spec.memory and round_ == 0},
                                           prefix=() if spec.aslr else fixed_layout_prefix())
                records.append(record)
        for (round_, i), record in zip(runs, records):
            if out[i].add_timed_run(record, nice) and "rss_peak_mb" in record:
                out[i].peak_mb = record["rss_peak_mb"]
                out[i].peak_net_mb = record["rss_peak_net_mb"]
                out[i].heap_peak_mb = record["heap_peak_mb"]
                out[i].tmu_mb_s = record["tmu_raw_mb_s"]
                out[i].tmu_net_mb_s = record["tmu_mb_s"]
                out[i].rss_interval_s = record["rss_interval_s"]
                out[i].rss_profile = [tuple(p) for p in record.get("rss_profile", [])]
    for m in out:
        m.set_timing(m.wall_samples_s, m.cpu_samples_s)
    if spec.instructions:
        try:
            helper = callgrind.helper_library()
        except callgrind.InstructionCountUnavailable as exc:
            for m in out:
                m.errors.append(f"instructions: {exc}")
            return out
        vg_limits = _limits_for_valgrind(limits, spec.instruction_limit_factor)
        job = {**base, "instructions": callgrind.HELPER_NAME, "calls_per_size": spec.instruction_calls_per_size}
        for i, code in enumerate(codes):
            record, raw = measure_python(task, code, sandbox, vg_limits, job, prefix=callgrind.valgrind_prefix(),
                                         files={callgrind.HELPER_NAME: helper})
            total = callgrind.parse_total(raw.log)
            if "error" in record or total is None:
                out[i].errors.append(f"instructions: {record.get('error') or 'valgrind reported no total'}")
            else:
                out[i].instructions = total
                out[i].instruction_calls = record.get("calls", 0)
    return out
