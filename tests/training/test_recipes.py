"""Each recipe trains a real tiny Llama (built from a config in a temp folder) for a few steps on CPU: the loss is
finite (and falls for SFT and DPO), the adapter is written and reloads, and the trained weights differ from the
initial ones."""

from __future__ import annotations

import json
import math

import pytest

from effilab.training.config import load_run_config
from effilab.training.recipe import PROVENANCE_FILE, TrainingSetupError, merge_adapter, train

torch = pytest.importorskip("torch")


def run(recipe, model, data, out, *extra):
    overrides = [f"recipe={recipe}", f"model.path={model}", f"data.train={data}", f"output_dir={out}",
                 "model.lora_r=8", "model.lora_alpha=8", "model.lora_dropout=0.0", "trainer.max_steps=3",
                 "trainer.per_device_train_batch_size=2", "trainer.learning_rate=0.02", "trainer.max_length=96",
                 "trainer.seed=0", *extra]
    return train(load_run_config(None, overrides))


def base_weights(model_dir):
    from transformers import AutoModelForCausalLM

    return {k: v.clone() for k, v in AutoModelForCausalLM.from_pretrained(model_dir).state_dict().items()}


def adapter_moved_the_weights(model_dir, adapter_dir) -> bool:
    """Reload the adapter on a fresh base: LoRA B starts at zero, so a trained adapter has a non-zero B and its merge
    changes base weights."""
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    reloaded = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(model_dir), str(adapter_dir))
    lora_b = [p for name, p in reloaded.named_parameters() if "lora_B" in name]
    assert lora_b, "no LoRA weights in the reloaded adapter"
    merged = reloaded.merge_and_unload().state_dict()
    before = base_weights(model_dir)
    return any(p.abs().sum() > 0 for p in lora_b) and any(not torch.equal(before[k], merged[k]) for k in before)


@pytest.mark.parametrize("recipe", ["dpo", "orpo", "dpop"])
def test_preference_recipe_trains_a_lora_adapter(recipe, tiny_model, pair_data, tmp_path):
    result = run(recipe, tiny_model, pair_data, tmp_path / recipe, "trainer.max_steps=2")
    assert len(result.losses) == 2 and all(math.isfinite(x) for x in result.losses)
    if recipe == "dpo":
        assert result.losses[1] < result.losses[0]
    assert (tmp_path / recipe / "adapter_model.safetensors").is_file()
    provenance = json.loads((tmp_path / recipe / PROVENANCE_FILE).read_text())
    assert provenance["recipe"] == recipe and provenance["train_records"] == 4 and provenance["data_sha256"]
    assert adapter_moved_the_weights(tiny_model, tmp_path / recipe)


