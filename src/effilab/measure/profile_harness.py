"""Line profiler harness: runs INSIDE the sandbox (never imported by effilab). Trusted code.

Reads a JSON job on stdin; loads the candidate from a real file name so line numbers match its source; runs the
inputs twice: once under line_profiler (time per line), once under a line tracer reading tracemalloc (memory per
line: heap growth between a line's start and the next line event). Writes one JSON record with the run's nonce to
the private channel. line_profiler's files are shipped in the work dir by the parent.
"""

import json
import os
import sys

CANDIDATE = "candidate.py"


def main():
    job = json.loads(sys.stdin.read())
    channel = int(os.environ.pop("EFFILAB_CHANNEL_FD"))
    nonce = job.pop("nonce")
    sys.path.insert(0, os.getcwd())
    record = {"nonce": nonce, "event": "profile"}
    try:
        record.update(profile(job))
    except BaseException as exc:  # noqa: BLE001 - reported, not raised: the parent decides
        record["error"] = "%s: %s" % (type(exc).__name__, str(exc)[:300])
    data = (json.dumps(record) + "\n").encode()
    while data:
        data = data[os.write(channel, data):]
    os._exit(0)


def load(job):
    import linecache

    with open(CANDIDATE, "w") as handle:
        handle.write(job["code"])
    linecache.checkcache(CANDIDATE)
    ns = {"__name__": "__candidate__"}
    if job.get("setup_code"):
        exec(compile(job["setup_code"], "<setup>", "exec"), ns)
    exec(compile(job["code"], os.path.abspath(CANDIDATE), "exec"), ns)
    return ns


def functions_of(ns):
    """Every function and method the candidate defined (the code objects line_profiler must watch)."""
    import types

    path = os.path.abspath(CANDIDATE)
    seen, out = set(), []

    def visit(obj):
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
        if isinstance(obj, types.FunctionType) and obj.__code__.co_filename == path and id(obj) not in seen:
            seen.add(id(obj))
            out.append(obj)
        elif isinstance(obj, type) and id(obj) not in seen and getattr(obj, "__module__", "") == "__candidate__":
            seen.add(id(obj))
            for value in vars(obj).values():
                visit(value)

    for value in list(ns.values()):
        visit(value)
    return out


def make_calls(job):
    """The inputs: the open call tests, then the first calls of the smallest workload size."""
    calls = [(list(t.get("args") or []), dict(t.get("kwargs") or {})) for t in job.get("tests", [])
             if t.get("kind") == "call"]
    workload = job.get("workload")
    if workload and workload.get("generator") and workload.get("sizes"):
        import random

        gen_ns = {"__name__": "__workload__"}
        exec(compile(workload["generator"], "<workload>", "exec"), gen_ns)
        size = min(workload["sizes"])
        produced = list(gen_ns["generate"](size, random.Random(workload.get("seed", 0) * 1000003 + size)))
        calls += [(list(args), {}) for args in produced[: job.get("max_calls", 20)]]
    return calls


def run_inputs(ns, job, calls):
    import copy

    entry = job.get("entry_point")
    if entry:
        head, _, method = entry.partition(".")
        fn = getattr(ns[head](), method) if method else ns[head]
        for args, kwargs in copy.deepcopy(calls):
            try:
                fn(*args, **kwargs)
            except Exception:  # noqa: BLE001 - correctness is judged elsewhere; profile what runs
                pass
    for test in job.get("tests", []):
        if test.get("kind") == "assert":
            tns = dict(ns)
            try:
                exec(compile(test["code"], "<test>", "exec"), tns)
            except Exception:  # noqa: BLE001
                pass


def profile(job):
    import time
    import tracemalloc

    from line_profiler._line_profiler import LineProfiler

    calls = make_calls(job)
    source_path = os.path.abspath(CANDIDATE)

    # time per line
    ns = load(job)
    profiler = LineProfiler()
    for fn in functions_of(ns):
        profiler.add_function(fn)
    started = time.perf_counter()
    profiler.enable_by_count()
    try:
        run_inputs(ns, job, calls)
    finally:
        profiler.disable_by_count()
    profiled_s = time.perf_counter() - started
    stats = profiler.get_stats()
    lines = {}
    for (filename, _first, _name), timings in stats.timings.items():
        if os.path.abspath(filename) != source_path:
            continue
        for lineno, hits, total in timings:
            entry = lines.setdefault(lineno, {"line": lineno, "hits": 0, "time_s": 0.0})
            entry["hits"] += hits
            entry["time_s"] += total * stats.unit

    # memory per line (a second, fresh load: the timing pass must not be slowed by the tracer)
    if job.get("memory", True):
        ns = load(job)
        state = {"mem": 0, "key": None, "stack": []}
        increments, peaks = {}, {}

        def account():
            current = tracemalloc.get_traced_memory()[0]
            key = state["key"]
            if key is not None:
                delta = current - state["mem"]
                if delta > 0:
                    increments[key] = increments.get(key, 0) + delta
                if current > peaks.get(key, 0):
                    peaks[key] = current
            state["mem"] = current

        def local(frame, event, arg):
            if event == "line":
                account()
                state["key"] = frame.f_lineno
            elif event == "return":  # back to the caller's line, which resumes after the call
                account()
                state["key"] = state["stack"].pop() if state["stack"] else None
            return local

        def tracer(frame, event, arg):
            if frame.f_code.co_filename == source_path:
                account()
                state["stack"].append(state["key"])
                state["key"] = None
                return local
            return None

        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        state["mem"] = base
        sys.settrace(tracer)
        try:
            run_inputs(ns, job, calls)
        finally:
            sys.settrace(None)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        for lineno, amount in increments.items():
            entry = lines.setdefault(lineno, {"line": lineno, "hits": 0, "time_s": 0.0})
            entry["mem_increment_mb"] = amount / 1e6
            entry["mem_max_mb"] = max(0, peaks.get(lineno, 0) - base) / 1e6
        heap_peak = max(0, peak - base) / 1e6
    else:
        heap_peak = None
    source = job["code"].splitlines()
    for lineno, entry in lines.items():
        entry["source"] = source[lineno - 1] if 0 < lineno <= len(source) else ""
    return {"lines": sorted(lines.values(), key=lambda e: e["line"]), "profiled_s": profiled_s,
            "heap_peak_mb": heap_peak, "calls": len(calls)}


if __name__ == "__main__":
    main()
