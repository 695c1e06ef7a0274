"""Structural features of Python code that predict its cost relative to other solutions of the same task.

Why these: within one task the workload is fixed, so cost differences come from algorithmic shape: how deep loops
nest over input-sized ranges, which linear-time operations hide inside loops (`x in list`, slicing, `sorted`,
`sum`, `list.index`, `pop(0)`, copying), recursion with or without memoisation, and which data structures do the
work (`dict`/`set` lookups, `heapq`, `bisect`, `deque`, `accumulate`). Loops over a constant range and
binary-search style loops (halving) are told apart from loops over the input.

Code that does not parse (a token-deleted view) still gets features: loop nesting read from indentation and
keyword counts from the token stream, so any code can be ranked.
"""

from __future__ import annotations

import ast
import functools
import io
import math
import re
import tokenize
from collections import Counter

LINEAR_BUILTINS = frozenset({"sum", "min", "max", "sorted", "list", "set", "tuple", "dict", "any", "all", "reversed",
                             "frozenset", "Counter", "str", "bytes", "bytearray", "join", "copy", "deepcopy",
                             "enumerate", "zip", "map", "filter", "accumulate"})
SORTS = frozenset({"sorted", "sort"})
LINEAR_METHODS = frozenset({"index", "count", "remove", "insert", "copy", "join", "replace", "find", "split",
                            "extend", "reverse", "startswith", "endswith", "strip", "lower", "upper", "keys",
                            "values", "items", "update", "union", "intersection", "difference"})
REGEX_METHODS = frozenset({"sub", "subn", "findall", "finditer", "fullmatch", "search"})
COMBINATORIAL = frozenset({"permutations", "combinations", "product", "combinations_with_replacement"})
CONVERSIONS = frozenset({"bin", "format", "str", "repr", "hex", "oct", "int"})
EFFICIENT_MODULES = ("heapq", "bisect", "deque", "defaultdict", "Counter", "accumulate", "lru_cache", "cache",
                     "SortedList", "itertools", "functools", "math", "array")
HASHED_CONSTRUCTORS = frozenset({"set", "dict", "frozenset", "Counter", "defaultdict", "OrderedDict"})
SEQUENCE_CONSTRUCTORS = frozenset({"list", "tuple", "sorted", "range", "str", "deque"})

FEATURE_NAMES: tuple[str, ...] = (
    "parses", "log_lines", "log_tokens", "n_for", "n_while", "n_comprehensions", "n_loops_total",
    "max_depth", "max_depth_input", "depth2_loops", "depth3_loops", "const_loops", "halving_loops",
    "effective_degree", "sum_degree", "linear_ops_in_loops", "linear_ops_depth_weighted", "sorts_in_loops",
    "sorts_total", "slices_in_loops", "slices_total", "in_list_in_loops", "in_hashed", "in_unknown_in_loops",
    "list_index_count_in_loops", "pop0_in_loops", "insert0_in_loops", "str_concat_in_loops", "copies_in_loops",
    "comprehension_in_loops", "n_calls", "calls_in_loops", "n_functions", "recursive_functions",
    "recursive_calls_max", "memoised", "exp_recursion", "uses_heapq", "uses_bisect", "uses_deque",
    "uses_dict", "uses_set", "uses_counter", "uses_accumulate", "subscript_stores_in_loops", "n_append",
    "append_in_loops", "nested_range_len", "while_true_break", "n_returns", "n_ifs", "ifs_in_loops",
    "binary_search", "two_pointer", "string_building", "sum_in_loop_depth", "max_depth_x_linear",
    "inner_loop_over_slice", "builtin_work_outside_loops", "combinatorial_loops", "exp_range_loops",
    "fixpoint_loops", "local_calls_in_loops", "concat_in_loops", "regex_in_loops", "callee_degree_max",
    "conversions_in_loops",
)


