"""Runs INSIDE the sandbox (trusted, standard library only): times a compiled program on its workload.

Job (JSON on stdin): nonce, generator (Python source of `generate(size, rng) -> stdin text or list of texts`),
sizes, seed, warmup, repeats, time, memory, interval_s, instructions (valgrind argv prefix or null).
The program is started once per workload input, with stdout and stderr discarded and none of our descriptors
(close_fds): it cannot reach the result channel. Times are taken from fork to reaping, so they hold the program's
own start-up (about a millisecond) but no interpreter or sandbox start-up.
One JSON record goes to the channel (EFFILAB_CHANNEL_FD) with the nonce.
"""

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

PAGE = os.sysconf("SC_PAGE_SIZE")
TOTAL = re.compile(r"==\d+== (?:I\s+refs|Collected)\s*:\s*([\d,]+)")


def inputs(job):
    namespace = {"__name__": "__workload__"}
    exec(compile(job["generator"], "<workload>", "exec"), namespace)
    paths = []
    for size in job["sizes"]:
        made = namespace["generate"](size, random.Random(job["seed"] * 1000003 + size))
        for text in ([made] if isinstance(made, str) else list(made)):
            path = f"workload.{len(paths)}.txt"
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            paths.append(path)
    return paths


LAUNCHER = "effilab_launcher"


def launch(argv, path):
    """Start the program through the launcher; returns (launcher process, report pipe, program pid)."""
    report_r, report_w = os.pipe()
    proc = subprocess.Popen([os.path.abspath("l"), str(report_w), path, *argv], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(report_w,))
    os.close(report_w)
    report = os.fdopen(report_r, "r")
    first = report.readline().split()
    return proc, report, int(first[1]) if len(first) == 2 and first[0] == "pid" else None


def finish(proc, report):
    """(exit status, max RSS kB, wall s, cpu s) of the program, as the launcher saw them."""
    line = report.readline().split()
    report.close()
    proc.wait()
    if len(line) != 5 or line[0] != "done":
        raise RuntimeError(f"the launcher failed (status {proc.returncode})")
    return os.waitstatus_to_exitcode(int(line[1])), int(line[2]), float(line[3]), float(line[4])


def timed(argv, path):
    """(wall s, cpu s, max RSS kB, exit status) of one run, from fork to reaping in the launcher."""
    proc, report, _ = launch(argv, path)
    code, rss, wall, cpu = finish(proc, report)
    return wall, cpu, rss, code


def sampled(argv, path, interval):
    """(peak MB, RSS-time integral MB*s, profile [(s, MB)], exit status): RSS of the program read every
    `interval` seconds for the integral; the peak is the kernel's (ru_maxrss, from the launcher)."""
    proc, report, pid = launch(argv, path)
    t0 = last = time.perf_counter()
    rss_mb, tmu, profile = 0.0, 0.0, []
    while pid is not None and proc.poll() is None:
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                current = int(handle.read().split()[1]) * PAGE / 1e6
        except (OSError, ValueError, IndexError):
            current = None  # gone (or not readable): the launcher is about to report
        now = time.perf_counter()
        tmu += rss_mb * (now - last)
        last = now
        if current is None:
            break
        rss_mb = current
        if len(profile) < 2000:
            profile.append((round(now - t0, 6), round(rss_mb, 3)))
        time.sleep(interval)
    code, peak_kb, wall, _ = finish(proc, report)
    tmu += rss_mb * max(0.0, wall - (last - t0))  # the last stretch, up to the program's end
    return peak_kb * 1024 / 1e6, tmu, profile, code


def main():
    job = json.loads(sys.stdin.buffer.read())
    record = {"nonce": job["nonce"], "event": "measure"}
    if job.get("cpu") is not None and hasattr(os, "sched_setaffinity"):
        try:  # the core the parent reserved for this run; the launcher and the program inherit it
            os.sched_setaffinity(0, {int(job["cpu"])})
        except (OSError, ValueError):
            pass
    try:
        for source, target in (("prog", "p"), (LAUNCHER, "l")):
            shutil.copyfile(source, target)
            os.chmod(target, 0o700)
        argv = [os.path.abspath("p")]
        paths = inputs(job)
        record["calls"] = len(paths)
        if job.get("instructions"):
            total = 0
            for path in paths:
                log_r, log_w = os.pipe()
                prefix = [a.replace("{log_fd}", str(log_w)) for a in job["instructions"]]
                with open(path, "rb") as stdin:
                    proc = subprocess.Popen(prefix + argv, stdin=stdin, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL, pass_fds=(log_w,))
                os.close(log_w)
                with os.fdopen(log_r, "rb") as log:
                    text = log.read().decode("utf-8", "replace")
                if proc.wait() != 0:
                    raise RuntimeError(f"the program failed under valgrind (status {proc.returncode})")
                found = TOTAL.findall(text)
                if not found:
                    raise RuntimeError("valgrind reported no total")
                total += int(found[-1].replace(",", ""))
            record["instructions"] = total
        if job.get("time"):
            walls, cpus, rss = [], [], 0
            for round_ in range(job.get("warmup", 1) + job.get("repeats", 5)):
                wall = cpu = 0.0
                for path in paths:
                    w, c, r, code = timed(argv, path)
                    if code != 0:
                        raise RuntimeError(f"the program exited with status {code} on the workload")
                    wall, cpu, rss = wall + w, cpu + c, max(rss, r)
                if round_ >= job.get("warmup", 1):
                    walls.append(wall)
                    cpus.append(cpu)
            record["wall_s"], record["cpu_s"] = walls, cpus
        if job.get("memory"):
            peak, tmu, profile = 0.0, 0.0, []
            for path in paths:
                p, t, prof, code = sampled(argv, path, job.get("interval_s", 0.001))
                if code != 0:
                    raise RuntimeError(f"the program exited with status {code} on the workload")
                offset = profile[-1][0] if profile else 0.0
                peak, tmu = max(peak, p), tmu + t
                profile.extend((offset + s, mb) for s, mb in prof)
            step = max(1, len(profile) // 200)
            record.update(peak_mb=peak, tmu_mb_s=tmu, rss_profile=profile[::step])
    except Exception as exc:  # a failure on the workload: efficiency is not scored, the verdict stands
        record["error"] = f"{type(exc).__name__}: {exc}"
    with os.fdopen(int(os.environ["EFFILAB_CHANNEL_FD"]), "w") as channel:
        channel.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
