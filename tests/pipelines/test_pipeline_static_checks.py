"""Static checks of solution code: risky operations, the algorithmic fallback, script-to-function conversion."""

from __future__ import annotations

import ast

from effilab.pipelines.effi_code.static_checks import (defines, looks_algorithmic, risky_operations,
                                                       script_to_function)
from effilab.pipelines.effi_code.stages import _parse_tests, extract_code, workload_from_tests


def test_risky_operations_are_found():
    assert risky_operations("def f(xs):\n    return sorted(xs)\n") == []
    assert "import os" in risky_operations("import os\n\ndef f(p):\n    os.remove(p)\n")
    assert "call remove()" in risky_operations("import os\n\ndef f(p):\n    os.remove(p)\n")
    assert risky_operations("from subprocess import run\n") == ["from subprocess import"]
    assert risky_operations("def f(s):\n    return eval(s)\n") == ["call eval()"]
    assert risky_operations("def f():\n    open('x', 'w').write('1')\n") == ["open() for writing"]
    assert risky_operations("def f():\n    return open('x').read()\n") == []
    assert risky_operations("def f(m):\n    return open('x', m)\n") == ["open() for writing"]
    assert risky_operations("def f():\n    return ().__class__.__bases__\n")
    assert risky_operations("def f(:\n") == ["syntax error"]


def test_algorithmic_fallback():
    assert looks_algorithmic("def f(xs):\n    t = 0\n    for x in xs:\n        t += x\n    return t\n")
    assert looks_algorithmic("def f(n):\n    return 1 if n < 2 else f(n - 1) + f(n - 2)\n")
    assert not looks_algorithmic("def f(s):\n    return s.upper() + '!'\n")


def test_script_to_function_keeps_imports_and_helpers():
    code = "import math\n\ndef sq(x):\n    return x * x\n\nn = int(input())\nprint(math.isqrt(sq(n)))\n"
    converted = script_to_function(code)
    tree = ast.parse(converted)
    assert defines(converted, "solve") and defines(converted, "sq")
    assert any(isinstance(n, ast.Import) for n in tree.body)
    assert script_to_function("def f(x):\n    return x\n") is None  # already a function: nothing to convert
    assert defines("class S:\n    def run(self):\n        pass\n", "S.run")


def test_reply_parsing():
    reply = "Original:\n```python\ndef f(): return 1\n```\nFaster:\n```python\ndef f(): return 2\n```\n"
    assert extract_code(reply) == "def f(): return 2\n"
    assert extract_code("def g(): pass") == "def g(): pass\n"
    tests = _parse_tests('Sure:\n```json\n[{"args": [1], "expected": 2}, [[3], 4]]\n```')
    assert tests == [{"kind": "call", "args": [1], "expected": 2}, {"kind": "call", "args": [3], "expected": 4}]
    assert _parse_tests("no idea") == [] and _parse_tests("[{bad json}]") == []
    source = workload_from_tests([[[1, 2]], ["x'\"y"]], 3)
    assert "def generate(size, rng)" in source and ast.parse(source)


def test_common_competitive_programming_idioms_are_not_risky():
    code = "import sys\nimport threading\nsys.setrecursionlimit(10000)\ndata = sys.stdin.read().split()\n"
    assert risky_operations(code) == []
