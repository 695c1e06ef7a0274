"""The `vllm` backend: vLLM's offline engine for fast local batch generation on a GPU (optional extra `vllm`).

vLLM is imported when the generator is built, never at effilab import time; without it the error names the extra.
"""

from __future__ import annotations

from effilab.generation.base import Completion, Prompt


class VLLMGenerator:
    def __init__(self, model: str, dtype: str = "auto", gpu_memory_utilization: float = 0.9,
                 max_model_len: int | None = None, tensor_parallel_size: int = 1, **_: object) -> None:
        try:
            import vllm
        except ImportError as exc:
            raise ImportError("the vllm backend needs vLLM: pip install 'effilab[vllm]' (Linux with a CUDA GPU)") \
                from exc
        self._vllm = vllm
        self.name = f"vllm:{model}"
        self.llm = vllm.LLM(model=model, dtype=dtype, gpu_memory_utilization=gpu_memory_utilization,
                            max_model_len=max_model_len, tensor_parallel_size=tensor_parallel_size)

    def generate(self, prompts: list[Prompt], n: int = 1, temperature: float = 0.0, top_p: float = 1.0,
                 top_k: int | None = None, max_tokens: int = 512, stop: tuple[str, ...] = (),
                 seed: int | None = None) -> list[list[Completion]]:
        params = self._vllm.SamplingParams(n=n, temperature=temperature, top_p=top_p, top_k=top_k or -1,
                                           max_tokens=max_tokens, stop=list(stop) or None, seed=seed)
        chats = [i for i, p in enumerate(prompts) if not isinstance(p, str)]
        texts = [i for i, p in enumerate(prompts) if isinstance(p, str)]
        results: dict[int, list[Completion]] = {}
        if texts:
            for i, out in zip(texts, self.llm.generate([prompts[i] for i in texts], params)):
                results[i] = [Completion(o.text, o.finish_reason) for o in out.outputs]
        if chats:  # LLM.chat applies the model's chat template
            for i, out in zip(chats, self.llm.chat([prompts[i] for i in chats], params)):
                results[i] = [Completion(o.text, o.finish_reason) for o in out.outputs]
        return [results[i] for i in range(len(prompts))]
