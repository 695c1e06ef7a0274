"""The LLM run-time predictor over any local causal LM in Hugging Face format, in the two forms E-code describes,
with the released code's faults fixed:

- `regression`: the LM with a one-output regression head (`AutoModelForSequenceClassification`, num_labels=1)
  trained on the standardised log cost: a number, not generated text, so it cannot fail to parse;
- `text`: the paper's prompt ("### Code Solution:\\n{code}\\n\\n### Predict the running time of the provided code
  solution:") followed by the cost as digits and the end-of-sequence token, loss on the answer only. The code is
  cut from the left when the prompt is too long, so the instruction always survives; the model learns to stop
  (the end token is in the target); predictions are parsed as the first integer generated.

LoRA adapters (PEFT) are used when `lora_r > 0`; a plain loop trains either form (a few steps on CPU for tests, a GPU
for real runs). The E-code model was DeepSeek-Coder 7B with QLoRA; any local model folder works here.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

PROMPT_HEAD = "### Code Solution:\n"
PROMPT_TAIL = "\n\n### Predict the running time of the provided code solution:"
CONFIG_FILE = "llm_predictor.json"


@dataclass(frozen=True)
class LLMPredictorConfig:
    form: str = "regression"  # regression | text
    label: str = "instructions"  # instructions | wall_us
    max_length: int = 512  # tokens per example; the code is cut from the left to fit
    steps: int = 100
    batch_size: int = 8
    learning_rate: float = 5e-4
    lora_r: int = 0  # > 0: train LoRA adapters of this rank instead of all weights
    lora_alpha: int = 16
    seed: int = 0
    answer_tokens: int = 16  # most tokens generated for an answer (text form)


def build_prompt_ids(tokenizer, code: str, max_length: int, reserve: int = 0) -> list[int]:
    """Prompt token ids with the code cut from the left so head, the end of the code and the instruction fit."""
    head = tokenizer(PROMPT_HEAD, add_special_tokens=False)["input_ids"]
    tail = tokenizer(PROMPT_TAIL, add_special_tokens=False)["input_ids"]
    body = tokenizer(code, add_special_tokens=False)["input_ids"]
    room = max(0, max_length - reserve - len(head) - len(tail))
    body = body[len(body) - room:] if room else []
    return head + body + tail


def answer_text(value: float) -> str:
    return f" {int(round(value))}"


def parse_answer(text: str) -> float | None:
    match = re.search(r"\d+", text.replace(",", ""))
    return float(match.group()) if match else None


class LLMRuntimePredictor:
    def __init__(self, model_dir: str | Path, config: LLMPredictorConfig = LLMPredictorConfig()) -> None:
        from transformers import AutoTokenizer

        self.model_dir = Path(model_dir)
        self.config = config
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_dir)
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.model = None
        self.scale = {"mean": 0.0, "std": 1.0}  # of log cost, regression form

    # ----------------------------------------------------------------------------------------------- model
    def _load_model(self):
        model = self._load_model_base()
        if self.config.lora_r > 0:
            from peft import LoraConfig, get_peft_model

            task_type = "SEQ_CLS" if self.config.form == "regression" else "CAUSAL_LM"
            model = get_peft_model(model, LoraConfig(r=self.config.lora_r, lora_alpha=self.config.lora_alpha,
                                                     target_modules="all-linear", task_type=task_type))
        return model

    def _load_model_base(self):
        import torch
        from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification

        torch.manual_seed(self.config.seed)
        if self.config.form == "regression":
            model = AutoModelForSequenceClassification.from_pretrained(self.model_dir, num_labels=1,
                                                                       problem_type="regression")
            model.config.pad_token_id = self.tokenizer.pad_token_id
        elif self.config.form == "text":
            model = AutoModelForCausalLM.from_pretrained(self.model_dir)
        else:
            raise ValueError(f"unknown form {self.config.form!r}: regression | text")
        return model

    def _regression_batch(self, codes: Sequence[str]):
        import torch

        ids = [build_prompt_ids(self.tokenizer, c, self.config.max_length) for c in codes]
        return self._pad(ids, torch)

    def _pad(self, ids: list[list[int]], torch, labels: list[list[int]] | None = None):
        width = max(len(x) for x in ids)
        pad = self.tokenizer.pad_token_id
        # left padding: the last position is a real token for every row (the regression head reads it)
        input_ids = torch.tensor([[pad] * (width - len(x)) + x for x in ids])
        mask = torch.tensor([[0] * (width - len(x)) + [1] * len(x) for x in ids])
        if labels is None:
            return input_ids, mask, None
        label_ids = torch.tensor([[-100] * (width - len(x)) + x for x in labels])
        return input_ids, mask, label_ids

    def _text_batch(self, codes: Sequence[str], values: Sequence[float]):
        import torch

        eos = self.tokenizer.eos_token_id
        ids, labels = [], []
        for code, value in zip(codes, values):
            answer = self.tokenizer(answer_text(value), add_special_tokens=False)["input_ids"] + [eos]
            prompt = build_prompt_ids(self.tokenizer, code, self.config.max_length, reserve=len(answer))
            ids.append(prompt + answer)
            labels.append([-100] * len(prompt) + answer)
        return self._pad(ids, torch, labels)

    # ----------------------------------------------------------------------------------------------- training
    def fit(self, rows: Sequence[dict]) -> list[float]:
        """Train for `steps` steps on rows with a positive label; returns the loss of every step."""
        import random

        import torch

        cfg = self.config
        rows = [r for r in rows if (r.get(cfg.label) or 0) > 0]
        if not rows:
            raise ValueError(f"no rows with a positive {cfg.label!r}")
        logs = [math.log(r[cfg.label]) for r in rows]
        mean = sum(logs) / len(logs)
        std = math.sqrt(sum((x - mean) ** 2 for x in logs) / len(logs)) or 1.0
        self.scale = {"mean": mean, "std": std}
        self.model = self._load_model()
        self.model.train()
        optimizer = torch.optim.AdamW([p for p in self.model.parameters() if p.requires_grad], lr=cfg.learning_rate)
        rng = random.Random(cfg.seed)
        losses = []
        for _ in range(cfg.steps):
            batch = rng.sample(rows, min(cfg.batch_size, len(rows)))
            codes = [r["code"] for r in batch]
            if cfg.form == "regression":
                input_ids, mask, _ = self._regression_batch(codes)
                target = torch.tensor([(math.log(r[cfg.label]) - mean) / std for r in batch], dtype=torch.float32)
                out = self.model(input_ids=input_ids, attention_mask=mask, labels=target.unsqueeze(-1))
            else:
                input_ids, mask, labels = self._text_batch(codes, [r[cfg.label] for r in batch])
                out = self.model(input_ids=input_ids, attention_mask=mask, labels=labels)
            optimizer.zero_grad()
            out.loss.backward()
            optimizer.step()
            losses.append(float(out.loss.detach()))
        self.model.eval()
        return losses

    # ----------------------------------------------------------------------------------------------- prediction
    def predict(self, codes: Sequence[str]) -> list[float | None]:
        """Predicted cost per code (None where a generated answer held no number)."""
        import torch

        if self.model is None:
            raise ValueError("the predictor is not trained or loaded")
        out: list[float | None] = []
        with torch.no_grad():
            for start in range(0, len(codes), self.config.batch_size):
                chunk = list(codes[start:start + self.config.batch_size])
                if self.config.form == "regression":
                    input_ids, mask, _ = self._regression_batch(chunk)
                    values = self.model(input_ids=input_ids, attention_mask=mask).logits[:, 0].tolist()
                    out.extend(math.exp(v * self.scale["std"] + self.scale["mean"]) for v in values)
                    continue
                for code in chunk:  # one at a time: no padding inside generation
                    prompt = build_prompt_ids(self.tokenizer, code, self.config.max_length,
                                              reserve=self.config.answer_tokens)
                    ids = torch.tensor([prompt])
                    generated = self.model.generate(input_ids=ids, attention_mask=torch.ones_like(ids),
                                                    max_new_tokens=self.config.answer_tokens, do_sample=False,
                                                    eos_token_id=self.tokenizer.eos_token_id,
                                                    pad_token_id=self.tokenizer.pad_token_id)
                    text = self.tokenizer.decode(generated[0, len(prompt):], skip_special_tokens=True)
                    out.append(parse_answer(text))
        return out

    def score(self, codes: Sequence[str]) -> list[float]:
        """Ranking score (higher = slower); an unparsable answer ranks last."""
        return [math.inf if v is None else v for v in self.predict(codes)]

    # ----------------------------------------------------------------------------------------------- persistence
    def save(self, folder: str | Path) -> Path:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(path)
        self.tokenizer.save_pretrained(path)
        (path / CONFIG_FILE).write_text(json.dumps({"config": asdict(self.config), "scale": self.scale,
                                                    "base": str(self.model_dir)}, indent=2))
        return path

    @classmethod
    def load(cls, folder: str | Path) -> LLMRuntimePredictor:
        path = Path(folder)
        state = json.loads((path / CONFIG_FILE).read_text())
        config = LLMPredictorConfig(**state["config"])
        if config.lora_r > 0:
            # the adapters live here; the base model is the folder it was trained from (it must still exist)
            from peft import PeftModel

            predictor = cls(path, config)
            predictor.model_dir = Path(state["base"])
            base = predictor._load_model_base()
            predictor.model = PeftModel.from_pretrained(base, path)
        else:
            predictor = cls(path, config)
            predictor.model = predictor._load_model_base()
        predictor.scale = state["scale"]
        predictor.model.eval()
        return predictor
