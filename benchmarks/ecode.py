"""E-code on the bundled suite, a bounded CPU run: E-code tiny vs "no expert group" of about equal size vs copying the
slow input unchanged, scored with CodeBLEU, compile rate, I/O pass, full pass and measured EGR.

The suite's 41 tasks give 82 (slow, efficient) EPC pairs; tasks are split 80/20 (by task, seed 0). Both models are
trained for the same number of steps from the same seed with tokenizers trained on the training split; then k samples
per example are drawn (temperature 0.25, top-k 50, top-p 0.95) for the held-out examples and for as many training
examples (a memorisation check: can the model reproduce what it was trained on?). Torch runs on one thread.

Run: PYTHONPATH=src .venv/bin/python benchmarks/ecode.py [--steps 300] [--k 5] [--out benchmarks/results/ecode.md]
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

import torch

from effilab.models.ecode import ECodeModel, count_parameters, tiny_config
from effilab.models.ecode_inputs import train_tokenizers
from effilab.optimize.ecode_eval import ECodeEvalConfig, ModelSampler, copy_baseline, evaluate_samples, summarize
from effilab.pipelines.epc import build_epc, split_by_task
from effilab.tasks.loaders import load_tasks
from effilab.training.ecode import ECodeTrainConfig, train


def equal_size_single_layers(base_config) -> int:
    """Layers of the one encoder that bring the "no expert group" model closest to the expert group's size."""
    target = count_parameters(base_config)["total"]
    sizes = {layers: count_parameters(tiny_config(base_config.expert["vocab_size"], base_config.code["vocab_size"],
                                                  **_ids(base_config), expert_group=False,
                                                  single_encoder_layers=layers,
                                                  max_code_tokens=base_config.max_code_tokens))["total"]
             for layers in range(1, 16)}
    return min(sizes, key=lambda layers: abs(sizes[layers] - target))


