"""Contrastive encoder vs untrained encoder, TF-IDF and BM25 on held-out suite types.

Training: functions harvested from this interpreter's standard library plus the references of the suite's train
types, two views each from the Python transform registry (semantics-preserving only), a bounded CPU run.
Evaluation: the suite's test types (never seen in training): every reference plus `--variants` transformed variants
of each; every program queries all others, positives are the other programs of its task.

    PYTHONPATH=src python benchmarks/contrastive_retrieval.py --minutes 15 --out runs/bench-contrastive

Also evaluated: B, the references alone, and C, the references with every name uniformised (`python.uniformise_all`),
so that no encoder can match a task's shared function name. `--model DIR` evaluates a saved model instead of training.

Writes the model, the evaluation report (report.html, plots, metrics.json) and summary.json under --out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sysconfig
import time
from dataclasses import asdict, replace
from pathlib import Path

import torch

from effilab.models.contrastive import ContrastiveConfig, ContrastiveEncoder, Program
from effilab.representations.baselines import bm25_scores, tfidf_vectors
from effilab.representations.corpus import HarvestStats, harvest
from effilab.representations.dataset import load_set, type_sizes
from effilab.representations.evaluate import Encoded, evaluate
from effilab.representations.gram import gram
from effilab.representations.plots import loss_curve
from effilab.transforms import get as get_transform
from effilab.transforms.compose import ViewMaker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=15.0, help="wall-time bound of the training run")
    parser.add_argument("--cpu-minutes", type=float, default=0.0, help="CPU-time bound of the training run")
    parser.add_argument("--max-length", type=int, default=192, help="tokens per program")
    parser.add_argument("--steps", type=int, default=3000, help="step bound of the training run")
    parser.add_argument("--corpus-limit", type=int, default=3000, help="stdlib functions to train on")
    parser.add_argument("--variants", type=int, default=3)
    parser.add_argument("--test-fraction", type=float, default=0.5)
    parser.add_argument("--momentum", type=float, default=0.99)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--queue-size", type=int, default=1024)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("runs/bench-contrastive"))
    parser.add_argument("--model", type=Path, help="evaluate this saved model instead of training one")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    stats = HarvestStats()
    t0 = time.time()
    functions = harvest(Path(sysconfig.get_paths()["stdlib"]), ("python",), limit=args.corpus_limit, stats=stats)
    harvest_s = time.time() - t0
    train_items = load_set("suite", variants=0, split="train", test_fraction=args.test_fraction, seed=args.seed)
    test_items = load_set("suite", variants=args.variants, split="test", test_fraction=args.test_fraction,
                          seed=args.seed)
    assert not {i.label for i in train_items} & {i.label for i in test_items}
    programs = [Program(f.code, f.language) for f in functions] + [Program(i.code, i.language) for i in train_items]
    print(f"corpus: {len(functions)} stdlib functions ({harvest_s:.0f} s) + {len(train_items)} suite references "
          f"of {len(type_sizes(train_items))} train types; test: {len(test_items)} programs of "
          f"{len(type_sizes(test_items))} held-out types", flush=True)

    config = ContrastiveConfig(steps=args.steps, max_seconds=60 * args.minutes, max_cpu_seconds=60 * args.cpu_minutes,
                               max_length=args.max_length, momentum=args.momentum,
                               batch_size=args.batch_size, queue_size=args.queue_size, lr=args.lr, seed=args.seed)
    if args.model:
        model, untrained = ContrastiveEncoder.load(args.model), ContrastiveEncoder.load(args.model, trained=False)
        config = model.config
    else:
        model = ContrastiveEncoder.build(config, codes=[p.code for p in programs])
        untrained = ContrastiveEncoder.build(config, tokenizer=model.tokenizer)  # same seed: same initial weights
    maker = ViewMaker.for_language("python", max_steps=config.max_transforms)
    t0, cpu0 = time.time(), time.process_time()

    def on_step(step: int, loss: float) -> None:
        if step % 50 == 0:
            print(f"step {step} loss {sum(model.losses[-50:]) / 50:.3f} ({time.time() - t0:.0f} s)", flush=True)

    if args.model:
        losses, train_s, train_cpu_s = model.losses, float("nan"), float("nan")
    else:
        losses = model.train(programs, {"python": maker}, args.out / "model", on_step=on_step)
        train_s, train_cpu_s = time.time() - t0, time.process_time() - cpu0
        model.save(args.out / "model")
        loss_curve(losses, args.out / "model" / "loss.png")

    codes = [i.code for i in test_items]
    encoders = {}
    for name, encoder, which in (("contrastive (pooled)", model, "pooled"),
                                 ("contrastive (projected)", model, "projected"),
                                 ("untrained (pooled)", untrained, "pooled")):
        vectors = encoder.embed(codes, which=which)
        encoders[name] = Encoded(gram(vectors), vectors)
    tfidf = tfidf_vectors(codes)
    encoders["TF-IDF"] = Encoded(gram(tfidf), tfidf)
    encoders["BM25"] = Encoded(bm25_scores(codes))
    trained = (f"saved model {args.model} ({model.step} steps)" if args.model else
               f"trained {model.step} steps in {train_s:.0f} s wall ({train_cpu_s:.0f} s CPU) "
               f"on {len(programs)} programs")
    notes = [f"held-out suite types, {args.variants} variants per reference; {trained}"]
    evaluation = evaluate(encoders, test_items, args.out / "eval", seed=args.seed, notes=notes)
    # B: the references alone; C: the same with every name uniformised (no shared function name to match)
    references = [i for i in test_items if "~" not in i.id]
    uniformise = get_transform("python.uniformise_all")
    uniformised = [replace(i, code=uniformise(i.code, 0).code) for i in references]
    extra = {}
    for key, items in (("references", references), ("uniformised", uniformised)):
        texts = [i.code for i in items]
        sets = {"contrastive (pooled)": model.embed(texts), "untrained (pooled)": untrained.embed(texts),
                "TF-IDF": tfidf_vectors(texts)}
        chosen = {name: Encoded(gram(v), v) for name, v in sets.items()}
        chosen["BM25"] = Encoded(bm25_scores(texts))
        extra[key] = evaluate(chosen, items, args.out / f"eval_{key}", seed=args.seed).table()
    summary = {
        "date_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "host": {"cpus": os.cpu_count(), "torch_threads": torch.get_num_threads(), "platform": platform.platform(),
                 "load_avg_at_end": os.getloadavg()},
        "args": {k: str(v) for k, v in vars(args).items()},
        "config": asdict(config),
        "corpus": {"stdlib_functions": len(functions), "suite_train_references": len(train_items),
                   "train_types": len(type_sizes(train_items))},
        "test": {"programs": len(test_items), "types": len(type_sizes(test_items))},
        "training": {"steps": model.step, "seconds": train_s, "cpu_seconds": train_cpu_s,
                     "first_loss_mean_20": sum(losses[:20]) / 20,
                     "last_loss_mean_20": sum(losses[-20:]) / 20, "view_failures": maker.failures},
        "metrics": evaluation.table(),
        "metrics_references": extra["references"],
        "metrics_uniformised": extra["uniformised"],
    }
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    for title, table in (("A. variants", evaluation.table()), ("B. references", extra["references"]),
                         ("C. references, names uniformised", extra["uniformised"])):
        print(f"\n{title}\n\n| encoder | NDCG@10 | NDCG | MAP@R | MRR | P@1 | R@10 | pathological |")
        print("|---|---|---|---|---|---|---|---|")
        for name, m in table.items():
            print(f"| {name} | " + " | ".join(f"{m[k]:.3f}" for k in ("NDCG@10", "NDCG", "MAP@R", "MRR", "P@1", "R@10"))
                  + f" | {int(m['pathological'])} / {int(m['queries'])} |")
    print(json.dumps(summary["training"]))


if __name__ == "__main__":
    main()
