"""EPC examples from tasks: stage counts, uniformisation, split, JSONL."""

from __future__ import annotations

from pathlib import Path

import pytest

from effilab.pipelines.epc import (
    PARTS,
    EPCConfig,
    build_epc,
    description_parts,
    read_jsonl,
    split_by_task,
    uniformise,
    write_jsonl,
)
from effilab.tasks.io import DataError
from effilab.tasks.loaders import load_tasks
from effilab.tasks.models import Task

FIXTURE = Path(__file__).parent.parent / "fixtures" / "gec"


def test_suite_gives_one_example_per_slow_efficient_pair(epc_examples):
    tasks = load_tasks("suite")
    expected = sum(sum(r.role == "inefficient" for r in t.references) for t in tasks)
    assert len(epc_examples) == expected
    ex = epc_examples[0]
    assert set(ex.parts) == set(PARTS) and all(ex.parts[p] for p in ("title_tags", "statement", "samples_note"))
    assert "Tags:" in ex.parts["title_tags"] and "Input:" in ex.parts["samples_note"]
    assert ex.efficient_code in ex.references and ex.slow_code != ex.efficient_code


def test_stage_counts_say_what_was_dropped():
    tasks = load_tasks(f"gec:{FIXTURE}")
    broken = tasks[0].model_copy(update={"references": [*tasks[0].references, tasks[0].references[1].model_copy(
        update={"code": "def broken(:\n", "name": "broken"})]})
    no_slow = tasks[1].model_copy(update={"id": "gec/no_slow", "references": tasks[1].references[:1]})
    built = build_epc([broken, tasks[1], no_slow])
    counts = {s.stage: (s.kept, s.dropped) for s in built.stages}
    assert counts["tasks"] == (3, 0)
    assert counts["has slow and efficient code"] == (2, 1)
    assert counts["pairs"] == (4, 0)
    assert counts["uniformised"] == (3, 1)
    assert len(built.examples) == 3


def test_uniformise_normalises_surface_and_refuses_broken_code():
    code = ('def f(xs):\n    """Docstring."""\n    total = 0  # running sum\n    for x in xs: total += x\n'
            '    return total\n')
    out = uniformise(code, "python")
    assert "#" not in out and "Docstring" not in out
    assert "total" not in out and "var1" in out and out.startswith("def f(xs):")  # locals renamed, interface kept
    assert out.count("\n") == 5  # the docstring gone, the loop body on its own line
    namespace: dict = {}
    exec(compile(out, "<test>", "exec"), namespace)  # trusted code written in this test
    assert namespace["f"]([1, 2, 3]) == 6
    assert uniformise(out, "python") == out  # idempotent
    assert uniformise("def f(:\n", "python") is None
    cpp = "int main() { // entry\n  /* block */ return 0;\n\n}\n"
    assert uniformise(cpp, "cpp") == "int main() {\n   return 0;\n}\n"
    assert uniformise("int main( {", "cpp") is None
    raw = build_epc(load_tasks(f"gec:{FIXTURE}"), EPCConfig(uniformise=False))
    assert all(s.stage != "uniformised" for s in raw.stages)


def test_split_keeps_tasks_whole_and_jsonl_round_trips(epc_examples, tmp_path):
    train, test = split_by_task(epc_examples, 0.25, seed=3)
    assert train and test and len(train) + len(test) == len(epc_examples)
    assert not {e.task_id for e in train} & {e.task_id for e in test}
    assert split_by_task(list(reversed(epc_examples)), 0.25, seed=3)[1] == list(reversed(test))
    path = tmp_path / "epc.jsonl"
    assert write_jsonl(test, path) == len(test)
    assert read_jsonl(path) == test
    path.write_text('{"task_id": "x"}\n')
    with pytest.raises(DataError, match="field 'language' missing"):
        read_jsonl(path)


def test_missing_parts_are_empty_strings():
    task = Task(id="t/x", source="t", prompt="Do it.", entry_point="f", tests=[{"kind": "call", "args": []}])
    parts = description_parts(task.description, task.prompt)
    assert parts == {"title_tags": "", "statement": "Do it.", "input_format": "", "output_format": "",
                     "samples_note": ""}
