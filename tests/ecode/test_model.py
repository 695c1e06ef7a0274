"""The E-code model itself: training, masks, save/load, generation, ablation switches, sizes."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from effilab.models.ecode import SINGLE, ECodeConfig, ECodeModel, count_parameters  # noqa: E402
from effilab.models.ecode_inputs import decode, encode_batch  # noqa: E402


def _model(config, seed=0):
    torch.manual_seed(seed)
    return ECodeModel(config).eval()


def test_trains_on_suite_epc_and_loss_decreases(epc_examples, tokenizers, config_for, tmp_path):
    from effilab.training.ecode import ECodeTrainConfig, train

    model = _model(config_for())
    history = train(model, tokenizers, epc_examples[:4], ECodeTrainConfig(
        output_dir=str(tmp_path), max_steps=8, batch_size=4, learning_rate=3e-3, warmup_steps=1, save_every=100))
    assert len(history) == 8
    assert history[-1].loss < history[0].loss - 0.5, [h.loss for h in history]
    assert (tmp_path / "final" / "model.safetensors").exists()


def test_save_load_round_trips_every_module(epc_examples, tokenizers, config_for, tmp_path):
    from effilab.models.ecode_inputs import ECodeTokenizers

    model = _model(config_for(), seed=1)
    with torch.no_grad():  # weights away from their initial values, so a module left out would show
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.01)
    model.save(tmp_path)
    tokenizers.save(tmp_path)
    loaded = ECodeModel.load(tmp_path).eval()
    mine, theirs = model.state_dict(), loaded.state_dict()
    assert mine.keys() == theirs.keys()
    assert {name.split(".")[0] for name in mine} >= {"experts", "integration", "enlarge", "code_encoder", "decoder",
                                                     "cross_attention", "cross_norm", "output"}
    assert all(torch.equal(mine[k], theirs[k]) for k in mine)
    batch = encode_batch(epc_examples[:2], ECodeTokenizers.load(tmp_path), loaded.config)
    with torch.no_grad():
        assert torch.equal(model(batch)[1], loaded(batch)[1])


def test_generation_with_cache_matches_without_and_gives_text(epc_examples, tokenizers, config_for):
    model = _model(config_for())
    with torch.no_grad():  # no early eos, so decoding runs past GPT-Neo's local-attention window (16 here)
        model.output.transformer.wte.weight[tokenizers.code.eos_token_id] -= 10
    batch = encode_batch(epc_examples[:2], tokenizers, model.config, with_target=False)
    cached = model.generate(batch, max_new_tokens=24, do_sample=False)
    plain = model.generate(batch, max_new_tokens=24, do_sample=False, use_cache=False)
    assert cached.shape == (2, 24) and model.config.code["window_size"] < 24
    assert torch.equal(cached, plain)
    sampled = model.generate(batch, max_new_tokens=12, num_return_sequences=3, seed=7)
    assert sampled.shape[0] == 6
    assert torch.equal(sampled, model.generate(batch, max_new_tokens=12, num_return_sequences=3, seed=7))
    texts = decode(tokenizers, sampled)
    assert len(texts) == 6 and all(isinstance(t, str) for t in texts) and any(t.strip() for t in texts)


def test_padding_changes_nothing(epc_examples, tokenizers, config_for):
    """An example scores the same alone and padded in a batch beside a longer one; pad contents do not matter."""
    model = _model(config_for(max_code_tokens=128))
    by_length = sorted(epc_examples, key=lambda e: len(e.slow_code))
    short, long = by_length[0], by_length[-1]
    alone = encode_batch([short], tokenizers, model.config)
    together = encode_batch([short, long], tokenizers, model.config)
    assert together["slow_mask"][0].sum() < together["slow_mask"].shape[1]  # the short one really is padded
    with torch.no_grad():
        loss_alone, logits_alone = model(alone)
        _, logits_together = model(together)
        n = int(alone["target_mask"].sum())
        assert torch.allclose(logits_alone[0, :n], logits_together[0, :n], atol=1e-5)
        scrambled = {**together, "nl": {k: (ids.masked_fill(mask == 0, 7), mask)
                                         for k, (ids, mask) in together["nl"].items()},
                     "slow_ids": together["slow_ids"].masked_fill(together["slow_mask"] == 0, 5),
                     "target_ids": together["target_ids"].masked_fill(together["target_mask"] == 0, 9)}
        loss_together, logits_together = model(together)
        loss_scrambled, logits_scrambled = model(scrambled)
        assert torch.allclose(logits_together[0, :n], logits_scrambled[0, :n], atol=1e-5)
        assert torch.allclose(loss_together, loss_scrambled)  # labels are masked by the attention mask


def test_ablation_switches_change_the_architecture(tokenizers, config_for):
    base = ECodeModel(config_for())
    assert sorted(base.experts) == sorted(base.config.experts) and len(base.experts) == 5
    assert isinstance(base.enlarge_activation, torch.nn.Identity)
    assert base.cross_attention.num_heads == 48

    single = ECodeModel(config_for(expert_group=False, single_encoder_layers=3))
    assert list(single.experts) == [SINGLE]
    assert single.experts[SINGLE].config.num_hidden_layers == 3
    assert single.integration.config.type_vocab_size == 1

    assert isinstance(ECodeModel(config_for(enlarge_activation="relu")).enlarge_activation, torch.nn.ReLU)
    assert ECodeModel(config_for(cross_attention_heads=8)).cross_attention.num_heads == 8

    fewer = ECodeModel(config_for(experts=("title_tags", "statement", "samples_note")))
    assert sorted(fewer.experts) == ["samples_note", "statement", "title_tags"]
    more = ECodeModel(config_for(experts=(*base.config.experts, "constraints")))
    assert "constraints" in more.experts and more.integration.config.type_vocab_size == 6
    with pytest.raises(ValueError):
        config_for(cross_attention_heads=7)  # 48 hidden units do not split into 7 heads


def test_ablations_run_forward(epc_examples, tokenizers, config_for):
    for overrides in ({"expert_group": False}, {"enlarge_activation": "relu"}, {"cross_attention_heads": 8}):
        model = _model(config_for(**overrides))
        loss, _ = model(encode_batch(epc_examples[:2], tokenizers, model.config))
        assert torch.isfinite(loss)


def test_full_size_parameter_count_is_the_papers_400m():
    counts = count_parameters(ECodeConfig())
    print(f"E-code full size: {counts['total']:,} parameters")
    assert 380e6 < counts["total"] < 420e6
    assert counts["experts"] == 5 * counts["experts"] // 5 and 20e6 < counts["experts"] < 25e6
    assert abs(counts["decoder"] - 125.2e6) < 1e6


def test_added_pad_token_resizes_every_code_table(epc_examples, config_for):
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    from effilab.models.ecode_inputs import ECodeTokenizers, ensure_code_specials, train_tokenizers

    base = train_tokenizers(["a statement"], ["x = 1"], nl_vocab=100, code_vocab=300)
    # a GPT-style tokenizer with eos and no pad token, as GPT-Neo's is
    raw = Tokenizer(models.BPE())
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.train_from_iterator([e.efficient_code for e in epc_examples[:4]], trainers.BpeTrainer(
        vocab_size=300, special_tokens=["<|endoftext|>"], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    code = PreTrainedTokenizerFast(tokenizer_object=raw, eos_token="<|endoftext|>")
    assert code.pad_token is None
    before = len(code)
    assert ensure_code_specials(code) and code.pad_token_id == before and code.pad_token_id != code.eos_token_id
    tokenizers = ECodeTokenizers(base.nl, code)
    config = config_for()
    model = ECodeModel(ECodeConfig(**{**config.__dict__, "code": {**config.code, "vocab_size": before},
                                      "expert": {**config.expert, "vocab_size": len(base.nl)},
                                      **tokenizers.config_ids()}))
    model.resize_code_vocab(len(code))
    for stack in (model.code_encoder, model.decoder, model.output):
        assert stack.get_input_embeddings().weight.shape[0] == len(code)
    assert model.output.get_output_embeddings().weight.shape[0] == len(code)
    loss, _ = model(encode_batch(epc_examples[:2], tokenizers, model.config))
    assert torch.isfinite(loss)


def test_sub_models_load_from_local_hf_folders(tokenizers, config_for, tmp_path):
    from transformers import BertConfig, BertModel, GPTNeoConfig, GPTNeoForCausalLM

    config = config_for()
    torch.manual_seed(3)
    bert = BertModel(BertConfig(**config.expert), add_pooling_layer=False)
    neo = GPTNeoForCausalLM(GPTNeoConfig(**config.code))
    bert.save_pretrained(tmp_path / "bert")
    neo.save_pretrained(tmp_path / "neo")
    model = ECodeModel.from_pretrained_parts(config, tmp_path / "bert", tmp_path / "neo")
    for expert in model.experts.values():
        assert torch.equal(expert.embeddings.word_embeddings.weight, bert.embeddings.word_embeddings.weight)
    for stack in (model.code_encoder, model.decoder, model.output.transformer):
        assert torch.equal(stack.h[0].attn.attention.q_proj.weight, neo.transformer.h[0].attn.attention.q_proj.weight)


def test_resume_continues_as_if_never_stopped(epc_examples, tokenizers, config_for, tmp_path):
    from effilab.training.ecode import ECodeTrainConfig, latest_checkpoint, train

    data = epc_examples[:6]
    common = dict(batch_size=2, grad_accum=2, learning_rate=2e-3, warmup_steps=2, seed=5)
    straight = _model(config_for(), seed=2)
    train(straight, tokenizers, data, ECodeTrainConfig(output_dir=str(tmp_path / "a"), max_steps=4, save_every=100,
                                                       **common))
    stopped = _model(config_for(), seed=2)

    class Killed(Exception):
        pass

    def kill_at_three(log):
        if log.step == 3:
            raise Killed  # the run dies during step 3: its last checkpoint is step 2's

    with pytest.raises(Killed):
        train(stopped, tokenizers, data, ECodeTrainConfig(output_dir=str(tmp_path / "b"), max_steps=4, save_every=2,
                                                          **common), on_step=kill_at_three)
    assert latest_checkpoint(tmp_path / "b").name == "checkpoint-2"
    fresh = _model(config_for(), seed=99)  # resume must overwrite these weights
    history = train(fresh, tokenizers, data, ECodeTrainConfig(output_dir=str(tmp_path / "b"), max_steps=4,
                                                              save_every=100, resume=True, **common))
    assert [h.step for h in history] == [1, 2, 3, 4]
    for (name, a), b in zip(straight.state_dict().items(), fresh.state_dict().values()):
        assert torch.allclose(a, b, atol=1e-6), name
