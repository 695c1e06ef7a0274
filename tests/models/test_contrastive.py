"""The contrastive encoder on a toy set where the signal is obvious: six small functions whose views differ only in
their identifiers. A few steps of MoCo training must lower the loss and rank same-function variants higher than the
untrained encoder does (same seed, same tokenizer, same initial weights)."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from effilab.models.contrastive import ContrastiveConfig, ContrastiveEncoder, Program, mean_pool
from effilab.representations.dataset import Item
from effilab.representations.evaluate import Encoded, evaluate
from effilab.representations.gram import gram
from effilab.transforms.compose import ViewMaker

from toy_views import RENAME, TEMPLATES

TINY = dict(dim=32, layers=1, heads=2, ff_dim=64, proj_dim=16, batch_size=6, queue_size=12, vocab_size=300,
            momentum=0.9, lr=1e-2, warmup_steps=5, max_length=64, dropout=0.0, seed=0)


def toy_items(n_per_type: int = 5, seed: int = 1) -> list[Item]:
    maker = ViewMaker([RENAME], max_steps=1)
    rng = random.Random(seed)
    return [Item(f"{name}/{i}", name, maker.view(code, random.Random(rng.randrange(10**6))).code)
            for name, code in TEMPLATES.items() for i in range(n_per_type)]


@pytest.fixture(scope="module")
def trained():
    items = toy_items()
    config = ContrastiveConfig(steps=50, **TINY)
    model = ContrastiveEncoder.build(config, codes=[i.code for i in items] + list(TEMPLATES.values()))
    untrained = ContrastiveEncoder.build(config, tokenizer=model.tokenizer)
    losses = model.train([Program(code) for code in TEMPLATES.values()], {"python": ViewMaker([RENAME], 1)})
    return model, untrained, items, losses


def test_training_lowers_the_loss_and_improves_retrieval(trained):
    model, untrained, items, losses = trained
    assert len(losses) == 50
    # the first steps have fewer negatives (the queue fills up), so compare steps 11-20 with the last 10
    assert np.mean(losses[-10:]) < 0.8 * np.mean(losses[10:20])
    codes = [i.code for i in items]
    result = evaluate({"trained": Encoded(gram(model.embed(codes))),
                       "untrained": Encoded(gram(untrained.embed(codes)))}, items).table()
    assert result["trained"]["NDCG@10"] > result["untrained"]["NDCG@10"] + 0.1
    assert result["trained"]["MAP@R"] > result["untrained"]["MAP@R"]
    # the queue holds keys of real programs now (ids 0..5), none left empty after 50 steps of 6
    assert set(model.model.queue_ids.tolist()) <= set(range(6)) and (model.model.queue_ids >= 0).all()


def test_save_load_gives_the_same_embeddings(trained, tmp_path):
    model, _, items, _ = trained
    model.save(tmp_path / "m")
    loaded = ContrastiveEncoder.load(tmp_path / "m")
    codes = [i.code for i in items[:7]]
    assert np.allclose(model.embed(codes), loaded.embed(codes), atol=1e-6)
    assert loaded.step == 50 and loaded.losses == model.losses
    fresh = ContrastiveEncoder.load(tmp_path / "m", trained=False)
    assert not np.allclose(model.embed(codes), fresh.embed(codes), atol=1e-3)


def test_padding_does_not_change_an_embedding(trained):
    model, _, items, _ = trained
    short, long = "def f(a):\n    return a\n", items[0].code * 3
    alone = model.embed([short])[0]
    padded = model.embed([short, long])[0]  # padded to the long one's length in the same batch
    assert np.allclose(alone, padded, atol=1e-5)
    hidden = torch.ones(1, 3, 2)
    hidden[0, 2] = 100.0  # a padding position with a huge value must not leak into the mean
    assert mean_pool(hidden, torch.tensor([[1, 1, 0]])).tolist() == [[1.0, 1.0]]


class Killed(Exception):
    pass


def test_resume_continues_exactly(tmp_path):
    programs = [Program(code) for code in TEMPLATES.values()]
    codes = list(TEMPLATES.values())
    views = {"python": ViewMaker([RENAME], 1)}
    config = ContrastiveConfig(steps=8, checkpoint_every=4, **TINY)
    straight = ContrastiveEncoder.build(config, codes=codes).train(programs, views)

    interrupted = ContrastiveEncoder.build(config, codes=codes)

    def kill_at_5(step: int, loss: float) -> None:
        if step == 5:
            raise Killed

    with pytest.raises(Killed):
        interrupted.train(programs, views, tmp_path, on_step=kill_at_5)  # last checkpoint: step 4
    resumed = ContrastiveEncoder.build(config, codes=codes)
    losses = resumed.train(programs, views, tmp_path, resume=True)
    assert len(losses) == 8
    assert np.allclose(losses, straight, atol=1e-5)


def test_queue_must_be_a_multiple_of_the_batch():
    with pytest.raises(ValueError, match="multiple"):
        ContrastiveConfig(batch_size=32, queue_size=100)


def test_a_local_hugging_face_encoder(tmp_path):
    """A tiny BERT built from a config and saved to a folder stands in for any local HF encoder."""
    from transformers import BertConfig, BertModel

    from effilab.models.contrastive import train_tokenizer

    codes = list(TEMPLATES.values())
    hf_dir = tmp_path / "bert"
    tokenizer = train_tokenizer(codes, 300)
    tokenizer.save_pretrained(hf_dir)
    BertModel(BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=64, max_position_embeddings=128)).save_pretrained(hf_dir)
    config = ContrastiveConfig(steps=3, **{**TINY, "dim": 32}, encoder=str(hf_dir))
    model = ContrastiveEncoder.build(config)
    losses = model.train([Program(code) for code in codes], {"python": ViewMaker([RENAME], 1)})
    assert len(losses) == 3 and all(np.isfinite(losses))
    model.save(tmp_path / "saved")
    loaded = ContrastiveEncoder.load(tmp_path / "saved")
    vectors = loaded.embed(codes)
    assert vectors.shape == (6, 32)  # pooled BERT hidden size
    assert np.allclose(vectors, model.embed(codes), atol=1e-5)
