"""`effilab ecode export|train|generate|eval|params`: E-code's EPC task and expert-encoder-group model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from effilab.cli import app
from effilab.cli.common import err, fail, load, out
from effilab.cli.executing import ExecutorName, RayAddress, executor_from_options

ecode_app = typer.Typer(help="E-code: efficient code from a description and slow code (EPC), its model, evaluation.",
                        no_args_is_help=True)
app.add_typer(ecode_app, name="ecode")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err)


def _examples(path: Path):
    from effilab.pipelines.epc import read_jsonl
    from effilab.tasks.io import DataError

    try:
        return read_jsonl(path)
    except DataError as exc:
        fail(str(exc))


def _torch_imports():
    try:
        from effilab.models.ecode import ECodeModel  # noqa: F401
    except ImportError as exc:
        fail(f"the E-code model needs torch and transformers ({exc.name} is missing); "
             "install them with: pip install 'effilab[train,ecode]'")


@ecode_app.command("export")
def export(
    tasks: Annotated[str, typer.Option(help="Task source: loader name, 'gec:/path/GEC', or a path.")] = "suite",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for train.jsonl and test.jsonl.")] = Path("runs/epc"),
    test_share: Annotated[float, typer.Option(help="Share of tasks held out for test.jsonl.")] = 0.2,
    uniformise: Annotated[bool, typer.Option(help="Uniformise code (off: the ablation).")] = True,
    max_pairs: Annotated[Optional[int], typer.Option(help="At most N (slow, efficient) pairs per task.")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the task split.")] = 0,
) -> None:
    """Build the EPC dataset from tasks (five description parts, slow code -> efficient code)."""
    from effilab.pipelines.epc import EPCConfig, build_epc, split_by_task, write_jsonl

    built = build_epc(load(tasks), EPCConfig(uniformise=uniformise, max_pairs_per_task=max_pairs))
    train, test = split_by_task(built.examples, test_share, seed)
    table = Table(title=f"EPC from {tasks}")
    for column in ("stage", "kept", "dropped", "note"):
        table.add_column(column)
    for stage in built.stages:
        table.add_row(stage.stage, str(stage.kept), str(stage.dropped), stage.note)
    out.print(table)
    paths = [out_dir / "train.jsonl", out_dir / "test.jsonl"]
    write_jsonl(train, paths[0])
    write_jsonl(test, paths[1])
    out.print(f"train: {len(train)} examples, test: {len(test)} examples ({len({e.task_id for e in test})} tasks)")
    for path in paths:
        out.print(f"wrote {path}")


@ecode_app.command("params")
def params(
    size: Annotated[str, typer.Option(help="full (the paper's) or tiny.")] = "full",
    expert_group: Annotated[bool, typer.Option(help="Off: one encoder over the description.")] = True,
    heads: Annotated[int, typer.Option(help="Cross-attention heads.")] = 48,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Parameter count per module, built on the meta device (nothing is allocated)."""
    _torch_imports()
    from effilab.models.ecode import ECodeConfig, count_parameters, tiny_config

    config = (ECodeConfig(expert_group=expert_group, cross_attention_heads=heads) if size == "full" else
              tiny_config(600, 800, expert_group=expert_group, cross_attention_heads=heads, pad_token_id=1,
                          bos_token_id=0, eos_token_id=0))
    counts = count_parameters(config)
    if as_json:
        print(json.dumps(counts))
        return
    table = Table(title=f"E-code {size} parameters")
    table.add_column("module")
    table.add_column("parameters", justify="right")
    for name, count in counts.items():
        table.add_row(name, f"{count:,}")
    out.print(table)
    out.print(f"total: {counts['total'] / 1e6:.1f}M")


