"""The chapter 1 notebook as an nbgrader source notebook, run through the real nbgrader commands."""

from __future__ import annotations

import csv
import shutil

import pytest
from conftest import ROOT
from fake_learners import answers, labelled_text, nbgrader, submit
from trust_course.content import course
from trust_course.workshop import init_course

pytestmark = pytest.mark.slow
CHAPTER = "ch01"
PRIVATE_TEXT = "PRIVATE-3f9c: what I only tell myself"
SCRIPT = " <script>document.title='x'</script>"


def learners():
    """Answers files for three learners, and the score each should get."""
    exercises = course().chapter(CHAPTER)["exercises"]
    reflections = [e for e in exercises if e["kind"] == "reflection"]
    quizzes = sum(e["kind"] == "quiz" for e in exercises)
    full, _ = labelled_text(reflections[-1], want_all=True)
    some, _ = labelled_text(reflections[-1], want_all=False)
    half = quizzes // 2
    return {  # a written reflection counts in full, shared or private, whatever criteria it meets
        "all-right": (
            answers(CHAPTER, quizzes, private_text=PRIVATE_TEXT, shared_text=full + SCRIPT),
            float(len(exercises)),
        ),
        "partly-right": (answers(CHAPTER, half, checklist=False, shared_text=some), half + 1.0),
        "empty": ({}, 0.0),
    }


def test_assign_autograde_feedback_export(tmp_path):
    course_dir = tmp_path / "course"
    init_course(course_dir, [CHAPTER])
    shutil.copyfile(ROOT / "notebooks" / f"{CHAPTER}.ipynb", course_dir / "source" / CHAPTER / f"{CHAPTER}.ipynb")
    nbgrader(course_dir, "generate_assignment", CHAPTER, "--force")
    released = course_dir / "release" / CHAPTER
    assert sorted(p.name for p in released.iterdir()) == [f"{CHAPTER}.ipynb"], "no answers file is released"

    cohort = learners()
    for learner, (answers_file, _) in cohort.items():
        submit(course_dir, learner, CHAPTER, answers_file)
    nbgrader(course_dir, "autograde", CHAPTER, "--create", "--force")
    nbgrader(course_dir, "generate_feedback", CHAPTER, "--force")
    nbgrader(course_dir, "export", "--to", str(tmp_path / "grades.csv"))

    with open(tmp_path / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    exercises = course().chapter(CHAPTER)["exercises"]
    for learner, (_, score) in cohort.items():
        assert float(rows[learner]["raw_score"]) == pytest.approx(score), learner
        assert float(rows[learner]["max_score"]) == len(exercises)

    quizzes = [e for e in exercises if e["kind"] == "quiz"]
    for learner, (answers_file, _) in cohort.items():
        html = (course_dir / "feedback" / learner / CHAPTER / f"{CHAPTER}.html").read_text(encoding="utf-8")
        chosen_texts = {
            o["text"] for q in quizzes for o in q["options"] if answers_file.get(q["id"], {}).get("choice") == o["id"]
        }
        for quiz in quizzes:
            chosen = answers_file.get(quiz["id"], {}).get("choice")
            for option in quiz["options"]:
                assert option["explain"] not in html, "feedback never shows the key's explanations"
                if option["id"] == chosen:
                    assert f"Your answer: {option['text']}" in html, "feedback shows the recorded answer"
                elif option["correct"] and option["text"] not in chosen_texts:
                    assert option["text"] not in html, "feedback never shows which option is correct"
        assert '"correct"' not in html
        if not answers_file:
            assert "Nothing recorded yet." in html
        if learner == "all-right":
            assert "&lt;script&gt;document.title" in html and "<script>document.title" not in html

    everything = [p for p in course_dir.rglob("*") if p.is_file()]
    assert all(PRIVATE_TEXT.encode() not in p.read_bytes() for p in everything)
