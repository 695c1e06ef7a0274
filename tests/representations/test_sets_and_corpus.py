"""Labelled sets (folder, JSONL, suite with variants, split by type) and corpus harvesting."""

from __future__ import annotations

import json

import pytest

from effilab.representations.corpus import HarvestStats, harvest, read_corpus, write_corpus
from effilab.representations.dataset import (
    from_folder,
    from_jsonl,
    load_set,
    split_labels,
    type_sizes,
    write_jsonl,
)


def test_folder_and_jsonl(tmp_path):
    (tmp_path / "sum").mkdir()
    (tmp_path / "sum" / "a.py").write_text("def f(x):\n    return sum(x)\n")
    (tmp_path / "sum" / "b.cpp").write_text("int f(int* x, int n) { int s = 0; return s; }\n")
    (tmp_path / "max").mkdir()
    (tmp_path / "max" / "a.py").write_text("def f(x):\n    return max(x)\n")
    (tmp_path / "max" / "notes.txt").write_text("not code")
    items = from_folder(tmp_path)
    assert [(i.id, i.label, i.language) for i in items] == [("max/a.py", "max", "python"),
                                                            ("sum/a.py", "sum", "python"),
                                                            ("sum/b.cpp", "sum", "cpp")]
    path = write_jsonl(items, tmp_path / "set.jsonl")
    assert from_jsonl(path) == items
    assert load_set(str(path)) == items and load_set(str(tmp_path)) == items
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"code": "x"}) + "\n")
    with pytest.raises(ValueError, match="label"):
        from_jsonl(bad)


def test_suite_with_variants_and_split():
    plain = load_set("suite")
    assert len(type_sizes(plain)) == 41 and all(n == 3 for n in type_sizes(plain).values())
    train, test = split_labels(plain, 0.5, seed=0)
    assert {i.label for i in train}.isdisjoint({i.label for i in test})
    assert len(type_sizes(test)) == 20 and len(train) + len(test) == len(plain)
    test_with_variants = load_set("suite", variants=2, split="test")
    assert {i.label for i in test_with_variants} == {i.label for i in test}
    variants = [i for i in test_with_variants if "~" in i.id]
    assert variants and all(i.origin.startswith("variant of") for i in variants)
    references = {i.id: i.code for i in test_with_variants if "~" not in i.id}
    assert all(v.code != references[v.id.split("~")[0]] for v in variants)  # a variant differs from its reference
    assert load_set("suite", variants=2, split="test") == test_with_variants  # seeded


def test_harvest_dedups_and_filters(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text(
        "def tiny():\n    pass\n\n"
        "def keep(x):\n    y = x + 1\n    return y\n\n"
        "class K:\n    def method(self, x):\n        y = x * 2\n        return y\n")
    (tmp_path / "pkg" / "b.py").write_text("def keep(x):\n    y = x + 1   # same code, other comment\n    return y\n")
    (tmp_path / "pkg" / "broken.py").write_text("def (:\n")
    (tmp_path / "c.cpp").write_text("int add(int a, int b) {\n  int s = a + b;\n  return s;\n}\n")
    stats = HarvestStats()
    functions = harvest(tmp_path, ("python", "cpp"), min_lines=3, stats=stats)
    assert sorted(f.id for f in functions) == ["c.cpp:1:add", "pkg/a.py:4:keep", "pkg/a.py:9:method"]
    method = next(f for f in functions if f.id.endswith("method"))
    assert method.code.startswith("def method(self, x):")  # dedented
    assert stats.duplicates == 1 and stats.too_small == 1 and stats.unreadable == 1
    assert read_corpus(write_corpus(functions, tmp_path / "c.jsonl")) == functions
    assert [f.id for f in harvest(tmp_path, ("cpp",))] == ["c.cpp:1:add"]
    assert len(harvest(tmp_path, ("python",), min_lines=2, max_lines=2)) == 1  # only `tiny` has 2 lines
