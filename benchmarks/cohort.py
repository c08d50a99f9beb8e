"""Benchmark: a cohort of 20 learners on the project's JupyterHub (the same run as
tests/test_cohort_hub.py, from tests/cohort.py), for the facilitator guide's planning figures.

Reports the time from login to a ready notebook (median and worst; the tabs share this machine's
CPUs with the hub), how long the hub took to start each server (from its log), the memory and CPU
time of the hub and of each learner (their JupyterLab and kernel; PSS shares libraries fairly, RSS
counts them in full),
and the time to grade the cohort on PostgreSQL and on SQLite with `--jobs 1` and `--jobs 2`, each
run checked against the learners' planned grades. Runs as root: it creates Unix users.
Writes benchmarks/results/cohort.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import psutil  # noqa: E402
from cohort import CHAPTER, cohort, collect, exported_scores, grade, server_start_seconds  # noqa: E402


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line), "?")
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
    }


def grading_times(group) -> dict:
    """Grade the collected cohort with 1 and 2 processes on PostgreSQL (the course's own gradebook)
    and on SQLite (a copy of the course with gradebook.db); every run must give the planned grades."""
    expected = {user: plan.score for user, plan in group.plans.items()}
    group.as_facilitator(
        f"trust-course workshop init ~/course-sqlite --chapters {CHAPTER} && cd ~/course-sqlite && "
        f"nbgrader generate_assignment {CHAPTER} && cp -r ~/course/submitted ~/course-sqlite/"
    )
    times = {}
    for database, folder in (("postgresql", "course"), ("sqlite", "course-sqlite")):
        for jobs in (1, 2):
            times[f"{database}_jobs{jobs}_s"] = grade(group, jobs, folder)
            scores = exported_scores(group, folder)
            assert scores == expected, f"{database} --jobs {jobs} graded wrongly: {scores}"
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    learners = parser.parse_args().learners
    results = {"learners": learners, "machine": machine()}
    with cohort(learners) as group:
        ready = sorted(group.ready_seconds.values())
        results["login_to_ready_s"] = {"median": statistics.median(ready), "worst": ready[-1], "all": ready}
        starts = server_start_seconds(group)
        results["server_start_s"] = {"median": statistics.median(starts), "worst": starts[-1], "count": len(starts)}
        results["usage"] = group.usage
        results["submit_spread_s"] = group.submit_spread_seconds
        results["blocked_requests"] = len(group.blocked)
        results["spawn_page_reloads"] = len(group.reloads)
        results["failed_starts_relaunched"] = len(group.relaunches)
        collect(group)
        results["grading"] = grading_times(group)
    memory = results["usage"]
    print(f"{learners} learners on {results['machine']['cpus']} CPUs, {results['machine']['memory_gb']} GB")
    print(f"login to ready notebook    median {statistics.median(ready):6.1f} s   worst {ready[-1]:6.1f} s")
    print(
        f"server start (hub log)     median {results['server_start_s']['median']:6.1f} s   worst "
        f"{results['server_start_s']['worst']:6.1f} s"
    )
    print(
        f"CPU per learner to open ch01: median {memory['learner_cpu_s_median']:.1f} s; hub "
        f"{memory['hub']['cpu_s']:.1f} s in all"
    )
    print(f"hub (JupyterHub + proxy)   PSS {memory['hub']['pss_mb']:6.0f} MB   RSS {memory['hub']['rss_mb']:6.0f} MB")
    print(
        f"per learner (lab + kernel) PSS median {memory['learner_pss_mb_median']:4.0f} MB, max "
        f"{memory['learner_pss_mb_max']:4.0f} MB;  RSS median {memory['learner_rss_mb_median']:4.0f} MB"
    )
    print(f"spawn pages reloaded       {results['spawn_page_reloads']} (a learner would press reload)")
    print(f"failed starts relaunched   {results['failed_starts_relaunched']} (a learner would press Relaunch)")
    print(f"machine memory in use      {memory['machine_used_mb']:6.0f} MB (browser tabs included)")
    for key, seconds in results["grading"].items():
        print(f"grading {key:22} {seconds:6.1f} s")
    (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "results" / "cohort.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
