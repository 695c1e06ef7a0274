"""Compile rate: pooled over samples, interval over prompts, relative improvements between systems."""

from __future__ import annotations

import pytest

from effilab.metrics.compile_rate import (compile_rate, compile_table, rate_with_interval, relative_improvement,
                                          table_markdown)


def test_rate_and_interval():
    assert compile_rate([True, False, True, True]) == 0.75
    with pytest.raises(ValueError):
        compile_rate([])
    groups = [[True, True], [False, False], [True, False], [True, True]]
    result = rate_with_interval(groups, seed=1)
    assert (result["rate"], result["good"], result["total"], result["prompts"]) == (0.625, 5, 8, 4)
    low, high = result["ci"]
    assert 0.0 <= low < 0.625 < high <= 1.0
    assert rate_with_interval(groups, seed=1)["ci"] == result["ci"]  # seeded
    assert rate_with_interval([[True]] * 5)["ci"] == (1.0, 1.0)


def test_relative_improvement_and_table():
    assert relative_improvement(0.5, 0.75) == pytest.approx(0.5)
    assert relative_improvement(0.0, 0.3) is None
    systems = {"base": {"errors": [[True, False]] * 4, "warnings": [[False, False]] * 4},
               "sft": {"errors": [[True, True]] * 4, "warnings": [[True, False]] * 4},
               "dpo": {"errors": [[True, True]] * 3 + [[True, False]], "warnings": [[True, True]] * 4}}
    table = compile_table(systems)
    assert table["rates"]["sft"]["errors"]["rate"] == 1.0
    errors = [i for i in table["improvements"] if i["policy"] == "errors"]
    assert [(i["from"], i["to"]) for i in errors] == [("base", "sft"), ("base", "dpo"), ("sft", "dpo")]
    assert errors[0]["relative"] == pytest.approx(1.0) and errors[2]["absolute"] == pytest.approx(-0.125)
    warnings = [i for i in table["improvements"] if i["policy"] == "warnings"]
    assert warnings[0]["relative"] is None  # from a rate of 0
    text = table_markdown(table)
    assert "| sft | 100.0% (8/8)" in text and "| warnings | base | sft | +50.0% | n/a |" in text
