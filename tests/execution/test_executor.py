"""The local executor keeps its threads (and their warm fork servers) for its life, and leaves no fork server behind
once it is gone; executors are found by name."""

from __future__ import annotations

import gc
import os
import time

import pytest

from effilab.execution.evaluate import evaluate
from effilab.execution.executor import LocalExecutor, make_executor
from effilab.languages.python import SERVER_FILE
from effilab.registry import UnknownName
from effilab.tasks.loaders import load_tasks
from effilab.tasks.samples import reference_candidates


def _children() -> set[int]:
    me, found = str(os.getpid()), set()
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/status") as handle:
                    fields = dict(line.split(":", 1) for line in handle if ":" in line)
                # a running child of ours; an exited one not yet reaped (state Z) runs no fork server
                if fields.get("PPid", "").strip() == me and not fields.get("State", "").strip().startswith("Z"):
                    found.add(int(name))
            except OSError:
                pass
    return found


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _fork_servers() -> dict[int, str]:
    """Our children that run a fork server (through bwrap or prlimit). Other children come and go: the `kill -9 -1`
    helper that ends a released sandbox uid, run when an earlier test's executor is collected, is one."""
    return {pid: line[:200] for pid in _children() if SERVER_FILE in (line := _cmdline(pid))}


def test_repeated_evaluations_leave_no_fork_servers(monkeypatch):
    monkeypatch.setenv("EFFILAB_FORKSERVER", "1")
    tasks = load_tasks("humaneval", limit=4)
    gc.collect()
    before = set(_fork_servers())
    for _ in range(3):  # each call makes (and drops) its own executor
        assert all(r.verdict.passed for r in evaluate(tasks, reference_candidates(tasks)))
    deadline = time.time() + 20
    while set(_fork_servers()) - before and time.time() < deadline:
        gc.collect()
        time.sleep(0.2)
    left = {pid: line for pid, line in _fork_servers().items() if pid not in before}
    assert left == {}


def test_a_kept_executor_reuses_its_fork_servers(monkeypatch):
    monkeypatch.setenv("EFFILAB_FORKSERVER", "1")
    tasks = load_tasks("humaneval", limit=4)
    gc.collect()
    before = set(_fork_servers())
    with LocalExecutor(2) as executor:
        evaluate(tasks, reference_candidates(tasks), executor=executor)
        first = set(_fork_servers()) - before
        evaluate(tasks, reference_candidates(tasks), executor=executor)
        assert first and set(_fork_servers()) - before == first
    assert set(_fork_servers()) - before == set()


def test_executors_by_name():
    assert isinstance(make_executor("local", workers=3), LocalExecutor)
    assert make_executor("local", workers=3).workers == 3
    with pytest.raises(UnknownName, match="unknown executor 'nope'"):
        make_executor("nope")


def test_on_error_reports_a_failed_job():
    def half(x: int) -> float:
        return 1 / x

    with LocalExecutor(2) as executor:
        got = dict(executor.map_unordered(half, [0, 1, 2], on_error=lambda job, exc: type(exc).__name__))
        assert got == {0: "ZeroDivisionError", 1: 1.0, 2: 0.5}
        with pytest.raises(ZeroDivisionError):
            list(executor.map_unordered(half, [0]))
