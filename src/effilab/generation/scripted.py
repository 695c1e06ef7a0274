"""A generator that replays recorded replies: for tests, demos and re-scoring saved model outputs offline.

Replies come from a JSONL file (one object per line: `{"match": "<substring of the prompt>", "completions":
["...", ...]}`; an entry without `match` answers every prompt) or from a Python list or function. The i-th of
the `n` completions for a prompt is the i-th reply of the first matching entry, cycling when there are fewer.
It is deterministic and needs no model, which makes the whole improve flow testable end to end.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from effilab.generation.base import Completion, Prompt


def prompt_text(prompt: Prompt) -> str:
    """The text of a prompt: itself, or the contents of its chat messages joined by newlines."""
    return prompt if isinstance(prompt, str) else "\n".join(m.get("content", "") for m in prompt)


class ScriptedGenerator:
    def __init__(self, replies: str | Path | Sequence[str] | Callable[[Prompt], Sequence[str]], **_: object) -> None:
        """`replies`: a JSONL path (as above), a list of replies for every prompt, or a function prompt -> replies."""
        self.calls: list[Prompt] = []  # every prompt asked, in order (a run log: what the model was shown)
        if callable(replies):
            self.name, self._answer = "scripted:function", replies
            return
        if isinstance(replies, (str, Path)):
            path = Path(replies)
            if not path.is_file():
                raise FileNotFoundError(f"scripted replies file not found: {path}")
            entries = []
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                    completions = [str(c) for c in entry["completions"]]
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise ValueError(f"{path}:{number}: expected {{\"match\", \"completions\": [...]}}: {exc}") from exc
                entries.append((entry.get("match"), completions))
            self.name = f"scripted:{path.name}"
        else:
            entries, self.name = [(None, [str(r) for r in replies])], "scripted:list"

        def answer(prompt: Prompt) -> Sequence[str]:
            text = prompt_text(prompt)
            for match, completions in entries:
                if match is None or match in text:
                    return completions
            return []

        self._answer = answer

    def generate(self, prompts: list[Prompt], n: int = 1, temperature: float = 0.0, top_p: float = 1.0,
                 top_k: int | None = None, max_tokens: int = 512, stop: tuple[str, ...] = (),
                 seed: int | None = None) -> list[list[Completion]]:
        out = []
        for prompt in prompts:
            self.calls.append(prompt)
            replies = list(self._answer(prompt))
            if not replies:
                raise LookupError(f"{self.name}: no scripted reply matches the prompt {prompt_text(prompt)[:80]!r}")
            out.append([Completion(_cut(replies[i % len(replies)], stop), "stop") for i in range(n)])
        return out


def _cut(text: str, stop: tuple[str, ...]) -> str:
    """Apply stop sequences as a server would: the reply ends before the first one."""
    cut = min((i for i in (text.find(s) for s in stop if s) if i >= 0), default=len(text))
    return text[:cut]
