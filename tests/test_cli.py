"""The `trust-course` command: every error is one line and a non-zero exit; batch scoring."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import BIN, run_in_process
from trust_course.content import course

REFLECTION = next(e for e in course().exercises.values() if e["kind"] == "reflection")


def run(*args, stdin=""):
    return subprocess.run(
        [BIN / "trust-course", *map(str, args)], input=stdin, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--root", "/nonexistent", "check"],
        ["frobnicate"],
        ["score-reflection", "no-such-prompt"],
        ["score-reflection", REFLECTION["id"], "--jsonl", "/nonexistent.jsonl"],
        ["workshop", "init", "/tmp/x", "--chapters", "ch99"],
        ["workshop", "grade", "/nonexistent", "ch01"],
        ["journal", "export", "--notebooks", "/nonexistent"],
        ["notebooks", "--root", "x"],
    ],
)
def test_every_error_is_one_line_and_a_non_zero_exit(args):
    result = run_in_process(args) if args[0] != "frobnicate" else run(*args)  # one through the real entry point
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("trust-course: ") and "Traceback" not in result.stderr


def test_score_reflection_scores_many_texts_in_one_process(tmp_path):
    texts = ["I will text my sister on Sunday.", "", "i dont want to be here anymore", "café naïve “quotes”"]
    batch = tmp_path / "texts.jsonl"
    batch.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    result = run("score-reflection", REFLECTION["id"], "--jsonl", batch)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(texts)
    single = [json.loads(run("score-reflection", REFLECTION["id"], stdin=t).stdout) for t in texts]
    assert lines == single
    assert all(set(r) == {"prompt", "criteria", "met", "of", "hints", "signpost"} for r in lines)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"txt": 1}\n')
    result = run("score-reflection", REFLECTION["id"], "--jsonl", bad)
    assert result.returncode == 2 and "line 2" in result.stderr
