"""Lexical baselines, plots and the evaluation report on a small set whose answer is clear."""

from __future__ import annotations

import numpy as np
from matplotlib.image import imread

from effilab.representations.baselines import bm25_scores, code_tokens, tfidf_vectors
from effilab.representations.dataset import Item
from effilab.representations.evaluate import Encoded, evaluate
from effilab.representations.gram import gram
from effilab.representations.plots import loss_curve

ITEMS = [
    Item("sort/0", "sort", "def f(xs):\n    return sorted(xs, reverse=True)\n"),
    Item("sort/1", "sort", "def g(values):\n    return sorted(values, reverse=True)\n"),
    Item("sort/2", "sort", "def h(a):\n    b = sorted(a)\n    b.reverse()\n    return b\n"),
    Item("fib/0", "fib",
         "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n"),
    Item("fib/1", "fib",
         "def fib(n):\n    a, b = 0, 1\n    for i in range(n):\n        a, b = b, b + a\n    return a\n"),
    Item("fib/2", "fib", "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n"),
]


def test_tokens_and_baselines_rank_the_obvious_match_first():
    assert code_tokens("a, b = b, a+b") == ["a", ",", "b", "=", "b", ",", "a", "+", "b"]
    codes = [i.code for i in ITEMS]
    for scores in (gram(tfidf_vectors(codes)), bm25_scores(codes)):
        assert scores.shape == (6, 6)
        masked = scores - np.eye(6) * 1e9
        assert masked[0].argmax() == 1 and masked[3].argmax() == 4  # the near-copies find each other
    bm25 = bm25_scores(codes)
    assert not np.allclose(bm25, bm25.T)  # BM25 is a query-document score, not symmetric


def test_report_has_the_tables_and_plots(tmp_path):
    codes = [i.code for i in ITEMS]
    tfidf = tfidf_vectors(codes)
    evaluation = evaluate({"tfidf": Encoded(gram(tfidf), tfidf), "bm25": Encoded(bm25_scores(codes))}, ITEMS,
                          tmp_path, degree=2)
    html = (tmp_path / "report.html").read_text()
    for table_id in ("comparison", "pathological-tfidf", "wrong-tfidf", "right-bm25", "topk-bm25"):
        assert f'id="{table_id}"' in html
    assert 'data-col="NDCG@10"' in html and "fib/1" in html
    assert html.count("data:image/png;base64,") == 4  # recall curves, two confusion maps, one t-SNE (BM25 has none)
    markdown = (tmp_path / "report.md").read_text()
    assert "| tfidf |" in markdown and "MAP@R" in markdown
    # figures have their fixed pixel sizes
    assert imread(evaluation.paths["recall"]).shape[:2] == (500, 800)
    assert imread(evaluation.paths["confusion:tfidf"]).shape[:2] == (800, 800)
    assert imread(evaluation.paths["tsne:tfidf"]).shape[:2] == (500, 800)
    assert "tsne:bm25" not in evaluation.paths
    counts = evaluation.encoders[0].confusion
    assert counts.sum() == 6 * 2  # degree 2 for each of the 6 programs
    metrics = evaluation.table()["tfidf"]
    assert 0 < metrics["NDCG@10"] <= 1 and len(evaluation.encoders[0].recall_curve) == 5
    assert evaluation.encoders[0].recall_curve[-1] == 1.0  # at k = n - 1 everything is retrieved
    lines = (tmp_path / "topk_tfidf.jsonl").read_text().splitlines()
    assert len(lines) == 6


def test_loss_curve_png(tmp_path):
    path = loss_curve([3.0 - 0.01 * i for i in range(100)], tmp_path / "loss.png")
    image = imread(path)
    assert image.shape[:2] == (500, 800) and image.std() > 0
