"""The Python language adapter: build the harness job, run it in a sandbox, turn its records into a Verdict."""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import marshal
import subprocess
import tempfile
import os
import secrets
import shutil
import signal
import sys
import threading
import weakref
from importlib import resources
from collections.abc import Sequence
from pathlib import Path

from effilab.languages.compare import short, stdout_equal, values_equal
from effilab.languages.verdict import TestOutcome, Verdict, verdict_from_outcomes
from effilab.sandbox import Limits, RawRun, SubprocessSandbox
from effilab.sandbox.server import SERVER_KILLED, ForkServer
from effilab.tasks.models import Task


# -s: no user site; -P: no cwd on sys.path. Not -I/-E: they would ignore PYTHONHASHSEED, and a fixed hash seed is
# what makes instruction counts repeat exactly (the sandbox scrubs the environment, so no other PYTHON* leaks in).
INTERPRETER_FLAGS = ("-s", "-P")


HARNESS_FILE = "effilab_harness.pyc"
JOB_MARSHAL_VERSION = 2
SERVER_FILE = "effilab_forkserver.pyc"


@functools.cache
def harness_source() -> str:
    return resources.files("effilab.languages").joinpath("python_harness.py").read_text(encoding="utf-8")


@functools.cache
def compiled_module(python: str, module: str = "python_harness") -> bytes:
    """A module of ours compiled by the candidate interpreter itself (its bytecode format), once per process:
    compiling the harness in every run would cost more than the rest of the interpreter's start-up."""
    text = resources.files("effilab.languages").joinpath(f"{module}.py").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        source, target = os.path.join(tmp, f"{module}.py"), os.path.join(tmp, f"{module}.pyc")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write(text)
        done = subprocess.run([python, "-s", "-c", "import py_compile, sys; py_compile.compile(sys.argv[1], "
                               "cfile=sys.argv[2], doraise=True)", source, target], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"cannot compile {module} with {python}: {done.stderr.strip()[-300:]}")
        with open(target, "rb") as handle:
            return handle.read()


def harness_bytecode(python: str) -> bytes:
    return compiled_module(python, "python_harness")


class _ThreadServers(dict):
    """One thread's fork servers; they stop when the thread ends (its thread-local storage is dropped), so a
    finished thread pool leaves no sandbox and no private uid behind."""

    def __del__(self) -> None:
        for server in self.values():
            with contextlib.suppress(Exception):
                server.stop()


_local = threading.local()
_all_servers: weakref.WeakSet[ForkServer] = weakref.WeakSet()


def use_fork_server() -> bool:
    return os.environ.get("EFFILAB_FORKSERVER", "1") != "0"


def fork_server(sandbox: SubprocessSandbox, python: str) -> ForkServer:
    """This thread's fork server for (backend, interpreter): a warm harness in a long-lived sandbox."""
    servers = getattr(_local, "servers", None)
    if servers is None:
        servers = _local.servers = _ThreadServers()
    key = (sandbox.name, getattr(sandbox, "extra_ro_binds", ()), python)
    server = servers.get(key)
    if server is None:
        files = {HARNESS_FILE: harness_bytecode(python), SERVER_FILE: compiled_module(python, "python_forkserver")}
        server = ForkServer(sandbox, [python, *INTERPRETER_FLAGS, SERVER_FILE], files,
                            env={"EFFILAB_HARNESS": HARNESS_FILE})
        servers[key] = server
        _all_servers.add(server)
    return server


@atexit.register
def _stop_servers() -> None:
    for server in list(_all_servers):
        with contextlib.suppress(Exception):
            server.stop()


def _reachable_by_others(path: str) -> bool:
    """Whether a private uid could open `path`: every directory on the way must be searchable by others."""
    current = Path(path).resolve()
    for parent in [current, *current.parents][1:]:
        if not os.stat(parent).st_mode & 0o001:
            return False
    return os.access(current, os.X_OK)


@functools.cache
def candidate_python() -> str | None:
    """The interpreter that runs candidates: $EFFILAB_PYTHON, else ours if a private uid can reach it,
    else the system's /usr/bin/python3."""
    chosen = os.environ.get("EFFILAB_PYTHON")
    if chosen:
        return chosen
    ours = str(Path(getattr(sys, "_base_executable", sys.executable)).resolve())
    if os.geteuid() != 0 or _reachable_by_others(ours):
        if ours.startswith("/usr/"):
            return ours
    for path in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.path.exists(path) and _reachable_by_others(path):
            return str(Path(path).resolve())
    return ours if os.geteuid() != 0 else None


