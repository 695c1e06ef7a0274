"""A static estimate of how much work a Python code does on an input of size n, read from its syntax tree.

Why: a linear model over counts (loops, sorts, nesting) cannot add up *where* the work happens, so it cannot tell a
`for` loop from the same loop written as `while` (the test and the increment are extra bytecode on every pass), or
one quadratic solution from another that does twice as much per pass. This model walks the tree once and charges
each expression its node count (a proxy for CPython bytecodes), multiplied by the trip counts of the loops around it:

- `for` over `range(constants)` or a literal: its length; over `range(..)` bounded by an outer loop variable
  (`range(i, n)`): n / 2; over a square root bound (or a name assigned one): sqrt(n); over a bit length or a
  logarithm (or a name assigned one): log2(n); over one row or bucket (`adj[u]`, a name assigned `d.get(k)`)
  inside another loop: sqrt(n); over anything else: n; a name assigned (or unpacked from) one element holds data,
  not a size;
- `for` over `range(p, n, p)` inside a loop over p: log2(n) (the multiples of every p: a harmonic sum); over a
  range whose bounds read a value out of the data (`range(i, i + jumps[i])`, or a name assigned one: Knuth's
  split bounds) inside a loop: sqrt(n);
- `for` over a display (`(left, right)`): its length;
- `x *= i` in a loop on an integer never reduced modulo something: n/2 more per pass (a big integer's limbs);
- `product(.., repeat=len(xs))`: exponential, charged like naive recursion (n^3); a comprehension over more than
  n items (all pairs) makes a container of that size, for the loops and sorts over it;
- `while`: sqrt(n) up to a square (`d * d <= n`); log2(n) when its state halves or doubles, or when it walks to
  the first element ordered past another without moving data (the next larger element: a few steps on varied
  data); a few passes when it runs while two data elements are equal (expanding a palindrome); one pass when it
  walks level by level (`while level: .. level = nxt`: each item joins one level); else n;
- a loop that starts a search (a `while` or a recursive function) from every node not yet marked in a `seen`
  that outlives the pass is charged its guard n times and its searches once: together they walk the graph once;
- comprehensions like `for`; `if` branches at half weight (a branch runs on some passes only);
- built-ins that walk a container (`sum`, `sorted`, `x in list`, slicing, `list.index`, `pop(0)`, ...) charge n
  (n log n for sorts) on top of their nodes;
- a call to a function of the same code charges that function's body; a recursive function is charged
  n^k calls when memoised (k: the parameters that change from call to call, the dimensions of its state space),
  n calls (single self-call), log2(n) calls per self-call site when an argument halves (or is a name assigned a
  half, as in a segment tree) or is a slice (divide and conquer: each level of the recursion does the work of one
  call on the whole input), or n^3 calls (two or more self-calls without memoisation: exponential, capped);
- a `while` nested in a loop that advances a pointer or pops a container named in its test, neither reset by the
  enclosing loop, is amortised (two passes per pass of the enclosing loop); inner `for` loops that can `break`
  are charged sqrt(n) passes; Fenwick-style bit steps and walks up a parent table log2(n).

Only ratios between codes of one task mean anything: the workload's size and constants are unknown.
"""

from __future__ import annotations

import ast
import math

from effilab.models.code_features import (COMBINATORIAL, LINEAR_BUILTINS, call_name, is_const_range, is_halving_loop,
                                          is_memoised, own_nodes, self_calls, variable_kinds)

WALKING_METHODS = frozenset({"index", "count", "remove", "copy", "join", "replace", "find", "rfind", "split",
                             "extend", "reverse", "update", "union", "intersection", "difference", "strip", "lower",
                             "upper", "encode", "decode", "translate", "sub", "subn", "findall", "finditer", "search",
                             "fullmatch", "issubset", "issuperset"})
LAZY = frozenset({"enumerate", "zip", "map", "filter", "reversed", "range", "iter", "next", "len", "abs", "int",
                  "float", "bool", "str", "ord", "chr", "isinstance", "hash", "id", "divmod", "pow", "round"})
