"""`effilab embed` end to end through typer's CliRunner: harvest a corpus, train a tiny encoder, encode, search,
evaluate against the baselines, and refuse bad input with a one-line error."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from effilab.cli import app

runner = CliRunner()

TYPES = {
    "total": ["def total(xs):\n    s = 0\n    for x in xs:\n        s += x\n    return s\n",
              "def total(values):\n    return sum(values)\n",
              "def total(items):\n    acc = 0\n    i = 0\n    while i < len(items):\n        acc = acc + items[i]\n"
              "        i += 1\n    return acc\n"],
    "largest": ["def largest(xs):\n    best = xs[0]\n    for x in xs:\n        if x > best:\n            best = x\n"
                "    return best\n",
                "def largest(values):\n    return max(values)\n",
                "def largest(items):\n    return sorted(items)[-1]\n"],
    "reverse": ["def reverse(s):\n    out = ''\n    for ch in s:\n        out = ch + out\n    return out\n",
                "def reverse(s):\n    return s[::-1]\n",
                "def reverse(text):\n    return ''.join(reversed(text))\n"],
}


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


def test_embed_end_to_end(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, codes in TYPES.items():
        (src / f"{name}.py").write_text("\n\n".join(c.replace(f"def {name}", f"def {name}_{i}")
                                                    for i, c in enumerate(codes)))
        folder = tmp_path / "types" / name
        folder.mkdir(parents=True)
        for i, code in enumerate(codes):
            (folder / f"v{i}.py").write_text(code)
    corpus = tmp_path / "corpus.jsonl"
    result = run("embed", "corpus", str(src), "--out", str(corpus), "--min-lines", "2", "--json")
    assert json.loads(result.stdout)["kept"] == 9
    model = tmp_path / "model"
    run("embed", "train", "--corpus", str(corpus), "--out", str(model), "--steps", "6", "--dim", "32",
        "--layers", "1", "--batch-size", "4", "--queue-size", "8", "--vocab-size", "300", "--max-length", "64")
    for name in ("config.json", "encoder.pt", "checkpoint.pt", "loss.png", "losses.json", "training.json"):
        assert (model / name).is_file(), name
    assert len(json.loads((model / "losses.json").read_text())["losses"]) == 6

    vectors = tmp_path / "vectors.npz"
    run("embed", "encode", str(tmp_path / "types"), "--model", str(model), "--out", str(vectors))
    result = run("embed", "search", str(tmp_path / "types" / "reverse" / "v1.py"), "--index", str(vectors),
                 "--model", str(model), "-k", "3", "--json")
    matches = json.loads(result.stdout)
    assert len(matches) == 3
    assert matches[0]["id"] == "reverse/v1.py" and abs(matches[0]["score"] - 1.0) < 1e-5  # itself, cosine 1

    report = tmp_path / "report"
    result = run("embed", "eval", str(tmp_path / "types"), "--model", str(model), "--degree", "2", "--out",
                 str(report), "--json")
    summary = json.loads(result.stdout)
    assert summary["items"] == 9 and summary["types"] == 3
    assert set(summary["encoders"]) == {"model", "tfidf", "bm25", "untrained"}
    html = (report / "report.html").read_text()
    assert 'id="comparison"' in html and "untrained" in html
    run("embed", "evaluate", str(tmp_path / "types"), "--baseline", "tfidf", "--degree", "2", "--out",
        str(tmp_path / "r2"))
    assert json.loads((tmp_path / "r2" / "metrics.json").read_text())["encoders"].keys() == {"tfidf"}


def test_embed_refuses_bad_input(tmp_path):
    result = runner.invoke(app, ["embed", "eval", str(tmp_path / "types"), "--baseline", "untrained"])
    assert result.exit_code == 2 and "needs --model" in result.stderr
    result = runner.invoke(app, ["embed", "train", "--corpus", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = runner.invoke(app, ["embed", "eval", "nosuchloader", "--baseline", "tfidf"])
    assert result.exit_code == 2 and "nosuchloader" in result.stderr
    result = runner.invoke(app, ["embed", "train", "--corpus", str(tmp_path / "c.jsonl"), "--queue-size", "10"]
                           if (tmp_path / "c.jsonl").write_text('{"code": "x = 1"}\n{"code": "y = 2"}\n') else [])
    assert result.exit_code == 2 and "multiple" in result.stderr
