"""Test-local views for contrastive tests: a rename of every local identifier to random words (via ast).

Kept here, not in transforms/, so that tests do not depend on the registry's Python transforms.
"""

from __future__ import annotations

import ast
import random

from effilab.transforms import Transform, Transformed

WORDS = ["alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma", "theta", "zeta", "rho", "tau", "phi",
         "item", "value", "acc", "node", "buf", "tmp", "x", "y", "z", "u", "v", "w", "res", "out", "cur", "idx"]


def _rename(code: str, rng: random.Random) -> Transformed:
    tree = ast.parse(code)
    names = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                   | {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)})
    fresh = rng.sample(WORDS, len(names)) if len(names) <= len(WORDS) else names
    mapping = dict(zip(names, fresh))

    class Renamer(ast.NodeTransformer):
        def visit_Name(self, node):
            return ast.copy_location(ast.Name(mapping.get(node.id, node.id), node.ctx), node)

        def visit_arg(self, node):
            node.arg = mapping.get(node.arg, node.arg)
            return node

    return Transformed(ast.unparse(Renamer().visit(tree)), True)


RENAME = Transform("toy_rename", "python", True, _rename)

TEMPLATES = {
    "sum": "def f(a):\n    s = 0\n    for e in a:\n        s += e\n    return s\n",
    "max": "def f(a):\n    m = a[0]\n    for e in a:\n        if e > m:\n            m = e\n    return m\n",
    "count": "def f(a, t):\n    c = 0\n    for e in a:\n        if e == t:\n            c = c + 1\n    return c\n",
    "rev": "def f(s):\n    r = ''\n    for ch in s:\n        r = ch + r\n    return r\n",
    "fact": "def f(n):\n    p = 1\n    while n > 1:\n        p *= n\n        n -= 1\n    return p\n",
    "dict": "def f(ws):\n    d = {}\n    for k in ws:\n        d[k] = d.get(k, 0) + 1\n    return d\n",
}
