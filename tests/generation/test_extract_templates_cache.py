"""Code extraction from messy replies, prompt templates, and the generation cache (SQLite, with a counting model)."""

import ast

import pytest

from effilab.generation.base import GenParams
from effilab.generation.cache import GenerationCache, cached_generate
from effilab.generation.extract import extract_code
from effilab.generation.scripted import ScriptedGenerator
from effilab.generation.templates import get_template
from effilab.tasks.loaders import load_tasks

REPLY_PROSE_AND_BLOCKS = """Sure! Here is an efficient solution.

First a helper:

```python
def _prefix(nums):
    out = [0]
    for x in nums:
        out.append(out[-1] + x)
    return out
```

And the function:

```Python
def max_window_sum(nums, k):
    p = _prefix(nums)
    return max(p[i + k] - p[i] for i in range(len(nums) - k + 1))
```

Example run:

```text
>>> max_window_sum([1, 2], 1)
2
```
This runs in O(n) time."""


def test_entry_block_wins_and_helpers_are_kept():
    code = extract_code(REPLY_PROSE_AND_BLOCKS, "max_window_sum")
    assert code.startswith("def _prefix(nums):")
    assert "def max_window_sum(nums, k):" in code and ">>>" not in code and "O(n)" not in code
    tree = ast.parse(code)
    assert [n.name for n in tree.body] == ["_prefix", "max_window_sum"]


@pytest.mark.parametrize("reply, expected", [
    ("~~~\ndef f():\n    return 1\n~~~\n", "def f():\n    return 1\n"),  # tilde fence, no tag
    ("```py\ndef f():\n    return 1\n", "def f():\n    return 1\n"),  # unclosed (truncated) fence
    ("Here you go:\ndef f():\n    return 1\n\nThis is fast because it returns early.", "def f():\n    return 1\n"),
    ("<think>maybe ```def f(): wrong```</think>\n```python\ndef f():\n    return 2\n```", "def f():\n    return 2\n"),
    ("No code here, sorry.", ""),
])
def test_messy_replies(reply, expected):
    assert extract_code(reply, "f") == expected


def test_last_definition_wins_when_the_model_revises():
    reply = "```python\ndef f():\n    return 1\n```\nActually better:\n```python\ndef f():\n    return 2\n```"
    assert extract_code(reply, "f") == "def f():\n    return 2\n"
    leet = "```python\nclass Solution:\n    def go(self):\n        return 3\n```"
    assert "class Solution" in extract_code(leet, "Solution.go")


def test_templates_render_task_code_and_profile():
    task = load_tasks("suite", limit=1)[0]
    complete = get_template("complete@1").render(task)
    assert complete[0]["role"] == "system" and task.prompt.strip() in complete[1]["content"]
    assert "Do not modify the given code" in complete[1]["content"]
    soap = get_template("soap").render(task, code="def g(): pass", profile="HOT LINE 3: for i in range(n)")
    assert "HOT LINE 3: for i in range(n)" in soap[1]["content"] and "def g(): pass" in soap[1]["content"]
    epc = get_template("epc").render(task, code="slow()")
    assert task.description.title in epc[1]["content"] and "slow()" in epc[1]["content"]
    with pytest.raises(ValueError, match="version"):
        get_template("soap@9")


def test_cache_answers_reruns_and_asks_only_for_missing_samples(tmp_path):
    counter = {"n": 0}

    def model(prompt):
        counter["n"] += 1
        return [f"reply {counter['n']}.{i}" for i in range(8)]

    gen = ScriptedGenerator(model)
    params = GenParams(n=2, temperature=0.8, seed=1)
    with GenerationCache(tmp_path / "gen.sqlite") as cache:
        first = cached_generate(gen, ["p", "q"], params, cache)
    with GenerationCache(tmp_path / "gen.sqlite") as cache:  # a new process would see the same file
        again = cached_generate(gen, ["p", "q"], params, cache)
        assert cache.hits == 4 and cache.misses == 0
        assert [[c.text for c in row] for row in again] == [[c.text for c in row] for row in first]
        assert all(c.meta.get("cached") for row in again for c in row)
        more = cached_generate(gen, ["p"], GenParams(n=3, temperature=0.8, seed=1), cache)
        assert [c.text for c in more[0]][:2] == [c.text for c in first[0]] and cache.misses == 1
        other = cached_generate(gen, ["p"], GenParams(n=1, temperature=0.2, seed=1), cache)  # new params: new key
        assert other[0][0].text not in {c.text for c in first[0]}
    assert counter["n"] == 4  # p, q, p's third sample, p at the new temperature
