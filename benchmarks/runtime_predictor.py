"""How well the CPU run-time predictor ranks solutions of tasks it never saw, against naive baselines.

Reads a run-time database (build it once: `effilab runtime-db build --tasks suite --out runs/runtime_db
--variants 3`), then for each predictor kind:

- the fixed split: trained on the database's train tasks, judged on its test tasks;
- task-grouped 5-fold cross-validation: every task judged by a model that never saw it (more pairs, steadier).

Labels are instruction counts (deterministic). Pairs are codes of one task whose counts differ by >= 10%.
Writes a Markdown table (with the command and date) to --out.

    PYTHONPATH=src python benchmarks/runtime_predictor.py --db runs/runtime_db \
        --holdout runs/holdout_db --out benchmarks/results/predictor.md

`--holdout` judges a database of other tasks (`benchmarks/holdout_suite`, built with `effilab runtime-db build
--tasks suite:benchmarks/holdout_suite --out runs/holdout_db --variants 3`) with predictors trained on all of --db.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import math
import sys
import time

from effilab.models.runtime_evaluation import cross_validate, evaluate_predictor, score_by_task, selection_table
from effilab.models.runtime_predictor import PredictorConfig, RuntimePredictor
from effilab.pipelines.runtime_db import load_db

KINDS = ("length", "loops", "tfidf", "cost-model", "centered-gbm", "pairwise-logistic", "ensemble")


def fmt(value) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else (
        f"{value:.3f}" if isinstance(value, float) else str(value))


def role_accuracy(model: RuntimePredictor, rows: list[dict], min_ratio: float = 1.1) -> dict[str, str]:
    """Pairwise accuracy over reference pairs, split into efficient-vs-inefficient (`mixed`) and two inefficient
    references (`inefficient`), as "accuracy (pairs)"."""
    scores = dict(zip(map(id, rows), score_by_task(model, rows)))
    hits: dict[str, list[bool]] = {"mixed": [], "inefficient": []}
    for a, b in itertools.combinations(rows, 2):
        ratio = a["instructions"] / b["instructions"]
        if a["task_id"] != b["task_id"] or max(ratio, 1 / ratio) < min_ratio:
            continue
        roles = {r["origin"].split(":")[0] for r in (a, b)}
        hits["mixed" if roles == {"efficient", "inefficient"} else "inefficient"].append(
            (scores[id(a)] > scores[id(b)]) == (ratio > 1))
    return {k: f"{sum(v) / len(v):.3f} ({len(v)})" if v else "-" for k, v in hits.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", required=True, help="database folder(s); several are merged")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", default=None)
    parser.add_argument("--holdout", action="append", default=[],
                        help="database(s) of other tasks: train on all of --db, judge these (a check no setting saw)")
    parser.add_argument("--select-with", default="ensemble", help="kind whose CV scores fill the selection table")
    args = parser.parse_args()
    rows = [r for db in args.db for r in load_db(db) if r.get("instructions")]
    tasks = sorted({r["task_id"] for r in rows})
    train = [r for r in rows if r["split"] == "train"]
    test = [r for r in rows if r["split"] == "test"]
    measured = sum(r["measured"] for r in rows)
    lines = ["# Run-time predictor: ranking held-out tasks' solutions\n",
             f"Date: {datetime.date.today()}. Command: `PYTHONPATH=src python {' '.join(sys.argv)}`\n",
             f"Database: {len(rows)} rows ({measured} measured codes: references and semantics-preserving variants; "
             f"the rest E-code views labelled with their code's count) over {len(tasks)} suite tasks; "
             f"fixed split {len({r['task_id'] for r in train})} train / {len({r['task_id'] for r in test})} test "
             "tasks. Label: instruction count of the workload under callgrind. Pairs: two codes of one task whose "
             "counts differ by >= 10%. `measured` = references + measured variants; `original` = the references "
             "only; `view:*` = the same codes seen through a lossy view.\n"]
    header = ("| predictor | split | pairwise acc. (measured) | pairs | pairwise acc. (original) | pairs | "
              "Spearman | Kendall | top-1 (original) | view: uniformise_all | view: loops_and_recursion | "
              "view: delete_tokens | train s |")
    lines += [header, "|" + "---|" * (header.count("|") - 1)]
    absolute_line = ""
    selection: list = []
    for kind in args.kinds.split(","):
        config = PredictorConfig(kind=kind)
        started = time.time()
        fixed = evaluate_predictor(RuntimePredictor(config).fit(train), test)
        fit_s = time.time() - started
        scored: list = []
        cv = cross_validate(rows, config, folds=args.folds, scores_out=scored)
        if kind == args.select_with:
            selection = selection_table(scored)
        for name, result in (("fixed test", fixed), (f"{args.folds}-fold CV", cv)):
            m, o = result["measured"], result.get("original", {})
            views = [result.get(f"view:{v}", {}).get("pairwise_accuracy") for v in
                     ("uniformise_all", "loops_and_recursion", "delete_tokens")]
            lines.append(f"| {kind} | {name} | {fmt(m['pairwise_accuracy'])} | {m['pairs']} | "
                         f"{fmt(o.get('pairwise_accuracy'))} | {o.get('pairs', 0)} | {fmt(m['spearman'])} | "
                         f"{fmt(m['kendall'])} | {fmt(o.get('top1'))} | {' | '.join(fmt(v) for v in views)} | "
                         f"{fmt(fit_s) if name == 'fixed test' else ''} |")
        print(lines[-2], lines[-1], sep="\n", flush=True)
        if kind == "pairwise-logistic":
            absolute = fixed["measured"]
            absolute_line = (f"\nAbsolute cost of held-out codes from the regressor (gradient-boosted trees on the same "
                         f"features, kind {kind}): MAE of ln(instructions) {fmt(absolute.get('mae_log_instructions'))}"
                         f", MAE of ln(wall us) {fmt(absolute.get('mae_log_us'))}, MAE {fmt(absolute.get('mae_us'))} us"
                         f", Spearman across tasks {fmt(absolute.get('spearman_global'))}. The workload size is not "
                         "in the code, so absolute figures across tasks are rough; ranking within a task is the use.")
    lines.append(absolute_line)
    if selection:
        lines += [f"\nE-code's sample k, submit 1 (measured codes of each task, k drawn at random 200 times per task; "
                  f"CV scores of `{args.select_with}`): share of submissions that are the fastest of the k (within "
                  "5%), and mean cost of the submission over the fastest of the k, against a random pick.\n",
                  "| k | predicted: fastest | predicted: cost ratio | random: fastest | random: cost ratio | draws |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {r['k']} | {r['predicted_top1']:.3f} | {r['predicted_cost_ratio']:.2f} | {r['random_top1']:.3f} "
                  f"| {r['random_cost_ratio']:.2f} | {r['draws']} |" for r in selection]
    if args.holdout:
        held = {db: [r for r in load_db(db) if r.get("instructions")] for db in args.holdout}
        models = {kind: RuntimePredictor(PredictorConfig(kind=kind, regressor=False)).fit(rows)
                  for kind in args.kinds.split(",")}
        for db, part in held.items():
            lines += [f"\nHeld-out task set {db} ({len({r['task_id'] for r in part})} tasks, "
                      f"{sum(r['measured'] for r in part)} measured codes): every predictor trained on all of --db. "
                      "Reference pairs split by role: efficient vs inefficient, and two inefficient ones.\n",
                      "| predictor | pairwise acc. (measured) | pairs | pairwise acc. (original) | pairs | "
                      "efficient vs inefficient | inefficient vs inefficient | Spearman | top-1 (original) |",
                      "|---|---|---|---|---|---|---|---|---|"]
            for kind, model in models.items():
                result = evaluate_predictor(model, part)
                m, o = result["measured"], result.get("original", {})
                by_role = role_accuracy(model, [r for r in part if r.get("variant") == "original"])
                lines.append(f"| {kind} | {fmt(m['pairwise_accuracy'])} | {m['pairs']} | "
                             f"{fmt(o.get('pairwise_accuracy'))} | {o.get('pairs', 0)} | {by_role['mixed']} | "
                             f"{by_role['inefficient']} | {fmt(m['spearman'])} | {fmt(o.get('top1'))} |")
                print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
