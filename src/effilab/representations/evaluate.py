"""One call from encoders' similarity scores to every retrieval figure, the plots and a Markdown + HTML report.

Each encoder is given as an n x n score matrix over the same labelled items (the Gram matrix of its embeddings, or
BM25 scores) and, when it has them, its vectors (for the t-SNE picture). Every item is a query against all the
others; its positives are the other items of its type. Reported per encoder: NDCG@10 and NDCG over the full
ranking, MAP@R, MRR, P@1, recall@k for k = 1..50, the confusion matrix at degree d, pathological items (nearest
neighbour of another type), the closest wrong pairs and the farthest right pairs, and the MIPS top-k table.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from effilab.metrics.retrieval import (
    map_at_r,
    mean_ignoring_nan,
    ndcg_at_k,
    precision_at_k,
    recall_at_k,
    reciprocal_rank,
)
from effilab.report.render import Cell, Section, Table, document_html, document_markdown, fmt_num
from effilab.representations import plots
from effilab.representations.confusion import confusion_at_degree, row_shares
from effilab.representations.dataset import Item
from effilab.representations.gram import Neighbour, relevance_lists, top_k
from effilab.representations.pathological import Pair, closest_wrong_pairs, farthest_right_pairs, pathological

METRICS = ("NDCG@10", "NDCG", "MAP@R", "MRR", "P@1", "R@10")


@dataclass
class Encoded:
    """One encoder's view of the items: its score matrix and, if it has them, its vectors."""

    scores: np.ndarray
    vectors: np.ndarray | None = None


@dataclass
class EncoderEvaluation:
    name: str
    metrics: dict[str, float]
    recall_curve: list[float]  # mean recall@k, k = 1..max_k
    confusion: np.ndarray
    types: list[str]
    pathological: list[Pair]
    closest_wrong: list[Pair]
    farthest_right: list[Pair]
    top: list[list[Neighbour]]


@dataclass
class Evaluation:
    items: list[Item]
    degree: int
    encoders: list[EncoderEvaluation]
    paths: dict[str, Path] = field(default_factory=dict)

    def table(self) -> dict[str, dict[str, float]]:
        return {e.name: e.metrics for e in self.encoders}


def score_encoder(name: str, scores: np.ndarray, labels: list[str], degree: int = 15, max_k: int = 50,
                  top: int = 5, n_pairs: int = 15) -> EncoderEvaluation:
    n = len(labels)
    if scores.shape != (n, n):
        raise ValueError(f"{name}: score matrix {scores.shape} for {n} items")
    lists = relevance_lists(scores, labels)
    queries = [r for r in lists if any(r)]  # a type with one item has no positive: not a query
    curve_k = min(max_k, max(n - 1, 1))
    metrics = {
        "NDCG@10": mean_ignoring_nan(ndcg_at_k(r, 10) for r in queries),
        "NDCG": mean_ignoring_nan(ndcg_at_k(r) for r in queries),
        "MAP@R": mean_ignoring_nan(map_at_r(r) for r in queries),
        "MRR": mean_ignoring_nan(reciprocal_rank(r) for r in queries),
        "P@1": mean_ignoring_nan(precision_at_k(r, 1) for r in queries),
        "R@10": mean_ignoring_nan(recall_at_k(r, 10) for r in queries),
    }
    curve = [mean_ignoring_nan(recall_at_k(r, k) for r in queries) for k in range(1, curve_k + 1)]
    counts, types = confusion_at_degree(scores, labels, degree)
    bad = pathological(scores, labels)
    metrics["pathological"] = float(len(bad))
    metrics["queries"] = float(len(queries))
    return EncoderEvaluation(name, metrics, curve, counts, types, bad, closest_wrong_pairs(scores, labels, n_pairs),
                             farthest_right_pairs(scores, labels, n_pairs), top_k(scores, labels, top))


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)


def evaluate(encoders: dict[str, Encoded], items: list[Item], out_dir: Path | None = None, degree: int = 15,
             max_k: int = 50, title: str = "Code representations: retrieval evaluation", seed: int = 0,
             notes: list[str] | None = None) -> Evaluation:
    """Score every encoder; with `out_dir`, also write metrics.json, top-k tables, plots and report.md/.html."""
    labels = [item.label for item in items]
    evaluation = Evaluation(items, degree, [score_encoder(name, enc.scores, labels, degree, max_k)
                                            for name, enc in encoders.items()])
    if out_dir is None:
        return evaluation
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = evaluation.paths
    paths["metrics"] = out_dir / "metrics.json"
    paths["metrics"].write_text(json.dumps({
        "items": len(items), "types": len(set(labels)), "degree": degree,
        "encoders": {e.name: {**e.metrics, "recall_curve": e.recall_curve} for e in evaluation.encoders},
    }, indent=2, default=lambda x: None if isinstance(x, float) and math.isnan(x) else x), encoding="utf-8")
    paths["recall"] = plots.recall_curves({e.name: e.recall_curve for e in evaluation.encoders},
                                          out_dir / "recall_at_k.png")
    for enc in evaluation.encoders:
        slug = _slug(enc.name)
        paths[f"confusion:{enc.name}"] = plots.confusion_heatmap(
            row_shares(enc.confusion), enc.types, out_dir / f"confusion_{slug}.png",
            f"{enc.name}: types of the top-{degree} neighbours (row shares)")
        vectors = encoders[enc.name].vectors
        if vectors is not None:
            paths[f"tsne:{enc.name}"] = plots.tsne_map(vectors, labels, out_dir / f"tsne_{slug}.png",
                                                       f"{enc.name}: t-SNE of the embeddings, one colour per type",
                                                       seed=seed)
        paths[f"topk:{enc.name}"] = out_dir / f"topk_{slug}.jsonl"
        paths[f"topk:{enc.name}"].write_text("".join(json.dumps({
            "id": items[i].id, "label": items[i].label,
            "top": [{"id": items[nb.index].id, "score": nb.score, "same_type": nb.same_label} for nb in row]})
            + "\n" for i, row in enumerate(enc.top)), encoding="utf-8")
    sections = _sections(evaluation, encoders, out_dir, notes or [])
    paths["report_md"] = out_dir / "report.md"
    paths["report_md"].write_text(document_markdown(title, sections), encoding="utf-8")
    paths["report_html"] = out_dir / "report.html"
    paths["report_html"].write_text(document_html(title, sections), encoding="utf-8")
    return evaluation


