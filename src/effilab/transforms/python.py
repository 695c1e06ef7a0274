"""Python code transformations on `ast` and `tokenize` (no third-party parser needed).

Semantics-preserving transforms keep what the program computes (the suite's tests still pass: see
tests/transforms/test_python_semantics.py); lossy ones model the E-code variants (token deletion, Loop&Rec
extraction, line subsampling) or inject plausible mistakes (operator swap). Every transform is total: input that
does not parse, or that the transform has nothing to do with, comes back unchanged with `applied=False` and a reason.

Renaming is scope-aware: each binding (a name in the scope that binds it: module, function, lambda, comprehension,
class) is resolved the way Python resolves it (`global`, `nonlocal`, enclosing functions, class bodies not
enclosing their methods), so a local `list` in one function does not rename the builtin `list` in another.
Interface names are kept in the preserving renamers: module-level functions and classes, methods, class
attributes and the parameters of module-level functions and methods (a caller outside the code may use them by
keyword). Builtins, imported names, attributes and dunders are never renamed.
"""

from __future__ import annotations

import ast
import builtins
import copy
import io
import keyword
import random
import string
import tokenize
from collections.abc import Callable
from dataclasses import dataclass, field

from effilab.transforms import Transformed, register

BUILTINS = frozenset(dir(builtins))
# code that looks names up by string: renaming could change what it finds
DYNAMIC_LOOKUPS = frozenset({"eval", "exec", "locals", "globals", "vars", "getattr", "setattr", "hasattr",
                             "delattr", "__import__", "compile"})
FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
COMPREHENSION_NODES = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
SCOPE_NODES = (ast.Module, ast.ClassDef, *FUNCTION_NODES, *COMPREHENSION_NODES)


class NotApplicable(Exception):
    """The transform has nothing to do on this code (the message says why)."""


def _parse(code: str) -> ast.Module:
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError) as exc:  # ValueError: null bytes
        raise NotApplicable(f"does not parse: {exc.__class__.__name__}: {getattr(exc, 'msg', exc)}") from exc


def _unparse(tree: ast.AST) -> str:
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def _total(fn: Callable[[str, random.Random], str]) -> Callable[[str, random.Random], Transformed]:
    """Wrap `fn(code, rng) -> new code` so that it never raises and never returns code that does not parse."""

    def run(code: str, rng: random.Random) -> Transformed:
        try:
            new = fn(code, rng)
        except NotApplicable as exc:
            return Transformed(code, False, str(exc))
        except RecursionError:
            return Transformed(code, False, "code nested too deeply")
        if new == code:
            return Transformed(code, False, "nothing to change")
        return Transformed(new, True)

    run.__doc__ = fn.__doc__
    run.__name__ = fn.__name__
    return run


def _total_checked(fn: Callable[[str, random.Random], str]) -> Callable[[str, random.Random], Transformed]:
    """`_total` for preserving transforms: the output must parse too, or the input comes back."""

    def checked(code: str, rng: random.Random) -> str:
        new = fn(code, rng)
        try:
            ast.parse(new)
        except (SyntaxError, ValueError) as exc:
            raise NotApplicable(f"produced code that does not parse ({exc}); input kept") from exc
        return new

    checked.__doc__ = fn.__doc__
    checked.__name__ = fn.__name__
    return _total(checked)


