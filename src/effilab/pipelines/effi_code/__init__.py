"""The Effi-Code dataset pipeline: from tasks or instruction records to efficient-code SFT data and efficiency
preference pairs, every solution judged and measured in the sandbox. `run_effi_code(config)` runs it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from effilab.pipelines.effi_code.config import EffiCodeConfig, InstructionSource
from effilab.pipelines.effi_code.export import write_datasets
from effilab.pipelines.effi_code.stages import EffiCodeStages
from effilab.pipelines.framework import Pipeline, Stage, StageReport


def _inputs_digest(config: EffiCodeConfig) -> dict[str, str]:
    """Hashes of the files the run reads (instruction files, scripted replies), so that a resumed run redoes
    stages when their inputs changed."""
    paths = [s.path for s in config.sources if isinstance(s, InstructionSource)]
    backend, _, model = config.generator.partition(":")
    if backend == "scripted":
        paths.append(model)
    out = {}
    for p in paths:
        path = Path(p)
        out[p] = hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else "missing"
    return out


def build_pipeline(config: EffiCodeConfig, generator=None, sandbox=None, executor=None) -> Pipeline:
    s = EffiCodeStages(config, generator, sandbox, executor)
    base = {"sources": [src.model_dump() for src in config.sources], "inputs": _inputs_digest(config)}
    gen = {"generator": config.generator, "inputs": base["inputs"]}
    stages = [
        Stage("ingest", s.ingest, base, "read tasks and instruction records"),
        Stage("to_function", s.to_function, {}, "script-style solutions become solve(stdin) -> stdout"),
    ]
    if config.risky_filter:
        judged = {"judge": True, **gen} if config.risky_judge else {}  # settings key the stage's resume
        stages.append(Stage("risky_filter", s.risky_filter, judged, "static AST check for risky operations"
                            + (" and the model judge" if config.risky_judge else "")))
    stages += [
        Stage("construct_tests", s.construct_tests, {**gen, **config.tests.model_dump()}, "model-written tests"),
        Stage("validate_tests", s.validate_tests, {"sandbox": config.sandbox, "timeout": config.timeout_s},
              "tests the original fails are removed"),
        Stage("algorithmic_filter", s.algorithmic_filter, {**gen, "judge": config.algorithmic_judge},
              "model judge, static fallback"),
        Stage("workload", s.workload, config.measure.model_dump(), "a workload for every task"),
        Stage("optimize", s.optimize, {**gen, "samples": config.samples, "temperature": config.temperature,
                                       "optimizer": config.optimizer, "soap_rounds": config.soap_rounds,
                                       "soap_objective": config.soap_objective},
              "optimised candidates from the generator"),
        Stage("judge", s.judge, {"sandbox": config.sandbox, "timeout": config.timeout_s}, "candidates judged"),
        Stage("measure", s.measure, config.measure.model_dump(), "original and correct candidates measured"),
        Stage("select", s.select, {"min_gain": config.measure.min_gain}, "only measurable gains kept"),
    ]
    return Pipeline(config.name, stages)


def run_effi_code(config: EffiCodeConfig, generator=None, sandbox=None, resume: bool = True,
                  on_stage=None, executor=None) -> tuple[list[StageReport], dict[str, Any]]:
    """Run the stages, then write the datasets; returns the stage reports and the dataset summary. Sandbox jobs
    (test validation, judging, measurement) run on `executor` (default: a local thread pool)."""
    pipeline = build_pipeline(config, generator, sandbox, executor)
    records, reports = pipeline.run(config.out_dir, resume=resume, on_stage=on_stage)
    summary = write_datasets(records, config.out_dir, config.measure.min_gain, config.eval_fraction, config.seed,
                             hf=config.hf_datasets)
    manifest_path = Path(config.out_dir) / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["config"] = config.model_dump()
    manifest["datasets"] = summary
    manifest_path.write_text(json.dumps(manifest, indent=2, default=str))
    return reports, summary
