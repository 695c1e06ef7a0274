"""The vllm backend is optional: without vLLM installed, asking for it says which extra to install."""

import importlib.util

import pytest

from effilab.generation.registry import get_generator


@pytest.mark.skipif(importlib.util.find_spec("vllm") is not None, reason="vLLM is installed here")
def test_missing_vllm_names_the_extra():
    with pytest.raises(ImportError, match=r"effilab\[vllm\]"):
        get_generator("vllm:some/model")
