"""Lexical baselines that every encoder is reported beside: TF-IDF over code tokens (scikit-learn) and BM25 (bm25s).

Both see the same tokens: identifiers and keywords, numbers, and single punctuation/operator characters. TF-IDF gives
vectors (cosine similarity, like an encoder); BM25 gives only a score matrix, BM25(query i, document j), which is not
symmetric, so the evaluation ranks from score matrices and needs vectors only for the 2-D picture.
"""

from __future__ import annotations

import re

import numpy as np

TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|[^\sA-Za-z0-9_]")


def code_tokens(code: str) -> list[str]:
    return TOKEN.findall(code)


def tfidf_vectors(codes: list[str]) -> np.ndarray:
    """Sublinear-tf TF-IDF vectors (rows L2-normalised by scikit-learn) fitted on the set itself."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(tokenizer=code_tokens, lowercase=False, token_pattern=None, sublinear_tf=True)
    return vectorizer.fit_transform(codes).toarray()


def bm25_scores(codes: list[str], k1: float = 1.5, b: float = 0.75) -> np.ndarray:
    """S[i, j] = BM25 score of program j for program i's tokens as the query, over the set as the corpus."""
    import bm25s

    tokens = [code_tokens(code) or ["<empty>"] for code in codes]
    retriever = bm25s.BM25(k1=k1, b=b)
    retriever.index(tokens, show_progress=False)
    return np.vstack([retriever.get_scores(query) for query in tokens]).astype(np.float64)
