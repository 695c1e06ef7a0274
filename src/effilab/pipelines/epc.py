"""The EPC dataset (E-code's efficient program construction task): (NL description in five parts, slow code) ->
efficient code, built from Tasks (the bundled suite, GEC folders) as a chain of stages with per-stage counts.

The five parts follow E-code (Pan et al. 2024): title with tags, statement, input format, output format, I/O samples
with the note; one expert encoder reads each. Every (slow, efficient) reference pair of a task is one example; all of
the task's efficient codes travel with it as the references CodeBLEU takes its maximum over.

Uniformisation (E-code) puts every program in one surface style before the model sees it, so that it learns the
algorithmic change rather than naming and formatting: Python is parsed and unparsed (`ast`: comments, docstrings and
layout normalised) and, where the transforms registry has `python.uniformise_identifiers`, local names become
var1, var2, ... (the interface kept, so the program still passes its tests); C++ loses its comments (tree-sitter)
and blank lines. Code that does not parse is dropped at that stage (it could not be a correct reference).
`uniformise=False` is the "no uniformisation" ablation.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from effilab.tasks.io import DataError, iter_json_lines
from effilab.tasks.models import Description, Task

PARTS = ("title_tags", "statement", "input_format", "output_format", "samples_note")


@dataclass(frozen=True)
class EPCExample:
    task_id: str
    language: str
    parts: dict[str, str]  # one text per name of PARTS
    slow_code: str
    efficient_code: str  # the training target
    references: tuple[str, ...] = ()  # every efficient code of the task (CodeBLEU takes the max over them)
    slow_name: str = ""
    difficulty: str | None = None

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "references": list(self.references)}, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict, where: str = "") -> EPCExample:
        missing = [k for k in ("task_id", "language", "parts", "slow_code", "efficient_code") if k not in data]
        if missing:
            raise DataError(f"{where}: field '{missing[0]}' missing")
        if not isinstance(data["parts"], dict) or not all(isinstance(v, str) for v in data["parts"].values()):
            raise DataError(f"{where}: 'parts' must map part names to text")
        return cls(**{**data, "references": tuple(data.get("references") or (data["efficient_code"],))})


@dataclass(frozen=True)
class EPCConfig:
    uniformise: bool = True  # False: the "no uniformisation" ablation
    max_pairs_per_task: int | None = None  # cap on (slow, efficient) pairs per task
    languages: tuple[str, ...] = ("python", "cpp")


@dataclass
class StageCount:
    stage: str
    kept: int
    dropped: int = 0
    note: str = ""


@dataclass
class EPCBuild:
    examples: list[EPCExample]
    stages: list[StageCount] = field(default_factory=list)


def description_parts(description: Description | None, fallback_statement: str = "") -> dict[str, str]:
    """The five texts the experts read; an absent part is an empty string (its expert sees [CLS] [SEP] only)."""
    d = description or Description()
    title = d.title or ""
    tags = ", ".join(d.tags)
    samples = "\n".join(f"Input:\n{s.get('input', '').rstrip()}\nOutput:\n{s.get('output', '').rstrip()}"
                        for s in d.samples)
    note = f"Note: {d.note}" if d.note else ""
    return {
        "title_tags": f"{title}\nTags: {tags}" if tags else title,
        "statement": d.statement or fallback_statement,
        "input_format": d.input_format or "",
        "output_format": d.output_format or "",
        "samples_note": "\n".join(p for p in (samples, note) if p),
    }


def uniformise(code: str, language: str) -> str | None:
    """One surface style per language; None when the code does not parse."""
    if language == "python":
        try:
            tree = ast.parse(code)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return None
        for node in ast.walk(tree):  # drop docstrings: they are comments the model would copy
            body = getattr(node, "body", None)
            if (isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and body
                    and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)):
                node.body = body[1:] or [ast.Pass()]
        return _rename_identifiers(ast.unparse(tree) + "\n", language)
    if language == "cpp":
        return _uniformise_cpp(code)
    raise ValueError(f"no uniformisation for language {language!r}")


def _rename_identifiers(code: str, language: str) -> str:
    """The transforms registry's identifier uniformisation, when that transform is installed; else unchanged."""
    from effilab.registry import UnknownName
    from effilab.transforms import get

    try:
        transform = get(f"{language}.uniformise_identifiers")
    except (ImportError, UnknownName):
        return code
    result = transform(code, seed=0)
    return result.code if result.applied else code


