"""E-code's Expert Encoder Group model (Pan et al. 2024, "E-code: Mastering Efficient Code Generation through
Pretrained Models and Expert Encoder Group"), written whole in one file.

Data flow for one example (the EPC task: description + slow code -> efficient code):

    five description parts --(one BERT-tiny expert each, hidden 128)--> concatenated (<= 2048 positions)
        --(integration BERT layer)--> --(linear "enlarge" 128 -> 768, no ReLU)--> NL features
    slow code --(GPT-Neo encoder)--> slow-code features
    efficient code so far --(GPT-Neo decoder)--> queries
    queries x [NL features ; slow-code features] --(multi-head cross-attention, 48 heads; residual + LayerNorm)-->
        --(GPT-Neo output model, inputs_embeds; tied LM head)--> next-token logits

Three GPT-Neo-125M stacks, five BERT-tiny experts, the integration layer and the cross-attention come to about 400M
parameters at full size (`count_parameters(ECodeConfig())`), the paper's figure.

What the released code got wrong and this file does instead: padding masks everywhere (experts, integration,
code encoder, decoder, cross-attention keys, output); a real pad token (labels are -100 where the attention mask is
0, never "where the id is 0"); added tokens resize every embedding that reads them; `save`/`load` cover every module
and the tokenizers; generation keeps KV caches of both GPT-Neo stacks and encodes the inputs once.

Ablation switches (`ECodeConfig`): `expert_group=False` (one encoder over the whole description), `enlarge_activation
="relu"`, `cross_attention_heads=8`; `experts` names the parts that get an expert (add or remove any).
Uniformisation of code is a data switch (`effilab.pipelines.epc.EPCConfig.uniformise`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import torch
from torch import nn
from transformers import BertConfig, BertModel, GPTNeoConfig, GPTNeoForCausalLM, GPTNeoModel
from transformers.generation.logits_process import (
    LogitsProcessorList,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)

PARTS = ("title_tags", "statement", "input_format", "output_format", "samples_note")
SINGLE = "description"  # the one input of the "no expert group" ablation

BERT_TINY = {"vocab_size": 30522, "hidden_size": 128, "num_hidden_layers": 2, "num_attention_heads": 2,
             "intermediate_size": 512, "max_position_embeddings": 512}
# GPT-Neo 125M; its vocabulary is GPT-2's 50257 tokens plus the pad token added here (id 50257)
GPT_NEO_125M = {"vocab_size": 50258, "hidden_size": 768, "num_layers": 12, "num_heads": 12,
                "attention_types": [[["global", "local"], 6]], "max_position_embeddings": 2048, "window_size": 256}
# vocab: GPT-Neo's 50257 tokens and the pad token this model adds (id 50257)


@dataclass
class ECodeConfig:
    experts: tuple[str, ...] = PARTS  # one expert encoder per named description part
    expert_group: bool = True  # False: ablation, one encoder over the concatenated description
    expert: dict = field(default_factory=lambda: dict(BERT_TINY))  # BertConfig fields of each expert
    single_encoder_layers: int | None = None  # layers of the one encoder of the ablation (None: as an expert)
    max_part_tokens: int = 256  # per expert; the concatenation must fit integration_max_positions
    integration_layers: int = 1
    integration_max_positions: int = 2048
    enlarge_activation: str | None = None  # None (the paper: no ReLU) or "relu" (ablation)
    code: dict = field(default_factory=lambda: dict(GPT_NEO_125M))  # GPTNeoConfig fields of the three stacks
    max_code_tokens: int = 1024  # slow code and target, each
    cross_attention_heads: int = 48
    dropout: float = 0.1  # cross-attention dropout
    nl_pad_token_id: int = 0
    pad_token_id: int = 50257  # the code vocabulary's pad, bos and eos
    bos_token_id: int = 50256
    eos_token_id: int = 50256

    def __post_init__(self) -> None:
        self.experts = tuple(self.experts)
        if not self.experts or len(set(self.experts)) != len(self.experts):
            raise ValueError(f"experts must be distinct and non-empty, got {self.experts}")
        if self.enlarge_activation not in (None, "relu"):
            raise ValueError(f"enlarge_activation is None or 'relu', got {self.enlarge_activation!r}")
        if self.code["hidden_size"] % self.cross_attention_heads:
            raise ValueError(f"code hidden size {self.code['hidden_size']} is not divisible by "
                             f"{self.cross_attention_heads} cross-attention heads")
        if self.max_part_tokens > self.expert["max_position_embeddings"]:
            raise ValueError("max_part_tokens exceeds the experts' max_position_embeddings")
        if self.nl_length() > self.integration_max_positions:
            raise ValueError(f"the description can reach {self.nl_length()} tokens, more than the integration "
                             f"layer's {self.integration_max_positions} positions")
        if self.max_code_tokens > self.code["max_position_embeddings"]:
            raise ValueError("max_code_tokens exceeds GPT-Neo's max_position_embeddings")

    @property
    def inputs(self) -> tuple[str, ...]:
        """The names of the description inputs the encoder side reads."""
        return self.experts if self.expert_group else (SINGLE,)

    def nl_length(self) -> int:
        """Longest possible description, in tokens; the single encoder of the ablation gets the same budget."""
        return self.max_part_tokens * len(self.experts)

    def to_dict(self) -> dict:
        return {**asdict(self), "experts": list(self.experts)}

    @classmethod
    def from_dict(cls, data: dict) -> ECodeConfig:
        return cls(**data)


def tiny_config(nl_vocab: int, code_vocab: int, **overrides) -> ECodeConfig:
    """Sizes for tests and CPU runs: the same architecture, about a thousand times smaller. `overrides` set any
    field, the token ids (`ECodeTokenizers.config_ids()`) in particular."""
    base = ECodeConfig(
        expert={"vocab_size": nl_vocab, "hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2,
                "intermediate_size": 64, "max_position_embeddings": 128},
        max_part_tokens=96, integration_max_positions=512,
        code={"vocab_size": code_vocab, "hidden_size": 96, "num_layers": 2, "num_heads": 4,
              "attention_types": [[["global", "local"], 1]], "max_position_embeddings": 512, "window_size": 64},
        max_code_tokens=384, cross_attention_heads=48, dropout=0.0)
    return replace(base, **overrides)


class ECodeModel(nn.Module):
    def __init__(self, config: ECodeConfig) -> None:
        super().__init__()
        self.config = config
        expert = BertConfig(**config.expert, pad_token_id=config.nl_pad_token_id)
        if config.expert_group:
            self.experts = nn.ModuleDict({name: BertModel(expert, add_pooling_layer=False) for name in config.experts})
        else:
            layers = config.single_encoder_layers or expert.num_hidden_layers
            positions = max(expert.max_position_embeddings, config.nl_length())
            single = BertConfig(**{**config.expert, "num_hidden_layers": layers, "max_position_embeddings": positions},
                                pad_token_id=config.nl_pad_token_id)
            self.experts = nn.ModuleDict({SINGLE: BertModel(single, add_pooling_layer=False)})
        # the integration layer reads expert outputs (inputs_embeds): its word table is unused, one row;
        # token types say which expert a position came from
        self.integration = BertModel(BertConfig(
            vocab_size=1, pad_token_id=0, hidden_size=expert.hidden_size, num_hidden_layers=config.integration_layers,
            num_attention_heads=expert.num_attention_heads, intermediate_size=expert.intermediate_size,
            max_position_embeddings=config.integration_max_positions, type_vocab_size=len(config.inputs),
            hidden_dropout_prob=expert.hidden_dropout_prob,
            attention_probs_dropout_prob=expert.attention_probs_dropout_prob), add_pooling_layer=False)
        neo = self.neo_config()
        self.enlarge = nn.Linear(expert.hidden_size, neo.hidden_size)
        self.enlarge_activation = nn.ReLU() if config.enlarge_activation == "relu" else nn.Identity()
        self.code_encoder = GPTNeoModel(neo)
        self.decoder = GPTNeoModel(neo)
        self.cross_attention = nn.MultiheadAttention(neo.hidden_size, config.cross_attention_heads,
                                                     dropout=config.dropout, batch_first=True)
        self.cross_norm = nn.LayerNorm(neo.hidden_size)
        self.output = GPTNeoForCausalLM(neo)

    def neo_config(self) -> GPTNeoConfig:
        c = self.config
        return GPTNeoConfig(**c.code, pad_token_id=c.pad_token_id, bos_token_id=c.bos_token_id,
                            eos_token_id=c.eos_token_id)

    # --- encoder side -------------------------------------------------------------------------------------------
    def encode_description(self, nl: dict[str, tuple[torch.Tensor, torch.Tensor]]) -> tuple[torch.Tensor,
                                                                                             torch.Tensor]:
        """Experts -> concatenation -> integration layer -> enlarge: (batch, positions, code hidden), mask."""
        states, masks, types = [], [], []
        for index, name in enumerate(self.config.inputs):
            ids, mask = nl[name]
            states.append(self.experts[name](input_ids=ids, attention_mask=mask).last_hidden_state)
            masks.append(mask)
            types.append(torch.full_like(ids, index))
        mask = torch.cat(masks, dim=1)
        # positions count real tokens only, so the padding between experts' outputs moves nothing
        positions = (mask.cumsum(dim=1) - 1).clamp(min=0)
        hidden = self.integration(inputs_embeds=torch.cat(states, dim=1), attention_mask=mask,
                                  token_type_ids=torch.cat(types, dim=1), position_ids=positions).last_hidden_state
        return self.enlarge_activation(self.enlarge(hidden)), mask

    def encode(self, batch: dict) -> tuple[torch.Tensor, torch.Tensor]:
        """The memory the cross-attention reads: [NL features ; slow-code features] and its padding mask."""
        nl, nl_mask = self.encode_description(batch["nl"])
        slow = self.code_encoder(input_ids=batch["slow_ids"], attention_mask=batch["slow_mask"]).last_hidden_state
        return torch.cat([nl, slow], dim=1), torch.cat([nl_mask, batch["slow_mask"]], dim=1)

    def attend(self, queries: torch.Tensor, memory: torch.Tensor, memory_mask: torch.Tensor) -> torch.Tensor:
        attended, _ = self.cross_attention(queries, memory, memory, key_padding_mask=memory_mask == 0,
                                           need_weights=False)
        return self.cross_norm(queries + attended)

    # --- training -----------------------------------------------------------------------------------------------
    def forward(self, batch: dict) -> tuple[torch.Tensor, torch.Tensor]:
        """(loss, logits) for teacher-forced targets `target_ids` = bos + code + eos, right-padded."""
        memory, memory_mask = self.encode(batch)
        ids, mask = batch["target_ids"], batch["target_mask"]
        queries = self.decoder(input_ids=ids, attention_mask=mask).last_hidden_state
        hidden = self.attend(queries, memory, memory_mask)
        labels = ids.masked_fill(mask == 0, -100)
        out = self.output(inputs_embeds=hidden, attention_mask=mask, labels=labels)
        return out.loss, out.logits

    # --- generation ---------------------------------------------------------------------------------------------
    @torch.no_grad()
    def generate(self, batch: dict, max_new_tokens: int = 256, do_sample: bool = True, temperature: float = 0.25,
                 top_k: int = 50, top_p: float = 0.95, num_return_sequences: int = 1, seed: int | None = None,
                 use_cache: bool = True) -> torch.Tensor:
        """Token ids (batch * num_return_sequences, <= max_new_tokens), eos included, pad after it.

        The inputs are encoded once; with `use_cache` both GPT-Neo stacks keep their keys and values, so each step
        runs one position. `use_cache=False` recomputes the whole prefix each step (for checking the cache).
        """
        memory, memory_mask = self.encode(batch)
        if num_return_sequences > 1:
            memory = memory.repeat_interleave(num_return_sequences, dim=0)
            memory_mask = memory_mask.repeat_interleave(num_return_sequences, dim=0)
        rows, device = memory.size(0), memory.device
        c = self.config
        max_new_tokens = min(max_new_tokens, c.code["max_position_embeddings"] - 1)  # bos takes one position
        warpers = LogitsProcessorList()
        if do_sample:
            if temperature <= 0:
                raise ValueError("sampling needs temperature > 0 (or do_sample=False)")
            warpers += [TemperatureLogitsWarper(temperature), TopKLogitsWarper(top_k), TopPLogitsWarper(top_p)]
        rng = torch.Generator(device=device)
        if seed is not None:
            rng.manual_seed(seed)
        else:
            rng.seed()
        prefix = torch.full((rows, 1), c.bos_token_id, dtype=torch.long, device=device)
        step = prefix
        decoder_cache = output_cache = None
        finished = torch.zeros(rows, dtype=torch.bool, device=device)
        for _ in range(max_new_tokens):
            mask = torch.ones_like(prefix)
            if use_cache:
                dec = self.decoder(input_ids=step, attention_mask=mask, past_key_values=decoder_cache, use_cache=True)
                decoder_cache = dec.past_key_values
                hidden = self.attend(dec.last_hidden_state, memory, memory_mask)
                out = self.output(inputs_embeds=hidden, attention_mask=mask, past_key_values=output_cache,
                                  use_cache=True)
                output_cache = out.past_key_values
            else:
                dec = self.decoder(input_ids=prefix, attention_mask=mask, use_cache=False)
                out = self.output(inputs_embeds=self.attend(dec.last_hidden_state, memory, memory_mask),
                                  attention_mask=mask, use_cache=False)
            logits = out.logits[:, -1, :].float()
            if do_sample:
                probs = torch.softmax(warpers(prefix, logits), dim=-1)
                token = torch.multinomial(probs, 1, generator=rng).squeeze(1)
            else:
                token = logits.argmax(dim=-1)
            token = torch.where(finished, torch.full_like(token, c.pad_token_id), token)
            finished |= token == c.eos_token_id
            step = token[:, None]
            prefix = torch.cat([prefix, step], dim=1)
            if finished.all():
                break
        return prefix[:, 1:]

    # --- vocabulary, persistence --------------------------------------------------------------------------------
    def resize_code_vocab(self, size: int) -> None:
        """After tokens are added to the code tokenizer: every GPT-Neo table that reads code ids grows."""
        for stack in (self.code_encoder, self.decoder, self.output):
            stack.resize_token_embeddings(size)
        self.config.code = {**self.config.code, "vocab_size": size}

    def resize_nl_vocab(self, size: int) -> None:
        for expert in self.experts.values():
            expert.resize_token_embeddings(size)
        self.config.expert = {**self.config.expert, "vocab_size": size}

    def save(self, folder: str | Path) -> Path:
        """Every module's weights (one safetensors file, tied tables stored once) and the config."""
        from safetensors.torch import save_model

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ecode_config.json").write_text(json.dumps(self.config.to_dict(), indent=1))
        save_model(self, str(folder / "model.safetensors"))
        return folder

    @classmethod
    def load(cls, folder: str | Path, device: str | torch.device = "cpu") -> ECodeModel:
        from safetensors.torch import load_model

        folder = Path(folder)
        config_path = folder / "ecode_config.json"
        if not config_path.exists():
            raise FileNotFoundError(f"{folder}: no ecode_config.json (not a saved E-code model)")
        model = cls(ECodeConfig.from_dict(json.loads(config_path.read_text())))
        load_model(model, str(folder / "model.safetensors"), strict=True, device=str(device))
        return model.to(device)

    @classmethod
    def from_pretrained_parts(cls, config: ECodeConfig, expert_dir: str | Path | None = None,
                              code_dir: str | Path | None = None) -> ECodeModel:
        """Start from local HF-format checkpoints: a BERT (every expert starts from it) and a GPT-Neo causal LM
        (code encoder, decoder and output start from it). Their configs replace the sizes in `config`."""
        if expert_dir is not None:
            bert = BertModel.from_pretrained(expert_dir, add_pooling_layer=False)
            keys = ("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
                    "max_position_embeddings")
            config = replace(config, expert={k: getattr(bert.config, k) for k in keys},
                             max_part_tokens=min(config.max_part_tokens, bert.config.max_position_embeddings))
        if code_dir is not None:
            neo = GPTNeoForCausalLM.from_pretrained(code_dir)
            keys = ("vocab_size", "hidden_size", "num_layers", "num_heads", "attention_types",
                    "max_position_embeddings", "window_size")
            config = replace(config, code={k: getattr(neo.config, k) for k in keys},
                             max_code_tokens=min(config.max_code_tokens, neo.config.max_position_embeddings))
        model = cls(config)
        if expert_dir is not None:
            for expert in model.experts.values():
                _load_matching(expert, bert.state_dict())
        if code_dir is not None:
            model.output.load_state_dict(neo.state_dict())
            model.code_encoder.load_state_dict(neo.transformer.state_dict())
            model.decoder.load_state_dict(neo.transformer.state_dict())
        return model


def _load_matching(module: nn.Module, state: dict) -> tuple[list[str], list[str]]:
    """Load what fits (the ablation's single encoder may have more layers than the checkpoint)."""
    own = module.state_dict()
    usable = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
    result = module.load_state_dict(usable, strict=False)
    return list(result.missing_keys), list(result.unexpected_keys)


def count_parameters(config: ECodeConfig) -> dict[str, int]:
    """Parameters per module and in total, built on the meta device (no memory is allocated); tied tables once."""
    with torch.device("meta"):
        model = ECodeModel(config)
    counts = {name: sum(p.numel() for p in child.parameters()) for name, child in model.named_children()}
    counts["total"] = sum(p.numel() for p in model.parameters())
    return counts
