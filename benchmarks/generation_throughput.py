"""Generation throughput of the `openai` backend against effilab's OpenAI-protocol server on 127.0.0.1, with a
simulated per-request latency standing in for a remote model's network and decoding time.

For each concurrency (default 1, 8, 32) the same prompts are sent through `OpenAIGenerator.generate` and we report
requests per second, the speed-up over concurrency 1, and the ideal (concurrency / latency, capped by the number of
requests). The server runs as its own process (`effilab serve`), as a real one would: in the client's process the
two would share one interpreter lock. Rounds are interleaved (1, 8, 32, 1, 8, 32, ...); the median round is
reported.

Run: .venv/bin/python benchmarks/generation_throughput.py [--requests 64] [--latency 0.05] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import httpx

from effilab.generation.openai_compat import OpenAIGenerator


def start_server(latency: float, reply: str, folder: str) -> tuple[subprocess.Popen, str]:
    replies = os.path.join(folder, "replies.jsonl")
    with open(replies, "w") as handle:
        handle.write(json.dumps({"completions": [reply]}) + "\n")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "effilab.cli", "serve", "--model", f"scripted:{replies}",
                                "--name", "bench", "--port", str(port), "--latency", str(latency)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(200):
        try:
            httpx.get(f"{url}/models", timeout=1).raise_for_status()
            return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def run_rounds(args, levels, url, seconds, retries) -> None:
    for _ in range(args.rounds):
        for c in levels:
            gen = OpenAIGenerator("bench", base_url=url, api_key="", concurrency=c)
            prompts = [f"prompt {i}" for i in range(args.requests)]
            started = time.perf_counter()
            out = gen.generate(prompts)
            seconds[c].append(time.perf_counter() - started)
            assert len(out) == args.requests
            retries[c] += gen.stats["retries"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=64)
    parser.add_argument("--latency", type=float, default=0.05, help="simulated seconds per request")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", dest="json_out", default=None)
    args = parser.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]
    reply = "```python\ndef f(x):\n    return x + 1\n```"
    seconds: dict[int, list[float]] = {c: [] for c in levels}
    retries = {c: 0 for c in levels}
    with tempfile.TemporaryDirectory() as folder:
        server, url = start_server(args.latency, reply, folder)
        try:
            run_rounds(args, levels, url, seconds, retries)
        finally:
            server.terminate()
            server.wait(timeout=10)
    base = args.requests / statistics.median(seconds[levels[0]])
    rows = []
    for c in levels:
        rps = args.requests / statistics.median(seconds[c])
        ideal = min(c, args.requests) / args.latency if args.latency else float("nan")
        rows.append({"concurrency": c, "requests_per_s": round(rps, 1), "speedup": round(rps / base, 2),
                     "ideal_requests_per_s": round(ideal, 1), "median_s": round(statistics.median(seconds[c]), 3),
                     "retries": retries[c]})
    print(f"{args.requests} requests, simulated latency {args.latency * 1e3:.0f} ms, median of {args.rounds} rounds")
    print("| concurrency | requests/s | speed-up vs 1 | ideal requests/s | seconds | retries |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['concurrency']} | {r['requests_per_s']} | {r['speedup']}x | {r['ideal_requests_per_s']} | "
              f"{r['median_s']} | {r['retries']} |")
    if args.json_out:
        with open(args.json_out, "w") as handle:
            json.dump({"args": vars(args), "rows": rows}, handle, indent=2)


if __name__ == "__main__":
    main()
