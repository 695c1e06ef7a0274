"""The `openai` backend against a real OpenAI-protocol HTTP server on 127.0.0.1 (effilab's own `serve`)."""

import socket

import pytest

pytest.importorskip("httpx")

from effilab.generation.base import Completion  # noqa: E402
from effilab.generation.openai_compat import (  # noqa: E402
    AuthenticationError, GenerationError, OpenAIGenerator, UnknownModelError)
from effilab.generation.registry import get_generator  # noqa: E402
from effilab.generation.scripted import ScriptedGenerator, prompt_text  # noqa: E402
from effilab.generation.serve import OpenAIServer  # noqa: E402


def echo_model():
    return ScriptedGenerator(lambda prompt: [f"echo:{prompt_text(prompt)}", "second"])


def test_chat_and_completions_round_trip():
    with OpenAIServer(echo_model(), model_name="tiny") as server:
        gen = get_generator("openai:tiny", base_url=server.url, api_key="")
        chat = gen.generate(["hello", [{"role": "system", "content": "sys"}, {"role": "user", "content": "hi"}]],
                            n=2, temperature=0.7, seed=3)
        assert [c.text for c in chat[0]] == ["echo:hello", "second"]
        assert chat[1][0].text == "echo:sys\nhi"
        assert chat[0][0].meta["latency_s"] >= 0
        # the two prompts go out concurrently: find the first one's request by its messages, not by arrival order
        sent = next(r for r in server.requests if r["messages"] == [{"role": "user", "content": "hello"}])
        assert sent["n"] == 2 and sent["temperature"] == 0.7 and sent["seed"] == 3

        plain = OpenAIGenerator("tiny", base_url=server.url, endpoint="completions")
        out = plain.generate(["def f():<STOP>rest"], n=1, stop=("<STOP>",))
        assert out[0][0].text == "echo:def f():"
        assert server.requests[-1]["prompt"] == "def f():<STOP>rest"
        assert server.requests[-1]["stop"] == ["<STOP>"]


def test_retries_on_429_and_503_then_succeeds():
    with OpenAIServer(echo_model(), model_name="m", fail_first=(429, 503)) as server:
        gen = OpenAIGenerator("m", base_url=server.url, backoff_s=0.01)
        out = gen.generate(["x"])
        assert out[0][0].text == "echo:x"
        assert gen.stats == {"requests": 3, "retries": 2}


def test_gives_up_after_the_retry_budget():
    with OpenAIServer(echo_model(), model_name="m", fail_first=(500, 500, 500)) as server:
        gen = OpenAIGenerator("m", base_url=server.url, retries=1, backoff_s=0.01)
        with pytest.raises(GenerationError, match="gave up after 2 attempts.*HTTP 500"):
            gen.generate(["x"])


def test_bad_key_fails_at_once_with_a_clear_message():
    with OpenAIServer(echo_model(), model_name="m", api_key="right") as server:
        gen = OpenAIGenerator("m", base_url=server.url, api_key="wrong", backoff_s=0.01)
        with pytest.raises(AuthenticationError, match="OPENAI_API_KEY"):
            gen.generate(["x"])
        assert gen.stats["requests"] == 1  # not retried
        ok = OpenAIGenerator("m", base_url=server.url, api_key="right")
        assert ok.generate(["y"])[0][0].text == "echo:y"


def test_unknown_model_is_named():
    with OpenAIServer(echo_model(), model_name="served") as server:
        gen = OpenAIGenerator("other", base_url=server.url, backoff_s=0.01)
        with pytest.raises(UnknownModelError, match="'other'"):
            gen.generate(["x"])
        assert gen.stats["requests"] == 1


def test_environment_variables_give_url_and_key(monkeypatch):
    with OpenAIServer(echo_model(), model_name="m", api_key="k3y") as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_API_KEY", "k3y")
        assert get_generator("openai:m").generate(["z"])[0][0].text == "echo:z"


def test_slow_server_times_out_and_connection_refused_is_retried():
    with OpenAIServer(echo_model(), model_name="m", latency_s=1.0) as server:
        gen = OpenAIGenerator("m", base_url=server.url, timeout_s=0.2, retries=1, backoff_s=0.01)
        with pytest.raises(GenerationError, match="Timeout"):
            gen.generate(["x"])
        assert gen.stats["retries"] == 1
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    gen = OpenAIGenerator("m", base_url=f"http://127.0.0.1:{port}/v1", retries=2, backoff_s=0.01)
    with pytest.raises(GenerationError, match="gave up after 3 attempts.*ConnectError"):
        gen.generate(["x"])


class OneAtATime:
    """A model server that ignores `n` (as llama.cpp and Ollama do) and says which seed it got."""

    name = "one"

    def generate(self, prompts, n=1, seed=None, **_):
        return [[Completion(f"seed={seed}")] for _ in prompts]


def test_servers_that_ignore_n_are_topped_up_with_distinct_seeds():
    with OpenAIServer(OneAtATime(), model_name="one") as server:
        gen = OpenAIGenerator("one", base_url=server.url, concurrency=2)
        out = gen.generate(["a", "b"], n=3, seed=10)
        assert [c.text for c in out[0]] == ["seed=10", "seed=11", "seed=12"]
        assert len(out[1]) == 3 and len(server.requests) == 6
