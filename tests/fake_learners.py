"""Fake learners for nbgrader tests and benchmarks: answers files as the widgets write them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import BIN
from reflection_corpus import writing_set
from trust_course import store
from trust_course.content import course
from trust_course.engine import evaluate


def labelled_text(exercise: dict, want_all: bool) -> tuple[str, float]:
    """A development-set answer meeting all (or some, not all) criteria, by label and by the rules,
    and the share it meets."""
    for item in writing_set("dev", exercise["id"]):
        met = sum(item["labels"].values())
        fits = met == len(item["labels"]) if want_all else 0 < met < len(item["labels"])
        if fits and evaluate(exercise, item["text"])["criteria"] == item["labels"]:
            return item["text"], round(met / len(item["labels"]), 4)
    raise LookupError(exercise["id"])


def answers(
    chapter_id: str,
    right_quizzes: int,
    checklist: bool = True,
    private_text: str | None = None,
    shared_text: str | None = None,
) -> dict:
    """An answers file: the first `right_quizzes` quiz items right, the rest wrong; reflections as given."""
    exercises = course().chapter(chapter_id)["exercises"]
    out = {}
    for index, ex in enumerate(e for e in exercises if e["kind"] == "quiz"):
        option = next(o for o in ex["options"] if o["correct"] == (index < right_quizzes))
        out[ex["id"]] = {"choice": option["id"]}
    if checklist:
        for ex in (e for e in exercises if e["kind"] == "checklist"):
            out[ex["id"]] = {"ticked": [ex["items"][0]["id"]]}
    reflections = [e for e in exercises if e["kind"] == "reflection"]
    if private_text is not None:
        out[reflections[0]["id"]] = store.split_reflection({"text": private_text, "shared": False})[0]
    if shared_text is not None:
        out[reflections[-1]["id"]] = store.split_reflection({"text": shared_text, "shared": True})[0]
    return out


def submit(course_dir: Path, learner: str, chapter_id: str, answers_file: dict | None) -> Path:
    """Place a learner's submission where `nbgrader collect` would: the released notebook plus answers."""
    folder = course_dir / "submitted" / learner / chapter_id
    shutil.copytree(course_dir / "release" / chapter_id, folder)
    if answers_file:
        (folder / f"{chapter_id}{store.ANSWERS_SUFFIX}").write_text(json.dumps(answers_file), encoding="utf-8")
    return folder


def nbgrader(course_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    for name in ("TRUST_COURSE_ANSWERS_DIR", "TRUST_COURSE_PRIVATE_DIR"):
        env.pop(name, None)
    result = subprocess.run(
        [BIN / "nbgrader", *args], cwd=course_dir, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result
