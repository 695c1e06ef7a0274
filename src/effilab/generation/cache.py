"""The generation cache: completions remembered in SQLite by (generator, prompt, sampling parameters, sample
index), so a rerun, or a run resumed after a crash, asks the model only for what it has not answered yet.

Asking for more samples later (n=4 after n=2) reuses the first two and asks for the rest. Greedy decoding
(temperature 0) is cached like sampling: the same question gets the same recorded answer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import threading
from pathlib import Path

from effilab.generation.base import Completion, GenParams, Generator, Prompt

_SCHEMA = """
CREATE TABLE IF NOT EXISTS generations (
    key TEXT NOT NULL, sample INTEGER NOT NULL, generator TEXT NOT NULL, text TEXT NOT NULL,
    finish_reason TEXT, meta TEXT NOT NULL, created REAL DEFAULT (julianday('now')),
    PRIMARY KEY (key, sample))
"""


def prompt_key(generator: str, prompt: Prompt, params: GenParams) -> str:
    """Everything that decides a completion except the sample index; `n` is left out on purpose."""
    fields = dataclasses.asdict(params)
    fields.pop("n")
    fields["stop"] = list(fields["stop"])
    body = json.dumps({"generator": generator, "prompt": prompt, "params": fields}, sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


class GenerationCache:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        self._db.commit()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> GenerationCache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, key: str, n: int) -> list[Completion]:
        with self._lock:
            rows = self._db.execute("SELECT sample, text, finish_reason, meta FROM generations WHERE key=? AND "
                                    "sample < ? ORDER BY sample", (key, n)).fetchall()
        out: list[Completion] = []
        for sample, text, finish, meta in rows:
            if sample != len(out):  # a gap: trust only the unbroken prefix
                break
            out.append(Completion(text, finish, {**json.loads(meta), "cached": True}))
        return out

    def put(self, key: str, generator: str, start: int, completions: list[Completion]) -> None:
        with self._lock:
            self._db.executemany(
                "INSERT OR REPLACE INTO generations (key, sample, generator, text, finish_reason, meta) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(key, start + i, generator, c.text, c.finish_reason, json.dumps(c.meta, default=str))
                 for i, c in enumerate(completions)])
            self._db.commit()


def cached_generate(generator: Generator, prompts: list[Prompt], params: GenParams,
                    cache: GenerationCache | None) -> list[list[Completion]]:
    """`generator.generate` through the cache: one call for all prompts that miss, grouped by how many samples
    each still needs (so a batch backend still sees batches)."""
    if cache is None:
        return generator.generate(prompts, **dataclasses.asdict(params))
    keys = [prompt_key(generator.name, p, params) for p in prompts]
    have = [cache.get(k, params.n) for k in keys]
    missing: dict[int, list[int]] = {}
    for i, got in enumerate(have):
        if len(got) < params.n:
            missing.setdefault(len(got), []).append(i)
        cache.hits += len(got)
    for start, indices in missing.items():
        ask = dataclasses.replace(params, n=params.n - start,
                                  seed=None if params.seed is None else params.seed + start)
        fresh = generator.generate([prompts[i] for i in indices], **dataclasses.asdict(ask))
        for i, completions in zip(indices, fresh):
            cache.put(keys[i], generator.name, start, completions)
            cache.misses += len(completions)
            have[i] = have[i] + completions
    return have
