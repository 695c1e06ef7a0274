"""A training corpus without downloads: functions harvested from any local source tree.

Python functions (module level and methods, dedented) come from `ast`; C/C++ function definitions from tree-sitter
(the `cpp` extra). Duplicates are dropped by a hash of the code with whitespace and comments normalised away
(Python: the AST dump; C/C++: the code with runs of whitespace collapsed), and functions outside the size bounds are
skipped. The Python standard library of the running interpreter is a good corpus: `sysconfig.get_paths()["stdlib"]`.
"""

from __future__ import annotations

import ast
import hashlib
import json
import textwrap
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

PY_SUFFIXES = {".py"}
CPP_SUFFIXES = {".c", ".cc", ".cpp", ".cxx", ".h", ".hpp"}


@dataclass(frozen=True)
class Function:
    id: str  # "<relative path>:<line>:<name>"
    code: str
    language: str


@dataclass
class HarvestStats:
    files: int = 0
    unreadable: int = 0  # files that did not decode or parse
    found: int = 0
    too_small: int = 0
    too_large: int = 0
    duplicates: int = 0
    kept: int = 0
    by_language: Counter = field(default_factory=Counter)


def _python_functions(source: str) -> Iterator[tuple[int, str, str]]:
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)  # sliced directly: ast.get_source_segment re-splits per call
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            segment = "".join(lines[start - 1:node.end_lineno])
            yield node.lineno, node.name, textwrap.dedent(segment)


def _cpp_functions(source: str) -> Iterator[tuple[int, str, str]]:
    try:
        import tree_sitter_cpp
        from tree_sitter import Language, Parser
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("harvesting C/C++ needs tree-sitter: pip install 'effilab[cpp]'") from exc
    parser = Parser(Language(tree_sitter_cpp.language()))
    data = source.encode("utf-8")
    stack = [parser.parse(data).root_node]
    while stack:
        node = stack.pop()
        if node.type == "function_definition":
            declarator = node.child_by_field_name("declarator")
            name = declarator.text.decode("utf-8", "replace").split("(")[0].strip() if declarator else "?"
            yield node.start_point[0] + 1, name, data[node.start_byte:node.end_byte].decode("utf-8", "replace")
        else:
            stack.extend(reversed(node.children))


def _dedup_key(code: str, language: str) -> str:
    if language == "python":
        try:
            text = ast.dump(ast.parse(code))
        except SyntaxError:
            text = " ".join(code.split())
    else:
        text = " ".join(code.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def harvest(root: Path, languages: tuple[str, ...] = ("python",), min_lines: int = 3, max_lines: int = 60,
            max_chars: int = 3000, limit: int | None = None, stats: HarvestStats | None = None) -> list[Function]:
    """Functions under `root`, deduplicated, with min_lines <= lines <= max_lines and at most max_chars characters."""
    root = Path(root)
    if not root.exists():
        raise ValueError(f"{root}: no such file or folder")
    stats = stats if stats is not None else HarvestStats()
    suffixes = (PY_SUFFIXES if "python" in languages else set()) | (CPP_SUFFIXES if "cpp" in languages else set())
    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in suffixes and p.is_file())
    seen: set[str] = set()
    kept: list[Function] = []
    for path in paths:
        language = "python" if path.suffix in PY_SUFFIXES else "cpp"
        stats.files += 1
        try:
            source = path.read_text(encoding="utf-8")
            found = list(_python_functions(source) if language == "python" else _cpp_functions(source))
        except (UnicodeDecodeError, SyntaxError, ValueError, RecursionError, OSError):
            stats.unreadable += 1
            continue
        rel = path.relative_to(root).as_posix() if root.is_dir() else path.name
        for line, name, code in found:
            stats.found += 1
            n_lines = len(code.splitlines())
            if n_lines < min_lines:
                stats.too_small += 1
                continue
            if n_lines > max_lines or len(code) > max_chars:
                stats.too_large += 1
                continue
            key = _dedup_key(code, language)
            if key in seen:
                stats.duplicates += 1
                continue
            seen.add(key)
            kept.append(Function(f"{rel}:{line}:{name}", code, language))
            stats.kept += 1
            stats.by_language[language] += 1
            if limit is not None and len(kept) >= limit:
                return kept
    return kept


def write_corpus(functions: list[Function], path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(asdict(f)) + "\n" for f in functions), encoding="utf-8")
    return path


def read_corpus(path: Path) -> list[Function]:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Function(str(r.get("id", i)), r["code"], r.get("language", "python")) for i, r in enumerate(rows)]