def _fresh_names(tree: ast.AST) -> set[str]:
    """Every identifier-like string in the code, so that new names never collide."""
    taken = set(BUILTINS) | set(keyword.kwlist)
    for node in ast.walk(tree):
        for attr in ("id", "name", "arg", "attr", "asname"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                taken.add(value)
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            taken.update(node.names)
        if isinstance(node, ast.alias):
            taken.add(node.name.partition(".")[0])
    return taken


def _new_name(prefix: str, taken: set[str]) -> str:
    i = 1
    while f"{prefix}{i}" in taken:
        i += 1
    taken.add(f"{prefix}{i}")
    return f"{prefix}{i}"


# ---------------------------------------------------------------------------------------------------------------
# scope analysis


@dataclass(eq=False)
class Scope:
    node: ast.AST
    parent: Scope | None
    kind: str  # module | class | function | comprehension
    bound: dict[str, str] = field(default_factory=dict)  # name -> what binds it: param|def|class|import|assign
    globals_: set[str] = field(default_factory=set)
    nonlocals: set[str] = field(default_factory=set)
    interface: bool = False  # a module-level function or a method: its parameters are the caller's business

    def bind(self, name: str, how: str) -> None:
        if name in self.globals_ or name in self.nonlocals:
            return
        # a stronger reason not to rename wins (an import or a def stays what it is)
        if self.bound.get(name) not in ("import", "def", "class", "param"):
            self.bound[name] = how

    def resolve(self, name: str) -> Scope | None:
        """The scope whose binding `name` refers to from here (None: a builtin or undefined)."""
        if name in self.globals_:
            return self._module() if name in self._module().bound else None
        if name in self.bound:
            return self
        return self.resolve_free(name)

    def resolve_free(self, name: str) -> Scope | None:
        """Where a free (or `nonlocal`) name of this scope is bound: enclosing functions, class bodies skipped."""
        scope = self.parent
        while scope is not None and scope.kind != "module":
            if scope.kind != "class":
                if name in scope.globals_:
                    break
                if name in scope.bound:
                    return scope
            scope = scope.parent
        module = self._module()
        return module if name in module.bound and module is not self else None

    def _module(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope


class ScopeAnalysis:
    """Which scope binds each name, and which scope each Name/arg node is read or bound in."""

    def __init__(self, tree: ast.Module) -> None:
        self.scopes: dict[ast.AST, Scope] = {}
        self.where: dict[int, Scope] = {}  # id(node) -> scope it occurs in, for Name, arg, def, class nodes
        self.declarations: dict[int, Scope] = {}  # id(Global/Nonlocal node) -> the scope it stands in
        self._build(tree, None)

    def _new_scope(self, node: ast.AST, parent: Scope | None) -> Scope:
        kind = ("module" if isinstance(node, ast.Module) else "class" if isinstance(node, ast.ClassDef)
                else "comprehension" if isinstance(node, COMPREHENSION_NODES) else "function")
        scope = Scope(node, parent, kind)
        if kind == "function" and parent is not None and parent.kind in ("module", "class") \
                and not isinstance(node, ast.Lambda):
            scope.interface = True
        self.scopes[node] = scope
        return scope

    def _build(self, node: ast.AST, parent: Scope | None) -> None:
        scope = self._new_scope(node, parent)
        if isinstance(node, ast.Module):
            self._declarations(node.body, scope)
            for stmt in node.body:
                self._visit(stmt, scope)
        elif isinstance(node, ast.ClassDef):
            self._declarations(node.body, scope)
            for stmt in node.body:
                self._visit(stmt, scope)
        elif isinstance(node, FUNCTION_NODES):
            args = node.args
            for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
                if a is not None:
                    scope.bind(a.arg, "param")
                    self.where[id(a)] = scope
            if isinstance(node, ast.Lambda):
                self._visit(node.body, scope)
            else:
                self._declarations(node.body, scope)
                for stmt in node.body:
                    self._visit(stmt, scope)
        else:  # comprehension: the first iterable belongs to the enclosing scope (visited by the caller)
            for i, gen in enumerate(node.generators):
                self._bind_target(gen.target, scope)
                self._visit(gen.target, scope)
                if i > 0:
                    self._visit(gen.iter, scope)
                for cond in gen.ifs:
                    self._visit(cond, scope)
            if isinstance(node, ast.DictComp):
                self._visit(node.key, scope)
                self._visit(node.value, scope)
            else:
                self._visit(node.elt, scope)

    def _declarations(self, body: list[ast.stmt], scope: Scope) -> None:
        """`global`/`nonlocal` apply to the whole block, wherever they stand: collect them first."""
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for node in _walk_same_scope(stmt):
                if isinstance(node, ast.Global):
                    scope.globals_.update(node.names)
                    module = scope._module()
                    for name in node.names:
                        module.bind(name, "assign")
                elif isinstance(node, ast.Nonlocal):
                    scope.nonlocals.update(node.names)

    def _bind_target(self, target: ast.AST, scope: Scope) -> None:
        for node in ast.walk(target):
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                scope.bind(node.id, "assign")

    def _visit(self, node: ast.AST, scope: Scope) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for dec in node.decorator_list:
                self._visit(dec, scope)
            if isinstance(node, ast.ClassDef):
                for base in [*node.bases, *node.keywords]:
                    self._visit(base, scope)
                scope.bind(node.name, "class")
            else:
                for default in [*node.args.defaults, *[d for d in node.args.kw_defaults if d is not None]]:
                    self._visit(default, scope)
                for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs, node.args.vararg,
                          node.args.kwarg]:
                    if a is not None and a.annotation is not None:
                        self._visit(a.annotation, scope)
                if node.returns is not None:
                    self._visit(node.returns, scope)
                scope.bind(node.name, "def")
            self.where[id(node)] = scope
            self._build(node, scope)
            return
        if isinstance(node, ast.Lambda):
            for default in [*node.args.defaults, *[d for d in node.args.kw_defaults if d is not None]]:
                self._visit(default, scope)
            self._build(node, scope)
            return
        if isinstance(node, COMPREHENSION_NODES):
            self._visit(node.generators[0].iter, scope)
            self._build(node, scope)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                scope.bind(alias.asname or alias.name.partition(".")[0], "import")
            return
        if isinstance(node, ast.Name):
            self.where[id(node)] = scope
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                scope.bind(node.id, "assign")
            return
        if isinstance(node, ast.NamedExpr):  # the walrus binds in the nearest non-comprehension scope
            target_scope = scope
            while target_scope.kind == "comprehension" and target_scope.parent is not None:
                target_scope = target_scope.parent
            target_scope.bind(node.target.id, "assign")
            self.where[id(node.target)] = scope
            self._visit(node.value, scope)
            return
        if isinstance(node, ast.ExceptHandler) and node.name:
            scope.bind(node.name, "assign")
            self.where[id(node)] = scope
        if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            scope.bind(node.name, "assign")
            self.where[id(node)] = scope
        if isinstance(node, ast.MatchMapping) and node.rest:
            scope.bind(node.rest, "assign")
            self.where[id(node)] = scope
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            self.declarations[id(node)] = scope
            return
        for child in ast.iter_child_nodes(node):
            self._visit(child, scope)


def _walk_same_scope(node: ast.AST):
    """Nodes under `node` that belong to the same scope (not descending into nested functions/classes)."""
    yield node
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (*FUNCTION_NODES, ast.ClassDef)):
            continue
        yield from _walk_same_scope(child)