def call_name(func: ast.AST) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def is_const_range(iter_: ast.AST) -> bool:
    """`range(26)`, `range(1, 10)`, a literal tuple/list/string: a loop whose length does not grow with the input."""
    if isinstance(iter_, (ast.Tuple, ast.List, ast.Set)) and all(isinstance(e, ast.Constant) for e in iter_.elts):
        return True
    if isinstance(iter_, ast.Constant) and isinstance(iter_.value, str):
        return True
    if isinstance(iter_, ast.Call) and call_name(iter_.func) == "range":
        return all(isinstance(a, ast.Constant) or (isinstance(a, ast.UnaryOp) and isinstance(a.operand, ast.Constant))
                   for a in iter_.args)
    return False


def own_nodes(loop: ast.While):
    """The nodes of a loop's test and body, leaving out nested loops and functions."""
    nested = (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    stack = [node for node in (loop.test, *loop.body) if not isinstance(node, nested)]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in ast.iter_child_nodes(node) if not isinstance(child, nested))


def is_halving_loop(loop: ast.While) -> bool:
    """A while loop whose state halves or meets in the middle (binary search, doubling, `i * i <= n`); a loop
    nested in its body halves on its own account, not this loop's."""
    for node in own_nodes(loop):
        if isinstance(node, ast.AugAssign) and isinstance(node.op, (ast.FloorDiv, ast.RShift, ast.Mult, ast.LShift)):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.FloorDiv, ast.RShift)) \
                and isinstance(node.right, ast.Constant) and node.right.value == 2:
            return True
    test = loop.test
    if isinstance(test, ast.Compare) and isinstance(test.left, ast.BinOp) and isinstance(test.left.op, ast.Mult):
        return True  # while i * i <= n
    return False


def variable_kinds(tree: ast.Module) -> dict[str, str]:
    """'hashed' or 'sequence' for names assigned from a set/dict or a list/tuple/str expression."""
    kinds: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            kind = None
            if isinstance(value, (ast.Set, ast.Dict, ast.SetComp, ast.DictComp)):
                kind = "hashed"
            elif isinstance(value, (ast.List, ast.Tuple, ast.ListComp, ast.JoinedStr)) or (
                    isinstance(value, ast.Constant) and isinstance(value.value, str)):
                kind = "sequence"
            elif isinstance(value, ast.Call):
                name = call_name(value.func)
                kind = "hashed" if name in HASHED_CONSTRUCTORS else "sequence" if name in SEQUENCE_CONSTRUCTORS \
                    else None
            elif isinstance(value, ast.BinOp) and isinstance(value.left, (ast.List, ast.Constant)):
                kind = "sequence"
            if kind:
                for t in targets:
                    if isinstance(t, ast.Name):
                        kinds.setdefault(t.id, kind)
        if isinstance(node, ast.arg) and node.annotation is not None:
            text = ast.unparse(node.annotation).lower()
            if text.startswith(("list", "str", "tuple", "sequence")):
                kinds.setdefault(node.arg, "sequence")
            elif text.startswith(("set", "dict", "frozenset", "mapping")):
                kinds.setdefault(node.arg, "hashed")
    return kinds