def _ids(config) -> dict:
    return {k: getattr(config, k) for k in ("pad_token_id", "bos_token_id", "eos_token_id", "nl_pad_token_id")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--max-code-tokens", type=int, default=320)
    parser.add_argument("--max-new-tokens", type=int, default=320)
    parser.add_argument("--train-eval", type=int, default=12, help="training examples evaluated (memorisation)")
    parser.add_argument("--work", default="runs/ecode-bench")
    parser.add_argument("--out", default="benchmarks/results/ecode.md")
    args = parser.parse_args()
    torch.set_num_threads(1)
    started = time.perf_counter()
    tasks = {t.id: t for t in load_tasks("suite")}
    built = build_epc(tasks.values())
    train_set, test_set = split_by_task(built.examples, 0.2, seed=0)
    train_eval = train_set[::max(1, len(train_set) // args.train_eval)][:args.train_eval]
    tokenizers = train_tokenizers([v for e in train_set for v in e.parts.values()],
                                  [c for e in train_set for c in (e.slow_code, *e.references)])
    base = tiny_config(len(tokenizers.nl), len(tokenizers.code), **tokenizers.config_ids(),
                       max_code_tokens=args.max_code_tokens)
    single_layers = equal_size_single_layers(base)
    variants = {"E-code tiny (expert group)": base,
                f"no expert group ({single_layers}-layer encoder)": tiny_config(
                    len(tokenizers.nl), len(tokenizers.code), **tokenizers.config_ids(), expert_group=False,
                    single_encoder_layers=single_layers, max_code_tokens=args.max_code_tokens)}
    rows, details = [], {}
    eval_config = ECodeEvalConfig(ks=tuple(k for k in (1, 3, 5) if k <= args.k), repeats=3)
    for split, examples in (("held-out", test_set), ("train", train_eval)):
        samples = copy_baseline(examples, args.k)
        summary = summarize(evaluate_samples(examples, samples, tasks, eval_config), eval_config.ks)
        rows.append(("copy slow input", split, None, None, summary))
    for name, config in variants.items():
        torch.manual_seed(0)
        model = ECodeModel(config)
        params = sum(p.numel() for p in model.parameters())
        t0 = time.perf_counter()
        history = train(model, tokenizers, train_set, ECodeTrainConfig(
            output_dir=f"{args.work}/{'group' if config.expert_group else 'single'}", max_steps=args.steps,
            batch_size=args.batch_size, learning_rate=args.lr, warmup_steps=max(1, args.steps // 20),
            save_every=args.steps, seed=0))
        train_s = time.perf_counter() - t0
        print(f"{name}: {params:,} parameters, loss {history[0].loss:.3f} -> {history[-1].loss:.3f} "
              f"in {train_s:.0f} s", file=sys.stderr)
        sampler = ModelSampler(model, tokenizers, k=args.k, max_new_tokens=args.max_new_tokens, seed=0)
        for split, examples in (("held-out", test_set), ("train", train_eval)):
            samples = sampler(examples)
            results = evaluate_samples(examples, samples, tasks, eval_config)
            summary = summarize(results, eval_config.ks)
            rows.append((name, split, params, (history[0].loss, history[-1].loss, train_s), summary))
            details[f"{name} / {split}"] = [{"task_id": r.task_id, "sample": r.sample, "status": r.status,
                                             "codebleu": r.codebleu["codebleu"], "code": r.code[:400]}
                                            for r in results[:3]]
    elapsed = time.perf_counter() - started
    write_report(args, rows, built, train_set, test_set, elapsed, details)


def _f(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def write_report(args, rows, built, train_set, test_set, elapsed, details) -> None:
    today = datetime.date.today().isoformat()
    lines = [
        "# E-code on the bundled suite (bounded CPU run)",
        "",
        f"Date: {today}. Command: `PYTHONPATH=src .venv/bin/python benchmarks/ecode.py --steps {args.steps} "
        f"--k {args.k} --max-code-tokens {args.max_code_tokens} --max-new-tokens {args.max_new_tokens}` "
        f"(one torch thread, a shared 2-core machine; {elapsed / 60:.0f} min in all).",
        "",
        f"Data: EPC pairs from the suite ({len(built.examples)} pairs of {len({e.task_id for e in built.examples})}"
        f" tasks, uniformised), split by task: {len(train_set)} training pairs, {len(test_set)} held-out pairs "
        f"({len({e.task_id for e in test_set})} tasks); 'train' rows score {args.train_eval} of the training pairs "
        f"(memorisation check). {args.k} samples per pair at temperature 0.25, top-k 50, top-p 0.95. "
        "CodeBLEU: max over the task's efficient references, a data-flow score of 0 counted as 0 (see docs/ecode.md)."
        " EGR: (T_slow - T_sample) / T_slow, measured wall time of the workload, mean over samples that pass every "
        "test (n = how many).",
        "",
        "| model | split | parameters | loss first -> last (train s) | CodeBLEU | compile | I/O pass | full pass "
        "| EGR (n) | sample k, submit 1: full pass / EGR | sample k, submit k: full pass / EGR |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    k = max(int(key.split("_")[0][6:]) for key in rows[0][4]["selection"]) if rows[0][4]["selection"] else 1
    for name, split, params, train_info, s in rows:
        o = s["overall"]
        loss = f"{train_info[0]:.2f} -> {train_info[1]:.2f} ({train_info[2]:.0f})" if train_info else "-"
        one = s["selection"].get(f"sample{k}_submit1", {})
        many = s["selection"].get(f"sample{k}_submit{k}", {})
        lines.append(f"| {name} | {split} | {f'{params:,}' if params else '-'} | {loss} | {_f(o['codebleu'])} | "
                     f"{_f(o['compile_rate'])} | {_f(o['io_pass_rate'])} | {_f(o['full_pass_rate'])} | "
                     f"{_f(o['egr_measured'])} ({o['egr_measured_n']}) | {_f(one.get('full_pass_rate'))} / "
                     f"{_f(one.get('egr_measured'))} | {_f(many.get('full_pass_rate'))} / "
                     f"{_f(many.get('egr_measured'))} |")
    lines += ["", f"k = {k}.", "", "## First samples (truncated), for the record", ""]
    for key, samples in details.items():
        lines.append(f"### {key}")
        for d in samples:
            lines += [f"- {d['task_id']} sample {d['sample']}: {d['status']}, CodeBLEU {d['codebleu']:.3f}",
                      "", "```python", d["code"].rstrip() or "(empty)", "```", ""]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n")
    Path(args.out).with_suffix(".json").write_text(json.dumps(
        [{"model": r[0], "split": r[1], "parameters": r[2], "train": r[3], "summary": r[4]} for r in rows], indent=1))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