MAX_CONST_TRIPS = 10_000
MATCH_TRIPS = 3.0  # passes of a loop that runs while two data elements are equal
POPS = frozenset({"pop", "popleft", "heappop"})
LOG_TIME = frozenset({"heappush", "heappop", "heappushpop", "heapreplace", "bisect", "bisect_left", "bisect_right",
                      "insort", "insort_left", "insort_right"})


def _const_value(node: ast.AST) -> float | None:
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _bit_steps(loop: ast.While) -> bool:
    """A loop that steps through the bits of its counter (Fenwick trees: `i &= i - 1`, `i += i & -i`, `i >>= 1`)."""
    for node in own_nodes(loop):
        if isinstance(node, ast.AugAssign) and isinstance(node.op, (ast.BitAnd, ast.RShift, ast.FloorDiv)):
            return True
        if isinstance(node, ast.AugAssign) and isinstance(node.value, ast.BinOp) and isinstance(node.value.op,
                                                                                                ast.BitAnd):
            return True
    return False


def _breaks(body: list[ast.stmt]) -> bool:
    """Whether a loop body can `break` out of the loop (a `return` is most often an early exit on bad input)."""
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Break):
            return True
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                             ast.ClassDef)):
            continue  # a break in a nested loop leaves that loop only
        stack.extend(ast.iter_child_nodes(node))
    return False


def _is_log(node: ast.AST) -> bool:
    """`x.bit_length()`, `log2(n)`: the number of bits or digits of a value, a logarithm of it."""
    return any(isinstance(n, ast.Call) and call_name(n.func) in ("bit_length", "log2", "log", "log10")
               for n in ast.walk(node))


def _is_root(node: ast.AST) -> bool:
    """`isqrt(n)`, `sqrt(n)`, `int(n ** 0.5)`: a square root of a size."""
    return any((isinstance(n, ast.Call) and call_name(n.func) in ("isqrt", "sqrt"))
               or (isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow)) for n in ast.walk(node))


def _data_value(node: ast.AST, elements: set[str] | frozenset = frozenset()) -> bool:
    """Whether an expression reads a value out of the data (`i + jumps[i]`, or a name assigned one, `lo` after
    `lo = split[i][j - 1]`); `len(grid[i])` is a size, not one."""
    if isinstance(node, ast.Call) and call_name(node.func) == "len":
        return False
    if isinstance(node, ast.Subscript) and not isinstance(node.slice, (ast.Constant, ast.Slice)):
        return True
    if isinstance(node, ast.Name) and node.id in elements:
        return True
    return any(_data_value(child, elements) for child in ast.iter_child_nodes(node))


def _big_products(tree: ast.AST) -> set[str]:
    """Integers that a loop multiplies up without reducing them (`f = 1` ... `f *= i`, never `%`): the product of
    n numbers has about n log n bits, so every further multiply walks all of them."""
    ints, multiplied, reduced = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and type(node.value.value) is int:
            ints |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            if isinstance(node.op, ast.Mult):
                multiplied.add(node.target.id)
            elif isinstance(node.op, ast.Mod):  # `f %= MOD`
                reduced.add(node.target.id)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.BinOp) and isinstance(node.value.op, ast.Mod):
            reduced |= {t.id for t in node.targets if isinstance(t, ast.Name)}  # `f = f * i % MOD`
    return (ints & multiplied) - reduced


def _exponential(call: ast.Call) -> bool:
    """`product(.., repeat=len(xs))`: every vector over the input, exponential (charged like naive recursion)."""
    return any(k.arg == "repeat" and _const_value(k.value) is None for k in call.keywords)


def _conditions(test: ast.AST) -> list[ast.AST]:
    return test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]


def _extends_match(loop: ast.While) -> bool:
    """A loop that goes on while two elements of the data are equal (`while .. and s[l] == s[r]`: expanding a
    palindrome, extending a common prefix): on varied data a match breaks after a few steps."""
    return any(isinstance(t, ast.Compare) and len(t.ops) == 1 and isinstance(t.ops[0], ast.Eq)
               and isinstance(t.left, ast.Subscript) and isinstance(t.comparators[0], ast.Subscript)
               for t in _conditions(loop.test))


