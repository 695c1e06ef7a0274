"""`effilab embed corpus|dataset|train|encode|search|eval`: contrastive code embeddings and their evaluation."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import fail, out

embed_app = typer.Typer(help="Contrastive code embeddings: harvest a corpus, train, encode, search, evaluate.",
                        no_args_is_help=True)
app.add_typer(embed_app, name="embed")

BASELINES = ("tfidf", "bm25", "untrained")


def _progress(quiet: bool = False) -> Progress:
    """A progress bar on the console; none with --json (stdout is then for the machine-readable answer)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[info]}"), TimeElapsedColumn(), TimeRemainingColumn(), console=out,
                    transient=False, disable=quiet)


def _paths_table(paths: dict[str, Path]) -> Table:
    table = Table(title="written")
    table.add_column("what")
    table.add_column("path")
    for what, path in paths.items():
        table.add_row(what, str(path))
    return table


def _load_set(spec: str, variants: int, split: str, test_fraction: float, split_seed: int, seed: int):
    from effilab.registry import UnknownName
    from effilab.representations.dataset import load_set
    from effilab.tasks.io import DataError

    try:
        items = load_set(spec, variants, split, test_fraction, split_seed, seed)
    except (ValueError, DataError, UnknownName, ImportError, json.JSONDecodeError) as exc:
        fail(f"{spec}: {exc}")
    if not items:
        fail(f"{spec}: no programs")
    return items


def _read_programs(paths: list[Path]):
    from effilab.models.contrastive import Program

    programs = []
    for path in paths:
        if not path.is_file():
            fail(f"{path}: no such file")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    row = json.loads(line)
                    programs.append(Program(row["code"], row.get("language", "python")))
                except (json.JSONDecodeError, KeyError, TypeError):
                    fail(f"{path}:{n}: expected a JSON object with 'code'")
    return programs


