"""The Sandbox protocol and the runner both backends share: spawn, read capped output concurrently,
enforce the wall limit, reap with resource usage, and end every process the run started."""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from effilab.sandbox.limits import Limits, RawRun
from effilab.sandbox.supervise import Outcome, supervise
from effilab.sandbox.uids import can_switch_uid, kill_all_of, private_uid, processes_of

BASE_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONUNBUFFERED": "1",
}


class Sandbox(Protocol):
    name: str

    def run(self, argv: Sequence[str], stdin: bytes = b"", limits: Limits = Limits(),
            env: dict[str, str] | None = None, files: dict[str, bytes] | None = None) -> RawRun:
        """Run argv (paths as seen inside the sandbox) in a fresh private work dir holding `files`."""
        ...


# Descriptor numbers handed to a run are zero-padded to a fixed width: the size of its argv and environment places
# its initial stack, which shifts the instruction count by a few, and must not depend on how many files the parent
# has open (a Ray worker holds more than a CLI process).
FD_DIGITS = 7


def _fd_text(fd: int) -> str:
    return f"{fd:0{FD_DIGITS}d}"


def rlimits(limits: Limits, extra_processes: int = 0) -> dict[str, tuple[int, int]]:
    """(soft, hard) per resource, named as `prlimit` names them; CPU gets a second of grace (SIGXCPU, then KILL)."""
    cpu = max(1, math.ceil(limits.cpu_s))
    return {"cpu": (cpu, cpu + 1), "as": (limits.memory_mb << 20,) * 2, "fsize": (limits.file_size_mb << 20,) * 2,
            "nofile": (limits.open_files,) * 2, "nproc": (limits.processes + extra_processes,) * 2, "core": (0, 0)}


def rlimit_prefix(limits: Limits, extra_processes: int = 0) -> list[str]:
    """`prlimit` applies the limits, then execs the command: no preexec_fn, safe in threaded callers."""
    return ["prlimit", *(f"--{name}={soft}:{hard}" for name, (soft, hard) in rlimits(limits, extra_processes).items()),
            "--"]


