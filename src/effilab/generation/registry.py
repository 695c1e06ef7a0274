"""Generators by name: `--model <backend>:<model>` picks a backend and hands it the rest of the spec.

Backends are lazy registry entries, so that `scripted:` never imports httpx and `transformers:` only imports torch
when used.
"""

from __future__ import annotations

from typing import Any

from effilab.generation.base import Generator
from effilab.registry import Registry

backends: Registry[Any] = Registry("generation backend")
backends.register_lazy("scripted", "effilab.generation.scripted:ScriptedGenerator")
backends.register_lazy("openai", "effilab.generation.openai_compat:OpenAIGenerator", extra="gen")
backends.register_lazy("transformers", "effilab.generation.transformers_backend:TransformersGenerator", extra="train")
backends.register_lazy("vllm", "effilab.generation.vllm_backend:VLLMGenerator", extra="vllm")


def get_generator(spec: str, **options: Any) -> Generator:
    """Build the generator for "<backend>:<model>" (e.g. "openai:gpt-4o-mini", "transformers:/models/tiny",
    "scripted:replies.jsonl"); `options` go to the backend's constructor (base_url, api_key, batch_size, ...)."""
    backend, sep, model = spec.partition(":")
    if not sep or not model:
        raise ValueError(f"a model is '<backend>:<model>', got {spec!r}; backends: {', '.join(backends.names())}")
    return backends.get(backend)(model, **options)
