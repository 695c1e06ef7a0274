"""The `transformers` backend on a real, tiny, randomly initialised Llama saved to a temp dir and loaded by path."""

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from effilab.generation.registry import get_generator  # noqa: E402

WORDS = ["def", "return", "x", "y", "+", "(", ")", ":", "f", "a", "b", "hello", "world", "user", "assistant"]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    path = tmp_path_factory.mktemp("tiny-llama")
    vocab = {tok: i for i, tok in enumerate(["<pad>", "<s>", "</s>", "<unk>", *WORDS])}
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, bos_token="<s>", eos_token="</s>",
                                        unk_token="<unk>", pad_token="<pad>")
    tokenizer.chat_template = "{% for m in messages %}{{ m['role'] }} : {{ m['content'] }} {% endfor %}" \
                              "{% if add_generation_prompt %}assistant : {% endif %}"
    tokenizer.save_pretrained(path)
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64,
                         pad_token_id=0, bos_token_id=1, eos_token_id=2)
    LlamaForCausalLM(config).save_pretrained(path)
    return path


def test_batched_left_padded_greedy_matches_one_at_a_time(tiny_model):
    gen = get_generator(f"transformers:{tiny_model}", batch_size=4)
    prompts = ["def f ( x )", "hello", "a + b + a + b return"]  # different lengths: padding matters
    together = gen.generate(prompts, n=1, max_tokens=6)
    alone = [gen.generate([p], n=1, max_tokens=6)[0][0].text for p in prompts]
    assert [c[0].text for c in together] == alone
    assert all(c[0].meta["new_tokens"] <= 6 for c in together)
    assert any(text.strip() for text in alone)


def test_sampling_is_seeded_and_gives_n_per_prompt(tiny_model):
    gen = get_generator(f"transformers:{tiny_model}", batch_size=3)
    first = gen.generate(["def f", "x +"], n=3, temperature=1.0, top_k=10, max_tokens=8, seed=7)
    again = gen.generate(["def f", "x +"], n=3, temperature=1.0, top_k=10, max_tokens=8, seed=7)
    assert [len(c) for c in first] == [3, 3]
    assert [[c.text for c in row] for row in first] == [[c.text for c in row] for row in again]
    texts = {c.text for row in first for c in row}
    assert len(texts) > 1  # sampling, not greedy


def test_chat_template_is_applied(tiny_model):
    gen = get_generator(f"transformers:{tiny_model}")
    rendered = gen.render([{"role": "user", "content": "hello world"}])
    assert rendered == "user : hello world assistant : "
    out = gen.generate([[{"role": "user", "content": "hello"}]], max_tokens=3)
    assert out[0][0].finish_reason in {"stop", "length"}


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a model directory"):
        get_generator(f"transformers:{tmp_path / 'nope'}")


def test_served_local_model_answers_openai_clients(tiny_model):
    pytest.importorskip("httpx")
    from effilab.generation.openai_compat import OpenAIGenerator
    from effilab.generation.serve import OpenAIServer

    local = get_generator(f"transformers:{tiny_model}")
    direct = local.generate([[{"role": "user", "content": "def f"}]], max_tokens=5)[0][0].text
    with OpenAIServer(local, model_name="tiny") as server:
        remote = OpenAIGenerator("tiny", base_url=server.url).generate(["def f"], max_tokens=5)
    assert remote[0][0].text == direct  # greedy: the same tokens through HTTP as in-process