def populate_workdir(prefix: str, files: dict[str, bytes], uid: int | None) -> Path:
    """A fresh host directory holding `files`, owned by the run's private uid when there is one."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    for rel, data in files.items():
        target = workdir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if uid is not None:
        for path in [workdir, *workdir.rglob("*")]:
            os.chown(path, uid, uid)
    return workdir


def launch_args(limits: Limits, uid: int | None) -> tuple[list[str], dict]:
    """The `prlimit` prefix and the Popen identity arguments for a process started as `uid` (None: as ourselves,
    whose existing processes then count against RLIMIT_NPROC too)."""
    extra = 0 if uid is not None else processes_of(os.getuid())
    ids = {"user": uid, "group": uid, "extra_groups": []} if uid is not None else {}
    return rlimit_prefix(limits, extra), ids


class SubprocessSandbox:
    """Shared mechanics; a backend says how to wrap the command and lay out the work dir."""

    name = "base"
    sweep_shared = False  # remove files the private uid left in /tmp and friends

    def wrap(self, argv: Sequence[str], limits: Limits, workdir: Path, env: dict[str, str]) -> tuple[list[str], Path | None]:
        """Return the host command and the host cwd."""
        raise NotImplementedError

    def inner_workdir(self, workdir: Path) -> str:
        return str(workdir)

    def adjust(self, raw: RawRun) -> RawRun:
        """Backend-specific corrections of what the host saw."""
        return raw

    @contextlib.contextmanager
    def _identity(self) -> Iterator[int | None]:
        if can_switch_uid():
            with private_uid(sweep_shared=self.sweep_shared) as uid:
                yield uid
        else:
            yield None

    def run(self, argv: Sequence[str], stdin: bytes = b"", limits: Limits = Limits(),
            env: dict[str, str] | None = None, files: dict[str, bytes] | None = None) -> RawRun:
        """Run argv in a fresh work dir holding `files`. An argv item "{log_fd}" becomes the number of a second
        pipe whose contents come back as `RawRun.log` (for tools such as valgrind's --log-fd)."""
        with self._identity() as uid:
            workdir = populate_workdir("effilab-run-", files or {}, uid)
            try:
                inner = self.inner_workdir(workdir)
                channel_r, channel_w = os.pipe()
                log_r, log_w = os.pipe() if "{log_fd}" in "".join(argv) else (None, None)
                if log_w is not None:
                    argv = [a.replace("{log_fd}", _fd_text(log_w)) for a in argv]
                full_env = {**BASE_ENV, "HOME": inner, "TMPDIR": inner, **(env or {}),
                            "EFFILAB_CHANNEL_FD": _fd_text(channel_w)}
                command, cwd = self.wrap(argv, limits, workdir, full_env)
                prefix, ids = launch_args(limits, uid)
                return self.adjust(self._spawn(prefix + command, cwd, full_env, stdin, limits, ids, uid,
                                               channel_r, channel_w, log_r, log_w))
            finally:
                shutil.rmtree(workdir, ignore_errors=True)

    def _spawn(self, command: list[str], cwd: Path | None, env: dict[str, str], stdin: bytes,
               limits: Limits, ids: dict, uid: int | None, channel_r: int, channel_w: int,
               log_r: int | None = None, log_w: int | None = None) -> RawRun:
        inherited = (channel_w,) if log_w is None else (channel_w, log_w)
        readers = (channel_r,) if log_r is None else (channel_r, log_r)
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    cwd=cwd, env=env, pass_fds=inherited, start_new_session=True, **ids)
        except OSError as exc:
            for fd in inherited + readers:
                os.close(fd)
            return RawRun(None, None, b"", b"", b"", 0.0, 0.0, 0, sandbox_failure=f"cannot start: {exc}",
                          backend=self.name)
        for fd in inherited:
            os.close(fd)
        watched = _PopenWatch(proc)
        out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
        caps = {out_fd: limits.output_bytes, err_fd: limits.output_bytes, channel_r: limits.channel_bytes}
        if log_r is not None:
            caps[log_r] = limits.output_bytes
        try:
            stdin_fd = os.dup(proc.stdin.fileno())
            proc.stdin.close()
            outcome = supervise(watched, stdin_fd, stdin, caps, start, limits.wall_s,
                                on_linger=(lambda: kill_all_of(uid)) if uid is not None else None)
        finally:
            _end_group(proc.pid)
            watched.close()
            for stream in (proc.stdout, proc.stderr):
                stream.close()
            for fd in readers:
                os.close(fd)
        return raw_from(outcome, out_fd, err_fd, channel_r, log_r, self.name)


def raw_from(outcome: Outcome, out_fd: int, err_fd: int, channel_fd: int, log_fd: int | None, backend: str) -> RawRun:
    code = os.waitstatus_to_exitcode(outcome.status)
    return RawRun(
        exit_code=code if code >= 0 else None, signal=-code if code < 0 else None,
        stdout=outcome.outputs[out_fd], stderr=outcome.outputs[err_fd], channel=outcome.outputs[channel_fd],
        log=outcome.outputs[log_fd] if log_fd is not None else b"",
        wall_s=outcome.wall_s, cpu_s=outcome.cpu_s, max_rss_kb=outcome.max_rss_kb,
        timed_out=outcome.timed_out, output_exceeded=outcome.output_exceeded, backend=backend)


def _end_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


class _PopenWatch:
    """A one-shot process: its end is seen through a pidfd, its status and usage through wait4."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        try:
            self.exit_fd: int | None = os.pidfd_open(proc.pid)
        except (AttributeError, OSError):
            self.exit_fd = None

    def _reaped(self, flags: int) -> tuple[int, float, int] | None:
        pid, status, usage = os.wait4(self.proc.pid, flags)
        if not pid:
            return None
        _end_group(self.proc.pid)  # the main process is gone: what it left must not hold the pipes open
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        return status, usage.ru_utime + usage.ru_stime, usage.ru_maxrss

    def poll(self) -> tuple[int, float, int] | None:
        return self._reaped(os.WNOHANG)

    def kill(self) -> None:
        _end_group(self.proc.pid)

    def wait(self) -> tuple[int, float, int]:
        return self._reaped(0)

    def close(self) -> None:
        if self.exit_fd is not None:
            os.close(self.exit_fd)
