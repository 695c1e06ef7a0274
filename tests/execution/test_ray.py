"""The Ray executor on a real local Ray cluster (2 CPUs, one per test module): the same verdicts and instruction
counts as the local executor, a worker killed mid-run loses and duplicates nothing, a job whose worker always dies
is reported, stragglers are reported, and the CLI joins a running cluster with --ray-address."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

ray = pytest.importorskip("ray")

from effilab.execution.evaluate import EvalConfig, config_hash, evaluate  # noqa: E402
from effilab.execution.executor import LocalExecutor, make_executor  # noqa: E402
from effilab.execution.measuring import baseline_candidates, measure_passed  # noqa: E402
from effilab.execution.ray import RayExecutor, WorkerLost  # noqa: E402
from effilab.execution.store import Store  # noqa: E402
from effilab.measure import callgrind  # noqa: E402
from effilab.measure.engine import MeasureSpec  # noqa: E402
from effilab.sandbox import Limits, get_sandbox  # noqa: E402
from effilab.tasks.loaders import load_tasks  # noqa: E402
from effilab.tasks.models import Candidate  # noqa: E402
from effilab.tasks.samples import reference_candidates  # noqa: E402

SUITE_SLICE = ("range_sum_queries", "max_window_sum", "bracket_nesting_depth")


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


@pytest.fixture(scope="module")
def executor(cluster):
    return RayExecutor()


@pytest.fixture(scope="module")
def box():
    return get_sandbox("auto")


def _verdict_view(results):
    return {(r.candidate.task_id, r.candidate.code_hash): (r.verdict.status, r.verdict.reason,
                                                           [t.status for t in r.verdict.tests]) for r in results}


def test_same_verdicts_as_local_on_humaneval_and_the_suite(executor, box):
    assert executor.workers == 2
    humaneval = load_tasks("humaneval")
    suite = [t for t in load_tasks("suite") if t.id.split("/")[1] in SUITE_SLICE]
    tasks = humaneval + suite
    candidates = reference_candidates(tasks)  # every HumanEval canonical solution, every reference of the slice
    wrong = Candidate(task_id="humaneval/53", code=humaneval[53].prompt + "    return x - y\n")
    candidates.append(wrong)
    on_ray = evaluate(tasks, candidates, EvalConfig(sandbox=box.name), executor=executor, sandbox=box)
    with LocalExecutor(2) as local:
        here = evaluate(tasks, candidates, EvalConfig(sandbox=box.name), executor=local, sandbox=box)
    assert len(on_ray) == len(candidates) == 164 + 9 + 1
    assert _verdict_view(on_ray) == _verdict_view(here)
    assert sum(r.verdict.passed for r in on_ray) == len(candidates) - 1
    assert executor.nodes and sum(executor.nodes.values()) >= len(candidates)


@pytest.mark.skipif(not callgrind.available()[0], reason=callgrind.available()[1])
def test_same_instruction_counts_as_local(executor, box):
    tasks = [t for t in load_tasks("suite") if t.id.split("/")[1] in SUITE_SLICE[:1]]
    spec = MeasureSpec(time=False, memory=False, instructions=True, instruction_calls_per_size=1)
    hashes = {t.id: config_hash(t, EvalConfig(), box.name) for t in tasks}
    limits = Limits(wall_s=120, cpu_s=120)
    on_ray = measure_passed(tasks, baseline_candidates(tasks), spec, limits, box, executor, hashes)
    with LocalExecutor(2) as local:
        here = measure_passed(tasks, baseline_candidates(tasks), spec, limits, box, local, hashes)
    counts = {k: m.instructions for k, m in on_ray.items()}
    assert len(counts) == 1 and all(c and c > 10_000 for c in counts.values())
    assert counts == {k: m.instructions for k, m in here.items()}
    # the measurement says which node took it; the node is not part of the fingerprint id
    assert all(m.environment["node"] for m in on_ray.values())
    assert {m.environment["id"] for m in on_ray.values()} == {m.environment["id"] for m in here.values()}


def _our_workers(title: bytes = b"ray::run_job") -> list[int]:
    """Ray workers of this test's cluster (descendants of this process) now running a job of ours."""
    def parent(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                return int(handle.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return 0

    me, found = os.getpid(), []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                if not handle.read().startswith(title):
                    continue
        except OSError:
            continue
        pid, hops = int(name), 0
        while pid > 1 and hops < 10:
            pid, hops = parent(pid), hops + 1
            if pid == me:
                found.append(int(name))
                break
    return found


def test_worker_killed_mid_run_loses_and_duplicates_nothing(executor, box, tmp_path):
    tasks = load_tasks("humaneval", limit=12)
    # each candidate sleeps 1.5 s at import, so a kill lands while a job runs
    candidates = [Candidate(task_id=c.task_id, code="import time\ntime.sleep(1.5)\n" + c.code)
                  for c in reference_candidates(tasks)]
    killed: list[int] = []

    def kill_one() -> None:
        deadline = time.time() + 60
        while time.time() < deadline and not killed:
            workers = _our_workers()
            if workers:
                time.sleep(0.3)
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])
            time.sleep(0.1)

    killer = threading.Thread(target=kill_one)
    killer.start()
    with Store(tmp_path / "store.sqlite") as store:
        results = evaluate(tasks, candidates, EvalConfig(sandbox=box.name, limits=Limits(wall_s=20, cpu_s=20)),
                           store=store, executor=executor, sandbox=box)
        killer.join()
        rows = store.keys()
    assert killed, "no Ray worker was found running a job"
    assert [r.candidate for r in results] == candidates
    assert [r.verdict.status for r in results] == ["passed"] * len(candidates)  # the killed job was retried
    assert len(rows) == len(set(rows)) == len(candidates)


