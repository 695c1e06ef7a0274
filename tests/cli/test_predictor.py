"""End to end through the CLI: build a tiny run-time database on three suite tasks in the real sandbox (instruction
counts under callgrind, one workload call per size), resume it, train, evaluate, predict and rerank."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from effilab.cli import app
from effilab.measure import callgrind

runner = CliRunner()
TASKS = ["suite/closest_pair_sum", "suite/prefix_border_lengths", "suite/close_value_pairs"]
pytestmark = pytest.mark.skipif(not callgrind.available()[0], reason=str(callgrind.available()[1]))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rdb")
    ids = [arg for task in TASKS for arg in ("--id", task)]
    result = runner.invoke(app, ["runtime-db", "build", "--out", str(folder), "--variants", "1", "--no-time",
                                 "--calls-per-size", "1", "--test-fraction", "0.34", "--json", *ids])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    return folder, summary


def rows(folder):
    return [json.loads(line) for line in (folder / "records.jsonl").read_text().splitlines()]


def test_build_measures_every_passing_code_and_makes_views(db):
    folder, summary = db
    data = rows(folder)
    assert summary["tasks"] == 3 and summary["stages"]["verdict_passed"] == summary["measured"]
    measured = [r for r in data if r["measured"]]
    assert {r["variant"] for r in measured} == {"original", "preserving"}
    assert all(r["instructions"] > 0 and r["wall_us"] is None for r in measured)
    for task in TASKS:  # inefficient references cost more instructions than the efficient one
        costs = {r["origin"].split(":")[0]: r["instructions"] for r in measured
                 if r["task_id"] == task and r["variant"] == "original"}
        own = [r for r in measured if r["task_id"] == task and r["variant"] == "original"]
        eff = min(r["instructions"] for r in own if r["origin"].startswith("efficient"))
        assert all(r["instructions"] > eff for r in own if r["origin"].startswith("inefficient")), costs
    views = [r for r in data if r["variant"] == "view"]
    parents = {r["code_hash"]: r["instructions"] for r in measured}
    assert views and all(parents[v["parent"]] == v["instructions"] for v in views)
    assert {v["transforms"][0] for v in views} == {"uniformise_all", "loops_and_recursion", "delete_tokens"}
    # one split per task
    assert all(len({r["split"] for r in data if r["task_id"] == t}) == 1 for t in TASKS)


def test_build_resumes_without_redoing_tasks(db):
    folder, _ = db
    before = (folder / "records.jsonl").read_text()
    result = runner.invoke(app, ["runtime-db", "build", "--out", str(folder), "--json", "--id", TASKS[0],
                                 "--no-time", "--calls-per-size", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["stages"] == {"tasks_resumed": 1}
    assert (folder / "records.jsonl").read_text() == before


def test_train_evaluate_predict_rerank(db, tmp_path):
    folder, _ = db
    model = tmp_path / "model"
    result = runner.invoke(app, ["predictor", "train", "--db", str(folder), "--out", str(model), "--split", "all",
                                 "--kind", "pairwise-logistic", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["tasks"] == 3
    result = runner.invoke(app, ["predictor", "evaluate", "--db", str(folder), "--predictor", str(model),
                                 "--split", "all", "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert {"pairwise_accuracy", "spearman", "top1", "mae_log_instructions", "per_variant"} <= set(metrics)
    assert metrics["pairwise_accuracy"] > 0.5  # seen tasks: at least better than a coin
    data = rows(folder)
    task = [r for r in data if r["task_id"] == TASKS[0] and r["variant"] == "original"]
    files = []
    for i, r in enumerate(task):
        path = tmp_path / f"code{i}.py"
        path.write_text(r["code"])
        files.append(str(path))
    result = runner.invoke(app, ["predictor", "predict", *files, "--predictor", str(model), "--json"])
    assert result.exit_code == 0, result.output
    ranked = [json.loads(line) for line in result.output.strip().splitlines()]
    assert sorted(r["rank"] for r in ranked) == [1, 2, 3] and all(r["predicted_instructions"] > 0 for r in ranked)
    samples = tmp_path / "samples.jsonl"
    samples.write_text("".join(json.dumps({"task_id": r["task_id"], "solution": r["code"], "k": i}) + "\n"
                               for i, r in enumerate(task)))
    out_file = tmp_path / "reranked.jsonl"
    result = runner.invoke(app, ["predictor", "rerank", str(samples), "--predictor", str(model), "--out",
                                 str(out_file), "--top", "2"])
    assert result.exit_code == 0, result.output
    reranked = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert [r["predicted_rank"] for r in reranked] == [1, 2]
    assert [r["k"] for r in reranked] == [next(x["k"] for x in ranked_samples(ranked, task, i)) for i in range(2)]


def ranked_samples(ranked, task, position):
    """The sample that `predict` put at `position` (both commands must agree on the order)."""
    chosen = ranked[position]["file"]
    index = int(chosen.rsplit("code", 1)[1].split(".")[0])
    return [{"k": index}]


def test_cli_refuses_missing_inputs(tmp_path):
    result = runner.invoke(app, ["predictor", "train", "--db", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no run-time database" in result.output
    result = runner.invoke(app, ["predictor", "evaluate", "--db", str(tmp_path), "--predictor", str(tmp_path)])
    assert result.exit_code == 2
    result = runner.invoke(app, ["predictor", "train", "--kind", "magic"])
    assert result.exit_code == 2 and "unknown kind" in result.output
