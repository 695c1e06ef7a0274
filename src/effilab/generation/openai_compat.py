"""The `openai` backend: any server that speaks the OpenAI HTTP protocol (OpenAI, vLLM, llama.cpp, Ollama, TGI,
or `effilab serve`).

Requests go out concurrently (an asyncio semaphore bounds how many are in flight) because a remote model's latency,
not our CPU, is the cost. Transient failures (429, 5xx, dropped connections, time-outs) are retried with exponential
backoff and jitter, honouring Retry-After; bad credentials and unknown model names fail at once with a sentence
that says what to fix, since retrying them only wastes time.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import threading
import time
from collections.abc import Coroutine
from typing import Any, Literal, TypeVar, get_args

import httpx

from effilab.generation.base import Completion, Prompt
from effilab.generation.errors import AuthenticationError, GenerationError, UnknownModelError

__all__ = ["AuthenticationError", "GenerationError", "OpenAIGenerator", "UnknownModelError"]

T = TypeVar("T")
Endpoint = Literal["auto", "chat", "completions"]
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})


def _server_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:300]
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return str(error.get("message") or error)[:300]
    return str(error or body)[:300]


def _is_unknown_model(response: httpx.Response, message: str) -> bool:
    text = message.lower()
    return response.status_code == 404 or ("model" in text and ("not found" in text or "does not exist" in text))


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from synchronous code, also when the caller already runs an event loop
    (a notebook): then in a helper thread with its own loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


class OpenAIGenerator:
    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None,
                 endpoint: Endpoint = "auto", concurrency: int = 8, retries: int = 5, backoff_s: float = 0.5,
                 max_backoff_s: float = 30.0, timeout_s: float = 300.0, system: str | None = None,
                 **_: object) -> None:
        """`base_url`/`api_key` default to $OPENAI_BASE_URL / $OPENAI_API_KEY (and the URL to OpenAI's).
        `endpoint`: "chat" (/chat/completions), "completions" (/completions, text prompts only) or "auto"
        (chat for message lists, and for text prompts too: instruction-tuned servers expect chat).
        `system`: a system message put before text prompts sent to the chat endpoint."""
        if concurrency < 1 or retries < 0:
            raise ValueError("concurrency must be >= 1 and retries >= 0")
        if endpoint not in get_args(Endpoint):
            raise ValueError(f"endpoint must be one of {', '.join(get_args(Endpoint))}, got {endpoint!r}")
        self.model = model
        self.name = f"openai:{model}"
        self.base_url = (base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1").rstrip("/")
        self.api_key = api_key if api_key is not None else os.environ.get("OPENAI_API_KEY", "")
        self.endpoint = endpoint
        self.concurrency = concurrency
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.timeout_s = timeout_s
        self.system = system
        self.stats = {"requests": 0, "retries": 0}  # what the last runs cost: for benchmarks and logs

    # -- the protocol -----------------------------------------------------------------------------------------
    def generate(self, prompts: list[Prompt], n: int = 1, temperature: float = 0.0, top_p: float = 1.0,
                 top_k: int | None = None, max_tokens: int = 512, stop: tuple[str, ...] = (),
                 seed: int | None = None) -> list[list[Completion]]:
        return run_sync(self.agenerate(prompts, n=n, temperature=temperature, top_p=top_p, top_k=top_k,
                                       max_tokens=max_tokens, stop=stop, seed=seed))

    async def agenerate(self, prompts: list[Prompt], n: int = 1, temperature: float = 0.0, top_p: float = 1.0,
                        top_k: int | None = None, max_tokens: int = 512, stop: tuple[str, ...] = (),
                        seed: int | None = None) -> list[list[Completion]]:
        if n < 1:
            raise ValueError("n must be >= 1")
        limit = asyncio.Semaphore(self.concurrency)
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        limits = httpx.Limits(max_connections=self.concurrency, max_keepalive_connections=self.concurrency)
        # TCP_NODELAY: httpcore writes headers and body separately; with Nagle's algorithm and the server's delayed
        # ACK each request would wait ~40 ms for nothing
        nodelay = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
        transport = httpx.AsyncHTTPTransport(limits=limits, socket_options=nodelay)
        async with httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=self.timeout_s,
                                     transport=transport) as client:
            params = {"temperature": temperature, "top_p": top_p, "max_tokens": max_tokens, "seed": seed,
                      "top_k": top_k, "stop": list(stop)}
            tasks = [self._sample(client, limit, prompt, n, params) for prompt in prompts]
            return list(await asyncio.gather(*tasks))

    # -- one prompt -------------------------------------------------------------------------------------------
    async def _sample(self, client: httpx.AsyncClient, limit: asyncio.Semaphore, prompt: Prompt, n: int,
                      params: dict) -> list[Completion]:
        """`n` completions of one prompt: one request asking for n, topped up by more requests when the server
        returns fewer (llama.cpp and Ollama ignore `n`); each top-up gets its own seed so replies differ."""
        out: list[Completion] = []
        attempt = 0
        while len(out) < n:
            extra = dict(params)
            if attempt and params.get("seed") is not None:
                extra["seed"] = params["seed"] + attempt
            async with limit:
                got = await self._request(client, prompt, n - len(out), extra)
            if not got:
                raise GenerationError(f"{self.name}: the server returned no choices")
            out.extend(got[: n - len(out)])
            attempt += 1
        return out

    def _payload(self, prompt: Prompt, n: int, params: dict) -> tuple[str, dict]:
        body: dict[str, Any] = {"model": self.model, "n": n, "temperature": params["temperature"],
                                "top_p": params["top_p"], "max_tokens": params["max_tokens"]}
        if params["stop"]:
            body["stop"] = params["stop"]
        if params["seed"] is not None:
            body["seed"] = params["seed"]
        if params["top_k"] is not None:
            body["top_k"] = params["top_k"]  # vLLM, llama.cpp and Ollama accept it; OpenAI ignores it
        use_chat = not isinstance(prompt, str) or self.endpoint in ("auto", "chat")
        if use_chat:
            if isinstance(prompt, str):
                messages = [{"role": "system", "content": self.system}] if self.system else []
                messages.append({"role": "user", "content": prompt})
            else:
                messages = list(prompt)
            if self.endpoint == "completions":
                raise ValueError("chat messages cannot go to the completions endpoint; use endpoint='chat'")
            return "/chat/completions", {**body, "messages": messages}
        return "/completions", {**body, "prompt": prompt}

    async def _request(self, client: httpx.AsyncClient, prompt: Prompt, n: int, params: dict) -> list[Completion]:
        path, body = self._payload(prompt, n, params)
        url = f"{self.base_url}{path}"
        for attempt in range(self.retries + 1):
            self.stats["requests"] += 1
            started = time.perf_counter()
            retry_after: float | None = None
            try:
                response = await client.post(path, json=body)
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                problem = f"{type(exc).__name__}: {exc or 'no detail'}"
            else:
                if response.status_code == 200:
                    return self._parse(response, path, time.perf_counter() - started)
                message = _server_message(response)
                if response.status_code in (401, 403):
                    raise AuthenticationError(
                        f"{url} refused the API key (HTTP {response.status_code}: {message}); "
                        "pass --api-key or set OPENAI_API_KEY")
                if response.status_code not in RETRY_STATUSES and _is_unknown_model(response, message):
                    raise UnknownModelError(f"{url} does not serve model {self.model!r} "
                                            f"(HTTP {response.status_code}: {message}); check --model")
                if response.status_code not in RETRY_STATUSES:
                    raise GenerationError(f"{url}: HTTP {response.status_code}: {message}")
                problem = f"HTTP {response.status_code}: {message}"
                retry_after = _retry_after(response)
            if attempt == self.retries:
                raise GenerationError(f"{url}: gave up after {self.retries + 1} attempts; last: {problem}")
            self.stats["retries"] += 1
            delay = min(self.max_backoff_s, self.backoff_s * 2 ** attempt) * (0.5 + random.random() / 2)
            await asyncio.sleep(max(delay, retry_after or 0.0))
        raise AssertionError("unreachable")

    def _parse(self, response: httpx.Response, path: str, latency_s: float) -> list[Completion]:
        try:
            body = response.json()
            choices = sorted(body["choices"], key=lambda c: c.get("index", 0))
            texts = [c["message"]["content"] if path == "/chat/completions" else c["text"] for c in choices]
        except (ValueError, KeyError, TypeError) as exc:
            raise GenerationError(f"{self.base_url}{path}: not an OpenAI-style reply ({exc!r}): "
                                  f"{response.text[:200]}") from exc
        meta = {"latency_s": round(latency_s, 4), "usage": body.get("usage"), "model": body.get("model")}
        return [Completion(text or "", c.get("finish_reason"), dict(meta)) for text, c in zip(texts, choices)]


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return min(float(value), 60.0) if value is not None else None
    except ValueError:
        return None