class _Walker:
    """One pass over the tree with the loop context of every node."""

    def __init__(self, tree: ast.Module, nested: bool = True) -> None:
        self.f: Counter = Counter()
        self.kinds = variable_kinds(tree)
        self.functions: dict[str, ast.AST] = {}
        self.degree_max = 0.0
        self.depth_max = 0
        self.depth_input_max = 0
        self.callee_degree: dict[str, float] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions[node.name] = node
        if nested:
            # the cost a call to a local helper hides: the degree of the helper's own body
            for name, fn in self.functions.items():
                inner = _Walker(ast.Module(body=list(fn.body), type_ignores=[]), nested=False)
                self.callee_degree[name] = inner.degree_max
        self._visit(tree, depth=0, input_depth=0, hidden=0.0)

    def _visit(self, node: ast.AST, depth: int, input_depth: int, hidden: float) -> None:
        f = self.f
        for child in ast.iter_child_nodes(node):
            d, di, h = depth, input_depth, hidden
            if isinstance(child, (ast.For, ast.AsyncFor)):
                f["n_for"] += 1
                const = is_const_range(child.iter)
                f["const_loops"] += const
                iter_name = call_name(child.iter.func) if isinstance(child.iter, ast.Call) else None
                if iter_name in COMBINATORIAL:
                    f["combinatorial_loops"] += 1
                    h = h + 2.0
                elif iter_name == "range" and any(
                        isinstance(n, ast.BinOp) and (isinstance(n.op, ast.LShift) or isinstance(n.op, ast.Pow))
                        for n in ast.walk(child.iter)):
                    f["exp_range_loops"] += 1
                    h = h + 1.0
                d += 1
                di += 0 if const else 1
                if isinstance(child.iter, ast.Subscript) and isinstance(child.iter.slice, ast.Slice) and depth:
                    f["inner_loop_over_slice"] += 1
                if isinstance(child.iter, ast.Call) and call_name(child.iter.func) == "range" and depth and any(
                        isinstance(n, ast.Call) and call_name(n.func) == "len" for n in ast.walk(child.iter)):
                    f["nested_range_len"] += 1
                # the iterable is evaluated once, outside the new loop level
                self._visit_expr_once(child.iter, depth, input_depth, hidden)
                self._count_loop(d, di, h)
                for part in (child.target, *child.body, *child.orelse):
                    self._visit_node(part, d, di, h)
                continue
            if isinstance(child, ast.While):
                f["n_while"] += 1
                halving = is_halving_loop(child)
                f["halving_loops"] += halving
                if isinstance(child.test, ast.Constant) and child.test.value is True:
                    f["while_true_break"] += 1
                if isinstance(child.test, ast.Name) and any(
                        isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and n.value.value is True
                        and any(isinstance(t, ast.Name) and t.id == child.test.id for t in n.targets)
                        for n in ast.walk(child)):
                    f["fixpoint_loops"] += 1  # `while changed:` sweeps until nothing changes
                    h = h + 0.5
                d += 1
                h = h + (0.25 if halving else 0)
                di += 0 if halving else 1
                self._count_loop(d, di, h)
                for part in (child.test, *child.body, *child.orelse):
                    self._visit_node(part, d, di, h)
                continue
            if isinstance(child, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                f["n_comprehensions"] += 1
                if depth:
                    f["comprehension_in_loops"] += 1
                first = child.generators[0]
                self._visit_expr_once(first.iter, depth, input_depth, hidden)
                extra = sum(0 if is_const_range(g.iter) else 1 for g in child.generators)
                d += len(child.generators)
                di += extra
                self._count_loop(d, di, h)
                for g in child.generators[1:]:
                    self._visit_node(g.iter, d, di, h)
                for g in child.generators:
                    for cond in g.ifs:
                        self._visit_node(cond, d, di, h)
                for part in ([child.key, child.value] if isinstance(child, ast.DictComp) else [child.elt]):
                    self._visit_node(part, d, di, h)
                continue
            self._visit_node(child, d, di, h)

    def _visit_expr_once(self, node: ast.AST, depth: int, input_depth: int, hidden: float) -> None:
        self._visit_node(node, depth, input_depth, hidden)

    def _count_loop(self, depth: int, input_depth: int, hidden: float) -> None:
        f = self.f
        f["n_loops_total"] += 1
        self.depth_max = max(self.depth_max, depth)
        self.depth_input_max = max(self.depth_input_max, input_depth)
        f["depth2_loops"] += input_depth >= 2
        f["depth3_loops"] += input_depth >= 3
        self._degree(input_depth + hidden)

    def _degree(self, degree: float) -> None:
        self.degree_max = max(self.degree_max, degree)
        self.f["sum_degree"] += 2.0 ** degree

    def _linear_op(self, kind: str, depth: int, input_depth: int, hidden: float, weight: float = 1.0) -> None:
        f = self.f
        if input_depth:
            f[f"{kind}_in_loops"] += 1
            f["linear_ops_in_loops"] += weight
            f["linear_ops_depth_weighted"] += weight * input_depth
        self._degree(input_depth + hidden + weight)

    def _visit_node(self, node: ast.AST, depth: int, input_depth: int, hidden: float) -> None:
        f = self.f
        if isinstance(node, ast.Call):
            f["n_calls"] += 1
            f["calls_in_loops"] += depth > 0
            name = call_name(node.func)
            is_pairwise_minmax = name in ("min", "max") and len(node.args) >= 2
            if isinstance(node.func, ast.Name) and name in self.callee_degree and input_depth:
                f["local_calls_in_loops"] += 1
                self._degree(input_depth + hidden + self.callee_degree[name])
            if isinstance(node.func, ast.Name) and name in self.callee_degree:
                f["callee_degree_max"] = max(f["callee_degree_max"], self.callee_degree[name] + input_depth)
            if isinstance(node.func, ast.Name) and name in CONVERSIONS and input_depth:
                f["conversions_in_loops"] += 1
            if name in COMBINATORIAL:
                f["combinatorial_loops"] += 1
                self._degree(input_depth + hidden + 2.0)
            if is_pairwise_minmax:
                pass
            elif name in SORTS:
                f["sorts_total"] += 1
                self._linear_op("sorts", depth, input_depth, hidden, 1.2)
            elif name in ("sum",) and input_depth:
                f["sum_in_loop_depth"] += input_depth
                self._linear_op("copies", depth, input_depth, hidden)
            elif isinstance(node.func, ast.Name) and name in LINEAR_BUILTINS and node.args and not (
                    name in ("enumerate", "zip", "map", "filter", "reversed")):
                self._linear_op("copies", depth, input_depth, hidden)
            elif isinstance(node.func, ast.Attribute) and name in ("index", "count", "remove"):
                self._linear_op("list_index_count", depth, input_depth, hidden)
            elif isinstance(node.func, ast.Attribute) and name == "pop" and node.args and isinstance(
                    node.args[0], ast.Constant) and node.args[0].value == 0:
                self._linear_op("pop0", depth, input_depth, hidden)
            elif isinstance(node.func, ast.Attribute) and name == "insert" and node.args and isinstance(
                    node.args[0], ast.Constant) and node.args[0].value == 0:
                self._linear_op("insert0", depth, input_depth, hidden)
            elif isinstance(node.func, ast.Attribute) and name in REGEX_METHODS and input_depth:
                self._linear_op("regex", depth, input_depth, hidden)
            elif isinstance(node.func, ast.Attribute) and name in LINEAR_METHODS and input_depth:
                self._linear_op("copies", depth, input_depth, hidden, 0.5)
            if name == "append":
                f["n_append"] += 1
                f["append_in_loops"] += depth > 0
            for module in EFFICIENT_MODULES:
                if name == module or (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                                      and node.func.value.id == module):
                    f[f"uses_{module.lower()}"] += 1
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and isinstance(node.ctx, ast.Load):
            f["slices_total"] += 1
            self._linear_op("slices", depth, input_depth, hidden)
        elif isinstance(node, ast.Compare):
            for op, right in zip(node.ops, node.comparators):
                if isinstance(op, (ast.In, ast.NotIn)):
                    kind = self._container_kind(right)
                    if kind == "hashed":
                        f["in_hashed"] += 1
                    elif kind == "sequence":
                        self._linear_op("in_list", depth, input_depth, hidden)
                    elif input_depth:
                        f["in_unknown_in_loops"] += 1
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and input_depth and (
                any(isinstance(side, (ast.Tuple, ast.List)) for side in (node.left, node.right))
                or any(isinstance(side, ast.Name) and self.kinds.get(side.id) == "sequence"
                       for side in (node.left, node.right))):
            self._linear_op("concat", depth, input_depth, hidden)
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and depth and isinstance(
                node.value, (ast.Constant, ast.JoinedStr, ast.Subscript, ast.List)) and not (
                isinstance(node.value, ast.Constant) and isinstance(node.value.value, (int, float))):
            if isinstance(node.value, ast.List) or (isinstance(node.value, ast.Constant)
                                                    and isinstance(node.value.value, str)):
                f["str_concat_in_loops"] += 1
                f["string_building"] += 1
        elif isinstance(node, (ast.Assign, ast.AugAssign)) and depth:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            f["subscript_stores_in_loops"] += sum(isinstance(t, ast.Subscript) for t in targets)
        elif isinstance(node, (ast.Set, ast.Dict, ast.SetComp, ast.DictComp)):
            f["uses_set" if isinstance(node, (ast.Set, ast.SetComp)) else "uses_dict"] += 1
        elif isinstance(node, ast.Return):
            f["n_returns"] += 1
        elif isinstance(node, ast.If):
            f["n_ifs"] += 1
            f["ifs_in_loops"] += depth > 0
        if isinstance(node, ast.Call) and call_name(node.func) in ("set", "dict", "frozenset", "defaultdict"):
            f["uses_set" if call_name(node.func) in ("set", "frozenset") else "uses_dict"] += 1
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.For, ast.AsyncFor,
                             ast.While)):
            # a loop reached as a part (a loop body statement, an if branch): `_visit` applies the loop rules
            self._visit(_Holder(node), depth, input_depth, hidden)
            return
        self._visit(node, depth, input_depth, hidden)

    def _container_kind(self, node: ast.AST) -> str | None:
        if isinstance(node, (ast.Set, ast.Dict, ast.SetComp, ast.DictComp)):
            return "hashed"
        if isinstance(node, (ast.List, ast.Tuple, ast.ListComp)):
            return "sequence" if not (isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) <= 8) else None
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            return "sequence"
        if isinstance(node, ast.Call):
            name = call_name(node.func)
            if name in ("keys",) or name in HASHED_CONSTRUCTORS:
                return "hashed"
            if name in SEQUENCE_CONSTRUCTORS or name == "values":
                return "sequence"
        if isinstance(node, ast.Name):
            return self.kinds.get(node.id)
        return None


