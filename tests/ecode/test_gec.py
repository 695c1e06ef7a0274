"""The GEC loader on an original fixture in both E-code folder layouts, and its refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from effilab.tasks.io import DataError
from effilab.tasks.loaders import load_tasks
from effilab.tasks.loaders.gec import split_samples_note

FIXTURE = Path(__file__).parent.parent / "fixtures" / "gec"


def test_both_layouts_become_tasks_with_five_parts():
    tasks = {t.id: t for t in load_tasks(f"gec:{FIXTURE}")}
    assert set(tasks) == {"gec/sum_of_distinct", "gec/longest_plateau"}

    current = tasks["gec/sum_of_distinct"]
    d = current.description
    assert d.title == "Sum of distinct values" and d.tags == ["hashing", "implementation"]
    assert d.statement.startswith("You are given n integers") and "200000" in d.input_format
    assert d.output_format == "Print one integer: the sum of the distinct values."
    assert d.samples == [{"input": "5\n1 2 2 3 1\n", "output": "6\n"}, {"input": "3\n-4 -4 4\n", "output": "0\n"}]
    assert d.note.startswith("In the first sample")
    assert current.difficulty == "easy" and current.metadata["contest"] == "fixture"
    assert [t.name for t in current.tests] == ["sample_0", "sample_1", "1", "2"]
    assert [t.hidden for t in current.tests] == [False, False, True, True]
    assert current.tests[2].stdin == "4\n7 7 7 7\n" and current.tests[2].expected_stdout == "7\n"
    roles = sorted((r.role, r.name) for r in current.references)
    assert roles == [("efficient", "accepted_0"), ("inefficient", "rescan"), ("inefficient", "sorted_copies")]

    older = tasks["gec/longest_plateau"]
    assert older.description.title == "Longest plateau"
    assert older.description.samples == [{"input": "6\n1 1 2 2 2 1\n", "output": "3\n"},
                                         {"input": "1\n9\n", "output": "1\n"}]
    assert older.description.note == "The run 2 2 2 is the longest."
    assert [t.name for t in older.tests] == ["sample_0", "sample_1", "cases_0", "cases_1"]
    assert [r.role for r in older.references] == ["efficient", "inefficient"]


def test_references_pass_their_tests_in_the_sandbox():
    from effilab.execution.evaluate import evaluate
    from effilab.tasks.models import Candidate

    tasks = load_tasks(f"gec:{FIXTURE}")
    candidates = [Candidate(task_id=t.id, code=r.code) for t in tasks for r in t.references]
    results = evaluate(tasks, candidates)
    assert [r.verdict.status for r in results] == ["passed"] * len(candidates)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "gec"
    shutil.copytree(FIXTURE, target)
    return target


def test_code_in_the_question_dictionary_is_refused_not_run(tmp_path):
    root = _copy(tmp_path)
    marker = tmp_path / "ran"
    question = root / "current" / "sum_of_distinct" / "question dictionary.txt"
    question.write_text(f"{{'title': __import__('pathlib').Path({str(marker)!r}).touch()}}")
    with pytest.raises(DataError, match="not a JSON or Python literal"):
        load_tasks(f"gec:{root}")
    assert not marker.exists()


def test_malformed_problems_name_the_file(tmp_path):
    root = _copy(tmp_path)
    (root / "current" / "sum_of_distinct" / "Accepted.json").write_text('[{"time_ms": 3}]')
    with pytest.raises(DataError, match="Accepted.json: entry 0 has no code"):
        load_tasks(f"gec:{root}")
    root = _copy(tmp_path / "b")
    (root / "older" / "longest_plateau" / "test_cases" / "extra.in").write_text("1\n")
    with pytest.raises(DataError, match="no matching output file"):
        load_tasks(f"gec:{root}")
    with pytest.raises(DataError, match="no problem folders"):
        load_tasks(f"gec:{tmp_path / 'b' / 'gec' / 'current' / 'sum_of_distinct' / 'slow codes'}")


def test_samples_and_note_split_from_one_text():
    samples, note = split_samples_note("Sample Input 1:\n2\nOutput\n4\nInput\n3\nOutput\n9\nNote\nSquares.\n")
    assert samples == [{"input": "2\n", "output": "4\n"}, {"input": "3\n", "output": "9\n"}]
    assert note == "Squares."