def _seeks_first(loop: ast.While, elements: set[str] = frozenset()) -> bool:
    """A walk that stops at the first element ordered past another (`while j < n and t[j] <= t[i]: j += 1`, the
    next warmer day) and moves no data: on varied data the first such element is a few (about log n) steps away.
    Loops that shift the elements they compare (insertion sort) walk far, and are not this."""
    def element(side: ast.AST) -> bool:
        return isinstance(side, ast.Subscript) or (isinstance(side, ast.Name) and side.id in elements)

    compared = {_root_name(side) for t in _conditions(loop.test) if isinstance(t, ast.Compare) and len(t.ops) == 1
                and isinstance(t.ops[0], (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.NotEq))
                and (isinstance(t.left, ast.Subscript) or isinstance(t.comparators[0], ast.Subscript))
                and element(t.left) and element(t.comparators[0])
                for side in (t.left, t.comparators[0])} - {None}
    written = {_root_name(n) for s in loop.body for n in ast.walk(s)
               if isinstance(n, ast.Subscript) and isinstance(n.ctx, (ast.Store, ast.Del))}
    return bool(compared) and not compared & written


def _square_bound(loop: ast.While) -> bool:
    """`while d * d <= n`: a counter up to a square root (trial division)."""
    return any(isinstance(t, ast.Compare) and isinstance(t.left, ast.BinOp) and isinstance(t.left.op, ast.Mult)
               and ast.dump(t.left.left) == ast.dump(t.left.right) for t in _conditions(loop.test))


def _frontier(loop: ast.While) -> bool:
    """`while level: nxt = []; for u in level: .. nxt.append(v) ..; level = nxt`: a level-by-level walk. Each item
    joins one level, so the loops over the levels make one pass over the whole, however many levels there are.
    (A list refiltered from itself each round, `level = [x for x in level if ..]`, is not this.)"""
    if not isinstance(loop.test, ast.Name):
        return False
    level = loop.test.id
    fresh = {t.id for s in loop.body if isinstance(s, ast.Assign) and isinstance(s.value, (ast.List, ast.Set))
             for t in s.targets if isinstance(t, ast.Name)}  # `nxt = []` made anew every round
    handed_on = any(isinstance(s, ast.Assign) and isinstance(s.value, ast.Name) and s.value.id in fresh
                    and any(isinstance(t, ast.Name) and t.id == level for t in s.targets) for s in loop.body)
    walked = any(isinstance(n, ast.For) and isinstance(n.iter, ast.Name) and n.iter.id == level
                 for s in loop.body for n in ast.walk(s))
    return handed_on and walked


def _climbs(loop: ast.While) -> bool:
    """A walk up a tree through a parent table (`while parent[u] != u: u = parent[u]`): as deep as the tree."""
    tested = _names(loop.test)
    return any(isinstance(n, ast.Assign) and isinstance(n.value, ast.Subscript) and len(n.targets) == 1
               and isinstance(n.targets[0], ast.Name) and n.targets[0].id in tested
               and n.targets[0].id in _names(n.value.slice) for n in own_nodes(loop))


def _assigned(body: list[ast.stmt]) -> set[str]:
    """Names given a fresh value (`x = ...`) in a loop body, nested loops included."""
    found: set[str] = set()
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found |= {n.id for t in targets for n in ([t] if isinstance(t, ast.Name) else getattr(t, "elts", []))
                          if isinstance(n, ast.Name)}  # `x = ..`, `a, b = ..`; not `x[i] = ..`, which keeps x
    return found


