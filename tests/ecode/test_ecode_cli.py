"""`effilab ecode` end to end on the GEC fixture through typer's CliRunner: real training, generation, sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from effilab.cli import app

pytest.importorskip("torch")
pytest.importorskip("codebleu")

FIXTURE = Path(__file__).parent.parent / "fixtures" / "gec"
runner = CliRunner()


def _ok(args: list[str]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result


def test_export_train_generate_eval(tmp_path):
    data = tmp_path / "epc"
    out = _ok(["ecode", "export", "--tasks", f"gec:{FIXTURE}", "--out", str(data), "--test-share", "0"]).output
    assert "deduplicated" in out and "train: 3 examples" in out
    train = data / "train.jsonl"

    model = tmp_path / "model"
    out = _ok(["ecode", "train", "--data", str(train), "--out", str(model), "--steps", "2", "--batch-size", "3",
               "--max-code-tokens", "64", "--save-every", "1", "--warmup", "1"]).output
    assert "last loss" in out
    history = json.loads((model / "history.json").read_text())
    assert [h["step"] for h in history] == [1, 2]
    assert (model / "final" / "model.safetensors").exists() and (model / "checkpoint-2").exists()

    samples = tmp_path / "samples.jsonl"
    _ok(["ecode", "generate", "--model", str(model / "final"), "--data", str(train), "--out", str(samples), "-k", "2",
         "--max-new-tokens", "8"])
    rows = [json.loads(line) for line in samples.read_text().splitlines()]
    assert len(rows) == 3 and all(len(r["completions"]) == 2 for r in rows)

    result = _ok(["ecode", "eval", "--data", str(train), "--tasks", f"gec:{FIXTURE}", "--samples", str(samples),
                  "--ks", "1,2", "--out", str(tmp_path / "eval"), "--json"])
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["overall"]["samples"] == 6 and 0 <= summary["overall"]["codebleu"] <= 1
    assert set(summary["selection"]) == {"sample1_submit1", "sample2_submit1", "sample2_submit2"}
    assert len((tmp_path / "eval" / "results.jsonl").read_text().splitlines()) == 6


def test_copy_baseline_and_errors(tmp_path):
    data = tmp_path / "epc"
    _ok(["ecode", "export", "--tasks", f"gec:{FIXTURE}", "--out", str(data), "--test-share", "0"])
    result = _ok(["ecode", "eval", "--data", str(data / "train.jsonl"), "--tasks", f"gec:{FIXTURE}", "--copy",
                  "-k", "1", "--ks", "1", "--out", str(tmp_path / "eval")])
    assert "full pass" in result.output and "1.000" in result.output
    predicted = _ok(["ecode", "eval", "--data", str(data / "train.jsonl"), "--tasks", f"gec:{FIXTURE}", "--copy",
                     "-k", "1", "--ks", "1", "--no-measure", "--predictor", "length_predictor:predict", "--json",
                     "--out", str(tmp_path / "eval2")])
    assert json.loads(predicted.stdout.strip().splitlines()[-1])["overall"]["egr_predicted"] == 0.0
    # a predictor trained with `effilab predictor train` (its wall-time regressor gives seconds)
    from effilab.models.runtime_predictor import PredictorConfig, RuntimePredictor

    rows = [{"task_id": f"t{i % 3}", "code": "def f(x):\n" + "    x = x + 1\n" * i + "    return x\n",
             "instructions": 100.0 * (i + 1), "wall_us": 10.0 * (i + 1)} for i in range(9)]
    RuntimePredictor(PredictorConfig(kind="pairwise-logistic")).fit(rows).save(tmp_path / "predictor")
    trained = _ok(["ecode", "eval", "--data", str(data / "train.jsonl"), "--tasks", f"gec:{FIXTURE}", "--copy",
                   "-k", "1", "--ks", "1", "--no-measure", "--predictor", str(tmp_path / "predictor"), "--json",
                   "--out", str(tmp_path / "eval3")])
    assert json.loads(trained.stdout.strip().splitlines()[-1])["overall"]["egr_predicted"] == 0.0  # a copy gains 0
    bad_predictor = runner.invoke(app, ["ecode", "eval", "--data", str(data / "train.jsonl"), "--copy",
                                        "--predictor", "no_such_module:f"])
    assert bad_predictor.exit_code == 2 and "no_such_module" in bad_predictor.output

    bad = runner.invoke(app, ["ecode", "eval", "--data", str(data / "train.jsonl"), "--copy",
                              "--samples", str(data / "train.jsonl")])
    assert bad.exit_code == 2 and "exactly one of" in bad.output
    missing = runner.invoke(app, ["ecode", "generate", "--model", str(tmp_path / "nothing"), "--data",
                                  str(data / "train.jsonl")])
    assert missing.exit_code == 2 and "cannot load an E-code model" in missing.output
    params = _ok(["ecode", "params", "--json"])
    assert 380e6 < json.loads(params.stdout)["total"] < 420e6