def python_binds(python: str) -> list[str]:
    """Directories outside /usr that the interpreter needs inside bwrap."""
    prefix = Path(python).resolve().parent.parent
    return [] if str(prefix).startswith("/usr") else [str(prefix)]


def build_job(task: Task, code: str, nonce: str, limits: Limits, measure: dict | None = None) -> bytes:
    job = {
        "nonce": nonce,
        "code": code,
        "setup_code": task.setup_code,
        "entry_point": task.entry_point,
        "tests": [t.model_dump(include={"kind", "args", "kwargs", "code", "stdin"}) for t in task.tests],
        "output_limit": limits.output_bytes,
    }
    if measure is not None:
        job["measure"] = measure
    # version 2: no back-references and no interning flags, so equal jobs give equal bytes. Newer versions mark
    # objects by their reference count in *this* process (a task unpickled on a Ray worker encodes differently),
    # and the harness's heap, hence the workload's instruction count, would then differ by a few instructions.
    return marshal.dumps(job, JOB_MARSHAL_VERSION)


def interpreter_for(sandbox: SubprocessSandbox) -> tuple[str | None, SubprocessSandbox]:
    """The candidate interpreter, and the sandbox to run it in (a bwrap sandbox gains read-only binds for an
    interpreter outside the default ones); None when no interpreter is reachable."""
    python = candidate_python()
    if python and getattr(sandbox, "name", "") == "bwrap":
        binds = python_binds(python)
        if binds and tuple(binds) != getattr(sandbox, "extra_ro_binds", ()):
            sandbox = type(sandbox)(extra_ro_binds=binds)
    return python, sandbox


def run_python(task: Task, code: str, sandbox: SubprocessSandbox, limits: Limits = Limits()) -> Verdict:
    if not code.strip():
        return Verdict(status="compile_error", reason="the candidate is empty", tests_total=len(task.tests))
    python, sandbox = interpreter_for(sandbox)
    if python is None:
        return Verdict(status="sandbox_error", reason="no Python interpreter reachable from the sandbox; "
                       "install Debian's python3 or set EFFILAB_PYTHON", tests_total=len(task.tests))
    nonce = secrets.token_hex(16)
    job = build_job(task, code, nonce, limits)
    if use_fork_server():
        raw = fork_server(sandbox, python).run(job, limits)
    else:
        raw = sandbox.run([python, *INTERPRETER_FLAGS, HARNESS_FILE], stdin=job, limits=limits,
                          files={HARNESS_FILE: harness_bytecode(python)})
    return judge(task, raw, nonce, limits)


def measure_python(task: Task, code: str, sandbox: SubprocessSandbox, limits: Limits, spec: dict,
                   prefix: Sequence[str] = (), files: dict[str, bytes] | None = None) -> tuple[dict, RawRun]:
    """Run the workload of `task` on already-verified `code` and return the harness's measurement record.

    `prefix` wraps the interpreter (valgrind); `files` are placed in the work dir (the callgrind helper).
    The record holds an "error" key when the run failed.
    """
    python, sandbox = interpreter_for(sandbox)
    if python is None:
        return {"error": "no Python interpreter reachable from the sandbox"}, RawRun(None, None, b"", b"", b"", 0, 0, 0)
    nonce = secrets.token_hex(16)
    raw = sandbox.run([*prefix, python, *INTERPRETER_FLAGS, HARNESS_FILE],
                      stdin=build_job(task, code, nonce, limits, spec), limits=limits,
                      files={**(files or {}), HARNESS_FILE: harness_bytecode(python)})
    records, problem = channel_records(raw, nonce)
    record = next((r for r in records if r.get("event") == "measure"), None)
    done = any(r.get("event") == "done" for r in records)
    if problem or record is None or not done:
        why = problem or ("timed out" if raw.timed_out else f"the run ended early: {_stderr_tail(raw) or raw.exit_code}")
        return {"error": why}, raw
    return record, raw


def channel_records(raw: RawRun, nonce: str) -> tuple[list[dict], str | None]:
    """Parse the channel; a record without our nonce means the candidate wrote there itself."""
    records = []
    for line in raw.channel.decode("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            return records, "garbage on the result channel"
        if not isinstance(record, dict) or record.get("nonce") != nonce:
            return records, "a forged record on the result channel"
        records.append(record)
    return records, None


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _stderr_tail(raw: RawRun) -> str:
    lines = raw.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:200] if lines else ""


