"""Measurement of compiled C++ programs on a real workload in real sandboxes: exact instruction counts that rank
a quadratic program above a linear one, time and memory fields, failures reported rather than scored."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import cpp_cache  # noqa: E402,F401  (private compile cache)

from effilab.measure import callgrind  # noqa: E402
from effilab.measure.engine import MeasureSpec, measure_codes  # noqa: E402
from effilab.sandbox import Limits  # noqa: E402
from effilab.tasks.models import Task  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("g++") is None, reason="g++ missing (Debian package 'g++')")

GENERATOR = """
def generate(size, rng):
    xs = [rng.randint(0, size) for _ in range(size)]
    return f"{size}\\n" + " ".join(map(str, xs)) + "\\n"
"""
TASK = Task.model_validate({
    "id": "mini/distinct", "source": "mini", "language": "cpp", "prompt": "count distinct values",
    "tests": [{"kind": "stdio", "stdin": "3\n1 1 2\n", "expected_stdout": "2\n"}],
    "workload": {"generator": GENERATOR, "sizes": [900], "seed": 5},
})
LINEAR = """#include <cstdio>
#include <vector>
int main() {
    int n; scanf("%d", &n);
    std::vector<char> seen(n + 1, 0);
    int distinct = 0;
    for (int i = 0; i < n; ++i) { int x; scanf("%d", &x); distinct += !seen[x]; seen[x] = 1; }
    printf("%d\\n", distinct);
}
"""
QUADRATIC = """#include <cstdio>
#include <vector>
int main() {
    int n; scanf("%d", &n);
    std::vector<int> v(n);
    int distinct = 0;
    for (int i = 0; i < n; ++i) {
        scanf("%d", &v[i]);
        bool fresh = true;
        for (int j = 0; j < i; ++j) if (v[j] == v[i]) fresh = false;
        distinct += fresh;
    }
    printf("%d\\n", distinct);
}
"""
CRASHES = "#include <cstdlib>\nint main() { abort(); }\n"
HUNGRY = LINEAR.replace("std::vector<char> seen(n + 1, 0);", "std::vector<char> seen(n + 40000000, 1);")
LIMITS = Limits(wall_s=60, cpu_s=60)


@pytest.mark.skipif(not callgrind.available()[0], reason=callgrind.available()[1])
def test_instruction_counts_repeat_exactly_and_rank_programs():
    from effilab.sandbox import get_sandbox

    sandbox = get_sandbox("auto")  # one backend: valgrind start-up is slow
    spec = MeasureSpec(time=False, memory=False, instructions=True)
    first = measure_codes(TASK, [LINEAR, QUADRATIC], sandbox, spec, LIMITS)
    again = measure_codes(TASK, [QUADRATIC], sandbox, spec, LIMITS)
    assert [m.errors for m in first] == [[], []]
    assert again[0].instructions == first[1].instructions
    assert first[1].instructions > 3 * first[0].instructions
    assert first[0].instruction_calls == 1  # one run per workload input


def test_time_memory_and_failures(sandbox):
    spec = MeasureSpec(time=True, memory=True, instructions=False, repeats=3)
    fast, slow, crash, hungry = measure_codes(TASK, [LINEAR, QUADRATIC, CRASHES, HUNGRY], sandbox, spec, LIMITS)
    for m in (fast, slow):
        assert not m.errors and m.repeats == 3 and len(m.wall_samples_s) == 3 and m.calls == 1
        assert m.wall_ci_s[0] <= m.wall_s <= m.wall_ci_s[1] and m.cpu_s is not None
        assert m.environment["language"] == "cpp" and m.environment["sandbox"] == sandbox.name
        assert 0.5 < m.peak_mb < 11 and m.tmu_mb_s >= 0  # the program's own memory, not the timer's (~12 MB)
    assert crash.errors and "status" in crash.errors[0] and crash.wall_s is None
    assert hungry.peak_mb > 40 and hungry.tmu_mb_s > fast.tmu_mb_s


ONE_CORE_ONLY = """#include <sched.h>
#include <cstdio>
int main() {  // fails unless it may run on exactly one core
    cpu_set_t set; CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 4;
    int x; while (scanf("%d", &x) == 1) {}
    puts("0");
    return CPU_COUNT(&set) == 1 ? 0 : 3;
}
"""


@pytest.mark.skipif(len(__import__("os").sched_getaffinity(0)) < 2, reason="one core: pinning shows nothing")
def test_timing_runs_are_pinned_to_one_core(sandbox):
    pinned, = measure_codes(TASK, [ONE_CORE_ONLY], sandbox, MeasureSpec(instructions=False, repeats=1), LIMITS)
    assert not pinned.errors and pinned.wall_s > 0
    free, = measure_codes(TASK, [ONE_CORE_ONLY], sandbox, MeasureSpec(instructions=False, repeats=1, pin=False),
                          LIMITS)
    assert free.errors and "status 3" in free.errors[0]
