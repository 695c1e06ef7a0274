"""Line-level profiles from a real sandboxed run: line_profiler times and tracemalloc growth per line, as data."""

import pytest

from effilab.measure.profile import profile_code
from effilab.sandbox import get_sandbox
from effilab.tasks.models import Task, TestCase

CODE = """def work(n):
    total = 0
    for i in range(n):
        for j in range(n):
            total += i * j
    table = [list(range(n)) for _ in range(n)]
    return total + len(table)
"""


def task(code_tests=None):
    return Task(id="t/work", source="t", prompt="def work(n):", entry_point="work",
                tests=code_tests or [TestCase(kind="call", args=[150], expected=0),
                                     TestCase(kind="call", args=[3], expected=0, hidden=True)])


def test_hot_lines_by_time_and_memory_name_the_right_source_lines():
    profile = profile_code(task(), CODE, get_sandbox("auto"))
    assert profile.error is None
    by_line = {s.line: s for s in profile.lines}
    assert by_line[5].hits == 150 * 150  # the hidden test (n=3) is not run: open tests only
    assert profile.hot_by_time(2)[0].source.strip() in {"total += i * j", "for j in range(n):"}
    assert {s.line for s in profile.hot_by_time(2)} == {4, 5}
    assert profile.hot_by_memory(1)[0].source.strip() == "table = [list(range(n)) for _ in range(n)]"
    assert profile.hot_by_memory(1)[0].mem_increment_mb > 0.15  # 150 lists of 150 pointers: 0.18 MB
    assert abs(sum(s.time_share for s in profile.lines) - 1.0) < 1e-6
    text = profile.to_text(k=3)
    assert "total += i * j" in text and "Top 3 lines by memory growth" in text
    assert "memory" not in profile.to_text(memory=False).split("\n", 1)[1]


def test_methods_and_assert_tests_are_profiled():
    code = "class Solution:\n    def go(self, xs):\n        return sorted(xs)[::-1]\n"
    t = Task(id="t/go", source="t", prompt="", entry_point="Solution.go",
             tests=[TestCase(kind="call", args=[[3, 1, 2]], expected=[3, 2, 1]),
                    TestCase(kind="assert", code="assert Solution().go([1, 2]) == [2, 1]")])
    profile = profile_code(t, code, get_sandbox("auto"))
    assert profile.error is None and {s.line: s.hits for s in profile.lines}[3] == 2


@pytest.mark.parametrize("code, why", [("def work(n:\n", "SyntaxError"), ("import os\nos._exit(3)\n", "exit")])
def test_broken_code_gives_an_error_not_a_crash(code, why):
    profile = profile_code(task(), code, get_sandbox("auto"))
    assert profile.error and why in profile.error and profile.lines == []
    assert profile.to_text().startswith("(profiling failed")
