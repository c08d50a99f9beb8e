"""Benchmarks for issue 8: answers kept under concurrent saves, command start time, fast tests.

    python benchmarks/store_and_cli.py

Targets: 400 of 400 concurrent saves kept (the unlocked read-modify-write is run beside it as the
baseline); `trust-course --help` and `score-reflection` start in under 0.5 s (bare `python -c pass`
beside them); the fast tier (`make test-fast`: `pytest -m "not slow and not browser"`) must take under 30 s.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _locked(folder: str, prefix: str, count: int) -> None:
    from trust_course import store

    for i in range(count):
        store.update(Path(folder) / "ch01.answers.json", f"{prefix}-{i}", {"choice": "x"})


def _unlocked(folder: str, prefix: str, count: int) -> None:
    """The store as it was: read, modify and rename, with no lock."""
    from trust_course import store

    path = Path(folder) / "ch01.answers.json"
    for i in range(count):
        store.write_atomic(path, store.with_entry(store.read(path), f"{prefix}-{i}", {"choice": "x"}))


def kept(target) -> int:
    with tempfile.TemporaryDirectory() as folder:
        workers = [multiprocessing.Process(target=target, args=(folder, name, 200)) for name in ("a", "b")]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return len(json.loads((Path(folder) / "ch01.answers.json").read_text()))


def start_time(command: list[str], stdin: str = "", rounds: int = 10) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    results = {"saves_kept_locked": kept(_locked), "saves_kept_unlocked_baseline": kept(_unlocked)}
    results["python_bare_s"] = start_time([sys.executable, "-c", "pass"])
    results["cli_help_s"] = start_time([BIN / "trust-course", "--help"])
    results["cli_score_reflection_s"] = start_time(
        [BIN / "trust-course", "score-reflection", "boundary-plan"], "If he yells I will leave the room."
    )
    start = time.perf_counter()
    fast = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "not slow and not browser", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    results["fast_tests_s"] = time.perf_counter() - start
    results["fast_tests_summary"] = fast.stdout.strip().splitlines()[-1] if fast.stdout.strip() else fast.stderr[-200:]
    for key, value in results.items():
        print(f"{key:32} {value:.3f}" if isinstance(value, float) else f"{key:32} {value}")
    ok = (
        results["saves_kept_locked"] == 400
        and results["cli_help_s"] < 0.5
        and results["cli_score_reflection_s"] < 0.5
        and results["fast_tests_s"] < 30
    )
    print("targets met" if ok else "targets NOT met")
    return 0 if ok and fast.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
