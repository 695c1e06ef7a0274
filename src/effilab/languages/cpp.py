"""The C++ language adapter: compile with g++ inside the sandbox, judge compiled programs on stdin/stdout tests.

Why it looks like this (against the flaws of the published compiler-feedback recipe): the standard is always named
(`-std=c++17` by default), warnings can count (policy "warnings" adds `-Wall -Wextra` and fails on any warning),
every compile runs in a fresh sandboxed work dir with its own time/memory/output limits (no shared temp file, so
compiles run in parallel), and results are cached on disk keyed by the hash of compiler, flags and source.

Diagnostics come from `-fdiagnostics-format=json` (one JSON array on stderr) and become `Diagnostic` records;
linker messages, which are plain text, become error records too.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from effilab.languages.compare import short, stdout_equal
from effilab.languages.verdict import TestOutcome, Verdict, verdict_from_outcomes
from effilab.sandbox import Limits, RawRun, SubprocessSandbox, get_sandbox
from effilab.tasks.models import Task

Policy = Literal["errors", "warnings", "syntax"]
POLICIES: tuple[str, ...] = ("errors", "warnings", "syntax")
SOURCE = "prog.cpp"
BINARY = "prog"
# the prepared binary is not executable (files enter the work dir as plain files): copy it, mark it, exec it
RUN_ARGV = ["/bin/sh", "-c", f"cp {BINARY} p && chmod 700 p && exec ./p"]
COMPILE_LIMITS = Limits(wall_s=30.0, cpu_s=30.0, memory_mb=4096, file_size_mb=64, work_dir_mb=256,
                        output_bytes=32_000_000)  # stdout carries the binary; stderr the diagnostics


@dataclass(frozen=True)
class CompileConfig:
    """How g++ is called. `run_opt` builds binaries that are run and measured; checks use `check_opt`."""

    compiler: str = "g++"
    std: str = "c++17"
    run_opt: str = "-O2"
    check_opt: str = "-O0"  # a compile check needs no optimiser: same errors, less time
    warning_flags: tuple[str, ...] = ("-Wall", "-Wextra")
    extra_flags: tuple[str, ...] = ()
    limits: Limits = field(default_factory=lambda: COMPILE_LIMITS)

    def flags(self, purpose: Literal["run", "errors", "warnings", "syntax"]) -> list[str]:
        base = [f"-std={self.std}", "-pipe", "-fdiagnostics-format=json", *self.extra_flags]
        if purpose == "run":
            return [*base, self.run_opt]
        if purpose == "syntax":
            return [*base, "-fsyntax-only"]
        if purpose == "warnings":
            return [*base, self.check_opt, *self.warning_flags]
        if purpose == "errors":
            return [*base, self.check_opt]
        raise ValueError(f"unknown compile purpose {purpose!r}; policies: {', '.join(POLICIES)}")


class Diagnostic(BaseModel):
    severity: str  # error | warning | note | fatal error | sorry | linker
    message: str
    line: int | None = None
    column: int | None = None
    option: str | None = None  # the -W flag that produced a warning

    def one_line(self) -> str:
        where = f"{self.line}:{self.column}: " if self.line is not None else ""
        option = f" [{self.option}]" if self.option else ""
        return f"{where}{self.severity}: {' '.join(self.message.split())}{option}"


class CompileResult(BaseModel):
    """One compile under one policy. `good` is the policy's judgement; `status` says why it is not good."""

    good: bool
    policy: str
    status: Literal["ok", "error", "warning", "timeout", "output_limit", "memory_limit", "sandbox_error"]
    reason: str
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False
    key: str = ""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity not in ("warning", "note")]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


# --- diagnostics -----------------------------------------------------------------------------------------------

def _records(items: list, out: list[Diagnostic]) -> None:
    for item in items:
        if not isinstance(item, dict):
            continue
        caret = next((loc.get("caret") for loc in item.get("locations") or [] if isinstance(loc, dict)
                      and isinstance(loc.get("caret"), dict)), None) or {}
        out.append(Diagnostic(severity=str(item.get("kind", "error")), message=str(item.get("message", "")),
                              line=caret.get("line"), column=caret.get("column"), option=item.get("option")))


