"""`effilab evaluate` on C++ tasks end to end: a CodeNet-style problem judged and measured through the CLI."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import cpp_cache  # noqa: E402,F401  (private compile cache)

from effilab.cli import app  # noqa: E402

FIXTURE = Path(__file__).parents[1] / "fixtures" / "codenet"


@pytest.mark.skipif(shutil.which("g++") is None, reason="g++ missing (Debian package 'g++')")
def test_evaluate_codenet_references_with_measurement(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURE / "p00012", tree / "p00012")
    # a wrong program among the accepted ones: evaluate must say so
    (tree / "p00012" / "accepted" / "zz_wrong.cpp").write_text('#include <cstdio>\nint main() { puts("1"); }\n')
    args = ["evaluate", "--tasks", f"codenet:{tree}", "--references", "--measure", "time,memory", "--repeats", "2",
            "--out", str(tmp_path / "runs"), "--store", str(tmp_path / "store.sqlite"), "--no-report", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    assert summary["total"] == 4 and summary["passed"] == 3 and summary["verdicts"]["failed"] == 1
    rows = {r["name"]: r for r in summary["results"]}
    assert rows["zz_wrong"]["verdict"] == "failed" and rows["zz_wrong"]["wall_s"] is None
    for name in ("s0001200", "s0001201", "s0001202"):
        assert rows[name]["verdict"] == "passed" and rows[name]["wall_s"] > 0 and rows[name]["peak_mb"] > 0.5
    again = CliRunner().invoke(app, args)  # the store remembers verdicts
    assert json.loads(again.stdout[again.stdout.index("{"):])["cached"] == 4
    # the report says how compiled programs were timed (not the Python harness's words)
    from effilab.report.build import build_report

    run_dir = next(p for p in (tmp_path / "runs").iterdir() if p.is_dir())
    assert "C++ rows: the program is compiled once" in build_report(run_dir)["report.md"].read_text()
