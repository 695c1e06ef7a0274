"""Line-level profiles of verified code, as data: time per line (line_profiler) and heap growth per line
(tracemalloc read at every line event), on the task's open tests and the first calls of its smallest workload.

The profile runs in the sandbox like every other run of untrusted code; line_profiler's own files are copied into
the work dir, since the candidate interpreter does not see our environment. The figures are for guidance (which
lines are hot), not scoring: profiling slows code unevenly, so decisions use `measure.engine` measurements.
"""

from __future__ import annotations

import functools
import json
import secrets
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, Field

from effilab.languages.python import channel_records, interpreter_for
from effilab.sandbox import Limits, SubprocessSandbox
from effilab.tasks.models import Task

HARNESS = "effilab_profile.py"


class LineStat(BaseModel):
    line: int
    source: str = ""
    hits: int = 0
    time_s: float = 0.0
    time_share: float = 0.0  # of the profiled time in the candidate's lines
    mem_increment_mb: float = 0.0  # heap growth while this line ran, summed over its executions
    mem_max_mb: float = 0.0  # the largest heap (above the start) seen right after this line


class LineProfile(BaseModel):
    lines: list[LineStat] = Field(default_factory=list)
    total_time_s: float = 0.0  # sum of line times (profiler overhead excluded as far as line_profiler can)
    heap_peak_mb: float | None = None
    calls: int = 0
    error: str | None = None

    def hot_by_time(self, k: int = 5) -> list[LineStat]:
        return sorted((s for s in self.lines if s.time_s > 0), key=lambda s: -s.time_s)[:k]

    def hot_by_memory(self, k: int = 5, at_least_mb: float = 0.001) -> list[LineStat]:
        """Lines that grew the heap by at least `at_least_mb` (1 kB: less is allocator noise), largest first."""
        grew = (s for s in self.lines if s.mem_increment_mb >= at_least_mb)
        return sorted(grew, key=lambda s: -s.mem_increment_mb)[:k]

    def to_text(self, k: int = 5, time: bool = True, memory: bool = True) -> str:
        """The profile as a model reads it: the top-k lines by time share and by memory growth, with source."""
        if self.error:
            return f"(profiling failed: {self.error})"
        parts = [f"Profiled {self.calls} calls: {self.total_time_s * 1e3:.2f} ms in the solution's lines"
                 + (f", heap peak {self.heap_peak_mb:.3f} MB." if self.heap_peak_mb is not None else ".")]
        if time:
            parts.append(f"Top {k} lines by time:")
            parts += [f"  line {s.line:>3} | {s.time_share * 100:5.1f}% | {s.hits:>8} hits | {s.source.strip()}"
                      for s in self.hot_by_time(k)] or ["  (no line took measurable time)"]
        if memory:
            parts.append(f"Top {k} lines by memory growth:")
            parts += [f"  line {s.line:>3} | +{s.mem_increment_mb:.3f} MB | {s.source.strip()}"
                      for s in self.hot_by_memory(k)] or ["  (no line grew the heap by 1 kB or more)"]
        return "\n".join(parts)


@functools.cache
def _support_files() -> dict[str, bytes]:
    """The profile harness and the core of line_profiler: its compiled extension and the two small modules that
    extension imports, under an empty package (the full package's __init__ pulls dependencies the sandbox's
    interpreter does not have)."""
    import line_profiler

    root = Path(line_profiler.__file__).parent
    files = {HARNESS: resources.files("effilab.measure").joinpath("profile_harness.py").read_bytes(),
             "line_profiler/__init__.py": b""}
    for path in [*root.glob("_line_profiler*.so"), root / "_diagnostics.py", root / "_logger.py"]:
        files[f"line_profiler/{path.name}"] = path.read_bytes()
    return files


def profile_code(task: Task, code: str, sandbox: SubprocessSandbox, limits: Limits = Limits(wall_s=60, cpu_s=60),
                 max_calls: int = 20, memory: bool = True) -> LineProfile:
    """Profile `code` on `task`'s open tests plus up to `max_calls` workload calls of its smallest size."""
    python, sandbox = interpreter_for(sandbox)
    if python is None:
        return LineProfile(error="no Python interpreter reachable from the sandbox")
    nonce = secrets.token_hex(16)
    open_tests = [t.model_dump(include={"kind", "args", "kwargs", "code"}) for t in task.tests if not t.hidden]
    job = {"nonce": nonce, "code": code, "setup_code": task.setup_code, "entry_point": task.entry_point,
           "tests": open_tests, "max_calls": max_calls, "memory": memory,
           "workload": task.workload.model_dump(include={"generator", "sizes", "seed"}) if task.workload else None}
    raw = sandbox.run([python, "-s", HARNESS], stdin=json.dumps(job).encode(), limits=limits,
                      files=_support_files())
    records, problem = channel_records(raw, nonce)
    record = next((r for r in records if r.get("event") == "profile"), None)
    if problem or record is None:
        tail = raw.stderr.decode("utf-8", "replace").strip().splitlines()
        why = problem or ("timed out" if raw.timed_out else (tail[-1][:200] if tail else f"exit {raw.exit_code}"))
        return LineProfile(error=why)
    if "error" in record:
        return LineProfile(error=record["error"])
    stats = [LineStat(**line) for line in record["lines"]]
    total = sum(s.time_s for s in stats)
    for s in stats:
        s.time_share = s.time_s / total if total > 0 else 0.0
    return LineProfile(lines=stats, total_time_s=total, heap_peak_mb=record.get("heap_peak_mb"),
                       calls=record.get("calls", 0))
