"""The Effi-Code pipeline end to end on a small fixture (one suite task and six instruction records: one risky,
one not algorithmic, one whose tests are all wrong, one without tests, one script-style), with a scripted
generator replaying fast-correct, slow-correct and wrong code; every code judged and measured (instruction
counts) in the real sandbox. Then DPO and SFT train a tiny model on what it wrote, through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from effilab.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()

EXPECTED_STAGES = [  # (stage, in, out, dropped)
    ("ingest", 0, 7, {}),
    ("to_function", 7, 7, {}),
    ("risky_filter", 7, 6, {"risky operation": 1}),
    ("construct_tests", 6, 6, {}),
    ("validate_tests", 6, 5, {"no valid tests": 1}),
    ("algorithmic_filter", 5, 4, {"not algorithmic (model)": 1}),
    ("workload", 4, 4, {}),
    ("optimize", 4, 4, {}),
    ("judge", 4, 4, {}),
    ("measure", 4, 4, {}),
    ("select", 4, 3, {"not more efficient than the original": 1}),
]


def write_config(tmp: Path) -> Path:
    config = {
        "out_dir": str(tmp / "out"),
        "sources": [{"kind": "tasks", "spec": "suite", "ids": ["suite/pair_sum_count"]},
                    {"kind": "instructions", "path": str(FIXTURES / "instructions.jsonl"), "name": "fixture",
                     "fields": {"prompt": "instruction", "solution": "output"}}],
        "generator": f"scripted:{FIXTURES / 'replies.jsonl'}",
        "samples": 3,
        "measure": {"cost": "instructions", "calls_per_size": 3, "sizes": [40], "min_gain": 0.1,
                    "workload_repeat": 3},
        "eval_fraction": 0.0,
    }
    path = tmp / "effi_code.yaml"
    path.write_text(json.dumps(config))  # JSON is YAML
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind is needed for instruction counts")
    tmp = tmp_path_factory.mktemp("effi_code")
    config = write_config(tmp)
    result = runner.invoke(app, ["pipeline", "run", str(config), "--json"])
    assert result.exit_code == 0, result.output
    return config, tmp / "out", json.loads(result.stdout)


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_stage_table_counts_and_reasons(built):
    _, out, manifest = built
    got = [(s["name"], s["records_in"], s["records_out"], s["dropped"]) for s in manifest["stages"]]
    assert got == EXPECTED_STAGES
    ingest = manifest["stages"][0]["by_source"]
    assert ingest["suite"]["out"] == 1 and ingest["fixture"]["out"] == 6
    validate = next(s for s in manifest["stages"] if s["name"] == "validate_tests")
    assert validate["notes"]["tests_removed"] == 4  # one wrong given test, one wrong model test, two in all_wrong
    assert "| select | 2 | 1 | 3 |" in (out / "stage_table.md").read_text()
    assert manifest["datasets"]["sft_train"] == 3 and manifest["datasets"]["sft_chat_train"] == 3
    assert manifest["datasets"]["pairs_train"] == 6


def test_datasets_chosen_is_faster_by_measurement_and_rejected_wrong_code_fails(built):
    from effilab.execution.evaluate import evaluate
    from effilab.tasks.models import Candidate, Task

    _, out, _ = built
    sft = read(out / "datasets" / "sft.train.jsonl")
    pairs = read(out / "datasets" / "pairs.train.jsonl")
    assert sorted(r["task_id"] for r in sft) == ["fixture/distinct", "fixture/max_gap", "suite/pair_sum_count"]
    chat = read(out / "datasets" / "sft_chat.train.jsonl")
    assert all("messages" not in r and r["speedup"] > 1.1 for r in sft)
    assert [c["messages"][1]["content"] for c in chat] == [r["completion"] for r in sft]
    assert all("prompt" not in c and c["messages"][0]["content"] == r["prompt"] for c, r in zip(chat, sft))
    assert "seen.get(target - value" in next(r for r in sft if r["task_id"] == "suite/pair_sum_count")["completion"]
    kinds = sorted((p["task_id"], p["rejected_kind"]) for p in pairs)
    assert kinds == [("fixture/distinct", "incorrect"), ("fixture/distinct", "slower"), ("fixture/max_gap", "slower"),
                     ("suite/pair_sum_count", "incorrect"), ("suite/pair_sum_count", "slower"),
                     ("suite/pair_sum_count", "slower")]
    for pair in pairs:
        assert pair["chosen"] != pair["rejected"]
        if pair["rejected_kind"] == "slower":  # callgrind counts taken in the sandbox
            assert pair["chosen_cost"] < 0.9 * pair["rejected_cost"]
    # the incorrect rejected codes really fail, and the chosen ones pass, on the validated tests (judged afresh)
    tasks = {r["id"]: Task.model_validate(r["task"]) for r in read(out / "stages" / "11_select.jsonl")}
    wrong = [p for p in pairs if p["rejected_kind"] == "incorrect"]
    candidates = [Candidate(task_id=p["task_id"], code=p[k]) for p in wrong for k in ("chosen", "rejected")]
    verdicts = [r.verdict.passed for r in evaluate(list(tasks.values()), candidates)]
    assert verdicts == [True, False] * len(wrong)
    # provenance travels with every record
    assert all(p["provenance"]["stages"][-1] == "select" and p["provenance"]["generator"] for p in pairs)


def test_hf_folders_load_and_a_rerun_resumes_without_the_model(built):
    from datasets import load_from_disk

    from effilab.generation.scripted import ScriptedGenerator
    from effilab.pipelines.effi_code import run_effi_code
    from effilab.pipelines.effi_code.config import EffiCodeConfig

    config, out, _ = built
    assert len(load_from_disk(str(out / "datasets" / "pairs_hf"))["train"]) == 6
    assert len(load_from_disk(str(out / "datasets" / "sft_hf"))["train"]) == 3
    generator = ScriptedGenerator(FIXTURES / "replies.jsonl")
    reports, summary = run_effi_code(EffiCodeConfig.from_yaml(config), generator=generator)
    assert all(r.resumed for r in reports) and generator.calls == []
    assert summary["pairs_train"] == 6


def test_dpo_and_sft_train_on_the_pipeline_output(built, tmp_path):
    pytest.importorskip("trl")
    from effilab.training.tiny import build_tiny_model

    _, out, _ = built
    model = build_tiny_model(tmp_path / "tiny")
    common = ["--model", str(model), "--max-steps", "2", "--json", "--set", "trainer.max_length=256",
              "--set", "trainer.learning_rate=0.02", "--set", "trainer.per_device_train_batch_size=3"]
    dpo = runner.invoke(app, ["train", "dpo", "--data", str(out / "datasets" / "pairs_hf"),
                              "--output", str(tmp_path / "dpo"), *common])
    assert dpo.exit_code == 0, dpo.output
    summary = json.loads(dpo.stdout)
    assert summary["steps"] == 2 and summary["last_loss"] < summary["first_loss"]
    assert (tmp_path / "dpo" / "adapter_model.safetensors").is_file()
    sft = runner.invoke(app, ["train", "sft", "--data", str(out / "datasets" / "sft.train.jsonl"),
                              "--output", str(tmp_path / "sft"), *common])
    assert sft.exit_code == 0, sft.output
    summary = json.loads(sft.stdout)
    assert summary["steps"] == 2 and summary["last_loss"] < summary["first_loss"]
    assert (tmp_path / "sft" / "adapter_model.safetensors").is_file()


def test_cli_errors_are_one_line(tmp_path):
    missing = runner.invoke(app, ["pipeline", "run", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "no such config file" in missing.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("generator: scripted:x.jsonl\nsamplez: 3\n")
    result = runner.invoke(app, ["pipeline", "run", str(bad)])
    assert result.exit_code == 2 and "samplez" in result.output
