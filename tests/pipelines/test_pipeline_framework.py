"""The stage runner: counts in/out, drop reasons per source, provenance, the stage table, resume by fingerprint."""

from __future__ import annotations

import json

from effilab.pipelines.framework import Pipeline, Stage, read_jsonl


def make_pipeline(calls: list[str], threshold: int = 3) -> Pipeline:
    def source(records, ctx):
        calls.append("source")
        return [{"id": f"{s}/{i}", "source": s, "value": i} for s in ("a", "b") for i in range(5)]

    def small_only(records, ctx):
        calls.append("small_only")
        kept = []
        for r in records:
            if r["value"] >= ctx.settings["threshold"]:
                ctx.drop(r, "too big")
            elif r["source"] == "b" and r["value"] == 0:
                ctx.drop(r, "zero in b")
            else:
                kept.append(r)
        return kept

    def double(records, ctx):
        calls.append("double")
        return [{**r, "value": 2 * r["value"]} for r in records]

    return Pipeline("demo", [Stage("source", source), Stage("small_only", small_only, {"threshold": threshold}),
                             Stage("double", double)])


def test_counts_reasons_provenance_and_table(tmp_path):
    calls: list[str] = []
    records, reports = make_pipeline(calls).run(tmp_path)
    assert [(r.name, r.records_in, r.records_out) for r in reports] == [("source", 0, 10), ("small_only", 10, 5),
                                                                       ("double", 5, 5)]
    assert reports[1].dropped == {"too big": 4, "zero in b": 1}
    assert reports[1].by_source["a"] == {"in": 5, "out": 3, "dropped:too big": 2}
    assert reports[1].by_source["b"] == {"in": 5, "out": 2, "dropped:too big": 2, "dropped:zero in b": 1}
    assert sorted(r["value"] for r in records) == [0, 2, 2, 4, 4]
    assert all(r["provenance"]["stages"] == ["source", "small_only", "double"] for r in records)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["records_out"] == 5 and [s["name"] for s in manifest["stages"]] == ["source", "small_only",
                                                                                        "double"]
    table = (tmp_path / "stage_table.md").read_text().splitlines()
    assert table[0].startswith("| stage | a | b | total |")
    assert "| small_only | 3 | 2 | 5 | too big: 4, zero in b: 1 |" in table
    dropped = read_jsonl(tmp_path / "stages" / "02_small_only.dropped.jsonl")
    assert len(dropped) == 5 and {d["reason"] for d in dropped} == {"too big", "zero in b"}


def test_resume_skips_unchanged_stages_and_redoes_changed_ones(tmp_path):
    calls: list[str] = []
    first, _ = make_pipeline(calls).run(tmp_path)
    assert calls == ["source", "small_only", "double"]
    calls.clear()
    again, reports = make_pipeline(calls).run(tmp_path)
    assert calls == [] and all(r.resumed for r in reports) and again == first
    calls.clear()
    changed, reports = make_pipeline(calls, threshold=4).run(tmp_path)  # new settings for stage 2
    assert calls == ["small_only", "double"] and [r.resumed for r in reports] == [True, False, False]
    assert len(changed) == 7
    calls.clear()
    make_pipeline(calls).run(tmp_path, resume=False)
    assert calls == ["source", "small_only", "double"]