class _Holder(ast.AST):
    """A parent with one child, so that `_visit` applies its loop rules to a node reached as a child."""

    _fields = ("child",)

    def __init__(self, child: ast.AST) -> None:
        super().__init__()
        self.child = child


def self_calls(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Call]:
    """The calls a function makes to itself (by name)."""
    return [n for n in ast.walk(fn) if isinstance(n, ast.Call) and call_name(n.func) == fn.name]


def is_memoised(fn: ast.FunctionDef | ast.AsyncFunctionDef, lookups: tuple[type, ...] = (ast.In,)) -> bool:
    """`@lru_cache`/`@cache`, or a hand-written memo: a membership test (`lookups`: the comparison operators that
    count as one) in the body."""
    decorators = {call_name(d.func if isinstance(d, ast.Call) else d) for d in fn.decorator_list}
    return bool(decorators & {"lru_cache", "cache"}) or any(
        isinstance(n, ast.Compare) and any(isinstance(op, lookups) for op in n.ops) for n in ast.walk(fn))


def _recursion(tree: ast.Module, f: Counter) -> None:
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        f["n_functions"] += 1
        calls = self_calls(node)
        if not calls:
            continue
        f["recursive_functions"] += 1
        f["recursive_calls_max"] = max(f["recursive_calls_max"], len(calls))
        memo = is_memoised(node)
        f["memoised"] += memo
        if not memo and len(calls) >= 2:
            f["exp_recursion"] += 1


