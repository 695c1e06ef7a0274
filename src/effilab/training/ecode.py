"""Training the E-code model on EPC examples: a plain PyTorch loop, because the model's input (five descriptions, a
slow program, a target) is not a single token stream that `Trainer`'s collators expect.

Batches are padded per batch; gradients accumulate over `grad_accum` batches; the learning rate warms up linearly
and then decays linearly (transformers' schedule); checkpoints hold every module, the tokenizers, the optimizer, the
scheduler and the step, and `resume=True` continues from the newest one with the same data order.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from effilab.models.ecode import ECodeModel
from effilab.models.ecode_inputs import ECodeTokenizers, encode_batch, to_device


@dataclass(frozen=True)
class ECodeTrainConfig:
    output_dir: str = "runs/ecode"
    max_steps: int = 100  # optimizer steps
    batch_size: int = 4
    grad_accum: int = 1  # batches per optimizer step
    learning_rate: float = 5e-4
    weight_decay: float = 0.01
    warmup_steps: int = 10
    max_grad_norm: float = 1.0
    save_every: int = 50  # optimizer steps between checkpoints (the final model is always saved)
    keep_checkpoints: int = 2
    seed: int = 0
    resume: bool = False
    device: str = "cpu"


@dataclass
class StepLog:
    step: int
    loss: float
    learning_rate: float


def _batches(examples: Sequence, config: ECodeTrainConfig, epoch: int) -> list[list]:
    """The epoch's shuffled batches; the order depends only on (seed, epoch), so a resumed run sees the same data."""
    order = list(range(len(examples)))
    random.Random(config.seed * 1_000_003 + epoch).shuffle(order)
    return [[examples[i] for i in order[k:k + config.batch_size]] for k in range(0, len(order), config.batch_size)]


def latest_checkpoint(output_dir: str | Path) -> Path | None:
    found = sorted(Path(output_dir).glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    found = [p for p in found if (p / "trainer_state.json").exists()]
    return found[-1] if found else None


def save_checkpoint(folder: Path, model: ECodeModel, tokenizers: ECodeTokenizers, optimizer, scheduler,
                    step: int, history: list[StepLog]) -> Path:
    model.save(folder)
    tokenizers.save(folder)
    torch.save({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(),
                "rng": torch.get_rng_state()}, folder / "optimizer.pt")
    # written last: a checkpoint without it was interrupted while saving and is ignored
    (folder / "trainer_state.json").write_text(json.dumps({"step": step, "history": [asdict(h) for h in history]}))
    return folder


def train(model: ECodeModel, tokenizers: ECodeTokenizers, examples: Sequence, config: ECodeTrainConfig,
          on_step: Callable[[StepLog], None] | None = None) -> list[StepLog]:
    """Train in place; returns the loss per optimizer step (including steps done before a resume)."""
    if not examples:
        raise ValueError("no training examples")
    from transformers import get_linear_schedule_with_warmup

    out = Path(config.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(config.seed)
    device = torch.device(config.device)
    model.to(device)
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.ndim < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": config.weight_decay},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=config.learning_rate)
    scheduler = get_linear_schedule_with_warmup(optimizer, config.warmup_steps, config.max_steps)
    step, history = 0, []
    if config.resume and (checkpoint := latest_checkpoint(out)) is not None:
        state = json.loads((checkpoint / "trainer_state.json").read_text())
        model.load_state_dict(ECodeModel.load(checkpoint, device).state_dict())
        saved = torch.load(checkpoint / "optimizer.pt", map_location=device, weights_only=True)
        optimizer.load_state_dict(saved["optimizer"])
        scheduler.load_state_dict(saved["scheduler"])
        torch.set_rng_state(saved["rng"].cpu())  # dropout draws continue where they stopped
        step, history = state["step"], [StepLog(**h) for h in state["history"]]

    per_epoch = math.ceil(len(examples) / config.batch_size)
    batch_index = step * config.grad_accum  # batches consumed so far
    micro_losses: list[float] = []  # of the optimizer step being accumulated
    model.train()
    while step < config.max_steps:
        epoch, offset = divmod(batch_index, per_epoch)
        for batch in _batches(examples, config, epoch)[offset:]:
            inputs = to_device(encode_batch(batch, tokenizers, model.config), device)
            loss, _ = model(inputs)
            (loss / config.grad_accum).backward()
            micro_losses.append(loss.item())
            batch_index += 1
            if batch_index % config.grad_accum:
                continue
            torch.nn.utils.clip_grad_norm_(model.parameters(), config.max_grad_norm)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            log = StepLog(step, sum(micro_losses) / len(micro_losses), scheduler.get_last_lr()[0])
            micro_losses.clear()
            history.append(log)
            if on_step:
                on_step(log)
            if step % config.save_every == 0 or step == config.max_steps:
                save_checkpoint(out / f"checkpoint-{step}", model, tokenizers, optimizer, scheduler, step, history)
                _prune(out, config.keep_checkpoints)
            if step >= config.max_steps:
                break
    final = out / "final"
    model.save(final)
    tokenizers.save(final)
    model.eval()
    return history


def _prune(output_dir: Path, keep: int) -> None:
    found = sorted(output_dir.glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    for old in found[:-keep] if keep > 0 else []:
        shutil.rmtree(old, ignore_errors=True)
