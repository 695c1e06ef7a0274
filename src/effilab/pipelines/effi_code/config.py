"""Settings of the Effi-Code pipeline, as one pydantic model that a YAML file fills (unknown keys are errors)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TaskSource(_Strict):
    """A task set through effilab's loaders; one reference plays the "original" solution to optimise."""

    kind: Literal["tasks"] = "tasks"
    spec: str = Field("suite", description="Loader name, 'loader:path' or a path (see `effilab tasks list`).")
    ids: list[str] = Field(default_factory=list, description="Only these task ids (default: all).")
    limit: int | None = None
    original: Literal["inefficient", "canonical", "efficient"] = Field(
        "inefficient", description="Which reference is the original solution; tasks without one are dropped.")


class InstructionSource(_Strict):
    """Instruction records (JSONL, parquet or a `datasets` folder) with a solution and optionally tests."""

    kind: Literal["instructions"] = "instructions"
    path: str
    name: str = Field("instructions", description="Source name in ids and the stage table.")
    fields: dict[str, str] = Field(default_factory=dict, description=(
        "Our field -> the file's field, for: id, prompt, solution, entry_point, tests. Tests are a list of "
        "{args, expected} (or [args, expected] pairs)."))
    limit: int | None = None


class TestsSettings(_Strict):
    mode: Literal["never", "missing", "always"] = Field(
        "missing", description="Ask the model for test cases: never, when a record has none, or always (added).")
    count: int = Field(5, description="How many test cases to ask for.")
    min_valid: int = Field(1, description="Drop a record with fewer tests that the original solution passes.")


class MeasureSettings(_Strict):
    cost: Literal["instructions", "wall"] = Field(
        "instructions", description="instructions: callgrind count (deterministic); wall: median wall time.")
    min_gain: float = Field(0.1, description="Keep a solution only if its cost is below (1 - min_gain) x the "
                                             "original's (and, for wall time, outside the original's interval).")
    repeats: int = 5
    calls_per_size: int | None = Field(5, description="Callgrind covers the first N calls of each workload size.")
    sizes: list[int] | None = Field(None, description="Replace every workload's sizes (smaller: a faster run).")
    workload_repeat: int = Field(20, description="A task without a workload is timed on its tests, repeated.")


class EffiCodeConfig(_Strict):
    name: str = "effi_code"
    out_dir: str = "runs/pipelines/effi_code"
    sources: list[TaskSource | InstructionSource] = Field(default_factory=lambda: [TaskSource()])
    generator: str = Field(..., description="Generator spec: openai:<model>, transformers:<dir>, scripted:<jsonl>.")
    generator_options: dict = Field(default_factory=dict)
    optimizer: Literal["sample", "soap"] = Field("sample", description=(
        "sample: ask for `samples` optimised versions at once; soap: the SOAP loop (effilab.optimize.soap: profile, "
        "ask, judge, measure, keep the better code, for `soap_rounds` rounds); every code it tried becomes a "
        "candidate for the judge and measure stages."))
    soap_rounds: int = 3
    soap_objective: str = Field("instructions", description="SOAP's cost: instructions, time, tmu or memory.")
    samples: int = Field(3, description="Optimised candidates asked for per task (optimizer: sample).")
    temperature: float = 0.8
    max_tokens: int = 1024
    risky_filter: bool = True
    risky_judge: bool = Field(False, description="Also ask the model whether code the static risky-operation check "
                                                 "passed is risky (files, network, processes, system state); yes "
                                                 "drops it.")
    algorithmic_judge: bool = Field(True, description="Ask the model whether a task is algorithmic (static "
                                                      "check as fallback and when false).")
    tests: TestsSettings = Field(default_factory=TestsSettings)
    measure: MeasureSettings = Field(default_factory=MeasureSettings)
    sandbox: str = "auto"
    timeout_s: float = 10.0
    eval_fraction: float = Field(0.1, description="Fraction of tasks (not records) held out for evaluation.")
    seed: int = 0
    hf_datasets: bool = Field(True, description="Also write `datasets` folders (needs the datasets package).")

    @classmethod
    def from_yaml(cls, path: str | Path, **overrides) -> EffiCodeConfig:
        data = yaml.safe_load(Path(path).read_text()) or {}
        data.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(data)
