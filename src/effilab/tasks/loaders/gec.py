"""GEC (E-code's efficient-code corpus): one folder per problem with its description, tests, accepted and slow codes.

E-code (Pan et al. 2024) ships its data as a tree of problem folders. Two layouts exist; both are read here:

- **current**: `question dictionary.txt` (a dict literal with the description parts), `metadata.json` (difficulty,
  tags, language, ...), a folder of IO test cases (`IO test cases/`, `test_cases/` or `tests/`: pairs
  `<name>.in`/`<name>.out` or `input*.txt`/`output*.txt`, or one `*.json` list of {input, output}), `Accepted.json`
  (the efficient code: a string, a list of strings, or a list/dict of {code, time?}), and a folder of slow codes
  (`slow codes/`, `Slow codes/`, `slow/` or `inefficient/`, one program per file);
- **older**: `Title.txt`, `Problem description body.txt`, `Input description.txt`, `Output description.txt`,
  `I_O sample tests and Note description.txt`, with the same test, accepted and slow-code parts.

The dict literal is read with `ast.literal_eval` (never `eval`): a file holding anything but literals is refused.
Programs read stdin and write stdout, so tests are `stdio` tests and tasks have no entry point.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

from effilab.tasks.io import DataError, read_json, read_text, validate
from effilab.tasks.models import Task

QUESTION_FILE = "question dictionary.txt"
OLD_FILES = {
    "title": "Title.txt",
    "statement": "Problem description body.txt",
    "input_format": "Input description.txt",
    "output_format": "Output description.txt",
    "samples_note": "I_O sample tests and Note description.txt",
}
TEST_DIRS = ("IO test cases", "IO_test_cases", "test_cases", "tests")
SLOW_DIRS = ("slow codes", "Slow codes", "slow_codes", "slow", "inefficient")
CODE_SUFFIXES = {".py": "python", ".cpp": "cpp", ".cc": "cpp", ".cxx": "cpp"}

# keys a question dictionary may use for each description part (first found wins)
QUESTION_KEYS = {
    "title": ("title", "Title", "name"),
    "tags": ("tags", "Tags", "tag"),
    "statement": ("description", "Problem description body", "statement", "body", "problem"),
    "input_format": ("input", "Input description", "input_format", "input description"),
    "output_format": ("output", "Output description", "output_format", "output description"),
    "samples": ("samples", "sample tests", "I/O samples", "io_samples", "examples"),
    "note": ("note", "Note", "notes", "Note description"),
}


def _literal(text: str, where: str) -> Any:
    """A JSON or Python literal; anything that would need evaluation is refused."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        raise DataError(f"{where}: not a JSON or Python literal ({type(exc).__name__}: {exc})") from None


