"""A real tiny Llama built from a config into a temp folder, shared by the training tests, and tiny datasets."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("trl", reason="training tests need the train extra (torch, transformers, trl, peft)")

SFT_ROWS = [
    {"prompt": "def total(xs):\n", "completion": "    return sum(xs)\n"},
    {"prompt": "def biggest(xs):\n", "completion": "    return max(xs)\n"},
    {"prompt": "def count(xs):\n", "completion": "    return len(xs)\n"},
    {"prompt": "def unique(xs):\n", "completion": "    return len(set(xs))\n"},
]
PAIR_ROWS = [
    {"prompt": "def total(xs):\n", "chosen": "    return sum(xs)\n",
     "rejected": "    t = 0\n    for i in range(len(xs)):\n        t = t + xs[i]\n    return t\n"},
    {"prompt": "def biggest(xs):\n", "chosen": "    return max(xs)\n", "rejected": "    return sorted(xs)[-1]\n"},
    {"prompt": "def has(xs, v):\n", "chosen": "    return v in set(xs)\n",
     "rejected": "    return any(x == v for x in xs)\n"},
    {"prompt": "def unique(xs):\n", "chosen": "    return len(set(xs))\n",
     "rejected": ("    out = []\n    for x in xs:\n        if x not in out:\n            out.append(x)\n"
                  "    return len(out)\n")},
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    from effilab.training.tiny import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model")


@pytest.fixture(scope="session")
def sft_data(tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("data") / "sft.jsonl", SFT_ROWS)


@pytest.fixture(scope="session")
def pair_data(tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("data") / "pairs.jsonl", PAIR_ROWS)
