"""A small OpenAI-protocol server on 127.0.0.1 in front of any `Generator` (a local transformers model, scripted
replies). It lets every OpenAI client (ours included) talk to a local model, and it is the real HTTP server the
tests and the throughput benchmark drive.

Endpoints: POST /v1/chat/completions, POST /v1/completions, GET /v1/models. Options for exercising clients:
`api_key` (requests without it get 401), `latency_s` (each request sleeps that long outside the model lock, as a
remote model's network and queueing time would), `fail_first` (HTTP statuses answered to the first requests, e.g.
(429, 503), before normal service). Built on the standard library's threading HTTP server: no web framework.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from effilab.generation.base import Generator, Prompt


class OpenAIServer:
    def __init__(self, generator: Generator, model_name: str | None = None, host: str = "127.0.0.1",
                 port: int = 0, api_key: str | None = None, latency_s: float = 0.0,
                 fail_first: Iterable[int] = ()) -> None:
        self.generator = generator
        self.model_name = model_name or generator.name
        self.api_key = api_key
        self.latency_s = latency_s
        self._faults = deque(fail_first)
        self._model_lock = threading.Lock()  # local models are not thread-safe; the simulated latency is outside
        self._count_lock = threading.Lock()
        self.requests: list[dict] = []  # every request body received, in order (what clients actually sent)
        self._httpd = _Server((host, port), _handler(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> OpenAIServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="effilab-serve", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._httpd.serve_forever()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # -- request handling (called from handler threads) ---------------------------------------------------------
    def next_fault(self) -> int | None:
        with self._count_lock:
            return self._faults.popleft() if self._faults else None

    def complete(self, path: str, body: dict) -> tuple[int, dict]:
        with self._count_lock:
            self.requests.append(body)
        if body.get("model") != self.model_name:
            return 404, _error(f"The model '{body.get('model')}' does not exist; this server serves "
                               f"'{self.model_name}'", "model_not_found")
        chat = path.endswith("/chat/completions")
        prompt: Prompt | None = body.get("messages") if chat else body.get("prompt")
        if chat and not (isinstance(prompt, list) and all(isinstance(m, dict) for m in prompt)):
            return 400, _error("'messages' must be a list of {role, content} objects", "invalid_request_error")
        if not chat and not isinstance(prompt, str):
            return 400, _error("'prompt' must be a string", "invalid_request_error")
        stop = body.get("stop") or ()
        stop = (stop,) if isinstance(stop, str) else tuple(stop)
        try:
            n = int(body.get("n") or 1)
            params = dict(n=n, temperature=float(body.get("temperature", 1.0)), top_p=float(body.get("top_p", 1.0)),
                          top_k=body.get("top_k"), max_tokens=int(body.get("max_tokens") or 256), stop=stop,
                          seed=body.get("seed"))
        except (TypeError, ValueError) as exc:
            return 400, _error(f"bad sampling parameter: {exc}", "invalid_request_error")
        if self.latency_s:
            time.sleep(self.latency_s)
        try:
            with self._model_lock:
                completions = self.generator.generate([prompt], **params)[0]
        except Exception as exc:  # noqa: BLE001 - the model's failure becomes the client's 500
            return 500, _error(f"{type(exc).__name__}: {exc}", "server_error")
        choices = []
        for i, c in enumerate(completions):
            choice = {"index": i, "finish_reason": c.finish_reason or "stop"}
            choice.update({"message": {"role": "assistant", "content": c.text}} if chat else {"text": c.text})
            choices.append(choice)
        kind = "chat.completion" if chat else "text_completion"
        return 200, {"id": f"cmpl-{uuid.uuid4().hex[:12]}", "object": kind, "created": int(time.time()),
                     "model": self.model_name, "choices": choices}


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 refuses connections from a client with 32 in flight


def _error(message: str, code: str) -> dict:
    return {"error": {"message": message, "type": code, "code": code}}


def _handler(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: clients reuse connections as they would with a real server
        disable_nagle_algorithm = True  # headers and body are separate writes: Nagle + delayed ACK adds 40 ms

        def log_message(self, *_: object) -> None:  # quiet: tests and benchmarks print their own summaries
            pass

        def _send(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            if server.api_key is None or self.headers.get("Authorization") == f"Bearer {server.api_key}":
                return True
            self._send(401, _error("Incorrect API key provided", "invalid_api_key"))
            return False

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if not self._authorised():
                return
            if self.path.rstrip("/") == "/v1/models":
                self._send(200, {"object": "list", "data": [{"id": server.model_name, "object": "model",
                                                             "owned_by": "effilab"}]})
            else:
                self._send(404, _error(f"no route {self.path}", "not_found"))

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if not self._authorised():
                return
            fault = server.next_fault()
            if fault is not None:
                self._send(fault, _error(f"simulated HTTP {fault}", "simulated"), {"Retry-After": "0"})
                return
            if self.path not in ("/v1/chat/completions", "/v1/completions"):
                self._send(404, _error(f"no route {self.path}", "not_found"))
                return
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError as exc:
                self._send(400, _error(f"request body is not JSON: {exc}", "invalid_request_error"))
                return
            status, reply = server.complete(self.path, body if isinstance(body, dict) else {})
            self._send(status, reply)

    return Handler
