"""Shared fixtures: suite-derived EPC examples, tokenizers trained on them, and a very small E-code config."""

from __future__ import annotations

import pytest

try:
    import torch
except ImportError:  # the loader, pipeline and CodeBLEU tests run without it
    torch = None


@pytest.fixture(scope="session", autouse=True)
def one_torch_thread():
    """Intra-op threads fight over a shared 2-core machine: one thread is ~20x faster there for models this small."""
    if torch is None:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def epc_examples():
    from effilab.pipelines.epc import build_epc
    from effilab.tasks.loaders import load_tasks

    return build_epc(load_tasks("suite")).examples


@pytest.fixture(scope="session")
def tokenizers(epc_examples):
    pytest.importorskip("transformers")
    from effilab.models.ecode_inputs import train_tokenizers

    return train_tokenizers([v for e in epc_examples for v in e.parts.values()],
                            [c for e in epc_examples for c in (e.slow_code, e.efficient_code)], nl_vocab=300,
                            code_vocab=400)


def small_config(tokenizers, **overrides):
    """Smaller than `tiny_config`: one test step must take well under a second on a busy 2-core machine."""
    from effilab.models.ecode import tiny_config

    base = dict(expert={"vocab_size": len(tokenizers.nl), "hidden_size": 16, "num_hidden_layers": 1,
                        "num_attention_heads": 2, "intermediate_size": 32, "max_position_embeddings": 64,
                        "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0},
                max_part_tokens=24, integration_max_positions=256,
                code={"vocab_size": len(tokenizers.code), "hidden_size": 48, "num_layers": 2, "num_heads": 4,
                      "attention_types": [[["global", "local"], 1]], "max_position_embeddings": 128,
                      "window_size": 16},
                max_code_tokens=48)
    base.update(overrides)
    return tiny_config(len(tokenizers.nl), len(tokenizers.code), **tokenizers.config_ids(), **base)


@pytest.fixture
def config_for(tokenizers):
    return lambda **overrides: small_config(tokenizers, **overrides)
