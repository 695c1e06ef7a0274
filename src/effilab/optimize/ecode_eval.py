"""Evaluating EPC outputs as E-code's Tables 1-3 do: CodeBLEU, compile rate, I/O pass, EGR, per difficulty, and with
efficiency-first selection among k samples.

Per sample: CodeBLEU against the task's efficient references (max, with components); compiles (Python: `compile()`,
which parses and builds bytecode without running anything; C++: g++ through `effilab.languages.cpp` when present);
the share of tests passed and whether all passed (judged in the sandbox by `effilab.execution.evaluate`); EGR =
(T_slow - T_sample) / T_slow with T measured on the task's workload (the slow input and the sample in one job,
interleaved, by `effilab.measure`), only for samples that pass every test; and, given a run-time predictor, EGR with
predicted times.

Selection with k samples (k in `ks`): "submit k" credits an example with its best sample (any full pass; the highest
EGR among full passes); "submit 1" picks one sample first, efficiency-first: among the samples that compile and pass
the visible tests (those named `sample*`; every test when a task names none), the one with the lowest predicted time
when a predictor is given, else the lowest measured time, else the first; the example is credited with that one.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from effilab.metrics.codebleu import codebleu_max
from effilab.metrics.efficiency import egr
from effilab.pipelines.epc import EPCExample
from effilab.tasks.models import Candidate, Task

PredictTime = Callable[[Task, str], float]


@dataclass(frozen=True)
class ECodeEvalConfig:
    ks: tuple[int, ...] = (1, 3, 5)
    measure: bool = True  # EGR from measured time (passing samples only)
    repeats: int = 3
    sandbox: str = "auto"
    workers: int | None = None  # sandbox runs in parallel (None: the executor's default)


@dataclass
class SampleResult:
    task_id: str
    slow_name: str
    sample: int
    code: str
    difficulty: str | None
    compiles: bool
    codebleu: dict
    status: str = "not_run"
    tests_passed: int = 0
    tests_total: int = 0
    visible_passed: bool = False
    full_pass: bool = False
    time_s: float | None = None
    slow_time_s: float | None = None
    egr: float | None = None
    predicted_egr: float | None = None
    predicted_time_s: float | None = None

    @property
    def io_pass_rate(self) -> float:
        return self.tests_passed / self.tests_total if self.tests_total else 0.0


def compiles(code: str, language: str) -> bool:
    """Whether the code builds: Python bytecode compilation (nothing runs), or g++ for C++."""
    if language == "python":
        with warnings.catch_warnings():  # model output is full of odd literals; their warnings are noise here
            warnings.simplefilter("ignore")
            try:
                compile(code, "<candidate>", "exec", dont_inherit=True)
            except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError):
                return False
        return True
    if language == "cpp":
        from effilab.languages.cpp import compile_check  # g++ in the sandbox: compile and link, errors fail

        return compile_check(code, policy="errors").good
    raise ValueError(f"no compile check for language {language!r}")


def _visible(task: Task) -> set[int]:
    named = {i for i, t in enumerate(task.tests) if (t.name or "").startswith("sample")}
    return named or set(range(len(task.tests)))


def evaluate_samples(examples: Sequence[EPCExample], samples: Sequence[Sequence[str]], tasks: dict[str, Task],
                     config: ECodeEvalConfig = ECodeEvalConfig(), predict_time: PredictTime | None = None,
                     progress: Callable[[str, int], None] | None = None, executor=None) -> list[SampleResult]:
    """Score every sample of every example; `samples[i]` are the outputs for `examples[i]`. The tests run on
    `executor` (default: a local pool of `config.workers`; a Ray executor spreads them over a cluster)."""
    from effilab.execution.evaluate import EvalConfig, evaluate
    from effilab.execution.executor import LocalExecutor

    if len(samples) != len(examples):
        raise ValueError(f"{len(samples)} sample lists for {len(examples)} examples")
    missing = sorted({ex.task_id for ex in examples} - tasks.keys())
    if missing:
        raise ValueError(f"examples name tasks that were not loaded: {', '.join(missing[:5])}")
    results: list[SampleResult] = []
    for ex, outs in zip(examples, samples):
        for j, code in enumerate(outs):
            score = codebleu_max(code, list(ex.references) or [ex.efficient_code], ex.language)
            results.append(SampleResult(ex.task_id, ex.slow_name, j, code, ex.difficulty, compiles(code, ex.language),
                                        score.as_dict()))
        if progress:
            progress("codebleu", len(outs))

    executor = executor or LocalExecutor(config.workers)
    candidates = [Candidate(task_id=r.task_id, code=r.code, origin={"sample": r.sample}) for r in results]
    judged = evaluate(list({r.task_id: tasks[r.task_id] for r in results}.values()), candidates,
                      EvalConfig(sandbox=config.sandbox), executor=executor,
                      on_result=(lambda _: progress("judge", 1)) if progress else None)
    for result, outcome in zip(results, judged):
        verdict, task = outcome.verdict, tasks[result.task_id]
        ok = {t.index for t in verdict.tests if t.status == "ok"}
        result.status = verdict.status
        result.tests_total = len(task.tests)
        result.tests_passed = len(ok) if not verdict.passed else len(task.tests)
        result.full_pass = verdict.passed
        result.visible_passed = verdict.passed or _visible(task) <= ok

    if config.measure:
        _measure(examples, results, tasks, config, progress)
    if predict_time is not None:
        slow_of = {(ex.task_id, ex.slow_name): ex.slow_code for ex in examples}
        for r in results:
            if r.compiles:
                task = tasks[r.task_id]
                r.predicted_time_s = predict_time(task, r.code)
                slow = predict_time(task, slow_of[(r.task_id, r.slow_name)])
                r.predicted_egr = egr(slow, r.predicted_time_s) if slow > 0 else None
    return results


def _measure(examples, results, tasks, config, progress) -> None:
    """Slow input and passing samples of one example, measured together, interleaved."""
    from effilab.measure.engine import MeasureSpec, measure_codes
    from effilab.sandbox import Limits, get_sandbox

    sandbox = get_sandbox(config.sandbox)
    spec = MeasureSpec(time=True, memory=False, instructions=False, repeats=config.repeats, nice=None)
    by_example: dict[tuple[str, str], list[SampleResult]] = defaultdict(list)
    for r in results:
        if r.full_pass:
            by_example[(r.task_id, r.slow_name)].append(r)
    for ex in examples:
        passing = by_example.get((ex.task_id, ex.slow_name), [])
        task = tasks[ex.task_id]
        if not passing or task.workload is None or not task.workload.generator:
            continue
        codes = [ex.slow_code, *dict.fromkeys(r.code for r in passing)]
        measured = measure_codes(task, codes, sandbox, spec, Limits(wall_s=120, cpu_s=120))
        times = {code: m.wall_s for code, m in zip(codes, measured)}
        slow = times[ex.slow_code]
        for r in passing:
            r.slow_time_s, r.time_s = slow, times.get(r.code)
            if slow and r.time_s is not None:
                r.egr = egr(slow, r.time_s)
        if progress:
            progress("measure", 1)


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None and math.isfinite(v)]
    return sum(present) / len(present) if present else None


def _select_one(group: list[SampleResult]) -> SampleResult:
    """Efficiency-first choice of one sample to submit (see the module docstring)."""
    visible = [r for r in group if r.compiles and r.visible_passed] or group
    if any(r.predicted_time_s is not None for r in visible):
        return min(visible, key=lambda r: (r.predicted_time_s is None, r.predicted_time_s or 0.0))
    if any(r.time_s is not None for r in visible):
        return min(visible, key=lambda r: (r.time_s is None, r.time_s or 0.0))
    return visible[0]


def _table(results: Sequence[SampleResult]) -> dict:
    """Per-sample means: CodeBLEU and its components, compile rate, I/O pass rate, full-pass rate, EGR."""
    if not results:
        return {"samples": 0}
    n = len(results)
    return {
        "samples": n,
        "codebleu": _mean([r.codebleu["codebleu"] for r in results]),
        "ngram": _mean([r.codebleu["ngram"] for r in results]),
        "weighted_ngram": _mean([r.codebleu["weighted_ngram"] for r in results]),
        "syntax": _mean([r.codebleu["syntax"] for r in results]),
        "dataflow": _mean([r.codebleu["dataflow"] for r in results]),
        "codebleu_package": _mean([r.codebleu["package_codebleu"] for r in results]),
        "compile_rate": sum(r.compiles for r in results) / n,
        "io_pass_rate": sum(r.io_pass_rate for r in results) / n,
        "full_pass_rate": sum(r.full_pass for r in results) / n,
        "egr_measured": _mean([r.egr for r in results]),  # over full passes that were measured
        "egr_measured_n": sum(r.egr is not None for r in results),
        "egr_predicted": _mean([r.predicted_egr for r in results]),
    }


def summarize(results: Sequence[SampleResult], ks: Sequence[int] = (1, 3, 5)) -> dict:
    """Overall and per-difficulty tables over all samples, and the selection table (sample k, submit 1 / k)."""
    by_difficulty: dict[str, list[SampleResult]] = defaultdict(list)
    for r in results:
        by_difficulty[r.difficulty or "unknown"].append(r)
    groups: dict[tuple[str, str], list[SampleResult]] = defaultdict(list)
    for r in results:
        groups[(r.task_id, r.slow_name)].append(r)
    selection = {}
    for k in ks:
        firsts = [sorted(g, key=lambda r: r.sample)[:k] for g in groups.values()]
        if any(len(g) < k for g in firsts):
            continue  # not enough samples for this k
        one = [_select_one(g) for g in firsts]
        selection[f"sample{k}_submit1"] = {
            "full_pass_rate": sum(r.full_pass for r in one) / len(one),
            "io_pass_rate": sum(r.io_pass_rate for r in one) / len(one),
            "egr_measured": _mean([r.egr for r in one]),
            "codebleu": _mean([r.codebleu["codebleu"] for r in one]),
        }
        best_egr = [max((r.egr for r in g if r.egr is not None), default=None) for g in firsts]
        selection[f"sample{k}_submit{k}"] = {
            "full_pass_rate": sum(any(r.full_pass for r in g) for g in firsts) / len(firsts),
            "io_pass_rate": sum(max(r.io_pass_rate for r in g) for g in firsts) / len(firsts),
            "egr_measured": _mean(best_egr),
            "codebleu": _mean([max(r.codebleu["codebleu"] for r in g) for g in firsts]),
        }
    return {
        "examples": len(groups),
        "overall": _table(results),
        "by_difficulty": {d: _table(rs) for d, rs in sorted(by_difficulty.items())},
        "selection": selection,
    }


def copy_baseline(examples: Sequence[EPCExample], k: int = 1) -> list[list[str]]:
    """The floor every model must beat: hand back the slow input unchanged."""
    return [[ex.slow_code] * k for ex in examples]


def result_row(result: SampleResult) -> dict:
    return {**asdict(result), "io_pass_rate": result.io_pass_rate}


@dataclass
class ModelSampler:
    """Draws k samples per example from an E-code model (batched, KV-cached)."""

    model: object
    tokenizers: object
    k: int = 5
    max_new_tokens: int = 384
    temperature: float = 0.25
    top_k: int = 50
    top_p: float = 0.95
    do_sample: bool = True
    batch_size: int = 4
    seed: int = 0
    device: str = "cpu"
    log: list = field(default_factory=list)

    def __call__(self, examples: Sequence[EPCExample], progress: Callable[[int], None] | None = None) -> list[
            list[str]]:
        from effilab.models.ecode_inputs import decode, encode_batch, to_device

        self.model.eval()
        out: list[list[str]] = []
        for start in range(0, len(examples), self.batch_size):
            chunk = examples[start:start + self.batch_size]
            batch = to_device(encode_batch(chunk, self.tokenizers, self.model.config, with_target=False), self.device)
            ids = self.model.generate(batch, max_new_tokens=self.max_new_tokens, do_sample=self.do_sample,
                                      temperature=self.temperature, top_k=self.top_k, top_p=self.top_p,
                                      num_return_sequences=self.k, seed=self.seed + start)
            texts = decode(self.tokenizers, ids)
            out += [texts[i * self.k:(i + 1) * self.k] for i in range(len(chunk))]
            if progress:
                progress(len(chunk))
        return out
