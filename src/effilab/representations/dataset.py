"""Labelled sets of programs for retrieval evaluation: every program has a type; programs of one type are each
other's positives, everything else is a negative.

Three sources: a folder with one sub-folder per type (each file in it one program), a JSONL file (`label`, `code`,
optional `id` and `language`), and the bundled suite, where a task is a type holding its references and, optionally,
transformed variants of them (views made by semantics-preserving transforms).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from effilab.tasks.models import Task

SUFFIX_LANGUAGE = {".py": "python", ".c": "cpp", ".cc": "cpp", ".cpp": "cpp", ".cxx": "cpp", ".h": "cpp",
                   ".hpp": "cpp"}


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    code: str
    language: str = "python"
    origin: str = ""  # where it came from: "reference:efficient", "variant of ... via python.rename", a path


def from_folder(root: Path) -> list[Item]:
    """One sub-folder per type; every source file below it (by suffix) is one program of that type."""
    root = Path(root)
    if not root.is_dir():
        raise ValueError(f"{root}: not a folder")
    items = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(folder.rglob("*")):
            language = SUFFIX_LANGUAGE.get(path.suffix)
            if language and path.is_file():
                rel = path.relative_to(root).as_posix()
                items.append(Item(rel, folder.name, path.read_text(encoding="utf-8", errors="replace"), language, rel))
    if not items:
        raise ValueError(f"{root}: no source files in type sub-folders")
    return items


def from_jsonl(path: Path) -> list[Item]:
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "label" not in row or "code" not in row:
            raise ValueError(f"{path}:{n}: a row needs 'label' and 'code'")
        items.append(Item(str(row.get("id", f"{row['label']}/{n}")), str(row["label"]), row["code"],
                          row.get("language", "python"), row.get("origin", f"{path}:{n}")))
    return items


def write_jsonl(items: list[Item], path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(asdict(item)) + "\n" for item in items), encoding="utf-8")
    return path


ViewFn = Callable[[str, random.Random], tuple[str, tuple[str, ...]]]  # (code, rng) -> (variant, transforms applied)


def from_tasks(tasks: list[Task], variants: int = 0, view: ViewFn | None = None, seed: int = 0) -> list[Item]:
    """Each task is a type: its references, plus `variants` transformed copies of each reference made by `view`.

    A variant identical to its reference or to an earlier variant is dropped (the transforms found nothing to
    change), so a type may hold fewer than (1 + variants) programs per reference.
    """
    if variants and view is None:
        raise ValueError("variants need a view function")
    rng = random.Random(seed)
    items = []
    for task in tasks:
        for r_index, ref in enumerate(task.references):
            name = ref.name or f"{ref.role}{r_index}"
            items.append(Item(f"{task.id}/{name}", task.id, ref.code, task.language, f"reference:{ref.role}"))
            seen = {ref.code}
            for v in range(variants):
                code, applied = view(ref.code, random.Random(rng.randrange(2**31)))  # type: ignore[misc]
                if code in seen:
                    continue
                seen.add(code)
                items.append(Item(f"{task.id}/{name}~{v}", task.id, code, task.language,
                                  f"variant of {name} via {', '.join(applied)}"))
    return items


def split_labels(items: list[Item], test_fraction: float = 0.5, seed: int = 0) -> tuple[list[Item], list[Item]]:
    """Split by type, not by item: the test half holds types never seen in the train half."""
    labels = sorted({item.label for item in items})
    random.Random(seed).shuffle(labels)
    n_test = max(1, round(len(labels) * test_fraction)) if len(labels) > 1 else 0
    test = set(labels[:n_test])
    return [i for i in items if i.label not in test], [i for i in items if i.label in test]


def type_sizes(items: list[Item]) -> dict[str, int]:
    sizes: dict[str, int] = defaultdict(int)
    for item in items:
        sizes[item.label] += 1
    return dict(sizes)


def suite_view(language: str, lossy: bool = False, max_steps: int = 3) -> ViewFn:
    """A view function from the transform registry (imported here, on use, so that reading sets needs no transforms)."""
    from effilab.transforms.compose import ViewMaker

    maker = ViewMaker.for_language(language, lossy=lossy, max_steps=max_steps)

    def view(code: str, rng: random.Random) -> tuple[str, tuple[str, ...]]:
        made = maker.view(code, rng)
        return made.code, made.applied

    return view


def load_set(spec: str, variants: int = 0, split: str = "all", test_fraction: float = 0.5, split_seed: int = 0,
             seed: int = 0, lossy: bool = False) -> list[Item]:
    """A labelled set from a folder of type sub-folders, a JSONL file, or a task source (loader name, `loader:path`)
    whose tasks become types (with `variants` transformed copies of each reference); `split` keeps the "train"
    or "test" types of a split by type, or "all"."""
    path = Path(spec)
    if path.is_dir() and any(p.is_dir() for p in path.iterdir()) and not (path / "task.json").exists():
        items = from_folder(path)
    elif path.suffix == ".jsonl" and path.is_file():
        items = from_jsonl(path)
    else:
        from effilab.tasks.loaders import load_tasks

        tasks = load_tasks(spec)
        languages = {t.language for t in tasks}
        views = {lang: suite_view(lang, lossy) for lang in languages} if variants else {}
        items = []
        for lang in sorted(languages):
            chosen = [t for t in tasks if t.language == lang]
            items += from_tasks(chosen, variants, views.get(lang), seed)
    if split == "all":
        return items
    if split not in ("train", "test"):
        raise ValueError(f"split must be all, train or test, not {split!r}")
    train, test = split_labels(items, test_fraction, split_seed)
    return train if split == "train" else test