def comparison_table(evaluation: Evaluation) -> Table:
    columns = [("encoder", "", "encoder"), *[(m, "", m) for m in METRICS], ("pathological", "", "pathological")]
    table = Table("comparison", "Encoders compared", columns,
                  note="Every program queries all others; positives are the other programs of its type. "
                       "pathological: programs whose nearest neighbour has another type.")
    for enc in evaluation.encoders:
        cells = {"encoder": Cell(enc.name)}
        for m in METRICS:
            value = enc.metrics[m]
            cells[m] = Cell("—" if math.isnan(value) else f"{value:.3f}", value)
        cells["pathological"] = Cell(f"{int(enc.metrics['pathological'])} / {int(enc.metrics['queries'])}",
                                     enc.metrics["pathological"])
        table.add(cells, encoder=enc.name)
    return table


def _pair_table(table_id: str, title: str, pairs: list[Pair], items: list[Item], with_margin: bool) -> Table:
    columns = [("a", "", "program"), ("a_type", "", "its type"), ("b", "", "matched with"), ("b_type", "", "its type"),
               ("score", "", "score")]
    if with_margin:
        columns.append(("margin", "", "margin over best same-type"))
    table = Table(table_id, title, columns)
    for p in pairs:
        a, b = items[p.i], items[p.j]
        cells = {"a": Cell(a.id), "a_type": Cell(a.label), "b": Cell(b.id), "b_type": Cell(b.label),
                 "score": Cell(fmt_num(p.score), p.score)}
        if with_margin:
            cells["margin"] = Cell(fmt_num(p.margin), p.margin)
        table.add(cells)
    return table


def _topk_table(enc: EncoderEvaluation, items: list[Item], limit: int = 60) -> Table:
    k = len(enc.top[0]) if enc.top else 0
    columns = [("query", "", "program")] + [(f"n{r}", "", f"#{r + 1}") for r in range(k)]
    table = Table(f"topk-{_slug(enc.name)}", f"{enc.name}: MIPS top-{k} (first {min(limit, len(items))} programs; "
                  "all in the topk JSONL)", columns, note="✓ marks a match of the same type.")
    for i, row in enumerate(enc.top[:limit]):
        cells = {"query": Cell(items[i].id)}
        for r, nb in enumerate(row):
            mark = "✓" if nb.same_label else "✗"
            cells[f"n{r}"] = Cell(f"{mark} {items[nb.index].id} ({nb.score:.2f})", nb.score)
        table.add(cells)
    return table


def _sections(evaluation: Evaluation, encoders: dict[str, Encoded], out_dir: Path, notes: list[str]
              ) -> list[Section]:
    items = evaluation.items
    sizes = sorted(np.unique([i.label for i in items], return_counts=True)[1].tolist())
    overview = Section("Overview", paragraphs=notes, bullets=[
        f"{len(items)} programs of {len(sizes)} types ({min(sizes)} to {max(sizes)} per type)",
        f"confusion matrices at degree d = {evaluation.degree}",
        f"encoders: {', '.join(e.name for e in evaluation.encoders)}",
    ], tables=[comparison_table(evaluation)])
    overview.figures.append((evaluation.paths["recall"], "recall_at_k.png", "Mean recall of same-type programs "
                             "among the top k, per encoder"))
    sections = [overview]
    for enc in evaluation.encoders:
        section = Section(f"Encoder: {enc.name}")
        section.tables += [
            _pair_table(f"pathological-{_slug(enc.name)}", f"Pathological programs ({len(enc.pathological)}; "
                        "worst 15): nearest neighbour of another type", enc.pathological[:15], items, True),
            _pair_table(f"wrong-{_slug(enc.name)}", "Closest pairs of different types", enc.closest_wrong, items,
                        False),
            _pair_table(f"right-{_slug(enc.name)}", "Farthest pairs of the same type", enc.farthest_right, items,
                        False),
            _topk_table(enc, items),
        ]
        for key, caption in ((f"confusion:{enc.name}", f"Confusion matrix at degree {evaluation.degree}"),
                             (f"tsne:{enc.name}", "t-SNE map")):
            if key in evaluation.paths:
                path = evaluation.paths[key]
                section.figures.append((path, path.relative_to(out_dir).as_posix(), f"{enc.name}: {caption}"))
        sections.append(section)
    return sections
