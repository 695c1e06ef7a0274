"""The stages of the Effi-Code pipeline. Each takes the batch of records and the stage context; the ones that need
a model use a `Generator`, the ones that run code go through effilab's sandbox (`execution.evaluate`,
`measure.measure_codes`): model-written code never runs in this process."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from typing import Any

from effilab.generation.base import Generator
from effilab.pipelines.effi_code.config import EffiCodeConfig, InstructionSource
from effilab.pipelines.effi_code.sources import from_instructions, from_tasks, normalize_tests
from effilab.pipelines.effi_code.static_checks import (defines, looks_algorithmic, risky_operations,
                                                       script_to_function)
from effilab.pipelines.framework import Record, StageContext
from effilab.tasks.models import Candidate, Task

OPTIMIZE_PROMPT = """Rewrite the Python solution below so that it is as efficient as possible (time first, then
memory) while returning exactly the same results. Keep the function name and signature `{entry_point}`.
Answer with the complete code in one ```python block.

Task:
{prompt}

Original solution:
```python
{code}
```
"""

TESTS_PROMPT = """Write {count} test cases for the function `{entry_point}` of the task below, covering edge cases.
Answer with a JSON list only: [{{"args": [<positional arguments>], "expected": <return value>}}, ...]

Task:
{prompt}
"""

ALGORITHMIC_PROMPT = """Is the following an algorithmic programming task, one where the choice of algorithm or data
structure decides how fast a correct solution runs? Answer yes or no.

Task:
{prompt}
"""

RISKY_PROMPT = """Does the following Python code do anything besides computing its result: read or write files, use
the network, start processes, change the environment or the system, or loop or allocate without bound on purpose?
Answer yes or no.

```python
{code}
```
"""

TRAIN_PROMPT = "Write an efficient Python solution to the following task.\n\n{prompt}"

CODE_BLOCK = re.compile(r"```(?:python|py)?[ \t]*\n(.*?)```", re.DOTALL)


def extract_code(reply: str) -> str:
    """The last fenced code block of a reply (models often show the original first), else the whole reply."""
    blocks = CODE_BLOCK.findall(reply)
    return (blocks[-1] if blocks else reply).strip() + "\n"


def _task(record: Record) -> Task:
    return Task.model_validate(record["task"])


def _measure_job(job: tuple[Task, list[str]], sandbox, spec, limits):
    """Measure one task's codes together (the original first), interleaved."""
    from effilab.measure.engine import measure_codes

    task, codes = job
    return measure_codes(task, codes, sandbox, spec, limits)


class EffiCodeStages:
    """The stages, bound to one config, generator and sandbox (created lazily: a resumed run may need neither)."""

    def __init__(self, config: EffiCodeConfig, generator: Generator | None = None, sandbox=None,
                 executor=None) -> None:
        self.config, self._generator, self._sandbox = config, generator, sandbox
        self._executor = executor  # where sandbox jobs run (None: a local thread pool)

    @property
    def executor(self):
        if self._executor is None:
            from effilab.execution.executor import LocalExecutor

            self._executor = LocalExecutor()
        return self._executor

    @property
    def generator(self) -> Generator:
        if self._generator is None:
            from effilab.generation.registry import get_generator

            self._generator = get_generator(self.config.generator, **self.config.generator_options)
        return self._generator

    @property
    def sandbox(self):
        if self._sandbox is None:
            from effilab.sandbox import get_sandbox

            self._sandbox = get_sandbox(self.config.sandbox)
        return self._sandbox

    def _ask(self, prompts: list[str], n: int, temperature: float) -> list[list[str]]:
        replies = self.generator.generate(prompts, n=n, temperature=temperature, max_tokens=self.config.max_tokens)
        return [[c.text for c in options] for options in replies]

    # -- stages ----------------------------------------------------------------------------------------------

    def ingest(self, records: list[Record], ctx: StageContext) -> list[Record]:
        out = list(records)
        for source in self.config.sources:
            out += from_instructions(source, ctx) if isinstance(source, InstructionSource) else from_tasks(source, ctx)
        return out

    def to_function(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """Solutions must be callable functions: script-style ones (read stdin, print) become `solve(stdin)`."""
        kept = []
        for record in records:
            entry = record["task"].get("entry_point")
            if entry and defines(record["original"], entry):
                kept.append(record)
                continue
            converted = script_to_function(record["original"])
            if converted is None:
                ctx.drop(record, "no function form")
                continue
            record["task"]["entry_point"] = "solve"
            record["original"] = converted
            record["provenance"]["converted_from_script"] = True
            kept.append(record)
        return kept

    def risky_filter(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """The static AST check drops what it flags; with `risky_judge`, the model is also asked about the code the
        check let through, and a "yes" drops it too (the judge can only remove, never readmit)."""
        kept = []
        for record in records:
            found = risky_operations(record["original"])
            if found:
                record["risky"] = found
                ctx.drop(record, "risky operation")
            else:
                kept.append(record)
        if not (self.config.risky_judge and kept):
            return kept
        prompts = [RISKY_PROMPT.format(code=r["original"]) for r in kept]
        cleared = []
        for record, (reply,) in zip(kept, self._ask(prompts, 1, 0.0)):
            risky = reply.strip().lower().startswith("yes")
            record["provenance"]["risky_judge"] = "yes" if risky else "no"
            if risky:
                ctx.drop(record, "risky operation (model)")
            else:
                cleared.append(record)
        return cleared

    def construct_tests(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """Ask the model for test cases where configured; they are only candidates until `validate_tests`."""
        mode = self.config.tests.mode
        asking = [r for r in records if mode == "always" or (mode == "missing" and not r["task"].get("tests"))]
        if asking:
            prompts = [TESTS_PROMPT.format(count=self.config.tests.count, entry_point=r["task"]["entry_point"],
                                           prompt=r["task"]["prompt"]) for r in asking]
            for record, (reply,) in zip(asking, self._ask(prompts, 1, 0.0)):
                tests = _parse_tests(reply)
                record["task"]["tests"] = list(record["task"].get("tests") or []) + tests
                record["provenance"]["model_tests"] = len(tests)
        kept = []
        for record in records:
            if record["task"].get("tests"):
                kept.append(record)
            else:
                ctx.drop(record, "no tests")
        return kept

    def validate_tests(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """Run the original solution on every test in the sandbox; a test it fails is wrong and is removed."""
        from effilab.execution.evaluate import EvalConfig, evaluate
        from effilab.sandbox import Limits

        tasks, candidates = [], []
        for record in records:
            tasks.append(Task.model_validate({**record["task"], "tests": record["task"]["tests"]}))
            candidates.append(Candidate(task_id=record["id"], code=record["original"], origin={"role": "original"}))
        limits = Limits(wall_s=self.config.timeout_s, cpu_s=self.config.timeout_s)
        results = evaluate(tasks, candidates, EvalConfig(sandbox=self.config.sandbox, limits=limits),
                           sandbox=self.sandbox, executor=self.executor)
        kept, removed = [], 0
        for record, result in zip(records, results):
            verdict = result.verdict
            ok = {o.index for o in verdict.tests if o.status == "ok"}
            if verdict.status not in ("passed", "failed") or not verdict.tests:
                ctx.drop(record, f"original does not run ({verdict.status})")
                continue
            tests = [t for i, t in enumerate(record["task"]["tests"]) if i in ok]
            removed += len(record["task"]["tests"]) - len(tests)
            record["provenance"]["tests_removed"] = len(record["task"]["tests"]) - len(tests)
            if len(tests) < self.config.tests.min_valid:
                ctx.drop(record, "no valid tests")
                continue
            record["task"]["tests"] = tests
            kept.append(record)
        ctx.notes["tests_removed"] = removed
        return kept

    def algorithmic_filter(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """Model judge (yes/no); where it gives no clear answer, or is switched off, the static check decides."""
        answers: list[str | None] = [None] * len(records)
        if self.config.algorithmic_judge and records:
            prompts = [ALGORITHMIC_PROMPT.format(prompt=r["task"]["prompt"]) for r in records]
            for i, (reply,) in enumerate(self._ask(prompts, 1, 0.0)):
                word = reply.strip().lower()
                answers[i] = "yes" if word.startswith("yes") else "no" if word.startswith("no") else None
        kept = []
        for record, answer in zip(records, answers):
            judged = answer if answer is not None else ("yes" if looks_algorithmic(record["original"]) else "no")
            record["provenance"]["algorithmic"] = {"answer": judged, "by": "model" if answer else "static"}
            if judged == "yes":
                kept.append(record)
            else:
                ctx.drop(record, f"not algorithmic ({'model' if answer else 'static'})")
        return kept

    def workload(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """Every task needs a workload to be measured: its own (sizes optionally replaced), else its tests
        repeated (deterministic, small, but enough for instruction counts to separate algorithms)."""
        sizes = self.config.measure.sizes
        for record in records:
            work = record["task"].get("workload")
            if work and work.get("generator"):
                if sizes:
                    work["sizes"] = list(sizes)
                continue
            cases = [t["args"] for t in record["task"]["tests"]]
            record["task"]["workload"] = {"generator": workload_from_tests(cases, self.config.measure.workload_repeat),
                                          "sizes": [1], "seed": 0}
            record["provenance"]["workload"] = "tests repeated"
        return records

    def _soap_codes(self, records: list[Record], ctx: StageContext) -> list[list[str]]:
        """Every code the SOAP loop tried on each record (accepted or not), in round order."""
        try:
            from effilab.optimize.soap import SoapConfig, optimize_code
        except ImportError as exc:
            raise ImportError(f"optimizer: soap needs effilab.optimize.soap (the SOAP issue): {exc}") from exc
        soap = SoapConfig(rounds=self.config.soap_rounds, objective=self.config.soap_objective,
                          temperature=self.config.temperature, max_tokens=self.config.max_tokens)
        out, accepted = [], 0
        for record in records:
            result = optimize_code(_task(record), record["original"], self.generator, self.sandbox, soap)
            out.append([r.code for r in result.rounds if r.code])
            accepted += sum(r.accepted for r in result.rounds)
            record["provenance"]["soap"] = [r.decision for r in result.rounds]
        ctx.notes["soap_accepted_rounds"] = accepted
        return out

    def optimize(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """Optimised versions of each original solution: `samples` at once, or the codes of a SOAP loop."""
        if not records:
            return records
        if self.config.optimizer == "soap":
            proposals = [[c.strip() + "\n" for c in codes] for codes in self._soap_codes(records, ctx)]
        else:
            prompts = [OPTIMIZE_PROMPT.format(entry_point=r["task"]["entry_point"], prompt=r["task"]["prompt"],
                                              code=r["original"].rstrip()) for r in records]
            replies = self._ask(prompts, self.config.samples, self.config.temperature)
            proposals = [[extract_code(reply) for reply in options] for options in replies]
        kept = []
        for record, options in zip(records, proposals):
            codes: list[str] = []
            for code in options:
                if code.strip() and code not in codes and code != record["original"]:
                    codes.append(code)
            record["candidates"] = [{"code": c, "sample": i} for i, c in enumerate(codes)]
            record["provenance"]["generator"] = self.generator.name
            if codes:
                kept.append(record)
            else:
                ctx.drop(record, "no new code in replies")
        return kept

    def judge(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """Judge every candidate on the (validated) tests in the sandbox."""
        from effilab.execution.evaluate import EvalConfig, evaluate
        from effilab.sandbox import Limits

        tasks = [_task(r) for r in records]
        candidates = [Candidate(task_id=r["id"], code=c["code"]) for r in records for c in r["candidates"]]
        limits = Limits(wall_s=self.config.timeout_s, cpu_s=self.config.timeout_s)
        results = evaluate(tasks, candidates, EvalConfig(sandbox=self.config.sandbox, limits=limits),
                           sandbox=self.sandbox, executor=self.executor)
        verdicts = {(r.candidate.task_id, r.candidate.code): r.verdict for r in results}
        kept = []
        for record in records:
            for cand in record["candidates"]:
                verdict = verdicts[(record["id"], cand["code"])]
                cand["status"], cand["reason"] = verdict.status, verdict.reason
            if any(c["status"] == "passed" for c in record["candidates"]):
                kept.append(record)
            else:
                ctx.drop(record, "no correct candidate")
        return kept

    def measure(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """Measure the original and the correct candidates of each task together, interleaved, in the sandbox."""
        from effilab.measure.engine import MeasureSpec
        from effilab.sandbox import Limits

        m = self.config.measure
        by_instructions = m.cost == "instructions"
        spec = MeasureSpec(time=not by_instructions, memory=False, instructions=by_instructions, repeats=m.repeats,
                           instruction_calls_per_size=m.calls_per_size)
        limits = Limits(wall_s=max(60.0, self.config.timeout_s), cpu_s=max(60.0, self.config.timeout_s))

        def codes_of(record: Record) -> list[str]:
            return [record["original"]] + [c["code"] for c in record["candidates"] if c["status"] == "passed"]

        jobs = [(_task(r), codes_of(r)) for r in records]  # plain data: a job can go to a thread or a Ray worker
        work = functools.partial(_measure_job, sandbox=self.sandbox, spec=spec, limits=limits)
        by_job = {id(job): ms for job, ms in self.executor.map_unordered(work, jobs)}
        results = {id(r): by_job[id(job)] for r, job in zip(records, jobs)}
        kept = []
        for record in records:
            measurements = results[id(record)]
            costs = [_cost(mm, m.cost) for mm in measurements]
            if costs[0] is None:
                ctx.drop(record, "original not measurable")
                continue
            record["original_cost"] = costs[0]
            record["original_interval"] = measurements[0].wall_ci_s
            passed = [c for c in record["candidates"] if c["status"] == "passed"]
            for cand, cost, mm in zip(passed, costs[1:], measurements[1:]):
                cand["cost"], cand["interval"] = cost, mm.wall_ci_s
            record["cost_kind"] = m.cost
            kept.append(record)
        return kept

    def select(self, records: list[Record], ctx: StageContext) -> list[Record]:
        """Keep a task only if its best correct candidate beats the original beyond the noise: by min_gain on the
        instruction count, or, on wall time, by min_gain and with bootstrap intervals that do not overlap."""
        gain = self.config.measure.min_gain
        kept = []
        for record in records:
            measured = [c for c in record["candidates"] if c.get("cost") is not None]
            if not measured:
                ctx.drop(record, "no measured candidate")
                continue
            best = min(measured, key=lambda c: c["cost"])
            if not _clearly_faster(best["cost"], best.get("interval"), record["original_cost"],
                                   record.get("original_interval"), gain):
                ctx.drop(record, "not more efficient than the original")
                continue
            record["best"] = best["sample"]
            record["speedup"] = record["original_cost"] / max(best["cost"], 1e-12)
            kept.append(record)
        ctx.notes["mean_speedup"] = (sum(r["speedup"] for r in kept) / len(kept)) if kept else None
        return kept


def _clearly_faster(cost: float, interval: Sequence[float] | None, base: float, base_interval: Sequence[float] | None,
                    gain: float) -> bool:
    if cost > base * (1 - gain):
        return False
    if interval and base_interval:  # wall time: the intervals must not overlap
        return interval[1] < base_interval[0]
    return True


def _cost(measurement, kind: str) -> float | None:
    if measurement.errors:
        return None
    return float(measurement.instructions) if kind == "instructions" and measurement.instructions is not None \
        else measurement.wall_s if kind == "wall" else None


def _parse_tests(reply: str) -> list[dict[str, Any]]:
    """The JSON list of a model's test-case reply (inside a fence or not); [] when it cannot be read."""
    text = reply.strip()
    fenced = re.search(r"```(?:json)?\s*\n(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("["), text.rfind("]")
    if start < 0 or end < start:
        return []
    try:
        return normalize_tests(json.loads(text[start:end + 1]))
    except Exception:  # noqa: BLE001 - a model's malformed tests are dropped, not fatal
        return []


def workload_from_tests(cases: list[list[Any]], repeat: int) -> str:
    """Workload generator source that replays the test inputs `repeat` times (JSON-encoded, so any data works)."""
    payload = json.dumps(cases)
    return ("import json\n"
            f"_CASES = json.loads({payload!r})\n"
            "def generate(size, rng):\n"
            f"    return [list(args) for args in _CASES] * {int(repeat)}\n")