def _patterns(code: str, f: Counter) -> None:
    if re.search(r"\b(lo|low|left|l)\s*\+\s*(hi|high|right|r)\b.*//\s*2", code) or "bisect" in code:
        f["binary_search"] += 1
    if re.search(r"\b(left|lo|i)\s*\+=\s*1\b", code) and re.search(r"\b(right|hi|j)\s*-=\s*1\b", code):
        f["two_pointer"] += 1


def _token_count(code: str) -> int:
    return len(re.findall(r"\w+|[^\w\s]", code))


def _fallback(code: str) -> dict[str, float]:
    """Features of code that does not parse: nesting from indentation, keywords from the text."""
    f: Counter = Counter()
    stack: list[int] = []  # indentation of open loops
    max_depth = 0
    for line in code.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        indent = len(line) - len(line.lstrip())
        while stack and indent <= stack[-1]:
            stack.pop()
        if re.match(r"(for|while)\b", stripped):
            f["n_for" if stripped.startswith("for") else "n_while"] += 1
            stack.append(indent)
            max_depth = max(max_depth, len(stack))
            f["depth2_loops"] += len(stack) >= 2
            f["depth3_loops"] += len(stack) >= 3
        inline = len(re.findall(r"\bfor\b", stripped)) - (1 if stripped.startswith("for") else 0)
        f["n_comprehensions"] += max(inline, 0)
        max_depth = max(max_depth, len(stack) + max(inline, 0))
        if stack:
            f["sorts_in_loops"] += len(re.findall(r"\bsort(ed)?\b", stripped))
            f["slices_in_loops"] += len(re.findall(r"\[[^\]]*:[^\]]*\]", stripped))
            f["linear_ops_in_loops"] += len(re.findall(r"\b(sum|min|max|sorted|list|set|index|count)\s*\(", stripped))
    f["sorts_total"] = len(re.findall(r"\bsort(ed)?\b", code))
    for module in EFFICIENT_MODULES:
        f[f"uses_{module.lower()}"] = code.count(module)
    f["n_loops_total"] = f["n_for"] + f["n_while"] + f["n_comprehensions"]
    f["max_depth"] = f["max_depth_input"] = max_depth
    f["effective_degree"] = max_depth + (1 if f["linear_ops_in_loops"] or f["sorts_in_loops"] else 0)
    f["sum_degree"] = 2.0 ** f["effective_degree"]
    _patterns(code, f)
    return dict(f)


