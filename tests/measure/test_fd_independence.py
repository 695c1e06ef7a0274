"""The instruction count does not depend on how many files the measuring process holds open (a Ray worker or a
trainer holds many): descriptor numbers are padded in the run's argv and environment, and callgrind runs have a
fixed descriptor limit above them."""

from __future__ import annotations

import os

import pytest

from effilab.measure import callgrind
from effilab.measure.engine import MeasureSpec, measure_codes
from effilab.tasks.models import Task

TASK = Task.model_validate({
    "id": "mini/sorted", "source": "mini", "prompt": "", "entry_point": "ordered",
    "tests": [{"kind": "call", "args": [[2, 1]], "expected": [1, 2]}],
    "workload": {"generator": "def generate(size, rng):\n    return [[[rng.random() for _ in range(size)]]]\n",
                 "sizes": [300], "seed": 5},
})
CODE = "def ordered(xs):\n    return sorted(xs)\n"


@pytest.mark.skipif(not callgrind.available()[0], reason=callgrind.available()[1])
def test_count_ignores_open_descriptors_of_the_parent(sandbox):
    spec = MeasureSpec(time=False, memory=False, instructions=True)
    plain = measure_codes(TASK, [CODE], sandbox, spec)[0]
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(300)]  # the next pipes get numbers past 300
    try:
        crowded = measure_codes(TASK, [CODE], sandbox, spec)[0]
    finally:
        for fd in held:
            os.close(fd)
    assert plain.errors == crowded.errors == []
    assert plain.instructions == crowded.instructions
