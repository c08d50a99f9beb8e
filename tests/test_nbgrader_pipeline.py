"""The chapter 1 notebook as an nbgrader source notebook, run through the real nbgrader commands."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess

import pytest
import yaml

from conftest import BIN, ROOT
from trust_course import store
from trust_course.content import course
from trust_course.feedback import evaluate
from trust_course.workshop import init_course

pytestmark = pytest.mark.slow
CHAPTER = "ch01"
PRIVATE_TEXT = "PRIVATE-3f9c: what I only tell myself"
SCRIPT = " <script>document.title='x'</script>"


def nbgrader(course_dir, *args):
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    for name in ("TRUST_COURSE_ANSWERS_DIR", "TRUST_COURSE_PRIVATE_DIR"):
        env.pop(name, None)
    result = subprocess.run([BIN / "nbgrader", *args], cwd=course_dir, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def full_marks_text(exercise):
    """A labelled answer that a careful reader judged to meet every criterion of the prompt."""
    labels = yaml.safe_load((ROOT / "tests/data/reflection_labels" / f"{CHAPTER}.yml").read_text(encoding="utf-8"))
    return next(item["text"] for item in labels
                if item["prompt"] == exercise["id"] and all(item["labels"].values()))


def partial_text(exercise):
    """A labelled answer that meets some but not all criteria, and the share it meets."""
    labels = yaml.safe_load((ROOT / "tests/data/reflection_labels" / f"{CHAPTER}.yml").read_text(encoding="utf-8"))
    item = next(i for i in labels if i["prompt"] == exercise["id"] and 0 < sum(i["labels"].values()) < len(i["labels"])
                and evaluate(exercise, i["text"])["criteria"] == i["labels"])
    return item["text"], round(sum(item["labels"].values()) / len(item["labels"]), 4)


def learners():
    """Answers files for three learners, and the score each should get."""
    exercises = course().chapter(CHAPTER)["exercises"]
    quizzes = [e for e in exercises if e["kind"] == "quiz"]
    reflections = [e for e in exercises if e["kind"] == "reflection"]
    right = {e["id"]: {"choice": next(o["id"] for o in e["options"] if o["correct"])} for e in quizzes}
    wrong = {e["id"]: {"choice": next(o["id"] for o in e["options"] if not o["correct"])} for e in quizzes}
    checklist = next(e for e in exercises if e["kind"] == "checklist")
    all_right = {**right, checklist["id"]: {"ticked": [checklist["items"][0]["id"]]},
                 reflections[0]["id"]: store.split_reflection({"text": PRIVATE_TEXT, "shared": False})[0],
                 reflections[1]["id"]: store.split_reflection({"text": full_marks_text(reflections[1]) + SCRIPT,
                                                               "shared": True})[0]}
    half = len(quizzes) // 2
    some_text, some = partial_text(reflections[1])
    partly = {**{k: right[k] for k in list(right)[:half]}, **{k: wrong[k] for k in list(wrong)[half:]},
              reflections[1]["id"]: store.split_reflection({"text": some_text, "shared": True})[0]}
    return {"all-right": (all_right, float(len(exercises))), "partly-right": (partly, half + some), "empty": ({}, 0.0)}


def test_assign_autograde_feedback_export(tmp_path):
    course_dir = tmp_path / "course"
    init_course(course_dir, [CHAPTER])
    shutil.copyfile(ROOT / "notebooks" / f"{CHAPTER}.ipynb", course_dir / "source" / CHAPTER / f"{CHAPTER}.ipynb")
    nbgrader(course_dir, "generate_assignment", CHAPTER, "--force")
    released = course_dir / "release" / CHAPTER
    assert sorted(p.name for p in released.iterdir()) == [f"{CHAPTER}.ipynb"], "no answers file is released"

    expected = {}
    for learner, (answers, score) in learners().items():
        folder = course_dir / "submitted" / learner / CHAPTER
        shutil.copytree(released, folder)
        if answers:
            (folder / f"{CHAPTER}.answers.json").write_text(json.dumps(answers), encoding="utf-8")
        expected[learner] = score

    nbgrader(course_dir, "autograde", CHAPTER, "--create", "--force")
    nbgrader(course_dir, "generate_feedback", CHAPTER, "--force")
    nbgrader(course_dir, "export", "--to", str(tmp_path / "grades.csv"))

    with open(tmp_path / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    for learner, score in expected.items():
        assert float(rows[learner]["raw_score"]) == pytest.approx(score), learner
        assert float(rows[learner]["max_score"]) == len(course().chapter(CHAPTER)["exercises"])

    exercises = course().chapter(CHAPTER)["exercises"]
    quizzes = [e for e in exercises if e["kind"] == "quiz"]
    for learner, (answers, _) in learners().items():
        html = (course_dir / "feedback" / learner / CHAPTER / f"{CHAPTER}.html").read_text(encoding="utf-8")
        chosen_texts = {o["text"] for q in quizzes for o in q["options"] if answers.get(q["id"], {}).get("choice") == o["id"]}
        for quiz in quizzes:
            chosen = answers.get(quiz["id"], {}).get("choice")
            for option in quiz["options"]:
                assert option["explain"] not in html, "feedback never shows the key's explanations"
                if option["id"] == chosen:
                    assert f"Your answer: {option['text']}" in html, "feedback shows the recorded answer"
                elif option["correct"] and option["text"] not in chosen_texts:
                    assert option["text"] not in html, "feedback never shows which option is correct"
        assert '"correct"' not in html
        if not answers:
            assert "Nothing recorded yet." in html
        if learner == "all-right":
            assert "&lt;script&gt;document.title" in html and "<script>document.title" not in html

    everything = [p for p in course_dir.rglob("*") if p.is_file() and p.suffix != ".db"]
    assert all(PRIVATE_TEXT not in p.read_text(errors="ignore") for p in everything)
