"""Random compositions of transforms: the augmented "views" of a program that contrastive training pulls together.

A view applies a random number (1..max_steps) of distinct transforms in a random order, each seeded from the view's
rng, so the same (code, seed) always gives the same view. Transforms that do not apply leave the code as it is;
a view may therefore equal the original, which contrastive training tolerates (ContraCode keeps the identity view).
Only semantics-preserving transforms by default: lossy ones change what the program does and are opt-in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from effilab.transforms import Transform, for_language


@dataclass(frozen=True)
class View:
    code: str
    applied: tuple[str, ...]  # registry names of the transforms that changed the code, in order


@dataclass
class ViewMaker:
    transforms: list[Transform]
    max_steps: int = 3
    failures: dict[str, int] = field(default_factory=dict)  # transform name -> times it raised (a bug, counted)

    @classmethod
    def for_language(cls, language: str, lossy: bool = False, names: list[str] | None = None,
                     max_steps: int = 3) -> ViewMaker:
        """Every preserving transform of `language` (plus the lossy ones with `lossy`), or only those in `names`."""
        chosen = for_language(language, preserving=None if lossy else True)
        if names:
            wanted = {n.split(".", 1)[-1] for n in names}
            chosen = [t for t in chosen if t.name in wanted]
        if not chosen:
            raise ValueError(f"no transforms for {language!r} (lossy={lossy}, names={names})")
        return cls(chosen, max_steps)

    def view(self, code: str, rng: random.Random) -> View:
        steps = rng.randint(1, max(1, min(self.max_steps, len(self.transforms))))
        applied = []
        for transform in rng.sample(self.transforms, steps):
            seed = rng.randrange(2**31)
            try:
                result = transform(code, seed)
            except Exception:  # a transform is total by contract; one that raises is skipped and counted
                key = f"{transform.language}.{transform.name}"
                self.failures[key] = self.failures.get(key, 0) + 1
                continue
            if result.applied and result.code != code:
                code = result.code
                applied.append(f"{transform.language}.{transform.name}")
        return View(code, tuple(applied))

    def pair(self, code: str, rng: random.Random) -> tuple[View, View]:
        """Two independent views of one program: a positive pair."""
        return self.view(code, rng), self.view(code, rng)
