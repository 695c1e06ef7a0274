"""The CodeNet loader: the simple tree (the 32-program fixture) and Project CodeNet's own layout (built here),
problem-level splits."""

from __future__ import annotations

from pathlib import Path

import pytest

from effilab.tasks.io import DataError
from effilab.tasks.loaders import load_tasks
from effilab.tasks.loaders.codenet import split_tasks

FIXTURE = Path(__file__).parents[1] / "fixtures" / "codenet"


def test_simple_layout():
    tasks = load_tasks(f"codenet:{FIXTURE}")
    assert len(tasks) == 12 and sum(len(t.references) for t in tasks) == 32
    task = next(t for t in tasks if t.id == "codenet/p00001")
    assert task.language == "cpp" and task.description.title == "Sum of two"
    assert [t.stdin for t in task.tests][:2] == ["1 2\n", "-5 7\n"] and task.tests[0].expected_stdout == "3\n"
    assert all("rejected" not in (r.name or "") for r in task.references) and len(task.references) == 3
    assert next(t for t in tasks if t.id == "codenet/p00002").workload.sizes == [20000]


def test_codenet_layout(tmp_path):
    root = tmp_path / "Project_CodeNet"
    (root / "metadata").mkdir(parents=True)
    (root / "metadata" / "p00100.csv").write_text(
        "submission_id,problem_id,user_id,date,language,original_language,filename_ext,status,cpu_time,memory,"
        "code_size,accuracy\n"
        "s1,p00100,u1,1,C++,C++14 (GCC 5.4.1),cpp,Accepted,0,0,10,1/1\n"
        "s2,p00100,u2,1,C++,C++14 (GCC 5.4.1),cpp,Compile Error,0,0,10,0/1\n"
        "s3,p00100,u3,1,Python,Python3,py,Accepted,0,0,10,1/1\n")
    (root / "data" / "p00100" / "C++").mkdir(parents=True)
    (root / "data" / "p00100" / "C++" / "s1.cpp").write_text("int main() {}\n")
    (root / "data" / "p00100" / "C++" / "s2.cpp").write_text("int main( {}\n")
    io = root / "derived" / "input_output" / "data" / "p00100"
    io.mkdir(parents=True)
    (io / "input.txt").write_text("1\n")
    (io / "output.txt").write_text("\n")
    (root / "problem_descriptions").mkdir()
    (root / "problem_descriptions" / "p00100.html").write_text("<h1>Echo</h1><p>Print nothing.</p>")
    (root / "metadata" / "p00101.csv").write_text("submission_id,problem_id,language,status,filename_ext\n")
    tasks = load_tasks(f"codenet:{root}")
    assert [t.id for t in tasks] == ["codenet/p00100"]
    assert [r.name for r in tasks[0].references] == ["s1"] and "Print nothing." in tasks[0].prompt


def test_splits_are_by_problem_and_seeded():
    tasks = load_tasks(f"codenet:{FIXTURE}")
    train, test = split_tasks(tasks, 0.25, seed=1)
    assert len(test) == 3 and len(train) == 9
    assert not {t.id for t in train} & {t.id for t in test}
    assert split_tasks(tasks, 0.25, seed=1) == (train, test)
    assert {t.id for t in split_tasks(tasks, 0.25, seed=2)[1]} != {t.id for t in test}


def test_bad_trees_are_refused(tmp_path):
    with pytest.raises(DataError, match="not a directory"):
        load_tasks(f"codenet:{tmp_path / 'missing'}")
    (tmp_path / "p1").mkdir()
    (tmp_path / "p1" / "input.0.txt").write_text("1\n")
    with pytest.raises(DataError, match="no matching output.0.txt"):
        load_tasks(f"codenet:{tmp_path}")
