"""Evaluating code embeddings: Gram/MIPS top-k retrieval, confusion matrices, pathological pairs, plots."""