def test_a_job_whose_worker_always_dies_is_reported_not_lost(cluster):
    def die_on_three(job: int) -> int:  # defined here: Ray ships it by value (workers cannot import tests)
        if job == 3:
            os.kill(os.getpid(), signal.SIGKILL)
        return job * 10

    flaky = RayExecutor(max_retries=1)
    got = dict(flaky.map_unordered(die_on_three, range(6), on_error=lambda job, exc: exc))
    assert sorted(got) == list(range(6))
    assert isinstance(got[3], WorkerLost)
    assert {k: v for k, v in got.items() if k != 3} == {0: 0, 1: 10, 2: 20, 4: 40, 5: 50}
    with pytest.raises(WorkerLost):
        list(flaky.map_unordered(die_on_three, [3]))


def test_stragglers_are_reported(cluster):
    def nap(seconds: float) -> float:
        time.sleep(seconds)
        return seconds

    seen = []
    watcher = RayExecutor(straggler_factor=3.0, straggler_min_s=0.8, on_straggler=seen.append)
    jobs = [0.05] * 6 + [2.5] + [0.05] * 6
    results = [r for _, r in watcher.map_unordered(nap, jobs)]
    assert sorted(results) == sorted(jobs)
    assert [s.job for s in seen] == [2.5] and seen[0].seconds > 0.8
    assert watcher.stragglers == seen


