"""A contrastive code encoder (ContraCode-style MoCo) in one file: config, encoder, MoCo loss, training, save/load,
embedding.

How it learns: two random views of a program (compositions of semantics-preserving transforms) go through a query
encoder and a momentum-averaged key encoder; temperature-scaled InfoNCE pulls the pair together and pushes the
query away from the keys of other programs: those of this batch and a queue of keys from earlier batches
(MoCo, He et al. 2020; ContraCode, Jain et al. 2021). Negatives that are keys of the same program (the queue may
still hold one from an earlier step) are masked out, so a program is never pushed away from itself.

The encoder is a small transformer built from this config (trainable on a CPU) or any local Hugging Face encoder
(`encoder = "<dir>"`); hidden states are mean-pooled over real tokens only (padding masked out), then a 2-layer
projection head maps them to the contrastive space. Without a tokenizer of its own (the small transformer), a
byte-level BPE tokenizer is trained on the corpus with `tokenizers`.
"""

from __future__ import annotations

import copy
import json
import math
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from effilab.transforms.compose import ViewMaker


@dataclass
class ContrastiveConfig:
    encoder: str = "small"  # "small" (built from the fields below) or a local Hugging Face encoder directory
    vocab_size: int = 2048  # of the BPE tokenizer trained on the corpus (small encoder only)
    max_length: int = 192  # tokens per program; longer ones are truncated
    dim: int = 128  # small transformer: hidden size
    layers: int = 2
    heads: int = 4
    ff_dim: int = 256
    dropout: float = 0.1
    proj_dim: int = 64  # projection head output (the contrastive space)
    batch_size: int = 32
    queue_size: int = 512  # negatives kept from earlier batches; a multiple of batch_size
    momentum: float = 0.999  # key encoder: theta_k <- m * theta_k + (1 - m) * theta_q
    temperature: float = 0.07
    lr: float = 5e-4
    weight_decay: float = 0.01
    warmup_steps: int = 20
    steps: int = 500
    views_per_program: int = 0  # > 0: cache this many views per program and draw pairs from them; 0: always fresh
    max_transforms: int = 3  # transforms composed per view
    lossy: bool = False  # also use lossy (not semantics-preserving) transforms as views
    embed_from: str = "pooled"  # what `embed` returns: "pooled" encoder output or "projected" head output
    checkpoint_every: int = 100
    max_seconds: float = 0.0  # > 0: stop training after this much wall time (a bounded run), checkpointing first
    max_cpu_seconds: float = 0.0  # > 0: the same bound in CPU time of this process (fair on a shared machine)
    threads: int = 1  # torch CPU threads (process-wide); 1 is fastest on a shared, loaded CPU; 0: torch's default
    seed: int = 0

    def __post_init__(self) -> None:
        if self.queue_size % self.batch_size:
            raise ValueError(f"queue_size ({self.queue_size}) must be a multiple of batch_size ({self.batch_size})")
        if self.embed_from not in ("pooled", "projected"):
            raise ValueError("embed_from must be 'pooled' or 'projected'")

    @classmethod
    def from_dict(cls, data: dict) -> ContrastiveConfig:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


# ---------------------------------------------------------------------------------------------------- tokenizer

def train_tokenizer(codes: list[str], vocab_size: int):
    """Byte-level BPE trained on the corpus; wrapped as a transformers fast tokenizer (padding, save/load)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=["[PAD]", "[UNK]"], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(codes, trainer=trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="[PAD]", unk_token="[UNK]")


# ---------------------------------------------------------------------------------------------------- encoders

class SmallTransformer(nn.Module):
    """Token + learned position embeddings, a pre-norm transformer encoder stack, a final layer norm."""

    def __init__(self, config: ContrastiveConfig, vocab_size: int) -> None:
        super().__init__()
        self.tokens = nn.Embedding(vocab_size, config.dim)
        self.positions = nn.Embedding(config.max_length, config.dim)
        layer = nn.TransformerEncoderLayer(config.dim, config.heads, config.ff_dim, config.dropout,
                                           activation="gelu", batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, config.layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(config.dim)
        self.hidden_size = config.dim

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.tokens(input_ids) + self.positions(positions)[None]
        x = self.blocks(x, src_key_padding_mask=attention_mask == 0)
        return self.norm(x)


class HFBackbone(nn.Module):
    """Any Hugging Face encoder (AutoModel); its last hidden states."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.model = model
        self.hidden_size = model.config.hidden_size

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state


