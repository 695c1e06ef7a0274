"""Measurement of compiled (C++) programs on their task's workload: the same `Measurement` as for Python.

Each code is built once (`-O2`, from the compile cache), then a small trusted timer (`native_timer.py`) runs inside
the sandbox: it generates the workload inputs from the task's seeded generator, and runs the binary on each with a
warm-up and timed repeats (wall and CPU time from fork to reaping), once more with RSS sampled every
`rss_interval_s` (peak and the RSS-time integral, TMU), and once under callgrind for the instruction count.
Codes of one task are interleaved round by round, as in the Python engine.

The instruction count covers `main` and what it calls (`--toggle-collect=main`): the dynamic loader and static
initialisers (iostream set-up) are left out, so the count is the program's work on its input, and the same on every
run (`-O2` code, fixed input, no address-dependent branching in the loader counted).
"""

from __future__ import annotations

import contextlib
import functools
import json
import secrets
from collections.abc import Sequence
from importlib import resources

from effilab.languages.cpp import build
from effilab.languages.python import candidate_python
from effilab.measure import callgrind
from effilab.measure.environment import fingerprint
from effilab.measure.scheduling import CORES, priority
from effilab.sandbox import Limits, SubprocessSandbox
from effilab.tasks.models import Task

TIMER = "effilab_native_timer.py"
LAUNCHER = "effilab_launcher"
# Starts the program from a small process, so that the kernel's peak-RSS figure (ru_maxrss) is the program's and
# not that of the interpreter it would otherwise be forked from; reports on a descriptor the program never gets.
LAUNCHER_SOURCE = r"""
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {  /* effilab_launcher REPORT_FD INPUT PROGRAM [ARGS...] */
    if (argc < 4) return 2;
    int report = atoi(argv[1]);
    fcntl(report, F_SETFD, FD_CLOEXEC);
    int in = open(argv[2], O_RDONLY | O_CLOEXEC), null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (in < 0 || null < 0) return 3;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) return 4;
    if (pid == 0) {
        dup2(in, 0); dup2(null, 1); dup2(null, 2);
        execv(argv[3], argv + 3);
        _exit(127);
    }
    dprintf(report, "pid %d\n", (int)pid);
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) return 5;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    dprintf(report, "done %d %ld %.9f %.6f\n", status, ru.ru_maxrss, wall, cpu);
    return 0;
}
"""


@functools.cache
def launcher_binary() -> bytes:
    """The launcher, compiled once per machine and kept in the compile cache (keyed by its source)."""
    import hashlib
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    from effilab.languages.cpp import cache_dir

    digest = hashlib.sha256(LAUNCHER_SOURCE.encode()).hexdigest()[:16]
    target = cache_dir() / f"launcher-{digest}"
    if not target.exists():
        compiler = shutil.which("gcc") or shutil.which("cc")
        if compiler is None:
            raise RuntimeError("no C compiler to build the launcher (Debian package 'gcc')")
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "launcher.c"
            source.write_text(LAUNCHER_SOURCE)
            built = subprocess.run([compiler, "-O2", "-o", str(Path(tmp) / "l"), str(source)], capture_output=True,
                                   text=True)
            if built.returncode:
                raise RuntimeError(f"cannot build the launcher: {built.stderr.strip()[:200]}")
            shutil.move(str(Path(tmp) / "l"), target)
    return target.read_bytes()


@functools.cache
def timer_source() -> bytes:
    return resources.files("effilab.measure").joinpath("native_timer.py").read_bytes()


def valgrind_argv() -> list[str]:
    return ["valgrind", "--tool=callgrind", "--toggle-collect=main", "--callgrind-out-file=/dev/null",
            "--log-fd={log_fd}"]


def _run_timer(binary: bytes, job: dict, sandbox: SubprocessSandbox, limits: Limits) -> dict:
    python = candidate_python()
    if python is None:
        return {"error": "no Python interpreter reachable from the sandbox for the timer"}
    nonce = secrets.token_hex(16)
    raw = sandbox.run([python, "-s", "-P", TIMER], stdin=json.dumps({**job, "nonce": nonce}).encode(),
                      limits=limits, files={TIMER: timer_source(), "prog": binary, LAUNCHER: launcher_binary()})
    for line in raw.channel.decode("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and record.get("nonce") == nonce:
            return record
    why = "timed out" if raw.timed_out else (raw.sandbox_failure or
                                             raw.stderr.decode("utf-8", "replace").strip()[-200:] or
                                             f"exit status {raw.exit_code}")
    return {"error": f"the timer gave no record: {why}"}


def measure_native_codes(task: Task, codes: Sequence[str], sandbox: SubprocessSandbox, spec,
                         limits: Limits) -> list:
    """Measure each code (already verified correct) on the task's workload; results in the order of `codes`."""
    from effilab.measure.engine import Measurement, _limits_for_valgrind

    if task.workload is None or not task.workload.generator:
        raise ValueError(f"{task.id} has no workload to measure")
    env = {**fingerprint(sandbox.name, candidate_python()), "language": "cpp"}
    out = [Measurement(environment=env) for _ in codes]
    try:
        launcher_binary()
    except RuntimeError as exc:  # no C compiler on this host: nothing can be measured, say why
        for m in out:
            m.errors.append(f"measure: {exc}")
        return out
    binaries: list[bytes | None] = []
    for i, code in enumerate(codes):
        compiled, binary = build(code, sandbox)
        if binary is None:
            out[i].errors.append(f"build: {compiled.reason}")
        binaries.append(binary)
    base = {"generator": task.workload.generator, "sizes": task.workload.sizes, "seed": task.workload.seed}
    if spec.time or spec.memory:
        with CORES.core() if spec.pin else contextlib.nullcontext(None) as cpu:
            records = {}
            for round_ in range(spec.rounds):
                for i, binary in enumerate(binaries):  # interleaved: A B C, A B C, ...
                    if binary is None:
                        continue
                    job = {**base, "time": spec.time, "memory": spec.memory and round_ == 0,
                           "repeats": spec.repeats, "warmup": spec.warmup, "interval_s": spec.rss_interval_s,
                           "cpu": cpu}
                    with priority(spec.nice) as nice:
                        records[round_, i] = (_run_timer(binary, job, sandbox, limits), nice)
        for (_, i), (record, nice) in records.items():  # the order they ran in
            if out[i].add_timed_run(record, nice) and "peak_mb" in record:
                out[i].peak_mb, out[i].tmu_mb_s = record["peak_mb"], record["tmu_mb_s"]
                out[i].rss_interval_s = spec.rss_interval_s
                out[i].rss_profile = [tuple(p) for p in record.get("rss_profile", [])]
    for m in out:
        m.set_timing(m.wall_samples_s, m.cpu_samples_s)
    if spec.instructions:
        ok, why = callgrind.available()
        if not ok:
            for m in out:
                m.errors.append(f"instructions: {why}")
            return out
        vg_limits = _limits_for_valgrind(limits, spec.instruction_limit_factor)
        for i, binary in enumerate(binaries):
            if binary is None:
                continue
            record = _run_timer(binary, {**base, "instructions": valgrind_argv()}, sandbox, vg_limits)
            if "error" in record or record.get("instructions") is None:
                out[i].errors.append(f"instructions: {record.get('error') or 'no total'}")
            else:
                out[i].instructions = record["instructions"]
                out[i].instruction_calls = record.get("calls", 0)
    return out
