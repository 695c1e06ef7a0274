"""Static checks on (untrusted) solution code by reading its AST, never running it: risky operations, whether a
task is algorithmic, and the conversion of script-style solutions into a function."""

from __future__ import annotations

import ast

# `sys` and `threading` are left out on purpose: competitive-programming solutions use sys.stdin,
# sys.setrecursionlimit and the threading stack-size trick all the time, and none of them reaches outside the process
RISKY_MODULES = {"os", "subprocess", "shutil", "socket", "requests", "urllib", "http", "ftplib", "smtplib",
                 "ctypes", "multiprocessing", "signal", "pty", "pathlib", "tempfile", "importlib", "pickle",
                 "marshal", "asyncio", "webbrowser", "telnetlib", "paramiko"}
RISKY_CALLS = {"eval", "exec", "compile", "__import__", "globals", "breakpoint", "getattr", "setattr", "delattr",
               "system", "popen", "remove", "unlink", "rmtree", "rmdir", "kill", "fork"}
WRITE_MODES = set("wax+")


def risky_operations(code: str) -> list[str]:
    """What in `code` could touch the world outside a pure computation: imports of process, file-system and network
    modules, dynamic evaluation, file writes. Empty when nothing was found; ["syntax error"] if it does not parse."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return ["syntax error"]
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] in RISKY_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in RISKY_MODULES:
            found.append(f"from {node.module} import")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in RISKY_CALLS:
                found.append(f"call {name}()")
            elif name == "open" and _opens_for_writing(node):
                found.append("open() for writing")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("__") and node.attr not in {"__init__",
                                                                                                  "__name__"}:
            found.append(f"dunder access .{node.attr}")
    return sorted(set(found))


def _opens_for_writing(call: ast.Call) -> bool:
    mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
    if mode is None:
        return False
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return bool(WRITE_MODES & set(mode.value))
    return True  # a computed mode: assume the worst


def looks_algorithmic(code: str) -> bool:
    """The static fallback of the algorithmic-task filter: the solution loops, recurses or comprehends over data.
    Straight-line code (string formatting, one library call) has nothing for an optimiser to improve."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    functions = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions:
            return True  # recursion or helper calls
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"sorted", "sum",
                                                                                              "min", "max"}:
            return True
    return False


def defines(code: str, name: str) -> bool:
    """Whether `code` defines the function (or `Class.method`) `name` at top level."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    head, _, method = name.partition(".")
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == head and not method:
            return True
        if isinstance(node, ast.ClassDef) and node.name == head and method:
            return any(isinstance(b, ast.FunctionDef) and b.name == method for b in node.body)
    return False


def script_to_function(code: str, name: str = "solve") -> str | None:
    """Turn a script that reads `input()` and `print`s into `def solve(stdin: str) -> str` with the same behaviour,
    so that it can be called, tested and measured like any function. None when `code` already defines functions
    at top level with statements only under `if __name__ == "__main__"`, or does not parse."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    statements = [n for n in tree.body if not isinstance(n, (ast.Import, ast.ImportFrom, ast.FunctionDef,
                                                             ast.ClassDef))]
    if not statements:
        return None
    imports = [ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    defs = [ast.unparse(n) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    body = "\n".join(ast.unparse(n) for n in statements)
    indented = "\n".join("        " + line if line else "" for line in body.splitlines())
    return "\n".join([
        *imports,
        *defs,
        "",
        f"def {name}(stdin: str) -> str:",
        "    _lines = iter(stdin.splitlines())",
        "    _out: list[str] = []",
        "",
        "    def input(prompt=''):",
        "        return next(_lines)",
        "",
        "    def print(*args, sep=' ', end='\\n', file=None):",
        "        _out.append(sep.join(map(str, args)) + end)",
        "",
        "    try:",
        indented,
        "    except StopIteration:",
        "        pass",
        "    return ''.join(_out)",
        "",
    ])
