"""TRL's own GRPOTrainer trains one step with effilab's rewards: a tiny Llama built from a config, a character
tokenizer built in memory, completions judged in the sandbox."""

from __future__ import annotations

import pytest

pytest.importorskip("trl")

from datasets import Dataset  # noqa: E402
from tokenizers import Tokenizer, models, pre_tokenizers  # noqa: E402
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast  # noqa: E402
from trl import GRPOConfig, GRPOTrainer  # noqa: E402

from effilab.rewards import CodeJudge, rewards_for  # noqa: E402
from effilab.tasks.models import Task  # noqa: E402

TASK = Task.model_validate({
    "id": "mini/total", "source": "mini", "prompt": "def total(xs):\n", "entry_point": "total",
    "tests": [{"kind": "call", "args": [[1, 2, 3]], "expected": 6}],
    "references": [{"code": "def total(xs):\n    return sum(xs)\n", "role": "efficient"}],
})


def tiny_model_and_tokenizer():
    chars = list("abcdefghijklmnopqrstuvwxyz0123456789()[]:+-*/=,. _\n`\"'")
    vocab = {"<pad>": 0, "<eos>": 1, "<unk>": 2, **{c: i + 3 for i, c in enumerate(chars)}}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    hf = PreTrainedTokenizerFast(tokenizer_object=tokenizer, pad_token="<pad>", eos_token="<eos>", unk_token="<unk>")
    config = LlamaConfig(vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=128, pad_token_id=0,
                         bos_token_id=1, eos_token_id=1)
    return LlamaForCausalLM(config), hf


def test_grpo_trainer_step_with_effilab_rewards(tmp_path):
    model, tokenizer = tiny_model_and_tokenizer()
    judge = CodeJudge([TASK])
    dataset = Dataset.from_list([{"prompt": TASK.prompt, "task_id": TASK.id}] * 4)
    args = GRPOConfig(output_dir=str(tmp_path), max_steps=1, per_device_train_batch_size=2, num_generations=2,
                      max_completion_length=8, report_to=[], logging_steps=1, use_cpu=True, save_strategy="no",
                      reward_weights=[1.0, 0.1])
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, train_dataset=dataset, args=args,
                          reward_funcs=rewards_for(judge, ["correctness", "compile"]))
    try:
        trainer.train()
    finally:
        judge.close()
    logged = trainer.state.log_history[0]
    assert "rewards/correctness_reward/mean" in logged and "rewards/compile_reward/mean" in logged
    # the untrained model writes noise: every completion was judged in the sandbox, none passes
    assert judge._verdicts and not any(v.passed for v in judge._verdicts.values())
    assert logged["rewards/correctness_reward/mean"] == 0.0
