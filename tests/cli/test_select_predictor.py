"""`effilab select --predictor`: with --no-measure the samples that pass the open tests are ranked by a saved
run-time predictor (the untrained static cost model here), and the choice says it was predicted."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from effilab.cli import app
from effilab.models.runtime_predictor import PredictorConfig, RuntimePredictor
from effilab.tasks.loaders import load_tasks


def test_select_by_predicted_cost(tmp_path):
    task = next(t for t in load_tasks("suite") if t.id == "suite/closest_pair_sum")
    slow = next(r.code for r in task.references if r.name == "inefficient_all_pairs")
    fast = next(r.code for r in task.references if r.role == "efficient")
    rows = [{"task_id": "t", "code": "def f(x):\n    return x\n", "instructions": 10.0},
            {"task_id": "t", "code": "def f(x):\n    return sorted(x)\n", "instructions": 100.0}]
    model = tmp_path / "predictor"
    RuntimePredictor(PredictorConfig(kind="cost-model", regressor=False)).fit(rows).save(model)
    samples = tmp_path / "samples.jsonl"
    samples.write_text("".join(json.dumps({"task_id": task.id, "solution": code}) + "\n" for code in (slow, fast)))
    runner = CliRunner()
    args = ["select", str(samples), "--tasks", "suite", "-o", str(tmp_path / "chosen.jsonl"), "--json"]
    refused = runner.invoke(app, args + ["--no-measure"])
    assert refused.exit_code != 0 and "--predictor" in refused.output
    done = runner.invoke(app, args + ["--no-measure", "--predictor", str(model)])
    assert done.exit_code == 0, done.output
    choice = json.loads(done.stdout)["choices"][0]
    assert choice["chosen"] == 1 and choice["how"] == "predicted"
    assert json.loads((tmp_path / "chosen.jsonl").read_text())["solution"] == fast