def test_sft_lora_resumes_merges_and_generates(tiny_model, sft_data, tmp_path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out = tmp_path / "sft"
    first = run("sft", tiny_model, sft_data, out, "trainer.max_steps=2", "trainer.save_strategy=steps",
                "trainer.save_steps=2")
    assert len(first.losses) == 2 and all(math.isfinite(x) for x in first.losses)
    assert first.losses[1] < first.losses[0]
    assert (out / "checkpoint-2").is_dir() and adapter_moved_the_weights(tiny_model, out)

    # resumed with another learning rate: steps 1-2 are the checkpoint's (a fresh run would differ at step 2)
    resumed = run("sft", tiny_model, sft_data, out, "trainer.max_steps=3", "resume=true", "merge=true",
                  "trainer.learning_rate=0.05")
    assert len(resumed.losses) == 3 and resumed.losses[:2] == first.losses

    merged_dir = out / "merged"
    assert (merged_dir / "config.json").is_file() and not (merged_dir / "adapter_config.json").exists()
    model = AutoModelForCausalLM.from_pretrained(merged_dir)
    tokenizer = AutoTokenizer.from_pretrained(merged_dir)
    inputs = tokenizer("def total(xs):\n", return_tensors="pt")
    output = model.generate(**inputs, max_new_tokens=8, do_sample=False)
    assert output.shape[1] > inputs["input_ids"].shape[1]
    with pytest.raises(TrainingSetupError, match="adapter_config.json"):  # not an adapter folder
        merge_adapter(merged_dir, tmp_path / "again")

    from effilab.generation.registry import get_generator

    try:
        generator = get_generator(f"transformers:{merged_dir}")
    except ImportError as exc:
        pytest.skip(f"trained and merged; the transformers generation backend is not in this tree: {exc}")
    [[completion]] = generator.generate(["def total(xs):\n"], n=1, max_tokens=8)
    assert isinstance(completion.text, str)


def test_full_fine_tuning_with_mapped_columns_and_eval_split(tiny_model, sft_data, tmp_path):
    from transformers import AutoModelForCausalLM

    renamed = tmp_path / "renamed.jsonl"
    rows = [json.loads(line) for line in sft_data.read_text().splitlines()]
    renamed.write_text("".join(json.dumps({"instruction": r["prompt"], "output": r["completion"]}) + "\n"
                               for r in rows))
    result = run("sft", tiny_model, renamed, tmp_path / "full", "model.adapter=full", "data.eval_fraction=0.25",
                 "data.columns={instruction: prompt, output: completion}", "trainer.max_steps=1")
    assert not (tmp_path / "full" / "adapter_config.json").exists()
    assert math.isfinite(result.losses[0]) and math.isfinite(result.metrics["eval_loss"])
    trained = AutoModelForCausalLM.from_pretrained(tmp_path / "full").state_dict()
    before = base_weights(tiny_model)
    assert any(not torch.equal(before[k], trained[k]) for k in before)


def test_dpop_with_lambda_zero_is_trl_dpo_and_penalises_otherwise(tiny_model, pair_data, tmp_path):
    """On one batch, with a reference that differs from the policy: DPOP(lambda=0) is TRL's own DPO loss, and
    DPOP(lambda>0) is larger exactly when the chosen log-prob is below the reference's."""
    from datasets import load_dataset
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import DPOConfig, DPOTrainer

    from effilab.training.dpop import DPOPConfig, DPOPTrainer
    from effilab.training.tiny import TinyModelSpec, build_tiny_model

    other = build_tiny_model(tmp_path / "ref", TinyModelSpec(seed=1))
    tokenizer = AutoTokenizer.from_pretrained(tiny_model)
    data = load_dataset("json", data_files=str(pair_data), split="train")
    common = dict(output_dir=str(tmp_path / "o"), report_to="none", bf16=False, per_device_train_batch_size=4,
                  max_length=96, beta=0.1)

    def loss_of(trainer_class, config):
        model = AutoModelForCausalLM.from_pretrained(tiny_model)
        ref = AutoModelForCausalLM.from_pretrained(other)
        trainer = trainer_class(model=model, ref_model=ref, args=config, train_dataset=data,
                                processing_class=tokenizer)
        trainer.model.eval()
        batch = next(iter(trainer.get_train_dataloader()))
        with torch.no_grad():
            return trainer, batch, trainer.compute_loss(trainer.model, batch).item()

    _, _, dpo = loss_of(DPOTrainer, DPOConfig(**common))
    _, _, dpop0 = loss_of(DPOPTrainer, DPOPConfig(**common, dpop_lambda=0.0))
    assert dpop0 == pytest.approx(dpo, rel=1e-5)

    trainer, batch, dpop5 = loss_of(DPOPTrainer, DPOPConfig(**common, dpop_lambda=5.0))
    metrics = trainer._metrics["eval"]  # the model was put in eval mode above
    # with these two seeds the policy gives some chosen answers less probability than the reference does
    assert metrics["dpop/penalty"][-1] > 0
    assert dpop5 > dpo


def test_qlora_on_cpu_fails_with_a_clear_error(tiny_model, sft_data, tmp_path):
    if torch.cuda.is_available():
        pytest.skip("CUDA is present: QLoRA would run")
    with pytest.raises(TrainingSetupError, match="CUDA"):
        run("sft", tiny_model, sft_data, tmp_path / "q", "model.adapter=qlora")


def test_wrong_columns_are_named(tiny_model, sft_data, tmp_path):
    with pytest.raises(TrainingSetupError, match="chosen/prompt/rejected"):
        run("dpo", tiny_model, sft_data, tmp_path / "x")


def test_chat_data_trains_on_the_assistant_turns_only(tiny_model, sft_data, tmp_path):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model)
    chat = [{"role": "user", "content": "def total(xs):\n"}, {"role": "assistant", "content": "return sum(xs)"}]
    encoded = tokenizer.apply_chat_template(chat, return_assistant_tokens_mask=True, return_dict=True)
    masked = [t for t, m in zip(encoded["input_ids"], encoded["assistant_masks"]) if m]
    assert tokenizer.decode(masked) == "return sum(xs)<|eos|>"  # the loss sees the answer, not the question

    rows = [json.loads(line) for line in sft_data.read_text().splitlines()]
    messages = tmp_path / "chat.jsonl"
    messages.write_text("".join(json.dumps({"messages": [{"role": "user", "content": r["prompt"]},
                                                         {"role": "assistant", "content": r["completion"]}]}) + "\n"
                                for r in rows))
    result = run("sft", tiny_model, messages, tmp_path / "chat", "trainer.assistant_only_loss=true",
                 "trainer.max_steps=1")
    assert len(result.losses) == 1 and math.isfinite(result.losses[0])
