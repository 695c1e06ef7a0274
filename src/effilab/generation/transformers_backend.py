"""The `transformers` backend: a local Hugging Face model directory, generated in batches on this machine.

Prompts are left-padded so every row's new tokens start at the same position (right padding would make a
decoder-only model continue after pad tokens). Chat prompts go through the tokenizer's chat template when it has
one. Sampling is seeded per batch, so a run is reproducible on the same hardware.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from effilab.generation.base import Completion, Prompt
from effilab.generation.scripted import _cut


def choose_device(device: str | None) -> str:
    if device:
        return device
    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def choose_dtype(dtype: str | None, device: str) -> torch.dtype:
    """bfloat16 on GPUs that support it, float16 on other GPUs, float32 on CPU (where half precision is slow)."""
    if dtype:
        return getattr(torch, dtype)
    if device.startswith("cuda"):
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return torch.float32


class TransformersGenerator:
    def __init__(self, model: str, device: str | None = None, dtype: str | None = None, batch_size: int = 8,
                 trust_remote_code: bool = False, **_: object) -> None:
        path = Path(model)
        if not path.is_dir():
            raise FileNotFoundError(f"transformers backend: {model} is not a model directory (expected a local "
                                    "Hugging Face folder with config.json; effilab does not download models)")
        self.name = f"transformers:{path.name}"
        self.device = choose_device(device)
        self.batch_size = max(1, batch_size)
        self.tokenizer = AutoTokenizer.from_pretrained(path, padding_side="left", trust_remote_code=trust_remote_code)
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token or self.tokenizer.unk_token
        self.model = AutoModelForCausalLM.from_pretrained(path, dtype=choose_dtype(dtype, self.device),
                                                          trust_remote_code=trust_remote_code).to(self.device)
        self.model.eval()

    def render(self, prompt: Prompt) -> str:
        """The text the model sees: a chat through the tokenizer's template (with the assistant turn opened), a
        plain string as it is; a chat with no template as its contents joined by blank lines."""
        if isinstance(prompt, str):
            return prompt
        if getattr(self.tokenizer, "chat_template", None):
            return self.tokenizer.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True)
        return "\n\n".join(m.get("content", "") for m in prompt) + "\n\n"

    @torch.inference_mode()
    def generate(self, prompts: list[Prompt], n: int = 1, temperature: float = 0.0, top_p: float = 1.0,
                 top_k: int | None = None, max_tokens: int = 512, stop: tuple[str, ...] = (),
                 seed: int | None = None) -> list[list[Completion]]:
        texts = [self.render(p) for p in prompts for _ in range(n)]
        sample = temperature > 0
        options: dict[str, Any] = {"max_new_tokens": max_tokens, "do_sample": sample,
                                   "pad_token_id": self.tokenizer.pad_token_id}
        if sample:
            options.update(temperature=temperature, top_p=top_p, top_k=top_k or 0)
        else:  # greedy: neutral sampling fields, so the model's generation_config does not warn or interfere
            options.update(temperature=None, top_p=None, top_k=None)
        flat: list[Completion] = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start: start + self.batch_size]
            if seed is not None:
                torch.manual_seed(seed + start)
            encoded = self.tokenizer(batch, return_tensors="pt", padding=True, add_special_tokens=False)
            encoded = {k: v.to(self.device) for k, v in encoded.items()}
            output = self.model.generate(**encoded, **options)
            width = encoded["input_ids"].shape[1]
            for row in output[:, width:]:
                tokens = row.tolist()
                eos = self.tokenizer.eos_token_id
                ended = eos is not None and eos in tokens
                text = self.tokenizer.decode(row, skip_special_tokens=True)
                cut = _cut(text, stop)
                reason = "stop" if ended or len(cut) < len(text) else "length"
                flat.append(Completion(cut, reason, {"new_tokens": len(tokens)}))
        return [flat[i * n:(i + 1) * n] for i in range(len(prompts))]
