"""The options every job-running command shares (`--executor`, `--ray-address`) and the executor they build.

A command adds two parameters typed with `ExecutorName` and `RayAddress` and calls `executor_from_options`; it
registers no command of its own.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from effilab.cli.common import err, fail

ExecutorName = Annotated[str, typer.Option("--executor", help="Where jobs run: local (threads here) or ray.")]
RayAddress = Annotated[Optional[str], typer.Option(
    "--ray-address", help="Ray cluster to join ('auto': the one `ray start` made on this machine; "
    "'ray://host:10001': a remote head). Without it, --executor ray starts a local Ray.")]


def executor_from_options(name: str, workers: int | None = None, ray_address: str | None = None):
    """The executor the command line asked for; a clear error for an unknown name or a missing extra."""
    from effilab.execution.executor import executors, make_executor
    from effilab.registry import UnknownName

    if workers is not None and workers <= 0:
        fail("--workers must be positive")
    if ray_address and name != "ray":
        fail("--ray-address needs --executor ray")
    options: dict = {"workers": workers}
    if ray_address:
        options["address"] = ray_address
    try:
        executor = make_executor(name, **options)
    except UnknownName:
        fail(f"unknown executor {name!r}; choose from {', '.join(executors.names())}")
    except ImportError as exc:
        fail(str(exc))
    except ConnectionError as exc:
        fail(f"cannot reach the Ray cluster at {ray_address}: {exc}")
    if name != "local":
        err.print(f"executor {name}: {executor.workers} jobs at a time", highlight=False)
    return executor
