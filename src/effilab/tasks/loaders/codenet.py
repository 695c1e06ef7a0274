"""CodeNet-style C++ problems: stdin/stdout tests plus accepted submissions, as a directory tree.

Two layouts are read (`codenet:<dir>`):

* simple: `<dir>/<problem>/input.N.txt` + `output.N.txt`, accepted programs in `<problem>/accepted/*.cpp`, an
  optional `problem.md` (first line the title), an optional workload (`workload.py` defining
  `generate(size, rng) -> stdin text`, and `workload.json` with `sizes` and `seed`);
* Project CodeNet's own: `<dir>/metadata/<problem>.csv` (submission_id, language, status, filename_ext, ...),
  sources in `<dir>/data/<problem>/<language>/<submission_id>.<ext>`, tests in
  `<dir>/derived/input_output/data/<problem>/input.txt|output.txt` (or numbered `input.N.txt`), statements in
  `<dir>/problem_descriptions/<problem>.html`. Only "Accepted" C++ submissions are kept.

Problems without tests or without an accepted program are left out (counted in `last_skipped`). Train/test
splits are made per problem (`split_tasks`), so no problem is in both.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

from effilab.tasks.io import DataError, validate
from effilab.tasks.models import Task

SOURCE = "codenet"
CPP_LANGUAGES = {"C++", "C++14", "C++17", "C++11", "C++ (GCC 9.2.1)", "C++ (Clang 10.0.0)"}
PROMPT = ("Write a complete C++17 program that reads from standard input and writes to standard output.\n\n"
          "{title}\n\n{statement}\n")
last_skipped: dict[str, str] = {}  # problem -> why it was left out, for the last load


def _number(path: Path) -> int:
    match = re.search(r"\.(\d+)\.txt$", path.name)
    return int(match.group(1)) if match else 0


def _tests(folder: Path) -> list[dict]:
    tests = []
    inputs = sorted(folder.glob("input*.txt"), key=_number)
    for stdin_path in inputs:
        expected = stdin_path.with_name(stdin_path.name.replace("input", "output", 1))
        if not expected.is_file():
            raise DataError(f"{stdin_path}: no matching {expected.name}")
        tests.append({"kind": "stdio", "name": stdin_path.stem, "stdin": _read(stdin_path),
                      "expected_stdout": _read(expected)})
    return tests


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return path.read_bytes().decode("latin-1")


def _workload(folder: Path) -> dict | None:
    generator = folder / "workload.py"
    if not generator.is_file():
        return None
    spec = json.loads(_read(folder / "workload.json")) if (folder / "workload.json").is_file() else {}
    return {"generator": _read(generator), "sizes": spec.get("sizes", [1]), "seed": spec.get("seed", 0)}


def _task(problem: str, title: str, statement: str, tests: list[dict], programs: list[tuple[str, str]],
          workload: dict | None, where: str) -> Task:
    return validate(Task, {
        "id": f"{SOURCE}/{problem}", "source": SOURCE, "language": "cpp",
        "prompt": PROMPT.format(title=title, statement=statement).strip() + "\n",
        "description": {"title": title, "statement": statement or None},
        "tests": tests, "workload": workload,
        "references": [{"code": code, "role": "canonical", "name": name} for name, code in programs],
        "metadata": {"original_id": problem},
    }, where)


def _load_simple(root: Path) -> list[Task]:
    tasks = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        programs = [(p.stem, _read(p)) for p in sorted((folder / "accepted").glob("*.cpp"))]
        tests = _tests(folder)
        if not tests or not programs:
            last_skipped[folder.name] = "no tests" if not tests else "no accepted program"
            continue
        title, statement = folder.name, ""
        if (folder / "problem.md").is_file():
            lines = _read(folder / "problem.md").strip().splitlines()
            title = lines[0].lstrip("# ").strip() if lines else folder.name
            statement = "\n".join(lines[1:]).strip()
        tasks.append(_task(folder.name, title, statement, tests, programs, _workload(folder), str(folder)))
    return tasks


def _strip_html(text: str) -> str:
    return re.sub(r"\s+\n", "\n", re.sub(r"<[^>]+>", "", text)).strip()


def _load_codenet(root: Path) -> list[Task]:
    tasks = []
    for meta in sorted((root / "metadata").glob("*.csv")):
        problem = meta.stem
        if problem == "problem_list":
            continue
        with meta.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        programs = []
        for row in rows:
            if row.get("status") != "Accepted" or row.get("language") not in CPP_LANGUAGES:
                continue
            ext = row.get("filename_ext") or "cpp"
            source = root / "data" / problem / row["language"] / f"{row['submission_id']}.{ext}"
            if source.is_file():
                programs.append((row["submission_id"], _read(source)))
        io_dir = root / "derived" / "input_output" / "data" / problem
        tests = _tests(io_dir) if io_dir.is_dir() else []
        if not tests or not programs:
            last_skipped[problem] = "no tests" if not tests else "no accepted C++ program"
            continue
        html = root / "problem_descriptions" / f"{problem}.html"
        statement = _strip_html(_read(html)) if html.is_file() else ""
        tasks.append(_task(problem, problem, statement, tests, programs, None, str(meta)))
    return tasks


def load(path: Path | None) -> list[Task]:
    if path is None:
        raise DataError("CodeNet is not bundled; pass its folder: 'codenet:<dir>'")
    if not path.is_dir():
        raise DataError(f"{path}: not a directory (CodeNet problems are folders)")
    last_skipped.clear()
    tasks = _load_codenet(path) if (path / "metadata").is_dir() else _load_simple(path)
    if not tasks:
        raise DataError(f"{path}: no problem with both tests and an accepted C++ program")
    return tasks


def split_tasks(tasks: Sequence[Task], test_fraction: float = 0.2, seed: int = 0) -> tuple[list[Task], list[Task]]:
    """(train, test) by problem: problems ordered by a seeded hash of their id, the first round(n * fraction) go to
    test. The same seed gives the same split on every machine; a problem is never on both sides."""
    if not 0.0 <= test_fraction <= 1.0:
        raise ValueError(f"test_fraction must lie in [0, 1], got {test_fraction}")
    ranked = sorted(tasks, key=lambda t: hashlib.sha256(f"{seed}:{t.id}".encode()).hexdigest())
    cut = round(len(ranked) * test_fraction)
    test_ids = {t.id for t in ranked[:cut]}
    return [t for t in tasks if t.id not in test_ids], [t for t in tasks if t.id in test_ids]
