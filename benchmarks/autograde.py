"""Benchmark: autograde 30 fake learners of chapter 1.

Reports seconds per submission with `--jobs 1`, its ratio to the floor (running the same
notebook with nbclient alone, beside the same answers file), and the speedup of `--jobs 2`.
Targets (2-core machine): at most 2.0 s per submission, at most 2.0x the floor, speedup at least 1.3x.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import nbformat  # noqa: E402
from fake_learners import answers, nbgrader, submit  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from trust_course.workshop import grade, init_course  # noqa: E402

LEARNERS = 30
CHAPTER = "ch01"
TARGETS = {"seconds_per_submission": 2.0, "ratio_to_floor": 2.0, "speedup_jobs2": 1.3}


def floor(folder: Path, runs: int = 5) -> float:
    """Seconds to execute the submitted notebook with nbclient alone, kernel start included."""
    times = []
    for _ in range(runs):
        nb = nbformat.read(folder / f"{CHAPTER}.ipynb", as_version=4)
        start = time.monotonic()
        NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
        times.append(time.monotonic() - start)
    return statistics.median(times)


def main() -> int:
    for name in ("TRUST_COURSE_ANSWERS_DIR", "TRUST_COURSE_PRIVATE_DIR"):
        os.environ.pop(name, None)
    os.environ["PATH"] = f"{ROOT / '.venv/bin'}:{os.environ['PATH']}"
    with tempfile.TemporaryDirectory() as tmp:
        course_dir = Path(tmp) / "course"
        init_course(course_dir, [CHAPTER])
        nbgrader(course_dir, "generate_assignment", CHAPTER, "--force")
        for n in range(LEARNERS):
            submit(course_dir, f"learner-{n:02d}", CHAPTER, answers(CHAPTER, n % 12, checklist=n % 2 == 0))
        results = {"floor_seconds": floor(course_dir / "submitted" / "learner-01" / CHAPTER)}
        for jobs in (1, 2):
            shutil.rmtree(course_dir / "autograded", ignore_errors=True)
            start = time.monotonic()
            grade(course_dir, CHAPTER, jobs)
            results[f"jobs{jobs}_seconds"] = time.monotonic() - start
    results["seconds_per_submission"] = results["jobs1_seconds"] / LEARNERS
    results["ratio_to_floor"] = results["seconds_per_submission"] / results["floor_seconds"]
    results["speedup_jobs2"] = results["jobs1_seconds"] / results["jobs2_seconds"]
    met = {key: results[key] >= t if key == "speedup_jobs2" else results[key] <= t for key, t in TARGETS.items()}
    for key, value in results.items():
        note = f"  (target {TARGETS[key]}: {'ok' if met[key] else 'MISSED'})" if key in TARGETS else ""
        print(f"{key:24} {value:8.2f}{note}")
    (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "results" / "autograde.json").write_text(json.dumps(results, indent=1))
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