def _dynamic(tree: ast.AST) -> str | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in DYNAMIC_LOOKUPS:
            return node.id
    return None


def _rename(code: str, rng: random.Random, name_for: Callable[[str, str, set[str], random.Random], str],
            keep_interface: bool) -> str:
    """Rename every renamable binding; `name_for(kind, old, taken, rng)` picks a fresh name."""
    tree = _parse(code)
    dynamic = _dynamic(tree)
    if dynamic:
        raise NotApplicable(f"the code calls {dynamic}(), which may look names up by string")
    analysis = ScopeAnalysis(tree)
    mapping: dict[tuple[int, str], str] = {}  # (id(binding scope), old) -> new
    param_maps: dict[int, dict[str, str]] = {}  # id(function node) -> its renamed parameters

    def renamable(scope: Scope, name: str) -> bool:
        how = scope.bound.get(name)
        if how is None or how == "import" or scope.kind == "class":
            return False
        if name.startswith("__") and name.endswith("__"):
            return False
        if keep_interface and scope.kind == "module" and how in ("def", "class"):
            return False
        if keep_interface and how == "param" and scope.interface:
            return False
        return True

    # visit in source order so that var1, var2... follow first appearance (deterministic and idempotent)
    order: list[tuple[Scope, str]] = []
    seen: set[tuple[int, str]] = set()
    for node in _source_order(tree):
        scope = analysis.where.get(id(node))
        if scope is None:
            continue
        name = _binding_name(node)
        if name is None:
            continue
        owner = scope if isinstance(node, ast.arg) else (
            scope.resolve(name) if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            else scope)
        if owner is None or (id(owner), name) in seen:
            continue
        seen.add((id(owner), name))
        order.append((owner, name))
    chosen = [(owner, name) for owner, name in order if renamable(owner, name)]
    # names that stay visible in some namespace: never reuse them (names only renamed are free to reuse, which
    # makes uniformisation idempotent)
    chosen_keys = {(id(owner), name) for owner, name in chosen}
    taken = set(BUILTINS) | set(keyword.kwlist)
    for node in ast.walk(tree):
        name = _binding_name(node)
        scope = analysis.where.get(id(node))
        if name is None:
            if isinstance(node, ast.alias):
                taken.add(node.asname or node.name.partition(".")[0])
            continue
        owner = None if scope is None else scope if isinstance(
            node, (ast.arg, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else scope.resolve(name)
        if owner is None or (id(owner), name) not in chosen_keys:
            taken.add(name)
    for owner, name in chosen:
        how = owner.bound[name]
        kind = "function" if how == "def" else "class" if how == "class" else "var"
        mapping[(id(owner), name)] = name_for(kind, name, taken, rng)
    if not mapping:
        raise NotApplicable("no renamable names")

    # parameters of functions called by keyword: rename the keywords too, only where every use is a call
    for node, scope in analysis.scopes.items():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            renamed = {name: mapping[(id(scope), name)] for name, how in scope.bound.items()
                       if how == "param" and (id(scope), name) in mapping}
            if renamed:
                param_maps[id(node)] = renamed

    def_owner: dict[tuple[int, str], ast.AST] = {}
    for node, scope in analysis.scopes.items():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and scope.parent is not None:
            def_owner[(id(scope.parent), node.name)] = node
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.keywords:
            scope = analysis.where.get(id(node.func))
            owner = scope.resolve(node.func.id) if scope else None
            target = def_owner.get((id(owner), node.func.id)) if owner else None
            if target is not None and id(target) in param_maps:
                renamed = param_maps[id(target)]
                for kw in node.keywords:
                    if kw.arg in renamed:
                        kw.arg = renamed[kw.arg]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.keywords:
            # a method of this code called by keyword: map it when exactly one def has that name
            targets = [n for n in def_owner.values() if getattr(n, "name", None) == node.func.attr]
            if len(targets) == 1 and id(targets[0]) in param_maps:
                renamed = param_maps[id(targets[0])]
                for kw in node.keywords:
                    if kw.arg in renamed:
                        kw.arg = renamed[kw.arg]

    for node in ast.walk(tree):
        scope = analysis.where.get(id(node))
        if scope is None:
            continue
        name = _binding_name(node)
        if name is None:
            continue
        if isinstance(node, ast.arg):
            owner = scope
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            owner = scope
        else:
            owner = scope.resolve(name)
        new = mapping.get((id(owner), name)) if owner is not None else None
        if new is None:
            continue
        _set_binding_name(node, new)
    # global / nonlocal statements name module / enclosing bindings
    for node in ast.walk(tree):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            scope = analysis.declarations[id(node)]
            owners = [scope._module() if isinstance(node, ast.Global) else scope.resolve_free(name)
                      for name in node.names]
            node.names = [mapping.get((id(owner), name), name) for owner, name in zip(owners, node.names)]
    return _unparse(tree)


def _binding_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.arg):
        return node.arg
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.MatchAs, ast.MatchStar)):
        return node.name
    if isinstance(node, ast.ExceptHandler):
        return node.name
    if isinstance(node, ast.MatchMapping):
        return node.rest
    return None