def _root_name(node: ast.AST) -> str | None:
    """`seen` for `seen[r][c]`."""
    while isinstance(node, ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _guarded_containers(test: ast.AST, targets: set[str]) -> set[str]:
    """Containers a test looks up at the loop variable: `seen[v]`, `tin[v] != -1`, `v in seen`."""
    found = set()
    for n in ast.walk(test):
        if isinstance(n, ast.Subscript) and _names(n.slice) & targets:
            found.add(_root_name(n))
        if isinstance(n, ast.Compare) and isinstance(n.ops[0], (ast.In, ast.NotIn)) and _names(n.left) & targets \
                and isinstance(n.comparators[0], ast.Name):
            found.add(n.comparators[0].id)
    return found - {None}


def _written_containers(nodes: list[ast.AST], functions: dict[str, ast.AST]) -> set[str]:
    """Containers written (`x[..] = ..`, `x.add(..)`) by these statements or the code's functions they call."""
    found: set[str] = set()
    stack, entered = list(nodes), set()
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            found.add(_root_name(node))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("add", "append", "update") and isinstance(node.func.value, ast.Name):
            found.add(node.func.value.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions \
                and node.func.id not in entered:
            entered.add(node.func.id)
            stack.append(functions[node.func.id])
        stack.extend(ast.iter_child_nodes(node))
    return found - {None}


def _visited_guard(loop: ast.For | ast.AsyncFor, functions: dict[str, ast.AST]) -> ast.If | None:
    """The `if seen[v]: continue` (or `if v not in seen: ...`) of a loop that starts a graph search from every
    unvisited node: the searches mark what they reach, so together they visit the graph once, however many times
    the loop runs. Only loops whose body searches (a `while` loop or a recursive function) with a container that
    outlives the pass qualify."""
    searches = any(isinstance(n, ast.While) for s in loop.body for n in ast.walk(s)) or any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in functions
        and self_calls(functions[n.func.id]) for s in loop.body for n in ast.walk(s))
    if not searches:
        return None
    targets = _names(loop.target)
    fresh = _assigned(loop.body)  # a `seen` made anew on every pass marks one search only
    for statement in loop.body:
        if isinstance(statement, ast.If):
            guarded = _guarded_containers(statement.test, targets) - fresh
            if guarded and guarded & _written_containers(loop.body, functions):
                return statement
    return None


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


class CostModel:
    """Estimated work of one module at input size n (see the module docstring)."""

    def __init__(self, tree: ast.Module, n: float) -> None:
        self.n = float(n)
        self.log_n = math.log2(max(self.n, 2.0))
        self.functions = {node.name: node for node in ast.walk(tree)
                          if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self._function_cost: dict[str, float] = {}
        self._active: set[str] = set()
        self._reset: list[set[str]] = []  # names (re)assigned in the body of each enclosing loop
        self.tree = tree
        self.kinds = variable_kinds(tree)  # 'hashed' | 'sequence' per assigned name
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign):
                continue
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if isinstance(node.value, ast.Call) and call_name(node.value.func) == "iter":
                self.kinds.update(dict.fromkeys(names, "iterator"))  # resumed, not restarted, by each loop over it
            elif _is_root(node.value):  # `root = isqrt(n)`: a loop bound of sqrt(n)
                self.kinds.update(dict.fromkeys(names, "root"))
            elif _is_log(node.value):  # `top = max(xs).bit_length()`: a loop bound of log n
                self.kinds.update(dict.fromkeys(names, "log"))
            elif (isinstance(node.value, ast.Subscript) and not isinstance(node.value.slice, ast.Slice)) or (
                    isinstance(node.value, ast.Call) and call_name(node.value.func) == "get"):
                unpacked = [e.id for t in node.targets if isinstance(t, ast.Tuple) for e in t.elts
                            if isinstance(e, ast.Name)]  # `start, end, value = order[i]`: fields of one element
                for name in names + unpacked:  # `starts = seen.get(h)`, `row = grid[r]`: one bucket or row of a whole
                    self.kinds.setdefault(name, "part")
        self.elements = frozenset(name for name, kind in self.kinds.items() if kind == "part")
        self.big_products = _big_products(tree)
        self.sizes: dict[str, float] = {}  # containers built by comprehensions over more than n items (all pairs)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, (ast.ListComp, ast.SetComp)):
                items = self._items(node.value, ())
                if items > self.n:
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            self.sizes.setdefault(target.id, items)

    # ------------------------------------------------------------------------------------------------ entry
    def total(self, entry: str | None = None) -> float:
        """Work of one call of `entry` (default: every function no other function calls, plus module code)."""
        module = self.block([s for s in self.tree.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                               ast.ClassDef))], ())
        if entry in self.functions:
            return module + self.function(entry)
        called = {call_name(n.func) for n in ast.walk(self.tree) if isinstance(n, ast.Call)}
        roots = [name for name in self.functions if name not in called] or list(self.functions)[:1]
        return module + sum(self.function(name) for name in roots)

    def function(self, name: str) -> float:
        """One call of a function of the code, recursion included."""
        if name in self._function_cost:
            return self._function_cost[name]
        if name in self._active:
            return 0.0  # the self-call itself: charged through the number of calls below
        node = self.functions[name]
        self._active.add(name)
        try:
            body = self.block(node.body, ())
        finally:
            self._active.discard(name)
        cost = (1.0 + body) * self._calls(node)
        self._function_cost[name] = cost
        return cost

    def _amortised(self, loop: ast.While) -> bool:
        """A `while` inside another loop that advances a pointer (`left += 1`) tested in its condition and never
        reset by the enclosing loop: over all passes of the enclosing loop it runs at most n times in all."""
        stepped = {n.target.id for n in ast.walk(loop) if isinstance(n, ast.AugAssign)
                   and isinstance(n.op, (ast.Add, ast.Sub)) and isinstance(n.target, ast.Name)}
        for n in ast.walk(loop):  # `while stack and ...: stack.pop()`: every element leaves once
            if isinstance(n, ast.Call) and call_name(n.func) in POPS:
                holder = n.func.value if isinstance(n.func, ast.Attribute) and call_name(n.func) != "heappop" \
                    else (n.args[0] if n.args else None)
                if isinstance(holder, ast.Name):
                    stepped.add(holder.id)
            if isinstance(n, ast.Delete):  # `del counts[key]`: the window shrinks
                stepped |= {t.value.id for t in n.targets if isinstance(t, ast.Subscript)
                            and isinstance(t.value, ast.Name)}
        pointers = stepped & _names(loop.test)
        return bool(pointers) and not (pointers & (self._reset[-1] if self._reset else set()))

    def _calls(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> float:
        """How many times a function runs per outside call: 1 unless it calls itself."""
        calls = self_calls(node)
        if not calls:
            return 1.0
        memoised = is_memoised(node, (ast.In, ast.NotIn))
        # halving: an argument halves (`n // 2`, or a name assigned a half: `mid = (lo + hi) // 2`, a segment
        # tree), or is a slice (divide and conquer on `a[:mid]`, `a[mid:]`)
        halves = {t.id for n in ast.walk(node) if isinstance(n, ast.Assign) and isinstance(n.value, ast.BinOp)
                  and isinstance(n.value.op, (ast.FloorDiv, ast.RShift)) for t in n.targets if isinstance(t, ast.Name)}
        halving = any((isinstance(n, ast.BinOp) and isinstance(n.op, (ast.FloorDiv, ast.RShift)))
                      or (isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Slice))
                      or (isinstance(n, ast.Name) and n.id in halves)
                      for call in calls for arg in call.args for n in ast.walk(arg))
        if memoised:  # one call per state: n to the number of parameters that change between calls
            varying = sum(1 for i in range(len(node.args.args))
                          if any(i < len(c.args) and not (isinstance(c.args[i], ast.Name)
                                                          and c.args[i].id == node.args.args[i].arg) for c in calls))
            return self.n ** max(1, min(varying, 3))
        if halving:
            return self.log_n * (2.0 if len(calls) >= 2 else 1.0)
        if len(calls) >= 2:
            return self.n ** 3
        return self.n

    # ------------------------------------------------------------------------------------------------ statements
    def block(self, statements: list[ast.stmt], loop_vars: tuple[str, ...]) -> float:
        return sum(self.statement(s, loop_vars) for s in statements)

    def statement(self, node: ast.stmt, loop_vars: tuple[str, ...]) -> float:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
            return 1.0
        if isinstance(node, (ast.For, ast.AsyncFor)):
            trips = self.trips(node.iter, loop_vars)
            if loop_vars and _breaks(node.body):
                trips = min(trips, math.sqrt(self.n))  # an inner search that stops early: charged sqrt(n) passes
            inner = loop_vars + tuple(_names(node.target))
            self._reset.append(_assigned(node.body))
            try:
                per_pass = 1.0 + self.expression(node.target, inner) + self.block(node.body, inner)
                guard = _visited_guard(node, self.functions)
                if guard is not None:  # the body's searches cover the graph once in all: charged once
                    per_pass = per_pass / trips + 1.0 + self.expression(guard.test, inner)
            finally:
                self._reset.pop()
            return self.expression(node.iter, loop_vars) + trips * per_pass + self.block(node.orelse, loop_vars)
        if isinstance(node, ast.While):
            if _square_bound(node):
                trips = math.sqrt(self.n)
            elif _frontier(node):
                trips = 1.0  # its loops over the levels pass over every item once in all
            elif is_halving_loop(node) or _bit_steps(node) or _climbs(node) or _seeks_first(node, self.elements):
                trips = self.log_n
            elif _extends_match(node):
                trips = MATCH_TRIPS
            elif loop_vars and self._amortised(node):
                trips = 2.0  # a pointer that only moves forward across the outer loop's passes (two pointers)
            else:
                trips = self.n
            inner = loop_vars + tuple(_names(node.test))
            self._reset.append(_assigned(node.body))
            try:
                per_pass = self.expression(node.test, inner) + self.block(node.body, inner)
            finally:
                self._reset.pop()
            return self.expression(node.test, loop_vars) + trips * per_pass + self.block(node.orelse, loop_vars)
        if isinstance(node, ast.If):
            return (self.expression(node.test, loop_vars)
                    + 0.5 * (self.block(node.body, loop_vars) + self.block(node.orelse, loop_vars)))
        if isinstance(node, (ast.With, ast.AsyncWith)):
            return sum(self.expression(item.context_expr, loop_vars) for item in node.items) + \
                self.block(node.body, loop_vars)
        if isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            return (self.block(node.body, loop_vars) + self.block(node.orelse, loop_vars)
                    + self.block(node.finalbody, loop_vars))
        if isinstance(node, ast.Match):
            return self.expression(node.subject, loop_vars) + max(
                (self.block(case.body, loop_vars) for case in node.cases), default=0.0)
        if loop_vars and isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Mult) and isinstance(
                node.target, ast.Name) and node.target.id in self.big_products:
            return self.expression(node, loop_vars) + self.n / 2  # one more limb-by-limb multiply of a growing int
        return self.expression(node, loop_vars)

    # ------------------------------------------------------------------------------------------------ expressions
    def trips(self, iterable: ast.AST, loop_vars: tuple[str, ...]) -> float:
        """Passes of a loop over `iterable`."""
        if is_const_range(iterable):
            if isinstance(iterable, ast.Call):
                bounds = [_const_value(a) for a in iterable.args]
                if all(b is not None for b in bounds) and bounds:
                    start, stop = (0.0, bounds[0]) if len(bounds) == 1 else (bounds[0], bounds[1])
                    step = bounds[2] if len(bounds) > 2 and bounds[2] else 1.0
                    return min(max((stop - start) / step, 1.0), MAX_CONST_TRIPS)
                return 1.0
            elts = getattr(iterable, "elts", None)
            return float(len(elts)) if elts is not None else float(len(getattr(iterable, "value", "") or " "))
        if isinstance(iterable, (ast.Tuple, ast.List, ast.Set)) and not any(isinstance(e, ast.Starred)
                                                                            for e in iterable.elts):
            return float(max(len(iterable.elts), 1))  # `for x in (left, right)`: a display of names
        text_names = _names(iterable)
        if isinstance(iterable, ast.Call) and call_name(iterable.func) in COMBINATORIAL:
            return self.n ** 3 if _exponential(iterable) else self.n ** 2
        if _is_log(iterable) or any(self.kinds.get(name) == "log" for name in text_names):
            return self.log_n
        if _is_root(iterable) or any(self.kinds.get(name) == "root" for name in text_names):
            return math.sqrt(self.n)
        if isinstance(iterable, ast.Call) and call_name(iterable.func) == "range" and loop_vars and any(
                _data_value(arg, self.elements) for arg in iterable.args):
            return math.sqrt(self.n)  # `range(i + 1, i + jumps[i] + 1)`: a span read from the data, not the input size
        if isinstance(iterable, ast.Call) and call_name(iterable.func) == "range" and text_names & set(loop_vars):
            if len(iterable.args) == 3 and _names(iterable.args[2]) & set(loop_vars):
                return self.log_n  # `range(p, n, p)` over p: a harmonic sum, as for `xs[d::d]`
            return self.n / 2
        if isinstance(iterable, ast.Subscript) and isinstance(iterable.slice, ast.Slice):
            step = iterable.slice.step
            if step is not None and _names(step) & set(loop_vars):
                return self.log_n  # `xs[d::d]` over d: a harmonic sum
            return self.n / 2 if loop_vars else self.n
        if (isinstance(iterable, ast.Subscript) or (isinstance(iterable, ast.Name)
                                                     and self.kinds.get(iterable.id) == "part")) and loop_vars:
            return math.sqrt(self.n)  # `adj[u]`, `grid[r]`: one row or one neighbour list of an n-sized whole
        if isinstance(iterable, ast.Name) and iterable.id in self.sizes:
            return self.sizes[iterable.id]
        if isinstance(iterable, ast.Name) and self.kinds.get(iterable.id) == "iterator":
            return math.sqrt(self.n)  # a shared iterator resumed across passes: amortised
        return self.n

    def expression(self, node: ast.AST, loop_vars: tuple[str, ...]) -> float:
        """Nodes of the expression, plus the hidden work of the calls and operators in it."""
        cost = 0.0
        stack = [node]
        while stack:
            current = stack.pop()
            cost += 1.0
            if isinstance(current, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                cost += self._comprehension(current, loop_vars)
                continue
            if isinstance(current, ast.Lambda):
                continue
            cost += self._hidden(current)
            stack.extend(ast.iter_child_nodes(current))
        return cost

    def _comprehension(self, node: ast.AST, loop_vars: tuple[str, ...]) -> float:
        trips, inner, cost = 1.0, loop_vars, 0.0
        for generator in node.generators:
            cost += trips * self.expression(generator.iter, inner)
            trips *= self.trips(generator.iter, inner)
            inner = inner + tuple(_names(generator.target))
            cost += trips * sum(self.expression(cond, inner) for cond in generator.ifs)
        parts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        return cost + trips * (1.0 + sum(self.expression(p, inner) for p in parts))

    def _size(self, node: ast.AST) -> float:
        """Items in the container a method is called on (`gaps.sort()`): n unless a comprehension built it."""
        holder = node.value if isinstance(node, ast.Attribute) else node
        return self.sizes.get(holder.id, self.n) if isinstance(holder, ast.Name) else self.n

    def _items(self, node: ast.AST, loop_vars: tuple[str, ...]) -> float:
        """How many items a comprehension yields (n for anything else): `sorted(a ^ b for a, b in pairs)` sorts
        as many items as the pairs."""
        if isinstance(node, ast.Name):
            return self.sizes.get(node.id, self.n)
        if not isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return self.n
        trips, inner = 1.0, loop_vars
        for generator in node.generators:
            trips *= self.trips(generator.iter, inner)
            inner = inner + tuple(_names(generator.target))
        return trips

    def _callback(self, call: ast.Call) -> float:
        """Cost of one call of a function passed to a call (`key=`, `cmp_to_key(f)`, `map(f, ..)`): local functions
        and lambdas are charged their body."""
        candidates = [k.value for k in call.keywords if k.arg == "key"] + list(call.args[:1])
        for value in candidates:
            if isinstance(value, ast.Call) and call_name(value.func) == "cmp_to_key" and value.args:
                value = value.args[0]
            if isinstance(value, ast.Lambda):
                return self.expression(value.body, ())
            if isinstance(value, ast.Name) and value.id in self.functions and value.id not in self._active:
                return self.function(value.id)
        return 0.0

    def _hidden(self, node: ast.AST) -> float:
        """Work an expression node does beyond its own bytecodes: container walks and calls into the code."""
        n = self.n
        if isinstance(node, ast.Call):
            name = call_name(node.func)
            if isinstance(node.func, ast.Name) and name in self.functions:
                return self.function(name)
            per_item = self._callback(node)
            if name in ("sorted", "sort"):
                items = self._items(node.args[0], ()) if name == "sorted" and node.args else self._size(node.func)
                compares = items * math.log2(max(items, 2.0))
                keyed = any(k.arg == "key" and isinstance(k.value, ast.Call) and call_name(k.value.func) == "cmp_to_key"
                            for k in node.keywords)
                return compares + (compares if keyed else n) * per_item
            if name in ("min", "max", "map", "filter", "sum") and per_item:
                return n * (1.0 + per_item)
            if name in COMBINATORIAL:
                return n ** 3 if _exponential(node) else n ** 2
            if name in LOG_TIME:
                return self.log_n
            if name in ("min", "max") and len(node.args) >= 2:
                return 0.0
            if isinstance(node.func, ast.Name) and name in LINEAR_BUILTINS and name not in LAZY and node.args:
                return n if not isinstance(node.args[0], (ast.GeneratorExp, ast.ListComp)) else 0.0
            if isinstance(node.func, ast.Attribute) and name in WALKING_METHODS:
                return n / 2
            if isinstance(node.func, ast.Attribute) and name in ("pop", "insert") and node.args and \
                    _const_value(node.args[0]) == 0:
                return n
            return 0.0
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and isinstance(node.ctx, ast.Load):
            return n / 2
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and any(
                isinstance(side, (ast.Tuple, ast.List)) or (isinstance(side, ast.Name)
                                                            and self.kinds.get(side.id) == "sequence")
                for side in (node.left, node.right)):
            return n / 2  # a new list, tuple or string: both operands are copied
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            right = node.comparators[-1]
            if isinstance(right, (ast.ListComp, ast.Subscript)) or (
                    isinstance(right, (ast.List, ast.Tuple)) and len(right.elts) > 8):
                return n / 2
            if isinstance(right, ast.Name) and self.kinds.get(right.id) == "sequence":
                return n / 2
            if isinstance(right, ast.Call) and call_name(right.func) in ("list", "tuple", "sorted", "values"):
                return n / 2
        return 0.0


def estimated_cost(code: str | ast.Module, n: float = 1000.0, entry: str | None = None) -> float | None:
    """Estimated work of one call of the code at input size n (None if it does not parse)."""
    try:
        tree = ast.parse(code) if isinstance(code, str) else code
        return CostModel(tree, n).total(entry)
    except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError):
        return None


COST_SIZES = (30.0, 1000.0, 100000.0)
COST_FEATURE_NAMES = tuple(f"log_est_cost_n{int(n)}" for n in COST_SIZES)


def cost_features(code: str) -> tuple[float, ...]:
    """log2 of the estimated work at each of COST_SIZES; zeros for code that does not parse (see `parses`)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return (0.0,) * len(COST_SIZES)
    values = [estimated_cost(tree, n) for n in COST_SIZES]
    return tuple(math.log2(1.0 + (v if math.isfinite(v) and v < 1e300 else 1e300)) if v is not None else 0.0
                 for v in values)
