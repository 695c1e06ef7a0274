"""The two vocabularies of the E-code model and how EPC examples become its padded input tensors.

The experts read natural language with a BERT (WordPiece) tokenizer; the GPT-Neo stacks read code with a byte-level
BPE one. Pretrained tokenizers load from local HF-format folders; for tests and CPU runs both are trained here from
the data with the `tokenizers` library in seconds. GPT-Neo's tokenizer has no pad token: `ensure_code_specials`
adds one, and the caller must then resize the model's code tables (`ECodeModel.resize_code_vocab`), which the
released E-code code forgot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import AutoTokenizer, PreTrainedTokenizerFast

from effilab.models.ecode import PARTS, SINGLE, ECodeConfig

CODE_PAD, CODE_EOS = "<|pad|>", "<|endoftext|>"


@dataclass
class ECodeTokenizers:
    nl: PreTrainedTokenizerFast
    code: PreTrainedTokenizerFast

    def save(self, folder: str | Path) -> None:
        self.nl.save_pretrained(str(Path(folder) / "nl_tokenizer"))
        self.code.save_pretrained(str(Path(folder) / "code_tokenizer"))

    @classmethod
    def load(cls, folder: str | Path) -> ECodeTokenizers:
        return cls.from_dirs(Path(folder) / "nl_tokenizer", Path(folder) / "code_tokenizer")

    @classmethod
    def from_dirs(cls, nl_dir: str | Path, code_dir: str | Path) -> ECodeTokenizers:
        tokenizers = cls(AutoTokenizer.from_pretrained(str(nl_dir)), AutoTokenizer.from_pretrained(str(code_dir)))
        ensure_code_specials(tokenizers.code)
        return tokenizers

    def config_ids(self) -> dict[str, int]:
        """The token ids `ECodeConfig` needs."""
        return {"pad_token_id": self.code.pad_token_id, "bos_token_id": self.code.bos_token_id,
                "eos_token_id": self.code.eos_token_id, "nl_pad_token_id": self.nl.pad_token_id}


def ensure_code_specials(tokenizer: PreTrainedTokenizerFast) -> bool:
    """Give the code tokenizer a pad token distinct from eos, and bos/eos; True when tokens were added."""
    before = len(tokenizer)
    if tokenizer.eos_token is None:
        tokenizer.add_special_tokens({"eos_token": CODE_EOS})
    if tokenizer.bos_token is None:
        tokenizer.bos_token = tokenizer.eos_token
    if tokenizer.pad_token is None or tokenizer.pad_token_id == tokenizer.eos_token_id:
        tokenizer.add_special_tokens({"pad_token": CODE_PAD})
    return len(tokenizer) != before


def train_tokenizers(nl_texts: Iterable[str], code_texts: Iterable[str], nl_vocab: int = 600,
                     code_vocab: int = 800) -> ECodeTokenizers:
    """Small WordPiece (descriptions) and byte-level BPE (code) tokenizers trained on the given texts."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

    nl = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    nl.normalizer = normalizers.BertNormalizer(lowercase=True)
    nl.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    nl.train_from_iterator(list(nl_texts), trainers.WordPieceTrainer(
        vocab_size=nl_vocab, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]))
    cls_id, sep_id = nl.token_to_id("[CLS]"), nl.token_to_id("[SEP]")
    nl.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", special_tokens=[
        ("[CLS]", cls_id), ("[SEP]", sep_id)])
    nl.decoder = decoders.WordPiece()
    nl_fast = PreTrainedTokenizerFast(tokenizer_object=nl, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                      sep_token="[SEP]", mask_token="[MASK]")

    code = Tokenizer(models.BPE())
    code.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    code.decoder = decoders.ByteLevel()
    code.train_from_iterator(list(code_texts), trainers.BpeTrainer(
        vocab_size=code_vocab, special_tokens=[CODE_EOS, CODE_PAD],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    code_fast = PreTrainedTokenizerFast(tokenizer_object=code, eos_token=CODE_EOS, bos_token=CODE_EOS,
                                        pad_token=CODE_PAD)
    return ECodeTokenizers(nl_fast, code_fast)


def _pad(rows: Sequence[list[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(1, max(len(r) for r in rows))
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, :len(row)] = torch.tensor(row, dtype=torch.long)
        mask[i, :len(row)] = 1
    return ids, mask


def description_inputs(parts: dict[str, str], config: ECodeConfig) -> dict[str, str]:
    """The text each encoder input reads: one part per expert, or all parts joined for the single encoder."""
    if config.expert_group:
        return {name: parts.get(name, "") for name in config.experts}
    return {SINGLE: "\n\n".join(parts.get(name, "") for name in PARTS if parts.get(name))}


def encode_batch(examples: Sequence, tokenizers: ECodeTokenizers, config: ECodeConfig,
                 with_target: bool = True) -> dict:
    """EPC examples (objects with `parts`, `slow_code`, `efficient_code`) -> right-padded tensors and masks.

    Targets are bos + code + eos; every sequence is truncated to the config's limits (eos kept last).
    """
    nl = {}
    texts = [description_inputs(ex.parts, config) for ex in examples]
    part_limit = config.max_part_tokens if config.expert_group else config.nl_length()
    for name in config.inputs:
        rows = tokenizers.nl([t[name] for t in texts], truncation=True, max_length=part_limit)["input_ids"]
        nl[name] = _pad(rows, tokenizers.nl.pad_token_id)
    code = tokenizers.code
    slow_rows = [ids[:config.max_code_tokens] for ids in code([ex.slow_code for ex in examples])["input_ids"]]
    batch = {"nl": nl}
    batch["slow_ids"], batch["slow_mask"] = _pad(slow_rows, code.pad_token_id)
    if with_target:
        body = config.max_code_tokens - 2
        rows = [[code.bos_token_id, *ids[:body], code.eos_token_id]
                for ids in code([ex.efficient_code for ex in examples])["input_ids"]]
        batch["target_ids"], batch["target_mask"] = _pad(rows, code.pad_token_id)
    return batch


def to_device(batch: dict, device: torch.device | str) -> dict:
    out = {k: v.to(device) for k, v in batch.items() if k != "nl"}
    out["nl"] = {k: (ids.to(device), mask.to(device)) for k, (ids, mask) in batch["nl"].items()}
    return out


def decode(tokenizers: ECodeTokenizers, ids: torch.Tensor) -> list[str]:
    """Generated ids -> code, cut at the first eos."""
    eos = tokenizers.code.eos_token_id
    texts = []
    for row in ids.tolist():
        if eos in row:
            row = row[:row.index(eos)]
        texts.append(tokenizers.code.decode(row, skip_special_tokens=True))
    return texts