@ecode_app.command("train")
def train_cmd(
    data: Annotated[Path, typer.Option(help="EPC train.jsonl (from `effilab ecode export`).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder: checkpoints and final/.")] = Path(
        "runs/ecode"),
    size: Annotated[str, typer.Option(help="tiny (trained tokenizers, CPU) or full (needs --expert-dir and "
                                           "--code-dir).")] = "tiny",
    expert_dir: Annotated[Optional[Path], typer.Option(help="Local HF BERT folder for the experts.")] = None,
    code_dir: Annotated[Optional[Path], typer.Option(help="Local HF GPT-Neo folder for the code stacks.")] = None,
    expert_group: Annotated[bool, typer.Option(help="Off: ablation, one encoder over the description.")] = True,
    single_layers: Annotated[Optional[int], typer.Option(help="Layers of the one encoder (ablation).")] = None,
    relu: Annotated[bool, typer.Option(help="ReLU after the enlarge layer (ablation).")] = False,
    heads: Annotated[int, typer.Option(help="Cross-attention heads (48; 8 is the ablation).")] = 48,
    steps: Annotated[int, typer.Option(help="Optimizer steps.")] = 100,
    batch_size: Annotated[int, typer.Option(help="Examples per batch.")] = 4,
    grad_accum: Annotated[int, typer.Option(help="Batches per optimizer step.")] = 1,
    lr: Annotated[float, typer.Option(help="Peak learning rate.")] = 5e-4,
    warmup: Annotated[int, typer.Option(help="Warm-up steps.")] = 10,
    save_every: Annotated[int, typer.Option(help="Steps between checkpoints.")] = 50,
    max_code_tokens: Annotated[Optional[int], typer.Option(help="Truncate slow code and targets to N tokens.")] = None,
    resume: Annotated[bool, typer.Option(help="Continue from the newest checkpoint in --out.")] = False,
    seed: Annotated[int, typer.Option(help="Seed.")] = 0,
    device: Annotated[str, typer.Option(help="cpu or cuda.")] = "cpu",
) -> None:
    """Train an E-code model on EPC examples."""
    _torch_imports()
    import torch

    from effilab.models.ecode import ECodeConfig, ECodeModel, tiny_config
    from effilab.models.ecode_inputs import ECodeTokenizers, train_tokenizers
    from effilab.training.ecode import ECodeTrainConfig, latest_checkpoint, train

    examples = _examples(data)
    ablations = {"expert_group": expert_group, "single_encoder_layers": single_layers,
                 "enlarge_activation": "relu" if relu else None, "cross_attention_heads": heads}
    if max_code_tokens:
        ablations["max_code_tokens"] = max_code_tokens
    torch.manual_seed(seed)
    checkpoint = latest_checkpoint(out_dir) if resume else None
    try:
        if checkpoint is not None:
            tokenizers, model = ECodeTokenizers.load(checkpoint), ECodeModel.load(checkpoint)
        elif size == "tiny":
            tokenizers = train_tokenizers([v for e in examples for v in e.parts.values()],
                                          [c for e in examples for c in (e.slow_code, *e.references)])
            model = ECodeModel(tiny_config(len(tokenizers.nl), len(tokenizers.code), **tokenizers.config_ids(),
                                           **ablations))
        elif size == "full":
            if expert_dir is None or code_dir is None:
                fail("--size full needs --expert-dir (a local BERT) and --code-dir (a local GPT-Neo)")
            tokenizers = ECodeTokenizers.from_dirs(expert_dir, code_dir)
            config = ECodeConfig(**tokenizers.config_ids(), **ablations)
            model = ECodeModel.from_pretrained_parts(config, expert_dir, code_dir)
            if len(tokenizers.code) != model.config.code["vocab_size"]:
                model.resize_code_vocab(len(tokenizers.code))
        else:
            fail(f"--size is tiny or full, not {size!r}")
    except (OSError, ValueError) as exc:
        fail(str(exc))
    config = ECodeTrainConfig(output_dir=str(out_dir), max_steps=steps, batch_size=batch_size, grad_accum=grad_accum,
                              learning_rate=lr, warmup_steps=warmup, save_every=save_every, seed=seed, resume=resume,
                              device=device)
    parameters = sum(p.numel() for p in model.parameters())
    with _progress() as progress:
        bar = progress.add_task("training", total=steps)

        def on_step(log) -> None:
            progress.update(bar, completed=log.step, description=f"training (loss {log.loss:.3f})")

        history = train(model, tokenizers, examples, config, on_step)
    table = Table(title="E-code training")
    for column in ("parameters", "examples", "steps", "first loss", "last loss"):
        table.add_column(column)
    table.add_row(f"{parameters:,}", str(len(examples)), str(len(history)),
                  f"{history[0].loss:.4f}" if history else "-", f"{history[-1].loss:.4f}" if history else "-")
    out.print(table)
    (out_dir / "history.json").write_text(json.dumps([vars(h) for h in history]))
    out.print(f"wrote {out_dir / 'final'} (model and tokenizers), {out_dir / 'history.json'}")


def _load_model(folder: Path, device: str):
    _torch_imports()
    from effilab.models.ecode import ECodeModel
    from effilab.models.ecode_inputs import ECodeTokenizers

    try:
        return ECodeModel.load(folder, device), ECodeTokenizers.load(folder)
    except (OSError, ValueError) as exc:
        fail(f"{folder}: cannot load an E-code model ({exc})")