def _set_binding_name(node: ast.AST, new: str) -> None:
    if isinstance(node, ast.Name):
        node.id = new
    elif isinstance(node, ast.arg):
        node.arg = new
    elif isinstance(node, ast.MatchMapping):
        node.rest = new
    else:
        node.name = new


def _source_order(tree: ast.AST) -> list[ast.AST]:
    nodes = [n for n in ast.walk(tree) if hasattr(n, "lineno")]
    return sorted(nodes, key=lambda n: (n.lineno, n.col_offset))


def _uniform_name(kind: str, old: str, taken: set[str], rng: random.Random) -> str:
    return _new_name(kind, taken)


def _random_name(kind: str, old: str, taken: set[str], rng: random.Random) -> str:
    while True:
        length = rng.randint(1, 3)
        name = rng.choice(string.ascii_lowercase) + "".join(
            rng.choice(string.ascii_lowercase + string.digits) for _ in range(length))
        if name not in taken:
            taken.add(name)
            return name


@register("uniformise_identifiers", "python", preserving=True)
@_total_checked
def uniformise_identifiers(code: str, rng: random.Random) -> str:
    """Rename local variables and nested functions to var1.., function1.. (interface names kept; idempotent)."""
    return _rename(code, rng, _uniform_name, keep_interface=True)


@register("uniformise_all", "python", preserving=False)
@_total_checked
def uniformise_all(code: str, rng: random.Random) -> str:
    """E-code's uniformisation: every function, class, variable and parameter renamed (the entry point changes)."""
    return _rename(code, rng, _uniform_name, keep_interface=False)


@register("rename_variables", "python", preserving=True)
@_total_checked
def rename_variables(code: str, rng: random.Random) -> str:
    """Rename local variables and nested functions to random short names (seeded; interface names kept)."""
    return _rename(code, rng, _random_name, keep_interface=True)


# ---------------------------------------------------------------------------------------------------------------
# layout: reformat, compress, comments and docstrings


@register("reformat", "python", preserving=True)
@_total_checked
def reformat(code: str, rng: random.Random) -> str:
    """Canonical layout through `ast.unparse` (drops comments, normalises quotes, spacing and parentheses)."""
    return _unparse(_parse(code))


@register("compress", "python", preserving=True)
@_total_checked
def compress(code: str, rng: random.Random) -> str:
    """Canonical layout with one-space indentation, no blank lines and no comments: the fewest tokens of layout."""
    text = _unparse(_parse(code))
    in_string = _lines_inside_strings(text)
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if number in in_string:
            lines.append(line)
            continue
        if not line.strip():
            continue
        stripped = line.lstrip(" ")
        lines.append(" " * ((len(line) - len(stripped)) // 4) + stripped)
    return "\n".join(lines) + "\n"


def _lines_inside_strings(text: str) -> set[int]:
    """Line numbers that continue a multi-line string (their leading spaces are data)."""
    inside: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.STRING and tok.end[0] > tok.start[0]:
            inside.update(range(tok.start[0] + 1, tok.end[0] + 1))
    return inside


@register("strip_comments", "python", preserving=True)
@_total_checked
def strip_comments(code: str, rng: random.Random) -> str:
    """Remove `#` comments, keeping the layout of everything else."""
    _parse(code)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError) as exc:
        raise NotApplicable(f"does not tokenize: {exc}") from exc
    comments = [t for t in tokens if t.type == tokenize.COMMENT]
    if not comments:
        raise NotApplicable("no comments")
    lines = code.splitlines(keepends=True)
    for tok in reversed(comments):  # cut each comment out of its line, right to left
        row, col = tok.start
        line = lines[row - 1]
        ending = "\n" if line.endswith("\n") else ""
        kept = line[:col].rstrip()
        lines[row - 1] = (kept + ending) if kept else ("" if col == len(line) - len(line.lstrip()) else ending)
    return "".join(lines)


def _docstring_holders(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                yield node


@register("strip_docstrings", "python", preserving=True)
@_total_checked
def strip_docstrings(code: str, rng: random.Random) -> str:
    """Remove module, class and function docstrings (and, through unparse, comments)."""
    tree = _parse(code)
    holders = list(_docstring_holders(tree))
    if not holders:
        raise NotApplicable("no docstrings")
    for node in holders:
        node.body = node.body[1:] or [ast.Pass()]
    return _unparse(tree)


# ---------------------------------------------------------------------------------------------------------------
# statement-level rewrites


def _function_bodies(tree: ast.AST) -> list[list[ast.stmt]]:
    """Every statement list in the code (module, function, loop, branch bodies...)."""
    bodies = []
    for node in ast.walk(tree):
        for attr in ("body", "orelse", "finalbody"):
            value = getattr(node, attr, None)
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                bodies.append(value)
        if isinstance(node, ast.Try):
            bodies.extend(h.body for h in node.handlers)
    return bodies


DEAD_CODE_TEMPLATES = (
    "if False:\n    {name} = 0",
    "{name} = 0",
    "while False:\n    pass",
    "for {name} in ():\n    pass",
    "if {name2} := 0:\n    pass",
)


@register("insert_dead_code", "python", preserving=True)
@_total_checked
def insert_dead_code(code: str, rng: random.Random) -> str:
    """Insert a statement that does nothing observable (a never-taken branch, an unused variable) in a body."""
    tree = _parse(code)
    bodies = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            bodies.append(node.body)
    if not bodies:
        bodies = [tree.body]
    taken = _fresh_names(tree)
    body = rng.choice(bodies)
    start = 1 if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None),
                                                                       ast.Constant) else 0
    if body is tree.body:  # keep `from __future__` imports first
        while start < len(body) and isinstance(body[start], ast.ImportFrom) and body[start].module == "__future__":
            start += 1
    position = rng.randint(start, len(body))
    template = rng.choice(DEAD_CODE_TEMPLATES)
    snippet = ast.parse(template.format(name=_new_name("_unused", taken), name2=_new_name("_unused", taken))).body
    body[position:position] = snippet
    return _unparse(tree)


