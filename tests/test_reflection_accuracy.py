"""The labelled writing sets that measure the rules: complete, separate, and reported as measured.

The figures to quote come from the frozen test sets (benchmarks/reflection_accuracy.py --set test);
the development sets are what the rules were written against.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPORT, ROOT
from reflection_corpus import BOOK, writing_set
from trust_course.content import course

REFLECTIONS = {e["id"]: e for e in course().exercises.values() if e["kind"] == "reflection"}
SAFETY_KINDS = {
    "suicidal",
    "self-harm",
    "physical-violence",
    "sexual-violence",
    "strangulation",
    "weapons",
    "threats",
    "stalking-tracking",
    "control",
    "kept-from-leaving",
    "threats-to-children-or-pets",
    "their-suicide-threat",
}


def test_every_prompt_has_a_guide_a_development_set_and_a_separate_test_set():
    for ident, exercise in REFLECTIONS.items():
        assert (BOOK / course().chapter_of[ident] / "writing" / ident / "guide.md").exists(), ident
        names = {c["name"] for c in exercise["criteria"]}
        sets = {split: writing_set(split, ident) for split in ("dev", "test")}
        for split, items in sets.items():
            assert len(items) >= 40, (ident, split)
            assert all(
                set(i["labels"]) == names and all(isinstance(v, bool) for v in i["labels"].values()) for i in items
            ), (ident, split)
        overlap = {i["text"].strip().lower() for i in sets["dev"]} & {i["text"].strip().lower() for i in sets["test"]}
        assert len(overlap) <= 2, (ident, overlap)  # at most a shared refusal such as "no"


def test_the_safety_sets_cover_every_kind_of_danger_and_hard_negatives():
    assert (BOOK / "safety" / "writing" / "guide.md").exists()
    for split in ("dev", "test"):
        items = writing_set(split, "safety")
        danger = [i for i in items if i["danger"]]
        assert len(danger) >= 100 and len(items) - len(danger) >= 100, split
        assert {i["kind"] for i in danger} == SAFETY_KINDS, split
        assert {i["kind"] for i in items if not i["danger"]} >= {"idiom", "past-hurt", "abstract"}, split


@pytest.mark.slow  # never in the fast tier: nobody tuning rules should see test figures along the way
def test_the_figures_on_the_frozen_test_sets_are_reported():
    run = subprocess.run(
        [sys.executable, ROOT / "benchmarks/reflection_accuracy.py", "--set", "test"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert sum("test set:" in line for line in lines) == 1 and any(line.startswith("safety: recall") for line in lines)
    REPORT.extend(lines)