def _uniformise_cpp(code: str) -> str | None:
    try:
        import tree_sitter
        import tree_sitter_cpp
    except ImportError as exc:
        raise ImportError("uniformising C++ needs tree-sitter-cpp; install it with: pip install 'effilab[ecode]'") \
            from exc
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_cpp.language()))
    data = code.encode("utf-8")
    tree = parser.parse(data)
    if tree.root_node.has_error:
        return None
    comments: list[tuple[int, int]] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "comment":
            comments.append((node.start_byte, node.end_byte))
        stack.extend(node.children)
    for start, end in sorted(comments, reverse=True):
        data = data[:start] + data[end:]
    lines = [line.rstrip() for line in data.decode("utf-8").splitlines()]
    return "\n".join(line for line in lines if line.strip()) + "\n"


def build_epc(tasks: Iterable[Task], config: EPCConfig = EPCConfig()) -> EPCBuild:
    """Tasks -> EPC examples, stage by stage, counting what each stage keeps and drops."""
    tasks = list(tasks)
    stages = [StageCount("tasks", len(tasks))]
    chosen = [t for t in tasks if t.language in config.languages]
    stages.append(StageCount("language", len(chosen), len(tasks) - len(chosen), ", ".join(config.languages)))
    described = [t for t in chosen if t.description is not None and (t.description.statement or t.prompt)]
    stages.append(StageCount("described", len(described), len(chosen) - len(described)))
    paired = [t for t in described if any(r.role == "efficient" for r in t.references)
              and any(r.role == "inefficient" for r in t.references)]
    stages.append(StageCount("has slow and efficient code", len(paired), len(described) - len(paired)))

    raw: list[EPCExample] = []
    for task in paired:
        efficient = [r.code for r in task.references if r.role == "efficient"]
        slow = [r for r in task.references if r.role == "inefficient"]
        pairs = [(s, e) for s in slow for e in efficient][:config.max_pairs_per_task]
        parts = description_parts(task.description, task.prompt)
        raw += [EPCExample(task.id, task.language, parts, s.code, e, tuple(efficient), s.name or "", task.difficulty)
                for s, e in pairs]
    stages.append(StageCount("pairs", len(raw), 0, "slow x efficient"))

    if config.uniformise:
        uniform = []
        for ex in raw:
            slow, eff = uniformise(ex.slow_code, ex.language), uniformise(ex.efficient_code, ex.language)
            refs = [u for u in (uniformise(r, ex.language) for r in ex.references) if u]
            if slow and eff:
                uniform.append(EPCExample(ex.task_id, ex.language, ex.parts, slow, eff, tuple(refs), ex.slow_name,
                                          ex.difficulty))
        stages.append(StageCount("uniformised", len(uniform), len(raw) - len(uniform), "dropped: does not parse"))
        raw = uniform

    seen: set[str] = set()
    unique = []
    for ex in raw:
        key = hashlib.sha256(f"{ex.task_id}\0{ex.slow_code}\0{ex.efficient_code}".encode()).hexdigest()
        if key in seen or _same_code(ex.slow_code, ex.efficient_code):
            continue
        seen.add(key)
        unique.append(ex)
    stages.append(StageCount("deduplicated", len(unique), len(raw) - len(unique), "and slow != efficient"))
    return EPCBuild(unique, stages)


def _same_code(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def split_by_task(examples: Sequence[EPCExample], test_share: float, seed: int = 0) -> tuple[list, list]:
    """Train/test split by task (a task's pairs never straddle the split), stable under reordering."""
    if not 0 <= test_share < 1:
        raise ValueError(f"test_share must be in [0, 1), got {test_share}")

    def bucket(task_id: str) -> float:
        digest = hashlib.sha256(f"{seed}:{task_id}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    train = [e for e in examples if bucket(e.task_id) >= test_share]
    test = [e for e in examples if bucket(e.task_id) < test_share]
    return train, test


def write_jsonl(examples: Iterable[EPCExample], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for ex in examples:
            handle.write(ex.to_json() + "\n")
            count += 1
    return count


def read_jsonl(path: Path) -> list[EPCExample]:
    out = []
    for number, obj in iter_json_lines(path):
        if not isinstance(obj, dict):
            raise DataError(f"{path}:{number}: expected a JSON object")
        out.append(EPCExample.from_dict(obj, f"{path}:{number}"))
    if not out:
        raise DataError(f"{path}: no EPC examples")
    return out
