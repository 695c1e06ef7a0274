import json

import pytest

from effilab.generation.registry import get_generator


def test_jsonl_replies_match_by_substring_and_cycle(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in [
        {"match": "add", "completions": ["def add(a, b):\n    return a + b\n<END>junk", "x"]},
        {"completions": ["fallback"]}]))
    gen = get_generator(f"scripted:{path}")
    out = gen.generate(["please add", [{"role": "user", "content": "other"}]], n=3, stop=("<END>",))
    assert [c.text for c in out[0]] == ["def add(a, b):\n    return a + b\n", "x", "def add(a, b):\n    return a + b\n"]
    assert [c.text for c in out[1]] == ["fallback"] * 3
    assert len(gen.calls) == 2


def test_bad_specs_fail_clearly(tmp_path):
    with pytest.raises(ValueError, match="<backend>:<model>"):
        get_generator("scripted")
    with pytest.raises(KeyError, match="unknown generation backend"):
        get_generator("nope:x")
    with pytest.raises(FileNotFoundError):
        get_generator(f"scripted:{tmp_path / 'missing.jsonl'}")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"match": "a"}\n')
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        get_generator(f"scripted:{bad}")
    with pytest.raises(LookupError):
        get_generator("scripted:" + str(_write(tmp_path, {"match": "zzz", "completions": ["a"]}))).generate(["q"])


def _write(tmp_path, entry):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(entry))
    return path
