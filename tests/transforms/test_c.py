"""C/C++ transforms: preserving ones are checked by compiling and running original and transformed programs on
their tests in the sandbox; lossy human-error ones must make the program fail to compile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from effilab import transforms
from effilab.languages.cpp import compile_check, run_cpp
from effilab.sandbox import get_sandbox
from effilab.tasks.loaders import load_tasks

FIXTURE = Path(__file__).parents[1] / "fixtures" / "codenet"
needs_gpp = pytest.mark.skipif(shutil.which("g++") is None, reason="g++ missing (Debian package 'g++')")

COMMENTED = '''#include <cstdio>
#define LIMIT 10 // the bound
/* header
   block */
int main() {
    const char *s = "// not a comment /* nor this */";
    char c = '/';  // a slash
    int a/**/= 1;
    printf("%s %c %d\\n", s, c, a + LIMIT);
}
'''


@pytest.fixture(scope="module")
def tasks():
    return {t.id: t for t in load_tasks(f"codenet:{FIXTURE}")}


def test_registry_tags():
    names = {t.name: t.preserving for t in transforms.for_language("cpp")}
    assert {n for n, p in names.items() if p} >= {"strip_comments", "rename_identifiers", "reorder_declarations",
                                                   "insert_dead_code"}
    assert {n for n, p in names.items() if not p} >= {"inject_typo", "drop_semicolon", "unbalance_brace",
                                                      "extract_function", "extract_loop", "delete_token"}
    assert transforms.get("cpp.strip_comments").language == "cpp"


def test_strip_comments_leaves_literals_alone():
    out = transforms.get("cpp.strip_comments")(COMMENTED).code
    assert "the bound" not in out and "header" not in out and "a slash" not in out and "/**/" not in out
    assert '"// not a comment /* nor this */"' in out and "'/'" in out
    assert "#define LIMIT 10\n" in out and "int a = 1;" in out


def test_seeded_and_total():
    rename = transforms.get("cpp.rename_identifiers")
    code = (FIXTURE / "p00005" / "accepted" / "s0000502.cpp").read_text()
    assert rename(code, seed=4).code == rename(code, seed=4).code
    broken = "int main( { return 0; }\n"
    for transform in transforms.for_language("cpp", preserving=True):
        result = transform(broken)
        assert not result.applied and result.code == broken and result.reason == "does not parse"


def test_renaming_handles_the_most_vexing_parse_and_std_names():
    code = ("#include <vector>\n#include <algorithm>\nusing namespace std;\n"
            "int main() { int n = 3; vector<int> v(n); int m = max(n, 2); return (int)v.size() - m; }\n")
    out = transforms.get("cpp.rename_identifiers")(code).code
    assert "max(" in out and "vector<int>" in out and " n " not in out and "(n)" not in out


def test_extraction_returns_a_part():
    code = (FIXTURE / "p00005" / "accepted" / "s0000502.cpp").read_text()
    function = transforms.get("cpp.extract_function")(code, seed=1)
    loop = transforms.get("cpp.extract_loop")(code, seed=1)
    assert function.applied and function.code.startswith(("void mul", "int main")) and function.code.endswith("}")
    assert loop.applied and loop.code.startswith(("for", "while")) and loop.code in code


@needs_gpp
def test_preserving_transforms_keep_programs_correct(tasks):
    from effilab.execution.executor import LocalExecutor

    box = get_sandbox("auto")
    jobs = []  # (transform, task, reference name, transformed code): two programs per transform
    for transform in transforms.for_language("cpp", preserving=True):
        picked = []
        for task in sorted(tasks.values(), key=lambda t: all("<iostream>" in r.code for r in t.references)):
            # <iostream> is the slowest header to compile: programs without it first
            for ref in sorted(task.references, key=lambda r: "<iostream>" in r.code):
                result = transform(ref.code, seed=11)
                if result.applied and len(picked) < 2:
                    assert result.code != ref.code
                    picked.append((transform.name, task, ref.name, result.code))
        assert len(picked) == 2, f"{transform.name} applied to fewer than 2 fixture programs"
        jobs += picked
    for (name, task, ref, code), verdict in LocalExecutor(2).map_unordered(
            lambda job: run_cpp(job[1], job[3], box), jobs):
        assert verdict.status == "passed", (name, ref, verdict.reason, code)
    assert len(jobs) == 8


@needs_gpp
def test_human_errors_break_compilation(tasks):
    code = tasks["codenet/p00009"].references[0].code
    box = get_sandbox("auto")
    for name in ("inject_typo", "drop_semicolon", "unbalance_brace"):
        result = transforms.get(f"cpp.{name}")(code, seed=2)
        assert result.applied and result.code != code
        assert not compile_check(result.code, "syntax", box).good, (name, result.reason)
