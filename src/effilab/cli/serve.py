"""`effilab serve`: put any generator (a local model directory, scripted replies) behind an OpenAI-protocol server."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from effilab.cli import app
from effilab.cli.common import fail, out


@app.command()
def serve(
    model: Annotated[str, typer.Option(help="Generator spec: transformers:<dir>, scripted:<replies.jsonl>, ...")],
    name: Annotated[Optional[str], typer.Option(help="Model name clients ask for (default: the spec).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free one).")] = 8000,
    api_key: Annotated[Optional[str], typer.Option(help="Require this bearer key.")] = None,
    latency: Annotated[float, typer.Option(help="Simulated seconds of latency per request.")] = 0.0,
) -> None:
    """Serve a model on /v1/chat/completions, /v1/completions and /v1/models until interrupted."""
    from effilab.generation.registry import get_generator
    from effilab.generation.serve import OpenAIServer
    from effilab.registry import UnknownName

    try:
        generator = get_generator(model)
    except (ValueError, UnknownName, ImportError, FileNotFoundError, OSError) as exc:
        fail(str(exc))
    try:
        server = OpenAIServer(generator, model_name=name or model, host=host, port=port, api_key=api_key,
                              latency_s=latency)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    out.print(f"serving {server.model_name!r} at {server.url} (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        out.print("stopped")