def _names_in(node: ast.AST) -> tuple[set[str], set[str]]:
    reads, writes = set(), set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            (writes if isinstance(n.ctx, (ast.Store, ast.Del)) else reads).add(n.id)
    return reads, writes


def _pure_assignment(stmt: ast.stmt) -> bool:
    """An assignment to plain names from an expression without calls, attribute or item access, or yields."""
    if isinstance(stmt, ast.Assign):
        targets, value = stmt.targets, stmt.value
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) and stmt.value is not None:
        targets, value = [stmt.target], stmt.value
    else:
        return False
    for target in targets:
        if not all(isinstance(n, (ast.Name, ast.Tuple, ast.List, ast.Store, ast.Starred)) for n in ast.walk(target)):
            return False
    impure = (ast.Call, ast.Attribute, ast.Subscript, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr,
              ast.Lambda, *COMPREHENSION_NODES, ast.BinOp)
    # BinOp is excluded: operands may be user objects with side-effecting operators; constants and names are safe
    return not any(isinstance(n, impure) for n in ast.walk(value)) or _constant_arithmetic(value)


def _constant_arithmetic(value: ast.AST) -> bool:
    return all(isinstance(n, (ast.BinOp, ast.UnaryOp, ast.Constant, ast.operator, ast.unaryop)) for n in ast.walk(value))


@register("reorder_statements", "python", preserving=True)
@_total_checked
def reorder_statements(code: str, rng: random.Random) -> str:
    """Swap two adjacent independent assignments (plain names, no calls, neither reads what the other writes)."""
    tree = _parse(code)
    candidates = []
    for body in _function_bodies(tree):
        for i in range(len(body) - 1):
            a, b = body[i], body[i + 1]
            if not (_pure_assignment(a) and _pure_assignment(b)):
                continue
            ra, wa = _names_in(a)
            rb, wb = _names_in(b)
            if isinstance(a, ast.AugAssign):
                ra |= wa
            if isinstance(b, ast.AugAssign):
                rb |= wb
            if wa & (rb | wb) or wb & ra:
                continue
            candidates.append((body, i))
    if not candidates:
        raise NotApplicable("no two adjacent independent assignments")
    body, i = rng.choice(candidates)
    body[i], body[i + 1] = body[i + 1], body[i]
    return _unparse(tree)


def _loop_statements(body: list[ast.stmt], kinds: tuple[type, ...]):
    """Statements of `kinds` that belong to this loop (not to a nested loop or function)."""
    for stmt in body:
        for node in _walk_loop_level(stmt):
            if isinstance(node, kinds):
                yield node


def _walk_loop_level(node: ast.AST):
    yield node
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.For, ast.AsyncFor, ast.While, *FUNCTION_NODES, ast.ClassDef)):
            continue
        yield from _walk_loop_level(child)


def _used_outside(name: str, scope_node: ast.AST, inside: ast.AST) -> bool:
    inner = {id(n) for n in ast.walk(inside)}
    for node in ast.walk(scope_node):
        if id(node) in inner:
            continue
        if isinstance(node, ast.Name) and node.id == name:
            return True
        if isinstance(node, ast.arg) and node.arg == name:
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return True
    return False


