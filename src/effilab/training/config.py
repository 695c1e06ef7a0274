"""The configuration of a training run: what model, which adapter, which data, and the TRL trainer's own config.

A run config is one YAML file:

    recipe: dpo                       # sft | dpo | orpo | dpop
    model: {path: models/base, adapter: lora, lora_r: 64, lora_alpha: 64}
    data: {train: data/pairs.jsonl, eval_fraction: 0.05}
    output_dir: runs/train/dpo
    trainer: {learning_rate: 5.0e-6, beta: 0.1, num_train_epochs: 1}   # fields of the TRL config class

`trainer:` goes verbatim to the recipe's TRL config class (`SFTConfig`, `DPOConfig`, `ORPOConfig`, `DPOPConfig`),
whose fields carry their own help text; unknown keys are an error there. Overrides from the command line are
dotted `key=value` pairs (`trainer.learning_rate=1e-4`, `model.adapter=full`), parsed as YAML scalars.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal


Adapter = Literal["lora", "qlora", "full"]


@dataclass
class ModelOptions:
    path: str = field(default="", metadata={"help": "A model folder (or hub id already in the local cache)."})
    adapter: Adapter = field(default="lora", metadata={
        "help": "lora: train a LoRA adapter; qlora: LoRA on a 4-bit NF4 base (CUDA + bitsandbytes); "
                "full: train every weight."})
    lora_r: int = field(default=16, metadata={"help": "LoRA rank."})
    lora_alpha: int = field(default=16, metadata={"help": "LoRA scaling numerator (alpha / r scales the update)."})
    lora_dropout: float = field(default=0.05, metadata={"help": "Dropout on the LoRA branch."})
    target_modules: str | list[str] = field(default="all-linear", metadata={
        "help": "Modules that get adapters: 'all-linear' or a list of module names."})
    dtype: str = field(default="auto", metadata={"help": "Weights dtype: auto, float32, bfloat16, float16."})
    chat_template: str | None = field(default=None, metadata={
        "help": "A Jinja chat-template file to install on the tokenizer (for models without one)."})


@dataclass
class DataOptions:
    train: str = field(default="", metadata={"help": "Training data: a JSONL file or a `datasets` folder."})
    eval: str | None = field(default=None, metadata={"help": "Evaluation data (same forms); else eval_fraction."})
    eval_fraction: float = field(default=0.0, metadata={"help": "Hold out this fraction of train for evaluation."})
    columns: dict[str, str] = field(default_factory=dict, metadata={
        "help": "Rename columns to TRL's names, e.g. {instruction: prompt, output: completion}."})
    limit: int | None = field(default=None, metadata={"help": "Use only the first N training records."})
    seed: int = field(default=0, metadata={"help": "Seed of the evaluation split."})


@dataclass
class RunConfig:
    recipe: str = field(default="sft", metadata={"help": "sft, dpo, orpo or dpop."})
    model: ModelOptions = field(default_factory=ModelOptions)
    data: DataOptions = field(default_factory=DataOptions)
    output_dir: str = field(default="runs/train", metadata={"help": "Where the adapter/model and logs go."})
    resume: bool | str = field(default=False, metadata={
        "help": "Resume from the last checkpoint in output_dir (true) or from a checkpoint folder."})
    merge: bool = field(default=False, metadata={
        "help": "After training a LoRA adapter, also write base+adapter merged into output_dir/merged."})
    trainer: dict[str, Any] = field(default_factory=dict, metadata={
        "help": "Fields of the recipe's TRL config class (learning_rate, num_train_epochs, beta, ...)."})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _build(cls, values: dict[str, Any], where: str):
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(known)}")
    kwargs = {}
    for name, value in values.items():
        sub = known[name].default_factory
        if isinstance(value, dict) and sub is not MISSING and is_dataclass(sub):
            value = _build(sub, value, f"{where}.{name}")
        kwargs[name] = value
    return cls(**kwargs)


def assign(data: dict[str, Any], dotted: str, value: Any) -> None:
    """Set `data[a][b][c] = value` for the key "a.b.c", creating sections on the way."""
    parts = dotted.strip().split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ValueError(f"{dotted}: {part} is not a section")
    node[parts[-1]] = value


def set_dotted(data: dict[str, Any], assignment: str) -> None:
    """Apply one `a.b.c=value` override; the value is parsed as YAML (numbers, true/false, lists)."""
    import yaml

    key, sep, raw = assignment.partition("=")
    if not sep or not key.strip():
        raise ValueError(f"an override is key=value, got {assignment!r}")
    assign(data, key, yaml.safe_load(raw))


def load_run_config(path: str | Path | None = None, overrides: list[str] = (), **direct: Any) -> RunConfig:
    """The YAML file (if any), then dotted overrides, then `direct` values that are not None (CLI options)."""
    import yaml

    data: dict[str, Any] = {}
    if path is not None:
        loaded = yaml.safe_load(Path(path).read_text())
        if loaded is not None and not isinstance(loaded, dict):
            raise ValueError(f"{path}: a training config is a YAML mapping")
        data = loaded or {}
    for assignment in overrides:
        set_dotted(data, assignment)
    for dotted, value in direct.items():
        if value is not None:
            assign(data, dotted, value)
    return _build(RunConfig, data, str(path or "config"))