@embed_app.command("corpus")
def corpus(
    source: Annotated[Path, typer.Argument(help="A source tree (or one file) to harvest functions from.")],
    out_path: Annotated[Path, typer.Option("--out", help="Corpus JSONL to write.")] = Path("corpus.jsonl"),
    language: Annotated[list[str], typer.Option(help="python and/or cpp (repeatable).")] = ["python"],
    min_lines: Annotated[int, typer.Option(help="Skip shorter functions.")] = 3,
    max_lines: Annotated[int, typer.Option(help="Skip longer functions.")] = 60,
    max_chars: Annotated[int, typer.Option(help="Skip functions with more characters.")] = 3000,
    limit: Annotated[Optional[int], typer.Option(help="Stop after N functions.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Harvest functions from a local source tree (deduplicated, size-filtered) into a training corpus."""
    from effilab.representations.corpus import HarvestStats, harvest, write_corpus

    if set(language) - {"python", "cpp"}:
        fail("--language must be python or cpp")
    stats = HarvestStats()
    try:
        functions = harvest(source, tuple(language), min_lines, max_lines, max_chars, limit, stats)
    except (ValueError, ImportError) as exc:
        fail(str(exc))
    if not functions:
        fail(f"{source}: no functions kept ({stats.found} found)")
    write_corpus(functions, out_path)
    counts = {"files": stats.files, "unreadable": stats.unreadable, "found": stats.found,
              "too_small": stats.too_small, "too_large": stats.too_large, "duplicates": stats.duplicates,
              "kept": stats.kept, **{f"kept_{k}": v for k, v in stats.by_language.items()}}
    if as_json:
        print(json.dumps({**counts, "out": str(out_path)}))
        return
    table = Table(title=f"corpus from {source}")
    table.add_column("stage")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    out.print(table)
    out.print(_paths_table({"corpus": out_path}))


@embed_app.command("dataset")
def dataset(
    source: Annotated[str, typer.Argument(help="Task source (e.g. suite), a JSONL set, or a folder of types.")
                      ] = "suite",
    out_path: Annotated[Path, typer.Option("--out", help="Labelled set JSONL to write.")] = Path("set.jsonl"),
    variants: Annotated[int, typer.Option(help="Transformed variants per reference (task sources).")] = 0,
    split: Annotated[str, typer.Option(help="all, train or test (split by type).")] = "all",
    test_fraction: Annotated[float, typer.Option(help="Share of types in the test split.")] = 0.5,
    split_seed: Annotated[int, typer.Option(help="Seed of the split.")] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the variants.")] = 0,
) -> None:
    """Write a labelled set (programs grouped by type) as JSONL: e.g. the suite's held-out types with variants."""
    from effilab.representations.dataset import type_sizes, write_jsonl

    items = _load_set(source, variants, split, test_fraction, split_seed, seed)
    write_jsonl(items, out_path)
    sizes = type_sizes(items)
    out.print(f"{len(items)} programs of {len(sizes)} types ({min(sizes.values())}-{max(sizes.values())} per type)")
    out.print(_paths_table({"set": out_path}))


@embed_app.command("train")
def train(
    corpus_paths: Annotated[list[Path], typer.Option("--corpus", help="JSONL with 'code' (and 'language') per row; "
                                                     "repeatable (a harvested corpus, a labelled set).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Model folder to write.")] = Path("runs/contrastive"),
    encoder: Annotated[str, typer.Option(help="'small' or a local Hugging Face encoder folder.")] = "small",
    steps: Annotated[int, typer.Option(help="Training steps.")] = 500,
    max_minutes: Annotated[float, typer.Option(help="Stop after this many minutes (0: no bound).")] = 0.0,
    batch_size: Annotated[int, typer.Option(help="Programs per step.")] = 32,
    queue_size: Annotated[int, typer.Option(help="Queued negatives (a multiple of the batch size).")] = 512,
    momentum: Annotated[float, typer.Option(help="Key-encoder momentum m.")] = 0.999,
    temperature: Annotated[float, typer.Option(help="InfoNCE temperature t.")] = 0.07,
    lr: Annotated[float, typer.Option(help="Peak learning rate (AdamW, warm-up then cosine).")] = 5e-4,
    dim: Annotated[int, typer.Option(help="Small encoder: hidden size.")] = 128,
    layers: Annotated[int, typer.Option(help="Small encoder: layers.")] = 2,
    max_length: Annotated[int, typer.Option(help="Tokens per program.")] = 192,
    vocab_size: Annotated[int, typer.Option(help="Small encoder: BPE vocabulary trained on the corpus.")] = 2048,
    lossy: Annotated[bool, typer.Option(help="Also use lossy transforms as views.")] = False,
    embed_from: Annotated[str, typer.Option(help="What encode returns: pooled or projected.")] = "pooled",
    threads: Annotated[int, typer.Option(help="torch CPU threads (0: torch's default).")] = 1,
    seed: Annotated[int, typer.Option()] = 0,
    resume: Annotated[bool, typer.Option(help="Continue from the checkpoint in --out.")] = False,
) -> None:
    """Train a contrastive (MoCo) encoder on two transformed views of each program; saves the model, checkpoint and
    loss curve in --out."""
    from effilab.models.contrastive import ContrastiveConfig, ContrastiveEncoder
    from effilab.representations.plots import loss_curve
    from effilab.transforms.compose import ViewMaker

    programs = _read_programs(corpus_paths)
    if len(programs) < 2:
        fail("need at least 2 programs to train on")
    try:
        config = ContrastiveConfig(encoder=encoder, steps=steps, batch_size=batch_size, queue_size=queue_size,
                                   momentum=momentum, temperature=temperature, lr=lr, dim=dim, layers=layers,
                                   max_length=max_length, vocab_size=vocab_size, lossy=lossy, embed_from=embed_from,
                                   threads=threads, seed=seed,
                                   max_seconds=60 * max_minutes)
    except ValueError as exc:
        fail(str(exc))
    makers = {}
    for language in sorted({p.language for p in programs}):
        try:
            makers[language] = ViewMaker.for_language(language, lossy=lossy, max_steps=config.max_transforms)
        except (ValueError, KeyError, ImportError) as exc:
            fail(f"no views for {language}: {exc}")
    start = time.time()
    if resume and (out_dir / "config.json").exists():
        model = ContrastiveEncoder.load(out_dir)
        model.config.steps = steps
        model.config.max_seconds = 60 * max_minutes
    else:
        try:
            model = ContrastiveEncoder.build(config, codes=[p.code for p in programs])
        except OSError as exc:
            fail(f"cannot load encoder {encoder!r}: {exc}")
        model.save(out_dir)  # config and tokenizer first, so that a killed run can be resumed
    with _progress() as progress:
        bar = progress.add_task("training", total=config.steps, info="")
        progress.update(bar, completed=model.step)

        def on_step(step: int, loss: float) -> None:
            progress.update(bar, completed=step, info=f"loss {loss:.3f}")

        losses = model.train(programs, makers, out_dir, on_step=on_step, resume=resume)
    model.save(out_dir)
    curve = loss_curve(losses, out_dir / "loss.png")
    seconds = time.time() - start
    (out_dir / "training.json").write_text(json.dumps({"programs": len(programs), "steps": model.step,
                                                       "seconds": seconds, "first_loss": losses[0],
                                                       "last_loss_mean_10": sum(losses[-10:]) / len(losses[-10:]),
                                                       "view_failures": {k: v for m in makers.values()
                                                                         for k, v in m.failures.items()}}, indent=2))
    table = Table(title="contrastive training")
    for column in ("programs", "steps", "first loss", "last loss (mean of 10)", "seconds"):
        table.add_column(column, justify="right")
    last = sum(losses[-10:]) / len(losses[-10:])
    table.add_row(str(len(programs)), str(model.step), f"{losses[0]:.3f}", f"{last:.3f}", f"{seconds:.0f}")
    out.print(table)
    out.print(_paths_table({"model": out_dir, "checkpoint": out_dir / "checkpoint.pt", "loss curve": curve,
                            "losses": out_dir / "losses.json"}))


def _encode(name: str, codes: list[str], model_dir: Optional[Path]):
    """Vectors (or None) and the score matrix of one encoder: a model folder, or a baseline name."""
    from effilab.representations.baselines import bm25_scores, tfidf_vectors
    from effilab.representations.gram import gram

    if name == "tfidf":
        vectors = tfidf_vectors(codes)
        return vectors, gram(vectors)
    if name == "bm25":
        return None, bm25_scores(codes)
    from effilab.models.contrastive import ContrastiveEncoder

    if model_dir is None:
        fail(f"{name} needs --model")
    try:
        model = ContrastiveEncoder.load(model_dir, trained=name != "untrained")
    except (FileNotFoundError, OSError) as exc:
        fail(str(exc))
    vectors = model.embed(codes)
    return vectors, gram(vectors)


def _read_inputs(path: Path):
    """Programs to encode: a JSONL (rows with 'code'), a folder of types, or one source file."""
    from effilab.representations.dataset import Item, from_folder

    if path.is_dir():
        return from_folder(path)
    if path.suffix == ".jsonl":
        try:
            return [Item(str(r.get("id", i)), str(r.get("label", "")), r["code"], r.get("language", "python"))
                    for i, r in enumerate(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                                          if line.strip())]
        except (json.JSONDecodeError, KeyError) as exc:
            fail(f"{path}: {exc}")
    return [Item(path.name, "", path.read_text(encoding="utf-8"))]


@embed_app.command("encode")
def encode(
    inputs: Annotated[Path, typer.Argument(help="JSONL with 'code' per row, a folder of types, or one file.")],
    model_dir: Annotated[Optional[Path], typer.Option("--model", help="Saved contrastive encoder folder.")] = None,
    baseline: Annotated[Optional[str], typer.Option(help="tfidf or untrained instead of a trained model.")] = None,
    out_path: Annotated[Path, typer.Option("--out", help="Vectors to write (.npz: ids, labels, vectors).")] = Path(
        "vectors.npz"),
) -> None:
    """Embed programs; the .npz is an index for `effilab embed search`."""
    import numpy as np

    if baseline not in (None, "tfidf", "untrained"):
        fail("--baseline must be tfidf or untrained (BM25 has scores, not vectors)")
    if not inputs.exists():
        fail(f"{inputs}: no such file or folder")
    items = _read_inputs(inputs)
    vectors, _ = _encode(baseline or "trained", [i.code for i in items], model_dir)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(out_path, ids=np.array([i.id for i in items]), labels=np.array([i.label for i in items]),
             vectors=vectors, model=np.array(str(model_dir or "")), baseline=np.array(baseline or ""))
    out.print(f"{len(items)} programs -> vectors of dimension {vectors.shape[1]}")
    out.print(_paths_table({"vectors": out_path}))


@embed_app.command("search")
def search(
    query: Annotated[Path, typer.Argument(help="A source file: find code that does the same thing.")],
    index: Annotated[Path, typer.Option(help="Vectors written by `effilab embed encode`.")] = Path("vectors.npz"),
    model_dir: Annotated[Optional[Path], typer.Option("--model", help="Encoder that wrote the index "
                                                      "(default: the one recorded in it).")] = None,
    k: Annotated[int, typer.Option("-k", help="Matches to show.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the matches as JSON.")] = False,
) -> None:
    """Nearest neighbours of a file among indexed programs, by cosine similarity of their embeddings."""
    import numpy as np

    from effilab.models.contrastive import ContrastiveEncoder
    from effilab.representations.gram import normalize

    if not index.is_file() or not query.is_file():
        fail(f"{index if not index.is_file() else query}: no such file")
    data = np.load(index)
    model_dir = model_dir or (Path(str(data["model"])) if str(data["model"]) else None)
    if model_dir is None or str(data["baseline"]) == "tfidf":
        fail("search needs an index written with --model (TF-IDF vectors cannot embed a new file)")
    model = ContrastiveEncoder.load(model_dir, trained=str(data["baseline"]) != "untrained")
    vector = model.embed([query.read_text(encoding="utf-8")])[0]
    scores = normalize(data["vectors"]) @ vector
    order = np.argsort(-scores)[:k]
    matches = [{"id": str(data["ids"][j]), "label": str(data["labels"][j]), "score": float(scores[j])} for j in order]
    if as_json:
        print(json.dumps(matches))
        return
    table = Table(title=f"closest to {query}")
    for column in ("rank", "program", "type", "cosine"):
        table.add_column(column)
    for rank, m in enumerate(matches, start=1):
        table.add_row(str(rank), m["id"], m["label"], f"{m['score']:.3f}")
    out.print(table)


@embed_app.command("eval")
def eval_(
    source: Annotated[str, typer.Argument(help="Labelled set: task source (e.g. suite), JSONL, or folder of types.")
                      ] = "suite",
    model_dirs: Annotated[list[Path], typer.Option("--model", help="Trained encoder folder (repeatable).")] = [],
    baseline: Annotated[list[str], typer.Option(help="tfidf, bm25, untrained (repeatable; default: all that apply).")
                        ] = [],
    variants: Annotated[int, typer.Option(help="Transformed variants per reference (task sources).")] = 3,
    split: Annotated[str, typer.Option(help="all, train or test types.")] = "all",
    test_fraction: Annotated[float, typer.Option(help="Share of types in the test split.")] = 0.5,
    split_seed: Annotated[int, typer.Option()] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the variants and the t-SNE.")] = 0,
    degree: Annotated[int, typer.Option(help="Neighbours per program in the confusion matrix (d).")] = 15,
    out_dir: Annotated[Path, typer.Option("--out", help="Report folder.")] = Path("runs/embed-eval"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Retrieval evaluation of encoders and baselines on programs grouped by type: NDCG, MAP@R, MRR, recall@k,
    confusion matrix, pathological pairs, t-SNE; writes metrics.json, top-k tables, plots and report.md/.html."""
    from effilab.representations.evaluate import Encoded, evaluate

    chosen = baseline or [b for b in BASELINES if b != "untrained" or model_dirs]
    if set(chosen) - set(BASELINES):
        fail(f"--baseline must be among {', '.join(BASELINES)}")
    if "untrained" in chosen and not model_dirs:
        fail("the untrained baseline needs --model (its architecture and tokenizer)")
    if not model_dirs and not chosen:
        fail("nothing to evaluate: give --model or --baseline")
    items = _load_set(source, variants, split, test_fraction, split_seed, seed)
    codes = [i.code for i in items]
    encoders: dict[str, Encoded] = {}
    jobs = [(d.name if d.name not in BASELINES else f"model:{d.name}", d) for d in model_dirs]
    jobs += [(b, model_dirs[0] if model_dirs else None) for b in chosen]
    with _progress(quiet=as_json) as progress:
        bar = progress.add_task("encoding", total=len(jobs), info="")
        for name, model_dir in jobs:
            progress.update(bar, info=name)
            kind = name if name in BASELINES else "trained"
            vectors, scores = _encode(kind, codes, model_dir)
            encoders[name] = Encoded(scores, vectors)
            progress.advance(bar)
    notes = [f"set: {source} (variants {variants}, split {split}, test fraction {test_fraction}, "
             f"split seed {split_seed}, seed {seed})"]
    evaluation = evaluate(encoders, items, out_dir, degree=degree, seed=seed, notes=notes)
    if as_json:
        print(json.dumps({"items": len(items), "types": len({i.label for i in items}),
                          "encoders": evaluation.table(), "out": str(out_dir)}))
        return
    table = Table(title=f"{len(items)} programs, {len({i.label for i in items})} types")
    table.add_column("encoder")
    for metric in ("NDCG@10", "NDCG", "MAP@R", "MRR", "P@1", "R@10", "pathological"):
        table.add_column(metric, justify="right")
    for name, metrics in evaluation.table().items():
        table.add_row(name, *[f"{metrics[m]:.3f}" for m in ("NDCG@10", "NDCG", "MAP@R", "MRR", "P@1", "R@10")],
                      str(int(metrics["pathological"])))
    out.print(table)
    out.print(_paths_table({"report": evaluation.paths["report_html"], "markdown": evaluation.paths["report_md"],
                            "metrics": evaluation.paths["metrics"]}))


embed_app.command("evaluate", help="Same as `eval`.")(eval_)