def _enclosing_scopes(tree: ast.Module) -> dict[int, ast.AST]:
    """id(statement) -> the function (or module) whose body holds it."""
    owner: dict[int, ast.AST] = {}

    def visit(node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            owner[id(child)] = scope
            visit(child, child if isinstance(child, (*FUNCTION_NODES, ast.ClassDef)) else scope)

    visit(tree, tree)
    return owner


@register("for_to_while", "python", preserving=True)
@_total_checked
def for_to_while(code: str, rng: random.Random) -> str:
    """`for i in range(a, b[, step])` becomes a `while` loop with an explicit counter (where provably the same)."""
    tree = _parse(code)
    owners = _enclosing_scopes(tree)
    shadowed = _shadows(tree, "range")
    found = []
    for body in _function_bodies(tree):
        for i, stmt in enumerate(body):
            if not (isinstance(stmt, ast.For) and not stmt.orelse and isinstance(stmt.target, ast.Name)):
                continue
            call = stmt.iter
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "range"
                    and not call.keywords and 1 <= len(call.args) <= 3 and not shadowed
                    and not any(isinstance(a, ast.Starred) for a in call.args)):
                continue
            step = 1
            if len(call.args) == 3:
                s = call.args[2]
                if not (isinstance(s, ast.Constant) and type(s.value) is int and s.value != 0):
                    if isinstance(s, ast.UnaryOp) and isinstance(s.op, ast.USub) and isinstance(s.operand, ast.Constant) \
                            and type(s.operand.value) is int and s.operand.value > 0:
                        step = -s.operand.value
                    else:
                        continue
                else:
                    step = s.value
            var = stmt.target.id
            if any(True for _ in _loop_statements(stmt.body, (ast.Continue,))):
                continue
            _, writes = _names_in(ast.Module(body=stmt.body, type_ignores=[]))
            if var in writes or any(isinstance(n, (ast.Global, ast.Nonlocal)) for n in ast.walk(stmt)):
                continue
            if _used_outside(var, owners[id(stmt)], stmt):
                continue
            found.append((body, i, stmt, step))
    if not found:
        raise NotApplicable("no `for ... in range(...)` loop that a while loop can replace exactly")
    body, i, stmt, step = rng.choice(found)
    taken = _fresh_names(tree)
    var = stmt.target.id
    args = stmt.iter.args
    start = args[0] if len(args) >= 2 else ast.Constant(0)
    stop = args[1] if len(args) >= 2 else args[0]
    stop_name = _new_name("_stop", taken)
    compare = ast.Lt() if step > 0 else ast.Gt()
    prelude = [ast.Assign(targets=[ast.Name(var, ast.Store())], value=start),
               ast.Assign(targets=[ast.Name(stop_name, ast.Store())], value=stop)]
    loop = ast.While(
        test=ast.Compare(left=ast.Name(var, ast.Load()), ops=[compare], comparators=[ast.Name(stop_name, ast.Load())]),
        body=[*stmt.body, ast.AugAssign(target=ast.Name(var, ast.Store()), op=ast.Add(), value=ast.Constant(step))],
        orelse=[])
    body[i:i + 1] = [*prelude, loop]
    return _unparse(tree)


def _shadows(tree: ast.AST, name: str) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
        if isinstance(node, ast.arg) and node.arg == name:
            return True
        if isinstance(node, ast.alias) and (node.asname or node.name) == name:
            return True
    return False


@register("comprehension_to_loop", "python", preserving=True)
@_total_checked
def comprehension_to_loop(code: str, rng: random.Random) -> str:
    """`x = [e for t in it if c]` (list, set or dict) becomes an explicit loop that appends (or adds, or stores)."""
    tree = _parse(code)
    owners = _enclosing_scopes(tree)
    found = []
    for body in _function_bodies(tree):
        for i, stmt in enumerate(body):
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                    and isinstance(stmt.value, (ast.ListComp, ast.SetComp, ast.DictComp))):
                continue
            comp = stmt.value
            name = stmt.targets[0].id
            reads, _ = _names_in(comp)
            if name in reads or any(isinstance(n, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr))
                                    for n in ast.walk(comp)) or any(g.is_async for g in comp.generators):
                continue
            targets = set()
            for gen in comp.generators:
                targets |= _names_in(gen.target)[1]
            if any(_used_outside(t, owners[id(stmt)], stmt) for t in targets) or name in targets:
                continue
            found.append((body, i, stmt))
    if not found:
        raise NotApplicable("no assignment of a comprehension that a loop can replace")
    body, i, stmt = rng.choice(found)
    taken = _fresh_names(tree)
    comp, name = stmt.value, stmt.targets[0].id
    # the loop runs in the function's scope: give the comprehension's own variables fresh names there
    renames = {}
    for gen in comp.generators:
        for t in sorted(_names_in(gen.target)[1]):
            renames[t] = _new_name("_item", taken)
    comp = copy.deepcopy(comp)
    for node in ast.walk(comp):
        if isinstance(node, ast.Name) and node.id in renames:
            node.id = renames[node.id]
    if isinstance(comp, ast.ListComp):
        init, add = "[]", ast.parse(f"{name}.append(0)").body[0]
        add.value.args = [comp.elt]
    elif isinstance(comp, ast.SetComp):
        init, add = "set()", ast.parse(f"{name}.add(0)").body[0]
        add.value.args = [comp.elt]
    else:
        init = "{}"
        add = ast.Assign(targets=[ast.Subscript(ast.Name(name, ast.Load()), comp.key, ast.Store())], value=comp.value)
    inner: ast.stmt = add
    for gen in reversed(comp.generators):
        for cond in reversed(gen.ifs):
            inner = ast.If(test=cond, body=[inner], orelse=[])
        inner = ast.For(target=gen.target, iter=gen.iter, body=[inner], orelse=[])
    body[i:i + 1] = [ast.parse(f"{name} = {init}").body[0], inner]
    return _unparse(tree)


