"""Pictures of an embedding: confusion heatmap, 2-D t-SNE map coloured by type, recall@k curves, a training loss
curve. Each is a PNG of a fixed pixel size (matplotlib's Agg backend, no tight bounding box), so a report's layout
does not depend on the data.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

DPI = 100
WIDE = (8.0, 5.0)  # 800 x 500 px
SQUARE = (8.0, 8.0)  # 800 x 800 px


def _save(fig, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, format="png")
    plt.close(fig)
    return path


def confusion_heatmap(shares: np.ndarray, types: list[str], path: Path, title: str) -> Path:
    """Row-normalised confusion matrix: row = the query's type, column = the type of its neighbours."""
    fig, ax = plt.subplots(figsize=SQUARE, dpi=DPI)
    image = ax.imshow(shares, cmap="viridis", vmin=0.0, vmax=1.0, interpolation="nearest")
    short = [t.rsplit("/", 1)[-1][:22] for t in types]
    if len(types) <= 40:
        ax.set_xticks(range(len(types)), short, rotation=90, fontsize=6)
        ax.set_yticks(range(len(types)), short, fontsize=6)
    else:
        ax.set_xticks([])
        ax.set_yticks([])
    ax.set_xlabel("type of the neighbour")
    ax.set_ylabel("type of the query")
    ax.set_title(title, fontsize=10)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="share of the top-d neighbours")
    fig.subplots_adjust(left=0.22, bottom=0.22, right=0.92, top=0.94)
    return _save(fig, path)


def tsne_map(vectors: np.ndarray, labels: list[str], path: Path, title: str, seed: int = 0) -> Path:
    """t-SNE (scikit-learn, cosine distance) of the vectors to 2-D, one colour per type."""
    from sklearn.manifold import TSNE

    fig, ax = plt.subplots(figsize=WIDE, dpi=DPI)
    n = len(labels)
    if n < 4:
        ax.text(0.5, 0.5, f"too few points for t-SNE ({n})", ha="center", va="center", transform=ax.transAxes)
    else:
        perplexity = float(min(30.0, max(2.0, (n - 1) / 3)))
        xy = TSNE(n_components=2, perplexity=perplexity, metric="cosine", init="random", random_state=seed
                  ).fit_transform(np.asarray(vectors, dtype=np.float64))
        types = sorted(set(labels))
        cmap = plt.get_cmap("tab20", max(len(types), 1))
        index = {t: i for i, t in enumerate(types)}
        colours = [cmap(index[label] % cmap.N) for label in labels]
        markers = "os^Dv<>P*X"
        for t in types:
            pts = np.array([xy[i] for i in range(n) if labels[i] == t])
            ax.scatter(pts[:, 0], pts[:, 1], s=18, color=colours[labels.index(t)],
                       marker=markers[(index[t] // cmap.N) % len(markers)], alpha=0.85,
                       label=t.rsplit("/", 1)[-1][:20])
        if len(types) <= 20:
            ax.legend(fontsize=6, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=10)
    fig.subplots_adjust(left=0.03, right=0.75, top=0.92, bottom=0.04)
    return _save(fig, path)


def recall_curves(curves: dict[str, list[float]], path: Path, title: str = "Recall of same-type programs at k"
                  ) -> Path:
    """One line per encoder: mean recall@k for k = 1..len(curve)."""
    fig, ax = plt.subplots(figsize=WIDE, dpi=DPI)
    for name, curve in curves.items():
        ax.plot(range(1, len(curve) + 1), curve, label=name, linewidth=1.6)
    ax.set_xlabel("k (programs retrieved)")
    ax.set_ylabel("mean recall@k")
    ax.set_ylim(0.0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return _save(fig, path)


def loss_curve(losses: list[float], path: Path, title: str = "Contrastive (InfoNCE) training loss") -> Path:
    fig, ax = plt.subplots(figsize=WIDE, dpi=DPI)
    steps = np.arange(1, len(losses) + 1)
    ax.plot(steps, losses, color="#8fb3d9", linewidth=0.8, label="per step")
    if len(losses) >= 10:
        window = max(5, len(losses) // 50)
        smooth = np.convolve(losses, np.ones(window) / window, mode="valid")
        ax.plot(steps[window - 1:], smooth, color="#1f4e79", linewidth=1.6, label=f"mean of {window}")
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return _save(fig, path)
