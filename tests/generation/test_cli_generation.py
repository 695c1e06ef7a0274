"""The generation commands end to end: a real OpenAI-protocol server on 127.0.0.1, real sandboxed judging."""

import json

import pytest
from typer.testing import CliRunner

pytest.importorskip("httpx")

from effilab.cli import app  # noqa: E402
from effilab.generation.scripted import ScriptedGenerator, prompt_text  # noqa: E402
from effilab.generation.serve import OpenAIServer  # noqa: E402

FAST = ("def max_window_sum(nums, k):\n    if k <= 0 or k > len(nums):\n        return None\n"
        "    w = sum(nums[:k])\n    b = w\n    for i in range(k, len(nums)):\n        w += nums[i] - nums[i - k]\n"
        "        b = max(b, w)\n    return b\n")
WRONG = "def max_window_sum(nums, k):\n    return 0\n"


def model(prompt):
    text = prompt_text(prompt)
    if "max_window_sum" in text:
        return [f"Sure:\n```python\n{FAST}```", f"```python\n{WRONG}```"]
    return ["no idea"]


def test_generate_then_evaluate_and_select(tmp_path):
    runner = CliRunner()
    with OpenAIServer(ScriptedGenerator(model), model_name="coder", api_key="k") as server:
        samples = tmp_path / "samples.jsonl"
        args = ["generate", "--model", "openai:coder", "--base-url", server.url, "--api-key", "k", "--tasks",
                "suite", "--limit", "1", "-n", "2", "-o", str(samples), "--cache", str(tmp_path / "g.sqlite"),
                "--json"]
        # the first suite task is not max_window_sum; pick it with a one-task JSONL task set instead
        from effilab.tasks.loaders import load_tasks

        task = next(t for t in load_tasks("suite") if t.id.endswith("/max_window_sum"))
        task_file = tmp_path / "tasks.jsonl"
        task_file.write_text(task.model_copy(update={"workload": None}).model_dump_json() + "\n")
        args[args.index("suite")] = f"jsonl:{task_file}"
        done = runner.invoke(app, args)
        assert done.exit_code == 0, done.output
        summary = json.loads(done.stdout)
        assert summary["samples"] == 2 and summary["from_cache"] == 0
        rows = [json.loads(line) for line in samples.read_text().splitlines()]
        assert [r["solution"] for r in rows] == [FAST, WRONG]
        assert "Do not modify the given code" in server.requests[0]["messages"][-1]["content"]
        again = runner.invoke(app, args)  # served from the generation cache: no new request
        assert json.loads(again.stdout)["from_cache"] == 2 and len(server.requests) == 1

        evaluated = runner.invoke(app, ["evaluate", "--model", "openai:coder", "--base-url", server.url,
                                        "--api-key", "k", "--tasks", f"jsonl:{task_file}", "--measure", "none",
                                        "--out", str(tmp_path / "runs"), "--no-report", "--json",
                                        "--store", str(tmp_path / "store.sqlite"), "--max-tokens", "77",
                                        "--seed", "5"])
        assert evaluated.exit_code == 0, evaluated.output
        result = json.loads(evaluated.stdout)
        assert result["passed"] == 1 and result["total"] == 1  # greedy n=1: the first reply, FAST
        assert server.requests[-1]["max_tokens"] == 77 and server.requests[-1]["seed"] == 5

    chosen = tmp_path / "selected.jsonl"
    selected = runner.invoke(app, ["select", str(samples), "--tasks", f"jsonl:{task_file}", "--by", "wall",
                                   "-o", str(chosen), "--json"])
    assert selected.exit_code == 0, selected.output
    report = json.loads(selected.stdout)
    assert report["submit_1_pass@1"] == 1.0 and report["random_pass@1"] == 0.5
    assert json.loads(chosen.read_text())["solution"] == FAST


def test_bad_key_and_unknown_backend_fail_in_one_line(tmp_path):
    runner = CliRunner()
    with OpenAIServer(ScriptedGenerator(model), model_name="coder", api_key="k") as server:
        done = runner.invoke(app, ["generate", "--model", "openai:coder", "--base-url", server.url, "--api-key",
                                   "bad", "--limit", "1", "-o", str(tmp_path / "s.jsonl"), "--no-cache"])
        assert done.exit_code == 2 and "refused the API key" in done.output
    done = runner.invoke(app, ["generate", "--model", "nope:x", "-o", str(tmp_path / "s.jsonl")])
    assert done.exit_code == 2 and "unknown generation backend" in done.output


def test_optimize_a_single_user_file(tmp_path):
    slow = tmp_path / "window.py"
    slow.write_text("def max_window_sum(nums, k):\n    if k <= 0 or k > len(nums):\n        return None\n"
                    "    return max(sum(nums[i:i + k]) for i in range(len(nums) - k + 1))\n")
    tests = tmp_path / "test_window.py"
    tests.write_text("from window import max_window_sum\n\n\ndef test_small():\n"
                     "    assert max_window_sum([2, -1, 3, 5, -2, 4], 3) == 7\n"
                     "    assert max_window_sum([], 1) is None\n")
    replies = tmp_path / "replies.jsonl"
    replies.write_text(json.dumps({"completions": [f"```python\n{WRONG}```"]}) + "\n")
    out = tmp_path / "soap.jsonl"
    done = CliRunner().invoke(app, ["optimize", str(slow), "--tests", str(tests), "--model", f"scripted:{replies}",
                                    "--rounds", "1", "-o", str(out), "--no-cache", "--json"])
    assert done.exit_code == 0, done.output
    record = json.loads(out.read_text())
    assert record["start_verdict"] == "passed" and "no workload" in record["note"]
    assert record["final_code"] == slow.read_text() and record["final_verdict"] == "passed"