def parse_diagnostics(stderr: str) -> list[Diagnostic]:
    """Top-level records of g++'s JSON diagnostics (notes attached to them are left out) plus the linker's
    plain-text errors. Lines that are neither are ignored."""
    out: list[Diagnostic] = []
    for line in stderr.splitlines():
        text = line.strip()
        if not text:
            continue
        if text.startswith("["):
            try:
                items = json.loads(text)
            except json.JSONDecodeError:
                items = None
            if isinstance(items, list):
                _records(items, out)
                continue
        if "undefined reference" in text or "multiple definition" in text or " error: " in f" {text}":
            out.append(Diagnostic(severity="linker", message=text))
    return out


# --- the compile cache -----------------------------------------------------------------------------------------

def cache_dir() -> Path:
    """$EFFILAB_CACHE, else the user cache dir; compiles go under its `cpp/` folder."""
    root = os.environ.get("EFFILAB_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "effilab")
    return Path(root) / "cpp"


@functools.cache
def compiler_identity(compiler: str) -> str:
    """Version and target of the compiler: part of every cache key, so an upgrade never serves stale results."""
    try:
        version = subprocess.run([compiler, "-dumpfullversion"], capture_output=True, text=True, timeout=30).stdout
        target = subprocess.run([compiler, "-dumpmachine"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeError(f"cannot run the C++ compiler {compiler!r}: {exc} (Debian package 'g++')") from None
    return f"{compiler} {version.strip()} {target.strip()}"


def cache_key(code: str, flags: list[str], config: CompileConfig) -> str:
    payload = json.dumps({"compiler": compiler_identity(config.compiler), "flags": flags,
                          "limits": [config.limits.wall_s, config.limits.cpu_s, config.limits.memory_mb],
                          "code": code})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _paths(key: str) -> tuple[Path, Path]:
    folder = cache_dir() / key[:2]
    return folder / f"{key}.json", folder / f"{key}.bin"


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _cached(key: str, want_binary: bool) -> tuple[CompileResult, bytes | None] | None:
    record, binary = _paths(key)
    try:
        result = CompileResult.model_validate_json(record.read_bytes())
        data = binary.read_bytes() if want_binary and result.good else None
    except (OSError, ValueError):
        return None
    if want_binary and result.good and not data:
        return None
    return result.model_copy(update={"cached": True}), data


def _store(key: str, result: CompileResult, binary: bytes | None) -> None:
    if result.status == "sandbox_error":
        return  # our fault: never remembered
    record, path = _paths(key)
    if binary is not None:
        _atomic_write(path, binary)
    _atomic_write(record, result.model_dump_json().encode())


# --- compiling -------------------------------------------------------------------------------------------------

@functools.cache
def _default_sandbox() -> SubprocessSandbox:
    return get_sandbox("auto")


def _judge_compile(raw: RawRun, policy: str, limits: Limits) -> CompileResult:
    stderr = raw.stderr.decode("utf-8", "replace")
    diagnostics = parse_diagnostics(stderr)
    common = {"policy": policy, "diagnostics": diagnostics, "seconds": raw.wall_s}
    if raw.sandbox_failure:
        return CompileResult(good=False, status="sandbox_error", reason=raw.sandbox_failure, **common)
    if raw.timed_out or raw.cpu_exceeded:
        limit = f"{limits.wall_s:g}s wall" if raw.timed_out else f"{limits.cpu_s:g}s CPU"
        return CompileResult(good=False, status="timeout", reason=f"the compiler exceeded its {limit} limit", **common)
    if raw.output_exceeded:
        return CompileResult(good=False, status="output_limit",
                             reason=f"the compiler wrote more than {limits.output_bytes} bytes of diagnostics",
                             **common)
    tail = stderr.strip().splitlines()[-1][:200] if stderr.strip() else ""
    if raw.exit_code != 0:
        if tail.startswith(("bwrap:", "prlimit:")):
            return CompileResult(good=False, status="sandbox_error", reason=tail, **common)
        errors = [d for d in diagnostics if d.severity not in ("warning", "note")]
        if not errors and ("memory exhausted" in stderr or "out of memory" in stderr or raw.signal == signal.SIGKILL):
            return CompileResult(good=False, status="memory_limit",
                                 reason=f"the compiler ran out of memory ({limits.memory_mb} MB)", **common)
        if not errors:
            how = f"was killed by signal {raw.signal}" if raw.signal else f"exited with status {raw.exit_code}"
            diagnostics.append(Diagnostic(severity="error", message=f"the compiler {how}: {tail}".strip(": ")))
        first = next(d for d in diagnostics if d.severity not in ("warning", "note"))
        return CompileResult(good=False, status="error", reason=first.one_line(), **common)
    warnings = [d for d in diagnostics if d.severity == "warning"]
    if policy == "warnings" and warnings:
        return CompileResult(good=False, status="warning", reason=warnings[0].one_line(), **common)
    return CompileResult(good=True, status="ok", reason=f"compiles ({len(warnings)} warnings)", **common)


def _compile(code: str, purpose: str, sandbox: SubprocessSandbox | None, config: CompileConfig,
             use_cache: bool) -> tuple[CompileResult, bytes | None]:
    flags = config.flags(purpose)  # type: ignore[arg-type]
    want_binary = purpose == "run"
    key = cache_key(code, flags, config)
    if use_cache:
        hit = _cached(key, want_binary)
        if hit is not None:
            return hit
    sandbox = sandbox or _default_sandbox()
    if purpose == "syntax":
        argv = [config.compiler, *flags, SOURCE]
    else:
        # the binary leaves on stdout (g++ writes nothing there): the work dir vanishes with the sandbox
        output = f"cat {BINARY}" if want_binary else "true"
        argv = ["/bin/sh", "-c", f'"$@" -o {BINARY} && {output}', "sh", config.compiler, *flags, SOURCE]
    started = time.perf_counter()
    raw = sandbox.run(argv, files={SOURCE: code.encode("utf-8")}, limits=config.limits)
    result = _judge_compile(raw, "run" if want_binary else purpose, config.limits)
    result.seconds, result.key = time.perf_counter() - started, key
    binary = raw.stdout if want_binary and result.good else None
    if want_binary and result.good and not binary:
        result = result.model_copy(update={"good": False, "status": "sandbox_error",
                                           "reason": "the compiled binary did not come back from the sandbox"})
    if use_cache:
        _store(key, result, binary)
    return result, binary


def compile_check(code: str, policy: str = "errors", sandbox: SubprocessSandbox | None = None,
                  config: CompileConfig = CompileConfig(), use_cache: bool = True) -> CompileResult:
    """Good/Bad under a policy: "errors" (compile and link; errors fail), "warnings" (`-Wall -Wextra` too; any
    warning fails), "syntax" (`-fsyntax-only`: parsing and type checking, no code generation; fastest)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose from {', '.join(POLICIES)}")
    result, _ = _compile(code, policy, sandbox, config, use_cache)
    return result


def build(code: str, sandbox: SubprocessSandbox | None = None, config: CompileConfig = CompileConfig(),
          use_cache: bool = True) -> tuple[CompileResult, bytes | None]:
    """The optimised binary of `code` (`run_opt`), from the cache when it was built before."""
    return _compile(code, "run", sandbox, config, use_cache)


# --- running compiled programs ---------------------------------------------------------------------------------

def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _test_outcome(raw: RawRun, expected: str, limits: Limits) -> tuple[str, str | None]:
    """(TestOutcome status, message) of one run of the binary on one test; "timeout" is returned as is."""
    stderr = raw.stderr.decode("utf-8", "replace")
    if raw.sandbox_failure:
        return "sandbox", raw.sandbox_failure
    if raw.timed_out or raw.cpu_exceeded:
        return "timeout", None
    if raw.output_exceeded:
        return "output_limit", f"wrote more than {limits.output_bytes} bytes"
    if raw.exit_code != 0:
        if "bad_alloc" in stderr or (raw.signal == signal.SIGKILL
                                     and raw.max_rss_kb * 1024 >= limits.memory_mb * 1024 * 1024 * 0.9):
            return "memory", f"ran out of memory ({limits.memory_mb} MB)"
        tail = stderr.strip().splitlines()[-1][:160] if stderr.strip() else ""
        if tail.startswith(("bwrap:", "prlimit:", "cp:", "chmod:")):
            return "sandbox", tail
        how = f"killed by {_signal_name(raw.signal)}" if raw.signal else f"exit status {raw.exit_code}"
        return "error", how + (f" ({tail})" if tail else "")
    actual = raw.stdout.decode("utf-8", "replace")
    if not stdout_equal(expected, actual):
        return "fail", f"printed {short(actual)}, expected {short(expected)}"
    return "ok", None


def run_binary(binary: bytes, stdin: bytes, sandbox: SubprocessSandbox, limits: Limits) -> RawRun:
    return sandbox.run(RUN_ARGV, stdin=stdin, limits=limits, files={BINARY: binary})


def run_cpp(task: Task, code: str, sandbox: SubprocessSandbox, limits: Limits = Limits(),
            config: CompileConfig = CompileConfig()) -> Verdict:
    """Compile (cached) and run every stdin/stdout test, each in a fresh sandbox; outputs compared here."""
    total = len(task.tests)
    if any(t.kind != "stdio" for t in task.tests):
        raise ValueError(f"{task.id}: C++ tasks support only stdin/stdout tests")
    if not code.strip():
        return Verdict(status="compile_error", reason="the candidate is empty", tests_total=total)
    compiled, binary = build(code, sandbox, config)
    if compiled.status == "sandbox_error":
        return Verdict(status="sandbox_error", reason=compiled.reason, tests_total=total, backend=sandbox.name)
    if not compiled.good or binary is None:
        return Verdict(status="compile_error", reason=f"does not compile: {compiled.reason}", tests_total=total,
                       backend=sandbox.name)
    outcomes: list[TestOutcome] = []
    wall = cpu = 0.0
    rss = 0
    for index, test in enumerate(task.tests):
        raw = run_binary(binary, (test.stdin or "").encode("utf-8"), sandbox, limits)
        wall, cpu, rss = wall + raw.wall_s, cpu + raw.cpu_s, max(rss, raw.max_rss_kb)
        status, message = _test_outcome(raw, test.expected_stdout or "", limits)
        base = {"tests_total": total, "wall_s": wall, "cpu_s": cpu, "max_rss_kb": rss, "backend": sandbox.name}
        if status == "sandbox":
            return Verdict(status="sandbox_error", reason=message or "the sandbox failed", tests=outcomes, **base)
        if status == "timeout":
            limit = f"wall limit {limits.wall_s:g}s" if raw.timed_out else f"CPU limit {limits.cpu_s:g}s"
            outcomes.append(TestOutcome(index=index, name=test.name, status="error", message="timed out",
                                        seconds=raw.wall_s))
            return Verdict(status="timeout", reason=f"test {test.name or f'#{index}'} exceeded the {limit} "
                           f"after {index}/{total} tests", tests=outcomes, **base)
        outcomes.append(TestOutcome(index=index, name=test.name, status=status, message=message, seconds=raw.wall_s))
    base = {"tests_total": total, "wall_s": wall, "cpu_s": cpu, "max_rss_kb": rss, "backend": sandbox.name,
            "tests": outcomes}
    return verdict_from_outcomes(outcomes, total, base)


def available() -> tuple[bool, str]:
    try:
        return True, compiler_identity("g++")
    except RuntimeError as exc:
        return False, str(exc)
