"""The `Generator` protocol that every backend (OpenAI-compatible HTTP, local transformers, vLLM, scripted) follows.

Prompts are either plain text (completion endpoints, base models) or chat messages (a list of
{"role", "content"} dicts). `generate` returns, for each prompt, `n` completions in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Union

Message = dict[str, str]
Prompt = Union[str, list[Message]]


@dataclass(frozen=True)
class GenParams:
    """The sampling parameters as one value (a cache key, a config field)."""

    n: int = 1
    temperature: float = 0.0
    top_p: float = 1.0
    top_k: int | None = None
    max_tokens: int = 512
    stop: tuple[str, ...] = ()
    seed: int | None = None


@dataclass
class Completion:
    text: str
    finish_reason: str | None = None
    meta: dict = field(default_factory=dict)


class Generator(Protocol):
    name: str  # "<backend>:<model>", part of the generation cache key

    def generate(self, prompts: list[Prompt], n: int = 1, temperature: float = 0.0, top_p: float = 1.0,
                 top_k: int | None = None, max_tokens: int = 512, stop: tuple[str, ...] = (),
                 seed: int | None = None) -> list[list[Completion]]:
        """`n` completions per prompt, in prompt order (the fields of `GenParams`, spelt out)."""
        ...
