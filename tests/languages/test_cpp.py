"""The C++ adapter with a real g++ in real sandboxes: policies, diagnostics, the compile cache, limits, verdicts."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from effilab.languages import runners
from effilab.languages.cpp import (CompileConfig, build, cache_dir, compile_check, parse_diagnostics, run_cpp)
from effilab.sandbox import Limits, get_sandbox
from effilab.tasks.models import Task

pytestmark = pytest.mark.skipif(shutil.which("g++") is None, reason="g++ missing (Debian package 'g++')")

WARNS = """#include <cstdio>
int main() {
    int unused = 3;
    printf("hi\\n");
}
"""
SYNTAX_ERROR = """#include <cstdio>
int main() {
    printf("hi\\n")
}
"""
NO_MAIN = "int helper(int x) { return x + 1; }\n"
# 2^40 distinct instantiations: the compiler would run for ever
BOMB = """template<int A, long B> struct T { enum : long { v = T<A - 1, B * 2>::v + T<A - 1, B * 2 + 1>::v }; };
template<long B> struct T<0, B> { enum : long { v = 1 }; };
int main() { return T<40, 1>::v == 0; }
"""
# 2^40 tokens from 41 macro definitions: the preprocessor would expand for ever
MACRO_BOMB = "".join(f"#define A{i + 1} A{i} A{i}\n" for i in range(40)).replace("A0 A0", "x x", 1) + \
    "int main() { int x = 0; return A40; }\n"
ADD = '#include <cstdio>\nint main() { long a, b; scanf("%ld %ld", &a, &b); printf("%ld\\n", a + b); }\n'
TASK = Task(id="t/add", source="t", language="cpp", prompt="add two numbers",
            tests=[{"kind": "stdio", "name": "small", "stdin": "1 2\n", "expected_stdout": "3\n"},
                   {"kind": "stdio", "name": "big", "stdin": "4000000000 5\n", "expected_stdout": "4000000005\n"}])


@pytest.fixture(scope="module")
def box():
    return get_sandbox("auto")


def test_json_diagnostics_become_records():
    stderr = json.dumps([
        {"kind": "warning", "message": "unused variable ‘x’", "option": "-Wunused-variable",
         "locations": [{"caret": {"file": "prog.cpp", "line": 3, "column": 9}}], "children": []},
        {"kind": "error", "message": "expected ‘;’ before ‘}’ token",
         "locations": [{"caret": {"file": "prog.cpp", "line": 4, "column": 2}}],
         "children": [{"kind": "note", "message": "a note"}]},
    ]) + "\n/usr/bin/ld: a.o: in function `_start':\n(.text+0x17): undefined reference to `main'\n" \
        "collect2: error: ld returned 1 exit status\n"
    found = parse_diagnostics(stderr)
    assert [(d.severity, d.line, d.column, d.option) for d in found[:2]] == [
        ("warning", 3, 9, "-Wunused-variable"), ("error", 4, 2, None)]
    assert [d.severity for d in found[2:]] == ["linker", "linker"]
    assert "undefined reference" in found[2].message
    assert found[0].one_line() == "3:9: warning: unused variable ‘x’ [-Wunused-variable]"


def test_a_warning_is_good_under_errors_and_bad_under_warnings(box):
    errors = compile_check(WARNS, "errors", box)
    warnings = compile_check(WARNS, "warnings", box)
    syntax = compile_check(WARNS, "syntax", box)
    assert errors.good and syntax.good
    assert not warnings.good and warnings.status == "warning"
    assert warnings.warnings[0].option == "-Wunused-variable" and warnings.warnings[0].line == 3
    assert "unused variable" in warnings.reason


def test_errors_fail_every_policy_and_linking_only_errors(box):
    for policy in ("errors", "warnings", "syntax"):
        result = compile_check(SYNTAX_ERROR, policy, box)
        assert not result.good and result.status == "error"
        assert result.errors[0].line == 3 and "expected" in result.errors[0].message
    assert compile_check(NO_MAIN, "syntax", box).good  # no code generation, no link
    linked = compile_check(NO_MAIN, "errors", box)
    assert not linked.good and linked.errors[0].severity == "linker"


def test_a_compile_bomb_ends_with_a_verdict(sandbox):
    box = sandbox  # both backends (tests/conftest.py)
    config = CompileConfig(limits=Limits(wall_s=1, cpu_s=1, memory_mb=1024))
    result = compile_check(BOMB, "syntax", box, config, use_cache=False)
    assert not result.good and result.status in ("timeout", "memory_limit")
    assert result.seconds < 10
    task = TASK.model_copy(update={"tests": TASK.tests[:1]})
    verdict = run_cpp(task, BOMB, box, Limits(wall_s=2, cpu_s=2), config)
    assert verdict.status == "compile_error" and "limit" in verdict.reason


def test_a_macro_expansion_bomb_ends_with_a_verdict(box):
    config = CompileConfig(limits=Limits(wall_s=1, cpu_s=1, memory_mb=1024, output_bytes=1_000_000))
    result = compile_check(MACRO_BOMB, "syntax", box, config, use_cache=False)
    assert not result.good and result.status in ("timeout", "memory_limit", "output_limit"), result.reason


def test_the_cache_serves_repeats_and_keys_on_flags(box):
    code = ADD.replace("a + b", "b + a")  # a source no other test compiles
    first = compile_check(code, "errors", box)
    again = compile_check(code, "errors", box)
    assert not first.cached and again.cached and again.good and again.key == first.key
    assert compile_check(code, "syntax", box).key != first.key  # other flags, other entry
    other_std = compile_check(code, "errors", box, CompileConfig(std="c++14"))
    assert not other_std.cached and other_std.key != first.key
    assert str(cache_dir()).startswith(os.environ["EFFILAB_CACHE"])
    assert (cache_dir() / first.key[:2] / f"{first.key}.json").is_file()
    built, binary = build(code, box)
    rebuilt, same = build(code, box)
    assert built.good and binary[:4] == b"\x7fELF" and rebuilt.cached and same == binary


CASES = {  # name: (code, limits)
    "passed": (ADD, Limits()),
    "wrong": (ADD.replace("long a", "int a").replace("%ld %ld", "%d %ld").replace("a + b", "(long)a + b"), Limits()),
    "crash": ("int main() { volatile int *p = nullptr; *p = 1; }\n", Limits()),
    "hungry": ("#include <vector>\nint main() { std::vector<long> v; for (;;) v.push_back(1); }\n",
               Limits(memory_mb=200)),
    "spin": ("int main() { for (volatile int i = 0;; i = i + 1) {} }\n", Limits(wall_s=1, cpu_s=1)),
    "bad": (SYNTAX_ERROR, Limits()),
    "flood": ('#include <cstdio>\nint main() { for (;;) puts("yyyyyyyyyyyyyyyy"); }\n', Limits(output_bytes=10_000)),
}


def test_verdicts_of_compiled_programs(box):
    from effilab.execution.executor import LocalExecutor

    assert runners.get("cpp") is run_cpp
    verdicts = dict(LocalExecutor(2).map_unordered(lambda name: run_cpp(TASK, CASES[name][0], box, CASES[name][1]),
                                                   CASES))
    passed = verdicts["passed"]
    assert passed.status == "passed" and len(passed.tests) == 2 and passed.tests_total == 2
    assert verdicts["wrong"].status == "failed" and "big" in verdicts["wrong"].reason  # 4e9 does not fit an int
    assert verdicts["crash"].status == "error" and "SIGSEGV" in verdicts["crash"].reason
    assert verdicts["hungry"].status == "memory_limit"
    assert verdicts["spin"].status == "timeout"
    assert verdicts["bad"].status == "compile_error" and "3:" in verdicts["bad"].reason
    assert verdicts["flood"].status == "output_limit"


def test_a_program_cannot_forge_a_pass_by_exiting_early(box):
    # prints the right answer for the first test, then exits 0 without reading: the second test still fails
    cheat = '#include <cstdio>\n#include <cstdlib>\nint main() { puts("3"); exit(0); }\n'
    verdict = run_cpp(TASK, cheat, box)
    assert verdict.status == "failed" and verdict.tests[0].status == "ok" and verdict.tests[1].status == "fail"


def test_fixture_programs_pass_their_tests(box):
    from effilab.tasks.loaders import load_tasks

    tasks = load_tasks(f"codenet:{Path(__file__).parents[1] / 'fixtures' / 'codenet'}")
    task = next(t for t in tasks if t.id == "codenet/p00005")  # three programs, none with <iostream> (slow)
    for ref in task.references:
        assert run_cpp(task, ref.code, box).status == "passed", ref.name


def test_compile_check_command(tmp_path):
    from typer.testing import CliRunner

    from effilab.cli import app

    good, warns, bad = tmp_path / "good.cpp", tmp_path / "warns.cpp", tmp_path / "bad.cpp"
    good.write_text(ADD)
    warns.write_text(WARNS)
    bad.write_text(SYNTAX_ERROR)
    runner = CliRunner()
    result = runner.invoke(app, ["compile-check", str(good), str(warns), "--policy", "errors"])
    assert result.exit_code == 0 and "2 Good, 0 Bad" in result.stdout
    result = runner.invoke(app, ["compile-check", str(good), str(warns), str(bad), "--policy", "warnings", "--json"])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["good"] for r in rows] == [True, False, False]
    assert rows[1]["first_diagnostic"]["option"] == "-Wunused-variable"
    assert rows[2]["first_diagnostic"]["line"] == 3 and rows[2]["first_diagnostic"]["severity"] == "error"
    refused = runner.invoke(app, ["compile-check", str(good), "--policy", "pedantic"])
    assert refused.exit_code == 2 and "unknown policy" in refused.stderr