@ecode_app.command("generate")
def generate(
    model_dir: Annotated[Path, typer.Option("--model", help="A saved E-code model (e.g. runs/ecode/final).")],
    data: Annotated[Path, typer.Option(help="EPC examples (JSONL).")],
    out_path: Annotated[Path, typer.Option("--out", help="Samples JSONL.")] = Path("runs/ecode/samples.jsonl"),
    k: Annotated[int, typer.Option("-k", help="Samples per example.")] = 5,
    max_new_tokens: Annotated[int, typer.Option(help="Most tokens per sample.")] = 384,
    temperature: Annotated[float, typer.Option(help="Sampling temperature.")] = 0.25,
    top_k: Annotated[int, typer.Option(help="Top-k.")] = 50,
    top_p: Annotated[float, typer.Option(help="Top-p.")] = 0.95,
    greedy: Annotated[bool, typer.Option(help="Greedy decoding (k must be 1).")] = False,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N examples.")] = None,
    seed: Annotated[int, typer.Option(help="Sampling seed.")] = 0,
    device: Annotated[str, typer.Option(help="cpu or cuda.")] = "cpu",
) -> None:
    """Generate efficient-code samples for EPC examples."""
    from effilab.optimize.ecode_eval import ModelSampler

    examples = _examples(data)[:limit]
    if greedy and k != 1:
        fail("--greedy gives one sample per example: use -k 1")
    model, tokenizers = _load_model(model_dir, device)
    sampler = ModelSampler(model, tokenizers, k=k, max_new_tokens=max_new_tokens, temperature=temperature,
                           top_k=top_k, top_p=top_p, do_sample=not greedy, seed=seed, device=device)
    with _progress() as progress:
        bar = progress.add_task("generating", total=len(examples))
        samples = sampler(examples, lambda n: progress.advance(bar, n))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as handle:
        for ex, outs in zip(examples, samples):
            handle.write(json.dumps({"task_id": ex.task_id, "slow_name": ex.slow_name, "completions": outs}) + "\n")
    empty = sum(not s.strip() for outs in samples for s in outs)
    out.print(f"{len(examples)} examples x {k} samples ({empty} empty); wrote {out_path}")


def _read_samples(path: Path, examples) -> list[list[str]]:
    from effilab.tasks.io import DataError, iter_json_lines

    found = {}
    try:
        for number, obj in iter_json_lines(path):
            if not isinstance(obj, dict) or not isinstance(obj.get("completions"), list):
                fail(f"{path}:{number}: expected {{task_id, slow_name, completions: [...]}}")
            found[(obj.get("task_id"), obj.get("slow_name", ""))] = [str(c) for c in obj["completions"]]
    except DataError as exc:
        fail(str(exc))
    missing = [(e.task_id, e.slow_name) for e in examples if (e.task_id, e.slow_name) not in found]
    if missing:
        fail(f"{path}: no samples for {missing[0][0]} ({missing[0][1]}) and {len(missing) - 1} more examples")
    return [found[(e.task_id, e.slow_name)] for e in examples]


def _predictor(spec: str):
    """A run-time predictor folder (from `effilab predictor train`: its wall-time regressor), or 'module:function'
    with function(task, code) -> seconds."""
    import importlib

    if Path(spec).exists():
        from effilab.models.runtime_predictor import RuntimePredictor

        try:
            model = RuntimePredictor.load(spec)
        except (FileNotFoundError, ValueError) as exc:
            fail(f"--predictor {spec}: {exc}")
        if model.models.get("regressor:wall_us") is None:
            fail(f"--predictor {spec} has no wall-time regressor (train it on a database with timed rows)")
        return lambda task, code: float(model.predict_cost([code], "wall_us")[0]) / 1e6
    module_name, sep, attr = spec.partition(":")
    if not sep:
        fail(f"--predictor is a predictor folder or 'module:function', got {spec!r}")
    try:
        function = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        fail(f"--predictor {spec}: {exc}")
    if not callable(function):
        fail(f"--predictor {spec} is not callable")
    return function


