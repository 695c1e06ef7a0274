"""The compiler-feedback pipeline: masking, prompts, extraction, pairs (pure logic), and the whole chain from the
command line on the 32-program fixture with a scripted completion source and a real g++."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from effilab.cli import app
from effilab.pipelines.compile_feedback import (MaskedItem, PairConfig, ScoredCompletion, build_prompt,
                                                distance_summary, extract_completion, mask_program, mask_tasks,
                                                preference_pairs, read_jsonl)
from effilab.tasks.loaders import load_tasks

FIXTURE = Path(__file__).parents[1] / "fixtures" / "codenet"
PROGRAM = (FIXTURE / "p00005" / "accepted" / "s0000500.cpp").read_text()
runner = CliRunner()


@pytest.mark.parametrize("unit", ["characters", "tokens", "lines"])
@pytest.mark.parametrize("mode", ["suffix", "middle"])
def test_masking_hides_the_fraction_and_keeps_the_program(unit, mode):
    item = mask_program(PROGRAM, "codenet/p00005", "s0000500", unit, 0.2, mode, seed=3)
    assert item.original == PROGRAM and item.target
    assert (item.suffix == "") == (mode == "suffix")
    if unit == "characters":
        assert len(item.target) == pytest.approx(0.2 * len(PROGRAM), abs=1)
    if unit == "lines":
        assert item.target.count("\n") == pytest.approx(0.2 * PROGRAM.count("\n"), abs=1)
        assert item.prefix.endswith("\n")
    if unit == "tokens":  # never inside a token: the hidden part starts at a token boundary
        assert not (item.prefix[-1:].isalnum() and item.target[:1].isalnum())
    again = mask_program(PROGRAM, "codenet/p00005", "s0000500", unit, 0.2, mode, seed=3)
    assert again == item


def test_default_is_the_last_tenth_of_the_characters():
    item = mask_program(PROGRAM, "t/x", "p")
    assert item.unit == "characters" and item.fraction == 0.1 and item.mode == "suffix"
    assert item.target == PROGRAM[-len(item.target):] and len(item.target) == -(-len(PROGRAM) // 10)
    assert mask_program("x", "t/x", "p") is None


def test_prompt_formats():
    item = mask_program(PROGRAM, "t/x", "p")
    assert build_prompt(item, "base") == item.prefix
    chat = build_prompt(item, "instruct")
    assert [m["role"] for m in chat] == ["system", "user", "assistant", "user"] and item.prefix in chat[-1]["content"]
    fim = build_prompt(item, "fim")
    assert fim.startswith("<fim_prefix>") and fim.endswith("<fim_suffix><fim_middle>")
    middle = mask_program(PROGRAM, "t/x", "p", "lines", 0.2, "middle")
    assert "<<<FILL>>>" in build_prompt(middle, "instruct")[-1]["content"]
    with pytest.raises(ValueError):
        build_prompt(middle, "base")


def test_a_real_tokenizer_renders_chat_and_cuts_tokens():
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    raw = Tokenizer(models.WordLevel({"[UNK]": 0, "a": 1}, unk_token="[UNK]"))
    raw.pre_tokenizer = pre_tokenizers.Whitespace()
    tok = PreTrainedTokenizerFast(tokenizer_object=raw, unk_token="[UNK]")
    tok.chat_template = ("{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}\n{% endfor %}"
                         "{% if add_generation_prompt %}<|assistant|>{% endif %}")
    item = mask_program(PROGRAM, "t/x", "p")
    text = build_prompt(item, "instruct", tokenizer=tok)
    assert text.startswith("<|system|>") and text.endswith("<|assistant|>") and item.prefix in text
    # masking by the model's own tokens: the cut falls where one of its tokens starts
    by_model = mask_program(PROGRAM, "t/x", "p", "tokens", 0.1, tokenizer=tok)
    starts = {start for start, end in tok(PROGRAM, return_offsets_mapping=True)["offset_mapping"] if end > start}
    assert by_model.original == PROGRAM and len(by_model.prefix) in starts


@pytest.mark.parametrize("reply, fmt", [
    ("{t}", "base"),
    ("{t}```\nThat completes the program.", "base"),
    ("{t}<|endoftext|>garbage", "base"),
    ("```cpp\n{t}```", "base"),
    ("Here is the rest:\n```c++\n{t}```\nDone.", "instruct"),
    ("~~~\n{t}", "instruct"),  # an unclosed fence (the reply was cut by max_tokens)
    ("```cpp\n{program}```", "instruct"),  # the whole program rewritten
    ("The missing code:\n{t}", "instruct"),
    ("<think>the loop ends; ```cpp\nint wrong;\n``` no</think>\n```cpp\n{t}```", "instruct"),
    ("```text\nsample output\n```\n```cpp\n{t}```", "instruct"),
])
def test_extraction_joins_prompt_and_completion(reply, fmt):
    item = mask_program(PROGRAM, "t/x", "p", "lines", 0.25)
    completion = extract_completion(reply.format(t=item.target, program=PROGRAM), item, fmt)
    assert item.join(completion) == PROGRAM


def test_extraction_in_middle_mode_removes_a_repeated_suffix():
    item = mask_program(PROGRAM, "t/x", "p", "lines", 0.2, "middle", seed=1)
    reply = "```cpp\n" + item.target + item.suffix + "```"
    assert item.join(extract_completion(reply, item, "instruct")) == PROGRAM


def _scored(item: MaskedItem, completions: list[tuple[str, bool]]) -> list[ScoredCompletion]:
    return [ScoredCompletion(item_id=item.id, sample=i, completion=c, good=g, status="ok" if g else "error",
                             reason="", policy="errors") for i, (c, g) in enumerate(completions)]


def test_pairs_count_every_drop_and_filter_near_twins():
    item = mask_program(PROGRAM, "t/x", "p", "lines", 0.3)
    near = item.target.replace(";", "", 1)  # one edit: the pairs that collapsed DPO
    far = "    return undefined_name;\n}\n"
    scored = _scored(item, [(item.target, True), (near, False), (far, False), (far, False), ("  ", False),
                            (item.target, False)])
    pairs, counts, distances = preference_pairs([item], scored, PairConfig(min_distance=0.1))
    assert [p.rejected for p in pairs] == [far] and pairs[0].chosen == item.target
    assert pairs[0].prompt == item.prefix and item.prefix not in pairs[0].chosen
    assert counts["dropped: below edit-distance threshold"] == 1
    assert counts["dropped: duplicate pair"] == 1 and counts["dropped: empty rejected"] == 1
    assert counts["dropped: rejected equals chosen"] == 1
    dropped = sum(v for k, v in counts.items() if k.startswith("dropped"))
    assert counts["candidate pairs"] == dropped + len(pairs)
    assert len(distances) == 3 and min(distances) < 0.1
    on_policy, counts, _ = preference_pairs([item], scored, PairConfig(min_distance=0.1, on_policy=True))
    assert {p.kind for p in on_policy} == {"original"}  # the only Good sample is the original itself: a duplicate
    chat, _, _ = preference_pairs([item], scored, PairConfig(prompt_format="instruct"))
    assert chat[0].prompt[-1]["role"] == "user" and chat[0].chosen[0]["role"] == "assistant"


def test_distance_summary():
    summary = distance_summary([0.0, 0.05, 0.5, 1.0])
    assert summary["count"] == 4 and summary["min"] == 0.0 and summary["max"] == 1.0
    assert sum(b["count"] for b in summary["histogram"]) == 4 and summary["histogram"][-1]["count"] == 1


def _replies(items: list[dict], path: Path) -> list[str]:
    """Scripted replies, one per masked item (few compiles: the test stays fast): the true ending (Good) for every
    third item; for the others a broken one (Bad), far from the truth or a near twin (one character off) in turn.
    Returns the kind of each reply."""
    kinds = []
    with path.open("w") as handle:
        for i, row in enumerate(items):
            target = row["target"]
            kind = ("good", "far", "near")[i % 3]
            reply = {"good": target, "far": "    undeclared_thing(;\n}\n",
                     "near": target.replace(";", "", 1) if ";" in target else target.replace("}", "", 1)}[kind]
            handle.write(json.dumps({"match": row["prefix"], "completions": [reply]}) + "\n")
            kinds.append(kind)
    return kinds


@pytest.mark.skipif(shutil.which("g++") is None, reason="g++ missing (Debian package 'g++')")
def test_end_to_end_from_the_command_line(tmp_path):
    tasks = load_tasks(f"codenet:{FIXTURE}")
    assert sum(len(t.references) for t in tasks) >= 30
    masked, replies = tmp_path / "masked.jsonl", tmp_path / "replies.jsonl"

    result = runner.invoke(app, ["compile-feedback", "mask", "--tasks", f"codenet:{FIXTURE}", "--out", str(masked)])
    assert result.exit_code == 0, result.output
    rows = read_jsonl(masked)
    assert len(rows) >= 30
    kinds = _replies(rows, replies)
    gen = tmp_path / "completions.jsonl"
    result = runner.invoke(app, ["compile-feedback", "generate", "--items", str(masked), "--model",
                                 f"scripted:{replies}", "--out", str(gen)])
    assert result.exit_code == 0, result.output
    completions = read_jsonl(gen)
    assert len(completions) == len(rows)

    scored = tmp_path / "scored.jsonl"
    result = runner.invoke(app, ["compile-feedback", "score", "--items", str(masked), "--completions", str(gen),
                                 "--policy", "syntax", "--out", str(scored), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["good"] == kinds.count("good")  # every original ending compiles
    assert counts["bad"] == len(rows) - kinds.count("good")  # every broken one does not

    pairs, hf = tmp_path / "pairs.jsonl", tmp_path / "pairs_hf"
    result = runner.invoke(app, ["compile-feedback", "pairs", "--items", str(masked), "--scored", str(scored),
                                 "--out", str(pairs), "--hf-dir", str(hf), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    kept = read_jsonl(pairs)
    assert report["pairs"] == len(kept) >= kinds.count("far")  # the far ones survive
    assert report["counts"]["dropped: below edit-distance threshold"] >= kinds.count("near") // 2  # near twins not
    assert report["distances"]["count"] == counts["bad"]
    assert all(set(p) >= {"prompt", "chosen", "rejected"} and p["prompt"] not in p["chosen"] for p in kept)
    from datasets import load_from_disk

    dataset = load_from_disk(str(hf))
    assert len(dataset) == len(kept) and {"prompt", "chosen", "rejected"} <= set(dataset.column_names)

    # two "systems": the scripted one above, and a better one that also gets the "far" items right (it keeps the
    # near twins: those programs are compiled already, so the test compiles little more)
    better = tmp_path / "better.jsonl"
    by_id = {c["item_id"]: c["completion"] for c in completions}
    better.write_text("".join(json.dumps({"item_id": r["id"], "sample": 0,
                                          "completion": by_id[r["id"]] if kind == "near" else r["target"]}) + "\n"
                              for r, kind in zip(rows, kinds)))
    result = runner.invoke(app, ["compile-eval", "--items", str(masked), "--system", f"base={gen}",
                                 "--system", f"dpo={better}", "--policy", "syntax", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    table = json.loads((tmp_path / "compile_eval.json").read_text())
    base, dpo = table["rates"]["base"]["syntax"], table["rates"]["dpo"]["syntax"]
    assert base["rate"] == pytest.approx(kinds.count("good") / len(rows))
    assert dpo["rate"] == pytest.approx((kinds.count("good") + kinds.count("far")) / len(rows))
    assert base["ci"][0] <= base["rate"] <= base["ci"][1] and base["total"] == len(rows)
    assert table["improvements"][0]["relative"] == pytest.approx(dpo["rate"] / base["rate"] - 1.0)
    assert "| base |" in (tmp_path / "compile_eval.md").read_text()


def test_mask_tasks_counts_programs():
    tasks = load_tasks(f"codenet:{FIXTURE}")
    items, counts = mask_tasks(tasks)
    assert counts["programs"] == counts["masked"] == len(items) == 32


@pytest.mark.skipif(shutil.which("g++") is None, reason="g++ missing (Debian package 'g++')")
def test_the_pipeline_run_with_stages_and_resume(tmp_path):
    # the same prompts and replies as the end-to-end test: its compiles are cache hits here
    items, _ = mask_tasks(load_tasks(f"codenet:{FIXTURE}"))
    replies = tmp_path / "replies.jsonl"
    kinds = _replies([i.model_dump() for i in items], replies)
    args = ["compile-feedback", "run", "--tasks", f"codenet:{FIXTURE}", "--model", f"scripted:{replies}",
            "--split", "all", "--policy", "syntax", "--out", str(tmp_path / "run")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    stages = {s["name"]: s for s in manifest["stages"]}
    assert stages["mask"]["records_out"] == 32 and stages["generate"]["records_out"] == 32
    assert stages["score"]["records_out"] == 32 and stages["score"]["notes"]["compile_rate"] == pytest.approx(
        kinds.count("good") / 32)
    pairs = stages["pairs"]
    # every scored sample is either in a pair or dropped with a reason
    assert pairs["records_out"] + sum(pairs["dropped"].values()) == 32
    assert pairs["dropped"]["Good sample (the chosen side is the original ending)"] == kinds.count("good")
    assert pairs["records_out"] == len(read_jsonl(tmp_path / "run" / "pairs.jsonl")) >= kinds.count("far")
    again = runner.invoke(app, args)
    assert again.exit_code == 0
    assert all(s["resumed"] for s in json.loads((tmp_path / "run" / "manifest.json").read_text())["stages"])


def test_generate_sends_base_prompts_to_the_completions_endpoint(tmp_path):
    """A base model continues raw code: through the openai backend the prompt goes to /completions as text."""
    from effilab.generation.scripted import ScriptedGenerator
    from effilab.generation.serve import OpenAIServer

    masked = tmp_path / "masked.jsonl"
    assert runner.invoke(app, ["compile-feedback", "mask", "--tasks", f"codenet:{FIXTURE}", "--out",
                               str(masked)]).exit_code == 0
    first = read_jsonl(masked)[0]
    (tmp_path / "one.jsonl").write_text(json.dumps(first) + "\n")
    with OpenAIServer(ScriptedGenerator(["}\n"]), model_name="base", api_key="k") as server:
        for fmt, key in (("base", "prompt"), ("instruct", "messages")):
            result = runner.invoke(app, ["compile-feedback", "generate", "--items", str(tmp_path / "one.jsonl"),
                                         "--model", "openai:base", "--base-url", server.url, "--api-key", "k",
                                         "--format", fmt, "--out", str(tmp_path / f"{fmt}.jsonl")])
            assert result.exit_code == 0, result.output
            assert key in server.requests[-1], (fmt, server.requests[-1].keys())
    assert server.requests[0]["prompt"] == build_prompt(MaskedItem(**first), "base")  # the raw code, as text