def judge(task: Task, raw: RawRun, nonce: str, limits: Limits) -> Verdict:
    total = len(task.tests)
    base = {"tests_total": total, "wall_s": raw.wall_s, "cpu_s": raw.cpu_s, "max_rss_kb": raw.max_rss_kb,
            "backend": raw.backend}
    if raw.sandbox_failure:
        return Verdict(status="sandbox_error", reason=raw.sandbox_failure, **base)
    records, problem = channel_records(raw, nonce)
    started = any(r.get("event") == "start" for r in records)
    tail = _stderr_tail(raw)
    if not started and not raw.timed_out and tail.startswith(("bwrap:", "prlimit:")):
        return Verdict(status="sandbox_error", reason=tail, **base)

    outcomes: list[TestOutcome] = []
    for record in records:
        if record.get("event") != "test":
            continue
        index = record.get("index")
        if not isinstance(index, int) or not 0 <= index < total or index != len(outcomes):
            problem = problem or "test records out of order"
            break
        test = task.tests[index]
        status, message = record.get("status", "error"), record.get("message")
        if status == "ok" and test.kind == "call":
            if not values_equal(test.expected, record.get("output")):
                status, message = "fail", f"returned {short(record.get('output'))}, expected {short(test.expected)}"
        elif status == "ok" and test.kind == "stdio":
            if not stdout_equal(test.expected_stdout or "", record.get("stdout", "")):
                status, message = "fail", (f"printed {short(record.get('stdout', ''))}, "
                                           f"expected {short(test.expected_stdout)}")
        if status not in ("ok", "fail", "error", "memory", "output_limit"):
            status = "error"
        outcomes.append(TestOutcome(index=index, name=test.name, status=status, message=message,
                                    seconds=record.get("seconds")))
    base["tests"] = outcomes
    load = next((r for r in records if r.get("event") == "load"), None)
    done_record = next((r for r in records if r.get("event") == "done"), None)
    done = done_record is not None
    if done_record and raw.backend == "bwrap":  # bwrap's rusage misses the sandboxed process; take its own
        base["cpu_s"] = float(done_record.get("cpu_s") or 0.0)
        base["max_rss_kb"] = int(done_record.get("max_rss_kb") or 0)

    if raw.timed_out or raw.cpu_exceeded:
        limit = f"wall limit {limits.wall_s:g}s" if raw.timed_out else f"CPU limit {limits.cpu_s:g}s"
        return Verdict(status="timeout", reason=f"exceeded the {limit} after {len(outcomes)}/{total} tests", **base)
    if raw.output_exceeded:
        return Verdict(status="output_limit", reason=f"wrote more than {limits.output_bytes} bytes of output", **base)
    if problem:
        return Verdict(status="error", reason=f"{problem}: the candidate interfered with the harness", **base)
    if SERVER_KILLED in raw.notes:
        return Verdict(status="error", reason="the process running the tests was killed during the run "
                       "(the candidate signalled its parent)", **base)
    if load and load.get("status") == "syntax":
        return Verdict(status="compile_error", reason=f"does not compile: {load.get('message')}", **base)
    if load and load.get("status") == "memory":
        return Verdict(status="memory_limit", reason=f"ran out of memory while loading ({limits.memory_mb} MB)", **base)
    if load and load.get("status") == "error":
        return Verdict(status="error", reason=f"raised while loading: {load.get('message')}", **base)
    if not done or len(outcomes) != total:
        how = (f"was killed by {_signal_name(raw.signal)}" if raw.signal else f"exited with status {raw.exit_code}")
        if raw.signal == signal.SIGKILL or "MemoryError" in tail:
            memory_like = "MemoryError" in tail or raw.max_rss_kb * 1024 >= limits.memory_mb * 1024 * 1024 * 0.9
            if memory_like:
                return Verdict(status="memory_limit", reason=f"ran out of memory ({limits.memory_mb} MB)", **base)
        detail = f" ({tail})" if tail else ""
        return Verdict(status="error", reason=f"the process {how} after {len(outcomes)}/{total} tests, "
                       f"before the harness finished{detail}", **base)
    return verdict_from_outcomes(outcomes, total, base)


def available() -> bool:
    return candidate_python() is not None and shutil.which("prlimit") is not None
