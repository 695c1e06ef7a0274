"""The risky-operation stage: the static AST check drops what it flags; the optional model judge is asked only about
what the check let through, and can only remove records."""

from __future__ import annotations

from effilab.generation.scripted import ScriptedGenerator
from effilab.pipelines.effi_code.config import EffiCodeConfig
from effilab.pipelines.effi_code.stages import EffiCodeStages
from effilab.pipelines.framework import StageContext

CLEAN = "def f(xs):\n    return sorted(xs)\n"
SNEAKY = "def f(xs):\n    return [x for x in xs if x > 0]  # pretend the model knows better\n"
FLAGGED = "import os\n\ndef f(xs):\n    os.remove('x')\n    return xs\n"


def records():
    return [{"id": name, "original": code, "task": {"prompt": "p"}, "provenance": {}}
            for name, code in (("clean", CLEAN), ("sneaky", SNEAKY), ("flagged", FLAGGED))]


def run(judge: bool, tmp_path):
    generator = ScriptedGenerator(lambda prompt: ["Yes." if "pretend" in prompt else "No"])
    stages = EffiCodeStages(EffiCodeConfig(generator="scripted:x", risky_judge=judge), generator=generator)
    ctx = StageContext("risky_filter", {}, tmp_path)
    kept = stages.risky_filter(records(), ctx)
    return [r["id"] for r in kept], {r["id"]: why for r, why in ctx.dropped}, generator


def test_static_check_alone_asks_no_model(tmp_path):
    kept, dropped, generator = run(False, tmp_path)
    assert kept == ["clean", "sneaky"] and dropped == {"flagged": "risky operation"} and generator.calls == []


def test_model_judge_removes_what_the_static_check_missed(tmp_path):
    kept, dropped, generator = run(True, tmp_path)
    assert kept == ["clean"]
    assert dropped == {"flagged": "risky operation", "sneaky": "risky operation (model)"}
    assert len(generator.calls) == 2  # the flagged record is never shown to the model