def test_make_executor_and_cli_join_a_running_cluster(cluster, tmp_path):
    assert isinstance(make_executor("ray"), RayExecutor)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    args = [sys.executable, "-m", "effilab.cli", "evaluate", "--tasks", "humaneval", "--limit", "6", "--references",
            "--measure", "none", "--executor", "ray", "--ray-address", cluster, "--store",
            str(tmp_path / "s.sqlite"), "--out", str(tmp_path / "runs"), "--no-report", "--json"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["passed"] == summary["total"] == 6 and summary["workers"] == 2
    bad = subprocess.run(args[:4] + ["--ray-address", cluster], capture_output=True, text=True, timeout=60, env=env)
    assert bad.returncode == 2 and "--ray-address needs --executor ray" in bad.stderr


def test_concurrent_workers_pin_timing_runs_to_different_cores(cluster):
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core")

    def hold_a_core(_: int) -> int:  # each Ray worker has its own CorePool; the per-core file lock keeps them apart
        from effilab.measure.scheduling import CORES

        with CORES.core() as cpu:
            time.sleep(1.5)
            return cpu

    cores = [cpu for _, cpu in RayExecutor().map_unordered(hold_a_core, [0, 1])]
    assert len(set(cores)) == 2


def _cli(args, timeout=300):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run([sys.executable, "-m", "effilab.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


@pytest.mark.skipif(not callgrind.available()[0], reason=str(callgrind.available()[1]))
def test_runtime_db_build_and_optimize_run_on_the_cluster(cluster, tmp_path):
    """The other job-running commands take --executor ray too, with the same instruction counts as locally."""
    ids = [arg for name in SUITE_SLICE[:2] for arg in ("--id", f"suite/{name}")]
    common = ["runtime-db", "build", *ids, "--variants", "0", "--no-time", "--calls-per-size", "1", "--json"]
    _cli(common + ["--out", str(tmp_path / "local")])
    _cli(common + ["--out", str(tmp_path / "ray"), "--executor", "ray", "--ray-address", cluster])

    def counts(folder):
        rows = [json.loads(line) for line in (folder / "records.jsonl").read_text().splitlines()]
        return {r["code_hash"]: r["instructions"] for r in rows if r["measured"]}

    assert counts(tmp_path / "ray") == counts(tmp_path / "local") and len(counts(tmp_path / "local")) == 6

    fast = next(t for t in load_tasks("suite") if t.id == f"suite/{SUITE_SLICE[1]}")
    efficient = next(r.code for r in fast.references if r.role == "efficient")
    replies = tmp_path / "replies.jsonl"
    replies.write_text(json.dumps({"completions": [f"```python\n{efficient}```"]}) + "\n")
    done = _cli(["optimize", "--tasks", "suite", "--model", f"scripted:{replies}", "--rounds", "1",
                 "--objective", "instructions", "--processes", "1", "--repeats", "1", "--no-cache", "-o",
                 str(tmp_path / "soap.jsonl"), "--executor", "ray", "--ray-address", cluster, "--json",
                 "--start", str(_start(tmp_path, fast))])
    summary = json.loads(done.stdout)
    assert summary["tasks"] == 1 and summary["improved"] == 1


def _start(tmp_path, task):
    """A samples file whose one sample is the task's first inefficient reference."""
    slow = next(r.code for r in task.references if r.role == "inefficient")
    path = tmp_path / "start.jsonl"
    path.write_text(json.dumps({"task_id": task.id, "solution": slow}) + "\n")
    return path


@pytest.mark.skipif(not callgrind.available()[0], reason=str(callgrind.available()[1]))
def test_pipeline_run_on_the_cluster_gives_the_local_stage_table(cluster, tmp_path):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "pipelines" / "test_effi_code_pipeline.py"
    spec = importlib.util.spec_from_file_location("effi_code_pipeline_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    config = module.write_config(tmp_path)
    manifest = json.loads(_cli(["pipeline", "run", str(config), "--json", "--executor", "ray", "--ray-address",
                                cluster]).stdout)
    got = [(s["name"], s["records_in"], s["records_out"], s["dropped"]) for s in manifest["stages"]]
    assert got == module.EXPECTED_STAGES


def test_ecode_eval_judges_on_the_cluster_like_locally(cluster, tmp_path):
    """`ecode eval --executor ray` runs the samples' tests on the cluster: the same summary as the local pool."""
    pytest.importorskip("codebleu")
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "gec"
    data = tmp_path / "epc"
    _cli(["ecode", "export", "--tasks", f"gec:{fixture}", "--out", str(data), "--test-share", "0"])
    common = ["ecode", "eval", "--data", str(data / "train.jsonl"), "--tasks", f"gec:{fixture}", "--copy", "-k", "2",
              "--ks", "1,2", "--no-measure", "--json"]
    local = json.loads(_cli(common + ["--out", str(tmp_path / "local")]).stdout.strip().splitlines()[-1])
    on_ray = json.loads(_cli(common + ["--out", str(tmp_path / "ray"), "--executor", "ray", "--ray-address",
                                       cluster]).stdout.strip().splitlines()[-1])
    assert on_ray == local and local["overall"]["samples"] == 6 and local["overall"]["full_pass_rate"] == 1.0
