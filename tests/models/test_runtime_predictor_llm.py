"""The LLM predictor on a tiny Llama built from a config (and a byte-level tokenizer trained here): both forms train
for a few CPU steps with a falling loss, predictions come back as numbers, the instruction survives truncation."""

from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

from effilab.models.runtime_predictor_llm import (PROMPT_TAIL, LLMPredictorConfig, LLMRuntimePredictor,  # noqa: E402
                                                  build_prompt_ids, parse_answer)

CODES = [
    "def f(xs):\n    return sum(xs)\n",
    "def f(xs):\n    t = 0\n    for i in range(len(xs)):\n        for j in range(len(xs)):\n            t += xs[i]\n"
    "    return t\n",
    "def f(xs):\n    return sorted(xs)[0]\n",
    "def f(xs):\n    best = xs[0]\n    for x in xs:\n        best = min(best, x)\n    return best\n",
]


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    # a tiny model gains nothing from threads, and spinning threads crawl on a busy machine
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("tiny_llm")
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=300, special_tokens=["<eos>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    corpus = CODES * 5 + [PROMPT_TAIL, "### Code Solution:\n", " 0123456789 42 1000 77"]
    tok.train_from_iterator(corpus, trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<eos>", pad_token="<eos>")
    fast.save_pretrained(folder)
    config = LlamaConfig(vocab_size=len(fast), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=512,
                         eos_token_id=fast.eos_token_id, pad_token_id=fast.pad_token_id, bos_token_id=None)
    torch.manual_seed(0)
    LlamaForCausalLM(config).save_pretrained(folder)
    return folder


def rows(labels):
    return [{"code": c, "instructions": v} for c, v in zip(CODES, labels)]


def test_prompt_keeps_instruction_when_code_is_cut(tiny_model):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model)
    tail = tok(PROMPT_TAIL, add_special_tokens=False)["input_ids"]
    ids = build_prompt_ids(tok, CODES[1] * 40, max_length=128, reserve=5)
    assert len(ids) == 123 and ids[-len(tail):] == tail
    assert tok.decode(ids).rstrip().endswith("solution:") and tok.decode(ids).startswith("### Code Solution:")
    assert parse_answer(" 1,234 us") == 1234.0 and parse_answer("no digits") is None


def test_regression_head_trains_and_predicts_positive_numbers(tiny_model, tmp_path):
    predictor = LLMRuntimePredictor(tiny_model, LLMPredictorConfig(form="regression", steps=30, batch_size=4,
                                                                   learning_rate=3e-3, max_length=96))
    losses = predictor.fit(rows([1e6, 1e9, 3e6, 2e6]))
    assert sum(losses[-5:]) / 5 < sum(losses[:5]) / 5
    values = predictor.predict(CODES)
    assert all(v is not None and v > 0 and math.isfinite(v) for v in values)
    assert values[1] == max(values)  # the only quadratic code has by far the largest label
    again = LLMRuntimePredictor.load(predictor.save(tmp_path / "reg"))
    assert again.predict(CODES) == pytest.approx(values, rel=1e-4)


def test_text_form_learns_digits_and_the_end_token(tiny_model):
    predictor = LLMRuntimePredictor(tiny_model, LLMPredictorConfig(form="text", steps=60, batch_size=4,
                                                                   learning_rate=3e-3, max_length=96,
                                                                   answer_tokens=6))
    losses = predictor.fit(rows([42, 42, 42, 42]))
    assert sum(losses[-5:]) / 5 < 0.5 * sum(losses[:5]) / 5
    values = predictor.predict(CODES[:2])
    assert values == [42.0, 42.0]


def test_lora_adapters_train_only_adapter_weights(tiny_model, tmp_path):
    predictor = LLMRuntimePredictor(tiny_model, LLMPredictorConfig(form="regression", steps=3, batch_size=2,
                                                                   lora_r=4, max_length=64))
    predictor.fit(rows([1e6, 1e9, 3e6, 2e6]))
    trainable = [n for n, p in predictor.model.named_parameters() if p.requires_grad]
    assert trainable and all("lora" in n or "score" in n for n in trainable)
    again = LLMRuntimePredictor.load(predictor.save(tmp_path / "lora"))
    assert again.predict(CODES[:2]) == pytest.approx(predictor.predict(CODES[:2]), rel=1e-4)