def mean_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Mean of the hidden states of real tokens only: padding contributes nothing to the sum or the count."""
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)


class CodeEncoder(nn.Module):
    """Backbone -> masked mean pooling -> projection head. Returns (pooled, unit-norm projection)."""

    def __init__(self, backbone: nn.Module, proj_dim: int) -> None:
        super().__init__()
        self.backbone = backbone
        hidden = backbone.hidden_size
        self.head = nn.Sequential(nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, proj_dim))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        pooled = mean_pool(self.backbone(input_ids, attention_mask), attention_mask)
        return pooled, F.normalize(self.head(pooled), dim=-1)


# ---------------------------------------------------------------------------------------------------- MoCo

class MoCo(nn.Module):
    def __init__(self, encoder: CodeEncoder, config: ContrastiveConfig) -> None:
        super().__init__()
        self.config = config
        self.query_encoder = encoder
        self.key_encoder = copy.deepcopy(encoder)
        for p in self.key_encoder.parameters():
            p.requires_grad = False
        self.register_buffer("queue", torch.zeros(config.queue_size, config.proj_dim))
        self.register_buffer("queue_ids", torch.full((config.queue_size,), -1, dtype=torch.long))  # -1: empty slot
        self.register_buffer("queue_ptr", torch.zeros((), dtype=torch.long))

    @torch.no_grad()
    def _momentum_update(self) -> None:
        m = self.config.momentum
        for pk, pq in zip(self.key_encoder.parameters(), self.query_encoder.parameters()):
            pk.mul_(m).add_(pq.detach(), alpha=1.0 - m)

    @torch.no_grad()
    def _enqueue(self, keys: torch.Tensor, ids: torch.Tensor) -> None:
        ptr = int(self.queue_ptr)
        n = keys.shape[0]  # batch_size divides queue_size, and a short last batch never wraps past the end
        end = min(ptr + n, self.config.queue_size)
        self.queue[ptr:end] = keys[: end - ptr]
        self.queue_ids[ptr:end] = ids[: end - ptr]
        self.queue_ptr.fill_(end % self.config.queue_size)

    def forward(self, view_q: dict[str, torch.Tensor], view_k: dict[str, torch.Tensor], ids: torch.Tensor
                ) -> torch.Tensor:
        """InfoNCE loss of a batch: row i's positive is its own key; negatives are other programs' keys."""
        _, q = self.query_encoder(**view_q)
        with torch.no_grad():
            self._momentum_update()
            _, k = self.key_encoder(**view_k)
        positive = (q * k).sum(-1, keepdim=True)
        batch_negatives = q @ k.T
        batch_negatives = batch_negatives.masked_fill(ids[:, None] == ids[None, :], float("-inf"))
        queue_negatives = q @ self.queue.clone().T  # a copy: the queue is updated in place below
        queue_negatives = queue_negatives.masked_fill((self.queue_ids[None, :] == ids[:, None])
                                                      | (self.queue_ids[None, :] < 0), float("-inf"))
        logits = torch.cat([positive, batch_negatives, queue_negatives], dim=1) / self.config.temperature
        loss = F.cross_entropy(logits, torch.zeros(len(ids), dtype=torch.long, device=logits.device))
        self._enqueue(k.detach(), ids)
        return loss


# ---------------------------------------------------------------------------------------------------- facade

@dataclass(frozen=True)
class Program:
    code: str
    language: str = "python"


class ContrastiveEncoder:
    """Config + tokenizer + MoCo model, with train / save / load / embed."""

    def __init__(self, config: ContrastiveConfig, tokenizer, model: MoCo) -> None:
        self.config, self.tokenizer, self.model = config, tokenizer, model
        if config.threads > 0:
            torch.set_num_threads(config.threads)
        self.losses: list[float] = []
        self.step = 0

    # -- construction
    @classmethod
    def build(cls, config: ContrastiveConfig, codes: list[str] | None = None, tokenizer=None) -> ContrastiveEncoder:
        """A fresh (untrained) encoder; the small one needs `codes` to train its tokenizer unless one is given."""
        torch.manual_seed(config.seed)
        if config.encoder == "small":
            if tokenizer is None:
                if not codes:
                    raise ValueError("the small encoder needs codes to train its tokenizer on")
                tokenizer = train_tokenizer(codes, config.vocab_size)
            backbone: nn.Module = SmallTransformer(config, len(tokenizer))
        else:
            from transformers import AutoModel, AutoTokenizer

            tokenizer = tokenizer or AutoTokenizer.from_pretrained(config.encoder)
            backbone = HFBackbone(AutoModel.from_pretrained(config.encoder))
        return cls(config, tokenizer, MoCo(CodeEncoder(backbone, config.proj_dim), config))

    def _tokenize(self, codes: list[str]) -> dict[str, torch.Tensor]:
        batch = self.tokenizer(codes, padding=True, truncation=True, max_length=self.config.max_length,
                               return_tensors="pt")
        return {"input_ids": batch["input_ids"], "attention_mask": batch["attention_mask"]}

    # -- training
    def train(self, programs: list[Program], view_makers: dict[str, ViewMaker], out_dir: Path | None = None,
              on_step: Callable[[int, float], None] | None = None, resume: bool = False) -> list[float]:
        """Train to `config.steps` steps or the time bounds (from a checkpoint in out_dir with `resume`);
        returns the loss per step.

        Each step draws a batch of distinct programs and two views of each from its language's ViewMaker (a
        language without one gets the program itself as both views). With `views_per_program`, views are cached
        per program up to that many, then drawn from the cache (cheaper when transforms are slow, less diverse).
        """
        config = self.config
        if len(programs) < 2:
            raise ValueError("contrastive training needs at least 2 programs")
        rng = random.Random(config.seed)
        torch.manual_seed(config.seed)
        params = [p for p in self.model.query_encoder.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=config.weight_decay)

        def schedule(step: int) -> float:  # linear warm-up, then cosine decay to 10%
            if step < config.warmup_steps:
                return (step + 1) / config.warmup_steps
            progress = (step - config.warmup_steps) / max(1, config.steps - config.warmup_steps)
            return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))

        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
        cache: dict[int, list[str]] = {}
        order: list[int] = []  # what is left of this epoch's shuffled program order
        checkpoint = Path(out_dir) / "checkpoint.pt" if out_dir else None
        if resume and checkpoint and checkpoint.exists():
            state = torch.load(checkpoint, weights_only=False)
            self.model.load_state_dict(state["model"])
            optimizer.load_state_dict(state["optimizer"])
            scheduler.load_state_dict(state["scheduler"])
            self.step, self.losses, cache, order = state["step"], state["losses"], state["cache"], state["order"]
            rng.setstate(state["rng"])
            torch.set_rng_state(state["torch_rng"])

        def view(index: int) -> str:
            views = cache.setdefault(index, [])
            if not config.views_per_program or len(views) < config.views_per_program:
                program = programs[index]
                maker = view_makers.get(program.language)
                code = maker.view(program.code, random.Random(rng.randrange(2**31))).code if maker else program.code
                if config.views_per_program:
                    views.append(code)
                return code
            return rng.choice(views)

        batch_size = min(config.batch_size, len(programs))
        self.model.train()
        started, started_cpu = time.monotonic(), time.process_time()
        while self.step < config.steps:
            if len(order) < batch_size:
                order = list(range(len(programs)))
                rng.shuffle(order)
            batch, order = order[:batch_size], order[batch_size:]
            view_q = self._tokenize([view(i) for i in batch])
            view_k = self._tokenize([view(i) for i in batch])
            loss = self.model(view_q, view_k, torch.tensor(batch, dtype=torch.long))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            self.step += 1
            self.losses.append(float(loss.detach()))
            out_of_time = (0 < config.max_seconds <= time.monotonic() - started
                           or 0 < config.max_cpu_seconds <= time.process_time() - started_cpu)
            if checkpoint and (self.step % config.checkpoint_every == 0 or self.step == config.steps or out_of_time):
                checkpoint.parent.mkdir(parents=True, exist_ok=True)
                torch.save({"model": self.model.state_dict(), "optimizer": optimizer.state_dict(),
                            "scheduler": scheduler.state_dict(), "step": self.step, "losses": self.losses,
                            "cache": cache, "order": order, "rng": rng.getstate(), "torch_rng": torch.get_rng_state()},
                           checkpoint)
            if on_step:
                on_step(self.step, self.losses[-1])
            if out_of_time:
                break
        return self.losses

    # -- persistence
    def save(self, out_dir: Path) -> Path:
        """config.json, tokenizer/, encoder.pt (query encoder weights), losses.json; HF backbones keep their config."""
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        data = asdict(self.config)
        if self.config.encoder != "small":
            self.model.query_encoder.backbone.model.config.save_pretrained(out_dir / "backbone")
            data["encoder"] = "backbone"  # relative to the model folder
        (out_dir / "config.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
        self.tokenizer.save_pretrained(out_dir / "tokenizer")
        torch.save(self.model.query_encoder.state_dict(), out_dir / "encoder.pt")
        (out_dir / "losses.json").write_text(json.dumps({"step": self.step, "losses": self.losses}),
                                             encoding="utf-8")
        return out_dir

    @classmethod
    def load(cls, model_dir: Path, trained: bool = True) -> ContrastiveEncoder:
        """A saved encoder; with trained=False the same architecture and tokenizer with fresh weights (same seed)."""
        from transformers import AutoTokenizer

        model_dir = Path(model_dir)
        if not (model_dir / "config.json").exists():
            raise FileNotFoundError(f"{model_dir}: no config.json (not a saved contrastive encoder)")
        config = ContrastiveConfig.from_dict(json.loads((model_dir / "config.json").read_text(encoding="utf-8")))
        tokenizer = AutoTokenizer.from_pretrained(model_dir / "tokenizer")
        torch.manual_seed(config.seed)
        if config.encoder == "small":
            backbone: nn.Module = SmallTransformer(config, len(tokenizer))
        else:
            from transformers import AutoConfig, AutoModel

            backbone = HFBackbone(AutoModel.from_config(AutoConfig.from_pretrained(model_dir / config.encoder)))
        encoder = CodeEncoder(backbone, config.proj_dim)
        if trained:
            encoder.load_state_dict(torch.load(model_dir / "encoder.pt", weights_only=True))
        loaded = cls(config, tokenizer, MoCo(encoder, config))
        if trained and (model_dir / "losses.json").exists():
            saved = json.loads((model_dir / "losses.json").read_text(encoding="utf-8"))
            loaded.step, loaded.losses = saved["step"], saved["losses"]
        return loaded

    # -- use
    @torch.no_grad()
    def embed(self, codes: list[str], batch_size: int = 64, which: str | None = None) -> np.ndarray:
        """Unit-norm embeddings of codes, (n, dim): the pooled encoder output or the projection (config.embed_from)."""
        which = which or self.config.embed_from
        encoder = self.model.query_encoder
        encoder.eval()
        out = []
        for start in range(0, len(codes), batch_size):
            pooled, projected = encoder(**self._tokenize(codes[start:start + batch_size]))
            out.append(F.normalize(pooled, dim=-1) if which == "pooled" else projected)
        return torch.cat(out).numpy() if out else np.zeros((0, self.config.proj_dim), dtype=np.float32)