def code_features(code: str) -> dict[str, float]:
    """A fixed set of numeric features (FEATURE_NAMES) of one Python code."""
    return dict(zip(FEATURE_NAMES, _cached_features(code)))


@functools.lru_cache(maxsize=65536)
def _cached_features(code: str) -> tuple[float, ...]:
    """Features are computed once per distinct code (cross-validation and scoring revisit the same codes)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        f = _fallback(code)
        f["parses"] = 0
    else:
        try:
            walker = _Walker(tree)
        except RecursionError:
            f = _fallback(code)
            f["parses"] = 0
        else:
            f = walker.f
            f["parses"] = 1
            f["max_depth"] = walker.depth_max
            f["max_depth_input"] = walker.depth_input_max
            f["effective_degree"] = walker.degree_max
            _recursion(tree, f)
            if f["exp_recursion"]:
                f["effective_degree"] = max(f["effective_degree"], 3.0)
            _patterns(code, f)
            f["max_depth_x_linear"] = walker.depth_input_max * f["linear_ops_in_loops"]
            f["builtin_work_outside_loops"] = max(0, f["n_calls"] - f["calls_in_loops"])
            f = dict(f)
    lines = [line for line in code.splitlines() if line.strip()]
    f["log_lines"] = math.log1p(len(lines))
    f["log_tokens"] = math.log1p(_token_count(code))
    return tuple(float(f.get(name, 0.0)) for name in FEATURE_NAMES)


def feature_matrix(codes: list[str]):
    import numpy as np

    return np.array([_cached_features(c) for c in codes], dtype=float).reshape(len(codes), len(FEATURE_NAMES))


def tokens_for_tfidf(code: str) -> str:
    """The code as a space-separated token stream (identifiers, keywords, operators) for TF-IDF."""
    try:
        toks = [t.string for t in tokenize.generate_tokens(io.StringIO(code).readline)
                if t.type in (tokenize.NAME, tokenize.OP)]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        toks = re.findall(r"[A-Za-z_]\w*|[^\w\s]", code)
    return " ".join(toks)
