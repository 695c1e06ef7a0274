"""The training recipes: SFT, DPO, ORPO and DPO-Positive, each a TRL trainer paired with its TRL config class.

`train(config)` loads the model and tokenizer, the adapter (PEFT LoRA, QLoRA on a 4-bit base, or none for full
fine-tuning), the dataset (JSONL or a `datasets` folder, columns renamed to TRL's, an evaluation split), runs the
trainer, saves the result to `output_dir` with a provenance file `effilab_training.json`, and optionally merges
the adapter into a standalone model. Data forms, as TRL reads them:

- sft: `prompt`/`completion` (loss on the completion only, TRL's default for this form) or `messages`;
- dpo, dpop, orpo: `prompt`/`chosen`/`rejected` (strings, or message lists for chat models).

ORPO lives in `trl.experimental.orpo` since TRL 1.x; it is imported only when asked for.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from effilab.training.config import RunConfig

PROVENANCE_FILE = "effilab_training.json"


@dataclass(frozen=True)
class Recipe:
    name: str
    config_class: str  # "module:Class"
    trainer_class: str
    data_kind: str  # "sft" or "preference"
    summary: str

    def load(self) -> tuple[type, type]:
        return _import(self.config_class), _import(self.trainer_class)


RECIPES: dict[str, Recipe] = {r.name: r for r in (
    Recipe("sft", "trl:SFTConfig", "trl:SFTTrainer", "sft",
           "supervised fine-tuning on efficient solutions (prompt/completion or messages)"),
    Recipe("dpo", "trl:DPOConfig", "trl:DPOTrainer", "preference",
           "direct preference optimisation: faster correct code chosen, slower or wrong code rejected"),
    Recipe("orpo", "trl.experimental.orpo:ORPOConfig", "trl.experimental.orpo:ORPOTrainer", "preference",
           "odds-ratio preference optimisation: SFT and preference in one loss, no reference model"),
    Recipe("dpop", "effilab.training.dpop:DPOPConfig", "effilab.training.dpop:DPOPTrainer", "preference",
           "DPO-Positive: DPO plus a penalty when the chosen answer falls below the reference"),
)}

REQUIRED_COLUMNS = {"sft": ({"prompt", "completion"}, {"messages"}, {"text"}),
                    "preference": ({"prompt", "chosen", "rejected"}, {"chosen", "rejected"})}


class TrainingSetupError(RuntimeError):
    """The run cannot start as configured (missing hardware, bad data, unknown recipe)."""


def _import(target: str):
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def get_recipe(name: str) -> Recipe:
    if name not in RECIPES:
        raise TrainingSetupError(f"unknown recipe {name!r}; known: {', '.join(RECIPES)}")
    return RECIPES[name]


def quantization_config():
    """4-bit NF4 (QLoRA): bitsandbytes kernels are CUDA-only, so say so plainly instead of failing deep inside."""
    import torch

    if not torch.cuda.is_available():
        raise TrainingSetupError("QLoRA (model.adapter: qlora) loads the base model in 4-bit NF4 through "
                                 "bitsandbytes, which needs a CUDA GPU, and none is visible here; use "
                                 "model.adapter: lora (or full) on this machine")
    try:
        import bitsandbytes  # noqa: F401
    except ImportError as exc:
        raise TrainingSetupError("QLoRA needs the bitsandbytes package: pip install bitsandbytes") from exc
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                              bnb_4bit_compute_dtype=torch.bfloat16)


def lora_config(config: RunConfig):
    from peft import LoraConfig

    m = config.model
    return LoraConfig(r=m.lora_r, lora_alpha=m.lora_alpha, lora_dropout=m.lora_dropout,
                      target_modules=m.target_modules, task_type="CAUSAL_LM", bias="none")


def load_model_and_tokenizer(config: RunConfig):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    m = config.model
    if not m.path:
        raise TrainingSetupError("no model: set model.path (or --model)")
    kwargs: dict[str, Any] = {}
    if m.dtype != "auto":
        kwargs["dtype"] = getattr(torch, m.dtype)
    if m.adapter == "qlora":
        kwargs["quantization_config"] = quantization_config()
        kwargs["device_map"] = {"": 0}
    elif m.adapter not in ("lora", "full"):
        raise TrainingSetupError(f"model.adapter is lora, qlora or full, got {m.adapter!r}")
    model = AutoModelForCausalLM.from_pretrained(m.path, **kwargs)
    tokenizer = AutoTokenizer.from_pretrained(m.path)
    if m.chat_template:
        tokenizer.chat_template = Path(m.chat_template).read_text()
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if m.adapter == "qlora":
        from peft import prepare_model_for_kbit_training

        model = prepare_model_for_kbit_training(model)
    return model, tokenizer


def _read(source: str, split: str = "train"):
    """A JSONL/parquet file, a saved Dataset, or the `split` of a saved DatasetDict (None if it has no such split)."""
    from datasets import load_dataset, load_from_disk

    path = Path(source)
    if path.is_dir():
        data = load_from_disk(str(path))
        if hasattr(data, "keys"):
            return data[split] if split in data else None
        return data if split == "train" else None
    if split != "train":
        return None  # a file is one split
    if not path.is_file():
        raise TrainingSetupError(f"training data not found: {path}")
    kind = "parquet" if path.suffix == ".parquet" else "json"
    return load_dataset(kind, data_files=str(path), split="train")


def load_datasets(config: RunConfig, data_kind: str):
    """(train, eval or None), columns renamed, checked against the recipe's data form."""
    d = config.data
    if not d.train:
        raise TrainingSetupError("no training data: set data.train (or --data)")
    train = _read(d.train)
    if train is None:
        raise TrainingSetupError(f"{d.train}: a datasets folder without a 'train' split")
    # a DatasetDict folder from `effilab pipeline run` carries its own held-out split
    evaluation = _read(d.eval) if d.eval else _read(d.train, "eval") if d.eval_fraction == 0 else None
    if d.columns:
        train = train.rename_columns(d.columns)
        evaluation = evaluation.rename_columns(d.columns) if evaluation is not None else None
    if d.limit is not None:
        train = train.select(range(min(d.limit, len(train))))
    if evaluation is None and d.eval_fraction > 0:
        split = train.train_test_split(test_size=d.eval_fraction, seed=d.seed)
        train, evaluation = split["train"], split["test"]
    columns = set(train.column_names)
    if not any(form <= columns for form in REQUIRED_COLUMNS[data_kind]):
        forms = " or ".join("/".join(sorted(f)) for f in REQUIRED_COLUMNS[data_kind])
        raise TrainingSetupError(f"{d.train}: a {config.recipe} dataset needs columns {forms}; it has "
                                 f"{', '.join(sorted(columns))} (map them with data.columns)")
    if len(train) == 0:
        raise TrainingSetupError(f"{d.train}: no training records")
    return train, evaluation


