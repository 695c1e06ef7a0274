"""The environment fingerprint every measurement carries: results taken on different machines do not mix."""

from __future__ import annotations

import functools
import hashlib
import json
import platform
import shutil
import subprocess

from effilab import __version__


@functools.cache
def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


@functools.cache
def interpreter_version(python: str) -> str:
    out = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True)
    return out.stdout.strip()


@functools.cache
def valgrind_version() -> str | None:
    if not shutil.which("valgrind"):
        return None
    return subprocess.run(["valgrind", "--version"], capture_output=True, text=True).stdout.strip()


def fingerprint(backend: str, python: str | None) -> dict:
    env = {
        "cpu": cpu_model(),
        "cores": __import__("os").cpu_count(),
        "kernel": platform.release(),
        "python": interpreter_version(python) if python else None,
        "sandbox": backend,
        "effilab": __version__,
        "valgrind": valgrind_version(),
    }
    env["id"] = hashlib.sha256(json.dumps(env, sort_keys=True).encode()).hexdigest()[:12]
    # which machine took it (on a cluster: which node), outside the id: identical nodes may be compared
    env["node"] = platform.node()
    return env
