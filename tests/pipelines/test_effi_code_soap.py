"""The optimize stage driven by the SOAP loop (effilab.optimize.soap, from the generation issue): on one suite task
with scripted replies, round 1 proposes the fast code (accepted by measurement), round 2 repeats it (rejected);
the pipeline then judges, measures and keeps it. Skips where the SOAP module is not in the tree."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def test_soap_optimiser_feeds_the_pipeline(tmp_path):
    pytest.importorskip("effilab.optimize.soap", reason="the SOAP module (generation issue) is not in this tree")
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind is needed for instruction counts")
    from effilab.pipelines.effi_code import run_effi_code
    from effilab.pipelines.effi_code.config import EffiCodeConfig

    config = EffiCodeConfig.model_validate({
        "out_dir": str(tmp_path / "out"),
        "sources": [{"kind": "tasks", "spec": "suite", "ids": ["suite/pair_sum_count"]}],
        "generator": f"scripted:{FIXTURES / 'replies.jsonl'}",
        "optimizer": "soap", "soap_rounds": 2, "algorithmic_judge": False, "hf_datasets": False,
        "measure": {"cost": "instructions", "calls_per_size": 3, "sizes": [40], "min_gain": 0.1},
        "eval_fraction": 0.0})
    reports, summary = run_effi_code(config)
    optimize = next(r for r in reports if r.name == "optimize")
    assert optimize.notes["soap_accepted_rounds"] == 1
    assert [r.records_out for r in reports][-1] == 1 and summary["sft_train"] == 1
    [sft] = [json.loads(line) for line in (tmp_path / "out" / "datasets" / "sft.train.jsonl").read_text().splitlines()]
    assert "seen.get(target - value" in sft["completion"] and sft["speedup"] > 2
    assert sft["provenance"]["soap"][0].startswith("accepted")