def trainer_args(config: RunConfig, config_class: type, has_eval: bool):
    import torch

    # TRL's configs default to bf16, which a CPU-only torch refuses: fall back to float32 there
    values = {"report_to": "none", "save_strategy": "no", "logging_steps": 1,
              "bf16": torch.cuda.is_available(), **config.trainer}
    values["output_dir"] = config.output_dir
    if has_eval:
        values.setdefault("eval_strategy", "epoch")
    try:
        return config_class(**values)
    except (TypeError, ValueError) as exc:
        raise TrainingSetupError(f"trainer: {exc} (see the fields of {config_class.__name__})") from exc


@dataclass
class TrainResult:
    output_dir: Path
    merged_dir: Path | None
    losses: list[float]
    metrics: dict[str, Any]
    seconds: float


def _file_digest(path: str) -> str | None:
    """What data a run saw: sha256 of the file, or of a `datasets` folder's files in name order."""
    p = Path(path)
    files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else []
    if not files:
        return None
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.relative_to(p).as_posix().encode() if f != p else b"")
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def train(config: RunConfig) -> TrainResult:
    """Run one recipe end to end and save its output; see the module docstring."""
    recipe = get_recipe(config.recipe)
    started = time.time()
    config_class, trainer_class = recipe.load()
    model, tokenizer = load_model_and_tokenizer(config)
    train_data, eval_data = load_datasets(config, recipe.data_kind)
    args = trainer_args(config, config_class, eval_data is not None)
    peft_config = None if config.model.adapter == "full" else lora_config(config)
    trainer = trainer_class(model=model, args=args, train_dataset=train_data, eval_dataset=eval_data,
                            processing_class=tokenizer, peft_config=peft_config)
    resume = config.resume
    if resume is True and not any(Path(config.output_dir).glob("checkpoint-*")):
        resume = False  # nothing to resume from yet: a fresh run
    output = trainer.train(resume_from_checkpoint=resume or None)
    out = Path(config.output_dir)
    trainer.save_model(str(out))
    tokenizer.save_pretrained(str(out))
    losses = [row["loss"] for row in trainer.state.log_history if "loss" in row]
    metrics = dict(output.metrics)
    if eval_data is not None:
        metrics.update(trainer.evaluate())
    bad = [x for x in losses if not math.isfinite(x)]
    if bad:
        metrics["nonfinite_losses"] = len(bad)
    merged = None
    if config.merge and config.model.adapter != "full":
        merged = merge_adapter(out, out / "merged")
    record = {"recipe": recipe.name, "config": config.to_dict(), "base_model": config.model.path,
              "train_records": len(train_data), "eval_records": len(eval_data) if eval_data is not None else 0,
              "data_sha256": _file_digest(config.data.train), "losses": losses, "metrics": metrics,
              "seconds": round(time.time() - started, 2), "merged": str(merged) if merged else None}
    (out / PROVENANCE_FILE).write_text(json.dumps(record, indent=2, default=str))
    return TrainResult(out, merged, losses, metrics, record["seconds"])


def merge_adapter(adapter_dir: str | Path, out_dir: str | Path) -> Path:
    """Fold a LoRA adapter into its base model and save a standalone model (and tokenizer) that any
    transformers-based tool loads without PEFT."""
    from peft import AutoPeftModelForCausalLM
    from transformers import AutoTokenizer

    adapter_dir, out_dir = Path(adapter_dir), Path(out_dir)
    if not (adapter_dir / "adapter_config.json").is_file():
        raise TrainingSetupError(f"{adapter_dir}: no adapter_config.json, not a LoRA adapter folder")
    model = AutoPeftModelForCausalLM.from_pretrained(str(adapter_dir))
    merged = model.merge_and_unload()
    out_dir.mkdir(parents=True, exist_ok=True)
    merged.save_pretrained(str(out_dir))
    AutoTokenizer.from_pretrained(str(adapter_dir)).save_pretrained(str(out_dir))
    return out_dir