@register("loop_to_comprehension", "python", preserving=True)
@_total_checked
def loop_to_comprehension(code: str, rng: random.Random) -> str:
    """`x = []` then `for t in it: [if c:] x.append(e)` becomes `x = [e for t in it if c]`."""
    tree = _parse(code)
    owners = _enclosing_scopes(tree)
    found = []
    for body in _function_bodies(tree):
        for i in range(len(body) - 1):
            init, loop = body[i], body[i + 1]
            if not (isinstance(init, ast.Assign) and len(init.targets) == 1 and isinstance(init.targets[0], ast.Name)
                    and isinstance(init.value, ast.List) and not init.value.elts):
                continue
            if not (isinstance(loop, ast.For) and not loop.orelse and len(loop.body) == 1):
                continue
            name = init.targets[0].id
            inner, conds = loop.body[0], []
            if isinstance(inner, ast.If) and not inner.orelse and len(inner.body) == 1:
                conds, inner = [inner.test], inner.body[0]
            if not (isinstance(inner, ast.Expr) and isinstance(inner.value, ast.Call)
                    and isinstance(inner.value.func, ast.Attribute) and inner.value.func.attr == "append"
                    and isinstance(inner.value.func.value, ast.Name) and inner.value.func.value.id == name
                    and len(inner.value.args) == 1 and not inner.value.keywords
                    and not isinstance(inner.value.args[0], ast.Starred)):
                continue
            elt = inner.value.args[0]
            reads = set()
            for part in (elt, loop.iter, *conds):
                reads |= _names_in(part)[0]
            _, target_names = _names_in(loop.target)
            if name in reads or name in target_names:
                continue
            if any(isinstance(n, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr))
                   for part in (elt, *conds) for n in ast.walk(part)):
                continue
            if any(_used_outside(t, owners[id(loop)], loop) for t in target_names):
                continue
            found.append((body, i, loop, elt, conds))
    if not found:
        raise NotApplicable("no `x = []` + appending loop to turn into a comprehension")
    body, i, loop, elt, conds = rng.choice(found)
    comp = ast.ListComp(elt=elt, generators=[ast.comprehension(target=loop.target, iter=loop.iter, ifs=conds,
                                                                 is_async=0)])
    body[i + 1:i + 2] = []
    body[i].value = comp
    return _unparse(tree)


# ---------------------------------------------------------------------------------------------------------------
# constants

MAX_FOLDED_DIGITS = 100


class _Folder(ast.NodeTransformer):
    def __init__(self) -> None:
        self.changed = 0

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if not (isinstance(node.left, ast.Constant) and isinstance(node.right, ast.Constant)):
            return node
        a, b = node.left.value, node.right.value
        if type(a) not in (int, float) or type(b) not in (int, float):
            return node
        if isinstance(node.op, ast.Pow) and (abs(b) > 64 or (type(b) is int and b < 0)):
            return node
        ops = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b, ast.Pow: lambda: a ** b,
               ast.FloorDiv: lambda: a // b, ast.Mod: lambda: a % b, ast.LShift: lambda: a << b if b < 256 else None,
               ast.BitOr: lambda: a | b, ast.BitAnd: lambda: a & b, ast.BitXor: lambda: a ^ b}
        op = ops.get(type(node.op))
        if op is None or (isinstance(node.op, (ast.LShift, ast.BitOr, ast.BitAnd, ast.BitXor))
                          and (type(a) is not int or type(b) is not int or b < 0)):
            return node
        try:
            value = op()
        except (ArithmeticError, ValueError):
            return node
        if value is None or (type(value) is int and len(str(abs(value))) > MAX_FOLDED_DIGITS) \
                or (type(value) is float and value != value):
            return node
        if type(value) is float and (value in (float("inf"), float("-inf"))):
            return node
        self.changed += 1
        return ast.copy_location(_constant(value), node)


def _constant(value: int | float) -> ast.AST:
    if value < 0:
        return ast.UnaryOp(op=ast.USub(), operand=ast.Constant(-value))
    return ast.Constant(value)