@ecode_app.command("eval")
def evaluate_cmd(
    data: Annotated[Path, typer.Option(help="EPC examples (JSONL) to evaluate on.")],
    tasks: Annotated[str, typer.Option(help="Where the examples' tasks (tests, workloads) come from.")] = "suite",
    samples: Annotated[Optional[Path], typer.Option(help="Samples JSONL (from `effilab ecode generate`).")] = None,
    model_dir: Annotated[Optional[Path], typer.Option("--model", help="Generate with this model instead.")] = None,
    copy: Annotated[bool, typer.Option("--copy", help="Baseline: the slow input unchanged.")] = False,
    k: Annotated[int, typer.Option("-k", help="Samples per example (with --model / --copy).")] = 5,
    max_new_tokens: Annotated[int, typer.Option(help="Most tokens per sample (with --model).")] = 384,
    ks: Annotated[str, typer.Option(help="Sample sizes of the selection table.")] = "1,3,5",
    measure: Annotated[bool, typer.Option(help="Measure time for EGR (passing samples only).")] = True,
    repeats: Annotated[int, typer.Option(help="Timed repeats per code.")] = 3,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N examples.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for results.jsonl and summary.json.")] = Path(
        "runs/ecode-eval"),
    sandbox: Annotated[str, typer.Option(help="auto, bwrap or process.")] = "auto",
    predictor: Annotated[Optional[str], typer.Option(help="For the predicted-time EGR: a run-time predictor folder "
                                                          "(`effilab predictor train`) or 'module:function' with "
                                                          "function(task, code) -> predicted seconds.")] = None,
    seed: Annotated[int, typer.Option(help="Sampling seed.")] = 0,
    workers: Annotated[Optional[int], typer.Option(help="Samples judged at once (default: the executor's).")] = None,
    executor_name: ExecutorName = "local",
    ray_address: RayAddress = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """CodeBLEU, compile rate, I/O pass, EGR per difficulty and with efficiency-first selection."""
    from effilab.optimize.ecode_eval import ECodeEvalConfig, copy_baseline, evaluate_samples, result_row, summarize

    if sum(x is not None and x is not False for x in (samples, model_dir, copy or None)) != 1:
        fail("give exactly one of --samples, --model, --copy")
    try:
        sizes = tuple(int(x) for x in ks.split(",") if x.strip())
    except ValueError:
        fail(f"--ks is a comma-separated list of integers, got {ks!r}")
    examples = _examples(data)[:limit]
    by_id = {t.id: t for t in load(tasks)}
    predict_time = _predictor(predictor) if predictor else None
    executor = executor_from_options(executor_name, workers, ray_address)
    with _progress() as progress:
        if samples is not None:
            outputs = _read_samples(samples, examples)
        elif copy:
            outputs = copy_baseline(examples, k)
        else:
            from effilab.optimize.ecode_eval import ModelSampler

            model, tokenizers = _load_model(model_dir, "cpu")
            bar = progress.add_task("generating", total=len(examples))
            outputs = ModelSampler(model, tokenizers, k=k, max_new_tokens=max_new_tokens, seed=seed)(
                examples, lambda n: progress.advance(bar, n))
        total = sum(len(o) for o in outputs)
        bars = {"codebleu": progress.add_task("codebleu", total=total),
                "judge": progress.add_task("judging", total=total),
                "measure": progress.add_task("measuring", total=None)}

        def advance(stage: str, n: int) -> None:
            progress.advance(bars[stage], n)

        try:
            results = evaluate_samples(examples, outputs, by_id, ECodeEvalConfig(
                ks=sizes, measure=measure, repeats=repeats, sandbox=sandbox), predict_time=predict_time,
                progress=advance, executor=executor)
        except (ValueError, NotImplementedError, ImportError) as exc:
            fail(str(exc))
    summary = summarize(results, sizes)
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as handle:
        for r in results:
            handle.write(json.dumps(result_row(r)) + "\n")
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=1))
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(title=f"E-code evaluation: {summary['examples']} examples, {len(results)} samples")
    columns = ["group", "samples", "CodeBLEU", "compile", "I/O pass", "full pass", "EGR (measured)"]
    if predict_time is not None:
        columns.append("EGR (predicted)")
    for column in columns:
        table.add_column(column)

    def fmt(value) -> str:
        return "-" if value is None else f"{value:.3f}"

    for name, row in [("all", summary["overall"]), *summary["by_difficulty"].items()]:
        cells = [name, str(row["samples"]), fmt(row["codebleu"]), fmt(row["compile_rate"]), fmt(row["io_pass_rate"]),
                 fmt(row["full_pass_rate"]), fmt(row["egr_measured"])]
        table.add_row(*cells, *([fmt(row["egr_predicted"])] if predict_time is not None else []))
    out.print(table)
    if summary["selection"]:
        sel = Table(title="efficiency-first selection")
        for column in ("setting", "full pass", "I/O pass", "EGR", "CodeBLEU"):
            sel.add_column(column)
        for name, row in summary["selection"].items():
            sel.add_row(name, fmt(row["full_pass_rate"]), fmt(row["io_pass_rate"]), fmt(row["egr_measured"]),
                        fmt(row["codebleu"]))
        out.print(sel)
    out.print(f"wrote {out_dir / 'results.jsonl'}, {out_dir / 'summary.json'}")
