"""A run measured on cluster nodes whose fingerprints differ does not compare unless forced; identical nodes
(same fingerprint id, different node names) do."""

from __future__ import annotations

import copy

import pytest
from synthetic_run import build_rows, write_run

from effilab.report.compare import MixedEnvironments, compare_runs


def _spread(rows, ids, nodes):
    rows = copy.deepcopy(rows)
    for i, row in enumerate(r for r in rows if r["measurement"]):
        row["measurement"]["environment"]["id"] = ids[i % len(ids)]
        row["measurement"]["environment"]["node"] = nodes[i % len(nodes)]
    return rows


def test_a_run_over_differing_nodes_is_refused_unless_forced(tmp_path):
    base = write_run(tmp_path / "a", _spread(build_rows(), ["abc123def456"], ["n1"]))
    mixed = write_run(tmp_path / "b", _spread(build_rows(), ["abc123def456", "fff000fff000"], ["n1", "n2"]))
    with pytest.raises(MixedEnvironments):
        compare_runs(base, mixed)
    assert compare_runs(base, mixed, force=True)["environments_differ"] is True


def test_identical_nodes_compare(tmp_path):
    base = write_run(tmp_path / "a", _spread(build_rows(), ["abc123def456"], ["n1"]))
    same = write_run(tmp_path / "b", _spread(build_rows(), ["abc123def456"], ["n1", "n2", "n3"]))
    result = compare_runs(base, same)
    assert result["environments_differ"] is False and result["overlap"] > 0