def _first(mapping: dict, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in mapping and mapping[key] not in (None, ""):
            return mapping[key]
    return None


def _text(value: Any, where: str, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    if not isinstance(value, str):
        raise DataError(f"{where}: field '{field}' must be text, got {type(value).__name__}")
    return value.strip() or None


def _samples(value: Any, where: str) -> list[dict[str, str]]:
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise DataError(f"{where}: field 'samples' must be a list of {{input, output}}")
    out = []
    for i, item in enumerate(value):
        if isinstance(item, dict) and "input" in item and "output" in item:
            out.append({"input": str(item["input"]), "output": str(item["output"])})
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            out.append({"input": str(item[0]), "output": str(item[1])})
        else:
            raise DataError(f"{where}: samples[{i}] must be {{input, output}} or an [input, output] pair")
    return out


def _tags(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [t.strip() for t in re.split(r"[,;]", value) if t.strip()]
    if isinstance(value, list) and all(isinstance(t, str) for t in value):
        return [t.strip() for t in value if t.strip()]
    raise DataError(f"{where}: field 'tags' must be a list of strings or a comma-separated string")


_HEADER = re.compile(r"^\s*(?:sample\s+)?(input|output|note)\s*\d*\s*:?\s*$", re.IGNORECASE)


def split_samples_note(text: str) -> tuple[list[dict[str, str]], str | None]:
    """The older layout keeps samples and the note in one file: lines 'Input', 'Output', 'Note' head the parts."""
    parts: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        header = _HEADER.match(line)
        if header:
            parts.append((header.group(1).lower(), []))
        elif parts:
            parts[-1][1].append(line)
    samples, note, pending = [], None, None
    for kind, lines in parts:
        body = "\n".join(lines).strip()
        if kind == "input":
            pending = body
        elif kind == "output" and pending is not None:
            samples.append({"input": pending + "\n", "output": body + "\n"})
            pending = None
        elif kind == "note":
            note = body or None
    return samples, note


def _description(folder: Path) -> dict:
    question = folder / QUESTION_FILE
    if question.exists():
        where = str(question)
        data = _literal(read_text(question), where)
        if not isinstance(data, dict):
            raise DataError(f"{where}: expected a dictionary")
        return {
            "title": _text(_first(data, QUESTION_KEYS["title"]), where, "title"),
            "tags": _tags(_first(data, QUESTION_KEYS["tags"]), where),
            "statement": _text(_first(data, QUESTION_KEYS["statement"]), where, "statement"),
            "input_format": _text(_first(data, QUESTION_KEYS["input_format"]), where, "input_format"),
            "output_format": _text(_first(data, QUESTION_KEYS["output_format"]), where, "output_format"),
            "samples": _samples(_first(data, QUESTION_KEYS["samples"]), where),
            "note": _text(_first(data, QUESTION_KEYS["note"]), where, "note"),
        }
    if (folder / OLD_FILES["title"]).exists():
        parts = {key: read_text(folder / name).strip() if (folder / name).exists() else None
                 for key, name in OLD_FILES.items()}
        samples, note = split_samples_note(parts.pop("samples_note") or "")
        return {**parts, "tags": [], "samples": samples, "note": note}
    raise DataError(f"{folder}: neither '{QUESTION_FILE}' nor '{OLD_FILES['title']}'")


def _io_tests(folder: Path) -> list[dict]:
    tests_dir = next((folder / d for d in TEST_DIRS if (folder / d).is_dir()), None)
    if tests_dir is None:
        return []
    tests = []
    json_files = sorted(tests_dir.glob("*.json"))
    for path in json_files:
        data = read_json(path)
        cases = data if isinstance(data, list) else [data]
        for i, case in enumerate(cases):
            if not isinstance(case, dict) or "input" not in case or "output" not in case:
                raise DataError(f"{path}: case {i} needs 'input' and 'output'")
            tests.append({"kind": "stdio", "name": f"{path.stem}_{i}", "stdin": str(case["input"]),
                          "expected_stdout": str(case["output"])})
    pairs = [(p, p.with_suffix(".out")) for p in sorted(tests_dir.glob("*.in"))]
    pairs += [(p, p.with_name(p.name.replace("input", "output", 1))) for p in sorted(tests_dir.glob("input*.txt"))]
    for stdin_path, stdout_path in pairs:
        if not stdout_path.exists():
            raise DataError(f"{stdin_path}: no matching output file {stdout_path.name}")
        tests.append({"kind": "stdio", "name": stdin_path.stem, "stdin": read_text(stdin_path),
                      "expected_stdout": read_text(stdout_path)})
    return tests


def _accepted(folder: Path) -> list[str]:
    path = folder / "Accepted.json"
    if not path.exists():
        return []
    data = read_json(path)
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict) and "code" not in data:  # {submission id: code or {code, time}}
        items = list(data.values())
    else:
        items = [data]
    codes = []
    for i, item in enumerate(items):
        code = item.get("code") if isinstance(item, dict) else item
        if not isinstance(code, str) or not code.strip():
            raise DataError(f"{path}: entry {i} has no code string")
        codes.append(code)
    return codes


def _language(folder: Path, meta: dict) -> str:
    lang = str(meta.get("language", "")).lower().replace("c++", "cpp").replace("python3", "python")
    if lang in ("python", "cpp"):
        return lang
    slow_dir = next((folder / d for d in SLOW_DIRS if (folder / d).is_dir()), None)
    suffixes = {p.suffix for p in slow_dir.iterdir()} if slow_dir else set()
    return "cpp" if suffixes & {".cpp", ".cc", ".cxx"} else "python"


def load_problem(folder: Path, source: str = "gec") -> Task:
    meta_path = folder / "metadata.json"
    meta = read_json(meta_path) if meta_path.exists() else {}
    if not isinstance(meta, dict):
        raise DataError(f"{meta_path}: expected a JSON object")
    description = _description(folder)
    if not description.get("tags") and meta.get("tags"):
        description["tags"] = _tags(meta["tags"], str(meta_path))
    # the samples are the visible tests (named sample_*, what efficiency-first selection may look at), the IO test
    # cases the hidden ones
    tests = [{"kind": "stdio", "name": f"sample_{i}", "stdin": s["input"], "expected_stdout": s["output"]}
             for i, s in enumerate(description["samples"])]
    tests += [{**t, "hidden": True} for t in _io_tests(folder)]
    if not tests:
        raise DataError(f"{folder}: no IO test cases and no samples")
    references = [{"code": c, "role": "efficient", "name": f"accepted_{i}"} for i, c in enumerate(_accepted(folder))]
    slow_dir = next((folder / d for d in SLOW_DIRS if (folder / d).is_dir()), None)
    for path in sorted(slow_dir.iterdir()) if slow_dir else []:
        if path.suffix in CODE_SUFFIXES and path.is_file():
            references.append({"code": read_text(path), "role": "inefficient", "name": path.stem})
    title = description.get("title") or folder.name
    statement = description.get("statement") or ""
    prompt = "\n\n".join(p for p in (title, statement, description.get("input_format") and "Input\n" +
                                     description["input_format"], description.get("output_format") and "Output\n" +
                                     description["output_format"]) if p)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", folder.name).strip("_") or "problem"
    difficulty = meta.get("difficulty")
    return validate(Task, {
        "id": f"{source}/{name}",
        "source": source,
        "language": _language(folder, meta),
        "prompt": prompt,
        "description": {k: v for k, v in description.items() if v},
        "tests": tests,
        "references": references,
        "difficulty": str(difficulty) if difficulty is not None else None,
        "tags": description.get("tags") or [],
        "metadata": {k: v for k, v in meta.items() if k not in ("tags", "difficulty")},
    }, str(folder))


def is_problem(folder: Path) -> bool:
    return folder.is_dir() and ((folder / QUESTION_FILE).exists() or (folder / OLD_FILES["title"]).exists())


def load(path: Path | None) -> list[Task]:
    """Every problem folder under `path` (searched recursively, so train/test splits may be sub-folders)."""
    if path is None:
        raise DataError("the gec loader needs a folder: gec:/path/to/GEC")
    if not path.is_dir():
        raise DataError(f"{path}: not a folder")
    if is_problem(path):
        return [load_problem(path)]
    folders = sorted({p.parent for name in (QUESTION_FILE, OLD_FILES["title"]) for p in path.rglob(name)})
    if not folders:
        raise DataError(f"{path}: no problem folders ('{QUESTION_FILE}' or '{OLD_FILES['title']}') found")
    tasks = [load_problem(f) for f in folders]
    seen: dict[str, Path] = {}
    for task, folder in zip(tasks, folders):
        if task.id in seen:  # same folder name in two splits: keep both, named by their relative path
            raise DataError(f"{folder}: problem name clashes with {seen[task.id]}; rename one")
        seen[task.id] = folder
    return tasks
