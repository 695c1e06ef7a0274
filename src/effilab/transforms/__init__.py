"""Code transformations, one registry for every language.

A transform is total: it returns a `Transformed` whatever the input, with `applied=False` and a reason when it could
not apply (the code comes back unchanged). Each is tagged `preserving` (the program still does the same thing:
usable as a contrastive view or an augmentation that keeps the labels) or lossy (token deletion, error injection).
Seeded: the same (code, seed) gives the same output.

Language modules register their transforms on import; they are listed here lazily so that importing the registry
does not pull tree-sitter or libcst.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass

from effilab.registry import Registry, UnknownName


@dataclass(frozen=True)
class Transformed:
    code: str
    applied: bool
    reason: str = ""  # why it did not apply, or a note on what it did


@dataclass(frozen=True)
class Transform:
    name: str
    language: str  # "python" | "cpp" (C and C++ share one)
    preserving: bool
    fn: Callable[[str, random.Random], Transformed]
    doc: str = ""

    def __call__(self, code: str, seed: int = 0) -> Transformed:
        return self.fn(code, random.Random(seed))


transforms: Registry[Transform] = Registry("transform")

# modules that register transforms for a language, imported on first lookup of that language
LANGUAGE_MODULES = {"python": "effilab.transforms.python", "cpp": "effilab.transforms.c"}


def register(name: str, language: str, preserving: bool) -> Callable[[Callable], Callable]:
    """Decorator for `fn(code, rng) -> Transformed`; the registry name is `<language>.<name>`."""

    def decorate(fn: Callable[[str, random.Random], Transformed]) -> Callable:
        doc = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else ""
        transforms.register(f"{language}.{name}")(Transform(name, language, preserving, fn, doc))
        return fn

    return decorate


def _load_language(language: str) -> None:
    module = LANGUAGE_MODULES.get(language)
    if module is None:
        raise UnknownName(f"no transforms for language {language!r}; known: {', '.join(LANGUAGE_MODULES)}")
    importlib.import_module(module)


def for_language(language: str, preserving: bool | None = None) -> list[Transform]:
    """Every transform of a language, optionally only the preserving (True) or lossy (False) ones."""
    _load_language(language)
    found = [t for name, t in transforms.items() if t.language == language]
    return [t for t in found if preserving is None or t.preserving == preserving]


def get(name: str) -> Transform:
    """Look up `<language>.<name>`, importing that language's module first."""
    language = name.partition(".")[0]
    if language in LANGUAGE_MODULES:
        _load_language(language)
    return transforms.get(name)
