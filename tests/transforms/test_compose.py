"""Random compositions of registry transforms as contrastive views."""

from __future__ import annotations

import ast
import random

from effilab.tasks.loaders import load_tasks
from effilab.transforms import Transform, Transformed, for_language
from effilab.transforms.compose import ViewMaker


def _code() -> str:
    return load_tasks("suite")[0].references[0].code


def test_views_are_seeded_preserving_and_varied():
    maker = ViewMaker.for_language("python")
    assert maker.transforms and all(t.preserving for t in maker.transforms)
    code = _code()
    views = [maker.view(code, random.Random(seed)) for seed in range(12)]
    assert views[3] == maker.view(code, random.Random(3))  # same seed, same view
    assert len({v.code for v in views}) >= 6  # different seeds give different views
    for v in views:
        ast.parse(v.code)  # preserving transforms keep the program parseable
        assert 0 <= len(v.applied) <= maker.max_steps
        assert all(name.startswith("python.") for name in v.applied)
    a, b = maker.pair(code, random.Random(0))
    assert a != b or a.code == code


def test_lossy_only_on_request_and_names_filter():
    lossy = {t.name for t in for_language("python", preserving=False)}
    assert lossy  # the registry has some
    assert not lossy & {t.name for t in ViewMaker.for_language("python").transforms}
    assert lossy <= {t.name for t in ViewMaker.for_language("python", lossy=True).transforms}
    only = ViewMaker.for_language("python", names=["python.rename_variables"])
    assert [t.name for t in only.transforms] == ["rename_variables"]


def test_cpp_views():
    maker = ViewMaker.for_language("cpp")
    code = "int add(int a, int b) {\n    int s = a + b;\n    return s;\n}\n"
    codes = {maker.view(code, random.Random(seed)).code for seed in range(8)}
    assert len(codes) > 1


def test_a_raising_transform_is_skipped_and_counted():
    def broken(code: str, rng: random.Random) -> Transformed:
        raise RuntimeError("bug")

    def upper(code: str, rng: random.Random) -> Transformed:
        return Transformed(code.upper(), True)

    maker = ViewMaker([Transform("broken", "python", True, broken), Transform("upper", "python", True, upper)],
                      max_steps=2)
    views = [maker.view("x = 1\n", random.Random(seed)) for seed in range(10)]
    assert maker.failures.get("python.broken", 0) > 0
    assert all(v.code in ("x = 1\n", "X = 1\n") for v in views)
    assert any(v.applied == ("python.upper",) for v in views)