def test_optimize_a_task_set_keeps_the_faster_reply(tmp_path):
    from effilab.tasks.loaders import load_tasks

    task = next(t for t in load_tasks("suite") if t.id.endswith("/max_window_sum"))
    small = task.workload.model_copy(update={"generator": task.workload.generator.replace("range(1600)",
                                                                                           "range(60)")})
    task_file = tmp_path / "tasks.jsonl"
    task_file.write_text(task.model_copy(update={"workload": small}).model_dump_json() + "\n")
    start = tmp_path / "start.jsonl"
    slow = next(r.code for r in task.references if r.name == "inefficient_nested_loops")
    start.write_text(json.dumps({"task_id": task.id, "solution": slow}) + "\n")
    replies = tmp_path / "replies.jsonl"
    replies.write_text(json.dumps({"match": "total += nums[j]", "completions": [f"```python\n{FAST}```"]}) + "\n")
    out = tmp_path / "soap.jsonl"
    done = CliRunner().invoke(app, ["optimize", "--model", f"scripted:{replies}", "--tasks", f"jsonl:{task_file}",
                                    "--start", str(start), "--rounds", "1", "--objective", "time", "-o", str(out),
                                    "--no-cache", "--json"])
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    record = json.loads(out.read_text())
    assert summary["improved"] == 1, record["rounds"][0]["decision"]
    assert summary["final_passed"] == 1 and summary["median_gain"] > 0.3
    assert record["final_code"] == FAST and "| total += nums[j]" in record["rounds"][0]["profile"]


def test_optimize_a_user_file_with_a_workload_keeps_the_faster_version(tmp_path):
    slow = tmp_path / "window.py"
    slow.write_text("def max_window_sum(nums, k):\n    if k <= 0 or k > len(nums):\n        return None\n"
                    "    best = None\n    for i in range(len(nums) - k + 1):\n        total = 0\n"
                    "        for j in range(i, i + k):\n            total += nums[j]\n"
                    "        best = total if best is None or total > best else best\n    return best\n")
    tests = tmp_path / "test_window.py"
    tests.write_text("import math\nfrom window import max_window_sum\n\n\ndef test_small():\n"
                     "    assert max_window_sum([2, -1, 3, 5, -2, 4], 3) == 7\n"
                     "    assert max_window_sum([], 1) is None\n"
                     "    assert math.isfinite(max_window_sum([1], 1))\n")
    workload = tmp_path / "gen.py"
    workload.write_text("def generate(size, rng):\n"
                        "    return [[[rng.randint(-99, 99) for _ in range(size)], 40] for _ in range(30)]\n")
    replies = tmp_path / "replies.jsonl"
    replies.write_text(json.dumps({"completions": [f"```python\n{FAST}```"]}) + "\n")
    out = tmp_path / "soap.jsonl"
    done = CliRunner().invoke(app, ["optimize", str(slow), "--tests", str(tests), "--entry", "max_window_sum",
                                    "--workload", str(workload), "--size", "300", "--model", f"scripted:{replies}",
                                    "--rounds", "1", "--objective", "instructions", "--processes", "1", "-o", str(out),
                                    "--no-cache", "--json"])
    assert done.exit_code == 0, done.output
    record = json.loads(out.read_text())
    assert record["start_verdict"] == "passed" and record["rounds"][0]["accepted"], record["rounds"][0]["decision"]
    assert record["final_code"] == FAST and record["final_verdict"] == "passed"


def test_endpoint_option_sends_text_prompts_to_completions(tmp_path):
    runner = CliRunner()
    with OpenAIServer(ScriptedGenerator(["    return 1\n\ndef unrelated():\n    pass\n"]), model_name="base",
                      api_key="k") as server:
        args = ["generate", "--model", "openai:base", "--base-url", server.url, "--api-key", "k", "--tasks",
                "humaneval", "--limit", "1", "-o", str(tmp_path / "s.jsonl"), "--no-cache", "--json"]
        assert runner.invoke(app, args).exit_code == 0
        assert "messages" in server.requests[-1]  # auto: the chat endpoint
        done = runner.invoke(app, args + ["--endpoint", "completions"])
        assert done.exit_code == 0, done.output
        request = server.requests[-1]
        assert "messages" not in request and "def has_close_elements(" in request["prompt"]
        sample = json.loads((tmp_path / "s.jsonl").read_text().splitlines()[0])
        # the solution is the prompt continued, cut where the base model started another function
        assert sample["template"] == "raw" and sample["solution"] == request["prompt"] + "    return 1\n"
    wrong = runner.invoke(app, ["generate", "--model", "scripted:x.jsonl", "--endpoint", "chat",
                                "-o", str(tmp_path / "t.jsonl")])
    assert wrong.exit_code != 0 and "openai backend" in wrong.output
    unknown = runner.invoke(app, ["generate", "--model", "openai:base", "--endpoint", "responses",
                                  "-o", str(tmp_path / "u.jsonl")])
    assert unknown.exit_code == 2 and "endpoint must be one of auto, chat, completions" in unknown.output