def _without_annotations_and_patterns(tree: ast.AST) -> set[int]:
    """ids of nodes inside annotations and match patterns, where expressions must stay as written."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        parts = []
        if isinstance(node, ast.arg) and node.annotation is not None:
            parts.append(node.annotation)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            parts.append(node.returns)
        if isinstance(node, ast.AnnAssign):
            parts.append(node.annotation)
        if isinstance(node, ast.match_case):
            parts.append(node.pattern)
        if isinstance(node, ast.JoinedStr):
            parts.append(node)
        for part in parts:
            skip.update(id(n) for n in ast.walk(part))
    return skip


@register("fold_constants", "python", preserving=True)
@_total_checked
def fold_constants(code: str, rng: random.Random) -> str:
    """Evaluate arithmetic on numeric literals (`10**9 + 7` -> `1000000007`)."""
    tree = _parse(code)
    skip = _without_annotations_and_patterns(tree)
    folder = _Folder()
    for node in ast.walk(tree):
        for fieldname, value in ast.iter_fields(node):
            if isinstance(value, ast.BinOp) and id(value) not in skip:
                setattr(node, fieldname, folder.visit(value))
            elif isinstance(value, list):
                for j, item in enumerate(value):
                    if isinstance(item, ast.BinOp) and id(item) not in skip:
                        value[j] = folder.visit(item)
    if not folder.changed:
        raise NotApplicable("no arithmetic on literals")
    return _unparse(tree)


@register("unfold_constants", "python", preserving=True)
@_total_checked
def unfold_constants(code: str, rng: random.Random) -> str:
    """Write some integer literals as a sum (`100` -> `(37 + 63)`): the inverse of folding."""
    tree = _parse(code)
    skip = _without_annotations_and_patterns(tree)
    literals = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and type(n.value) is int
                and n.value >= 2 and id(n) not in skip]
    if not literals:
        raise NotApplicable("no integer literals >= 2 outside annotations and patterns")
    chosen = {id(n) for n in rng.sample(literals, max(1, len(literals) // 3))}

    class Unfold(ast.NodeTransformer):
        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            if id(node) not in chosen:
                return node
            part = rng.randint(1, node.value - 1)
            return ast.copy_location(ast.BinOp(ast.Constant(part), ast.Add(), ast.Constant(node.value - part)), node)

    return _unparse(Unfold().visit(tree))


# ---------------------------------------------------------------------------------------------------------------
# lossy: the E-code variants and injected mistakes


def _tokens(code: str) -> list[tokenize.TokenInfo]:
    try:
        return list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError) as exc:
        raise NotApplicable(f"does not tokenize: {exc}") from exc


STRUCTURAL_TOKENS = {tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER,
                     tokenize.ENCODING, tokenize.COMMENT}


def delete_tokens(code: str, rng: random.Random, p: float = 0.2) -> str:
    """Delete each non-layout token with probability `p` (E-code's RandDel variant; the result may not parse)."""
    tokens = _tokens(code)
    kept = [t for t in tokens if t.type in STRUCTURAL_TOKENS or rng.random() >= p]
    if len(kept) == len(tokens):
        raise NotApplicable("no token was drawn for deletion")
    try:
        return tokenize.untokenize([(t.type, t.string) for t in kept])
    except (ValueError, IndexError) as exc:
        raise NotApplicable(f"tokens do not reassemble: {exc}") from exc


@register("delete_tokens", "python", preserving=False)
@_total
def delete_tokens_default(code: str, rng: random.Random) -> str:
    """Delete each non-layout token with probability 0.2 (E-code's RandDel; the result may not parse)."""
    return delete_tokens(code, rng, 0.2)


@register("subsample_lines", "python", preserving=False)
@_total
def subsample_lines(code: str, rng: random.Random) -> str:
    """Drop each non-blank line with probability 0.2 (the result may not parse)."""
    lines = code.splitlines(keepends=True)
    kept = [line for line in lines if not line.strip() or rng.random() >= 0.2]
    if len(kept) == len(lines):
        raise NotApplicable("no line was drawn for deletion")
    return "".join(kept)


SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult, ast.Lt: ast.LtE,
         ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.And: ast.Or,
         ast.Or: ast.And, ast.Mod: ast.FloorDiv}


@register("swap_operator", "python", preserving=False)
@_total
def swap_operator(code: str, rng: random.Random) -> str:
    """Replace one arithmetic, comparison or boolean operator by a near miss (`<` -> `<=`, `+` -> `-`): a bug."""
    tree = _parse(code)
    sites = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.BinOp, ast.AugAssign, ast.BoolOp)) and type(node.op) in SWAPS:
            sites.append((node, None))
        elif isinstance(node, ast.Compare):
            sites.extend((node, j) for j, op in enumerate(node.ops) if type(op) in SWAPS)
    if not sites:
        raise NotApplicable("no operator to swap")
    node, j = rng.choice(sites)
    if j is None:
        node.op = SWAPS[type(node.op)]()
    else:
        node.ops[j] = SWAPS[type(node.ops[j])]()
    return _unparse(tree)


@register("loops_and_recursion", "python", preserving=False)
@_total
def loops_and_recursion(code: str, rng: random.Random) -> str:
    """E-code's Loop&Rec variant: keep only loops, comprehensions and recursive calls, under their def headers."""
    tree = _parse(code)

    def recursive_names(fn: ast.AST) -> set[str]:
        return {fn.name} if any(isinstance(n, ast.Call) and isinstance(n.func, (ast.Name, ast.Attribute))
                                and getattr(n.func, "id", getattr(n.func, "attr", None)) == fn.name
                                for n in ast.walk(fn)) else set()

    def keep(body: list[ast.stmt], recursive: set[str]) -> list[ast.stmt]:
        out = []
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = keep(stmt.body, recursive | (recursive_names(stmt) if not isinstance(stmt, ast.ClassDef)
                                                     else set()))
                stmt.body = inner or [ast.Expr(ast.Constant(...))]
                stmt.decorator_list = []
                out.append(stmt)
            elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
                out.append(stmt)
            elif any(isinstance(n, COMPREHENSION_NODES) for n in ast.walk(stmt)) or any(
                    isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", None)) in recursive
                    for n in ast.walk(stmt)) and not isinstance(stmt, (ast.If, ast.With, ast.Try)):
                out.append(stmt)
            elif isinstance(stmt, (ast.If, ast.With, ast.AsyncWith, ast.Try)):
                inner = keep(stmt.body, recursive)
                orelse = keep(getattr(stmt, "orelse", []), recursive)
                if inner or orelse:
                    stmt.body = inner or [ast.Pass()]
                    if hasattr(stmt, "orelse"):
                        stmt.orelse = orelse
                    if isinstance(stmt, ast.Try):
                        stmt.handlers, stmt.finalbody = [], []
                        out.extend(stmt.body + stmt.orelse)
                    else:
                        out.append(stmt)
        return out

    kept = keep(tree.body, set())
    if not any(isinstance(n, (ast.For, ast.AsyncFor, ast.While, *COMPREHENSION_NODES, ast.Call))
               for stmt in kept for n in ast.walk(stmt)):
        raise NotApplicable("no loops, comprehensions or recursion")
    tree.body = kept
    return _unparse(tree)

