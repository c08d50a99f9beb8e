"""`trust-course check`: the real course passes, and broken files give one clear line each."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, ROOT, run_in_process

GOOD_QUIZ = """\
  - id: ch09-quiz-one
    kind: quiz
    title: A title
    tactic: gaslighting
    relationship: friend
    gender: unstated
    vignette: Someone says something.
    options:
      - {id: a, kind: tactic, text: A tactic, correct: true, explain: Because.}
      - {id: b, kind: healthy, text: Healthy, correct: false, explain: Because.}
      - {id: c, kind: not-enough-information, text: Unclear, correct: false, explain: Because.}
"""


def run_check(tmp_path, files: dict[str, str], notebook_ids=()):
    """`trust-course check` on a folder holding book/chNN/exercises.yml for each chapter file given,
    with the real course's shared sources (concepts, safety, strings)."""
    book = tmp_path / "book"
    for shared in ("concepts.yml", "safety", "strings"):
        source = ROOT / "book" / shared
        shutil.copytree(source, book / shared) if source.is_dir() else shutil.copy(
            source, book.mkdir() or book / shared
        )
    for name, text in files.items():
        (book / Path(name).stem).mkdir()
        (book / Path(name).stem / "exercises.yml").write_text(text, encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    if notebook_ids:
        cells = [
            {"cell_type": "code", "source": f'show("{i}")', "metadata": {}, "outputs": [], "execution_count": None}
            for i in notebook_ids
        ]
        (tmp_path / "notebooks" / "ch09.ipynb").write_text(
            json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
        )
    return run_in_process(["--root", str(tmp_path), "check"])


def chapter(body: str, chapter_id: str = "ch09") -> str:
    return f"chapter: {chapter_id}\ntitle: Test chapter\nexercises:\n{body}"


def test_the_course_content_passes():
    result = subprocess.run([BIN / "trust-course", "--root", ROOT, "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "0 problem(s)" in result.stdout


def test_a_good_file_passes(tmp_path):
    result = run_check(tmp_path, {"ch09.yml": chapter(GOOD_QUIZ)}, notebook_ids=["ch09-quiz-one"])
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "files, notebook_ids, expected",
    [
        (
            {"ch09.yml": chapter(GOOD_QUIZ.replace("    vignette: Someone says something.\n", ""))},
            (),
            "ch09/exercises.yml: exercise 'ch09-quiz-one', field 'vignette': is missing",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ.replace("kind: quiz", "kind: poll"))},
            (),
            "ch09/exercises.yml: exercise 'ch09-quiz-one', field 'kind': 'poll' is not one of quiz, checklist, reflection",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ + GOOD_QUIZ.replace("tactic: gaslighting", "tactic: darvo"))},
            (),
            "ch09/exercises.yml: exercise 'ch09-quiz-one', field 'id': is already used in ch09/exercises.yml",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ), "ch10.yml": chapter(GOOD_QUIZ, "ch10")},
            (),
            "ch10/exercises.yml: exercise 'ch09-quiz-one', field 'id': is already used in ch09/exercises.yml",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ.replace("correct: true", "correct: false"))},
            (),
            "ch09/exercises.yml: exercise 'ch09-quiz-one', field 'options': no option is marked correct: true",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ)},
            ["ch09-quiz-one", "ch09-quiz-missing"],
            "ch09.ipynb: exercise 'ch09-quiz-missing', field 'cell source': names an exercise id that no chapter file defines",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ.replace("kind: healthy", "kind: tactic"))},
            (),
            "ch09/exercises.yml: exercise 'ch09-quiz-one', field 'options': needs an option of kind 'healthy'",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ.replace("{id: c,", "{id: b,"))},
            (),
            "ch09/exercises.yml: exercise 'ch09-quiz-one', field 'options[2].id': 'b' is used twice in this exercise",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ.replace("    relationship: friend\n", ""))},
            (),
            "ch09/exercises.yml: exercise 'ch09-quiz-one', field 'relationship': is missing",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ.replace("relationship: friend", "relationship: neighbour"))},
            (),
            "ch09/exercises.yml: exercise 'ch09-quiz-one', field 'relationship': 'neighbour' is not one of partner, ",
        ),
        (
            {"ch09.yml": chapter(GOOD_QUIZ.replace("gender: unstated", "gender: female"))},
            (),
            "ch09/exercises.yml: exercise 'ch09-quiz-one', field 'gender': 'female' is not one of woman, man, nonbinary, unstated",
        ),
        (
            {"ch09.yml": "chapter: ch09\ntitle: a: b\n"},
            (),
            "ch09/exercises.yml: exercise '-', field 'line 2': not valid YAML",
        ),
    ],
)
def test_broken_files_name_file_exercise_and_field(tmp_path, files, notebook_ids, expected):
    result = run_check(tmp_path, files, notebook_ids)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(expected) for line in lines), result.stderr


@pytest.mark.parametrize(
    "pattern, why",
    [
        ("(?>ab)c", "JavaScript refuses it"),
        ("a*+", "JavaScript refuses it"),
        ("x{2}+", "JavaScript refuses it"),
        ("(?-i:a)", "JavaScript refuses it"),
        ("a{,3}", "JavaScript refuses it"),
        ("(unclosed", "Python refuses it"),
        (r"caf\w", "match 'café' differently"),
        (r"\\bleave", "matches a backslash"),
    ],
)
def test_raw_patterns_are_checked_in_python_and_in_javascript(pattern, why):
    from trust_course.rules_compiler import pattern_problems

    rules = {"prompts": {"p": {"c": {"patterns": [r"\bleave\b", pattern]}}}, "safety": {}}
    problems = [str(p) for p in pattern_problems(rules)]
    assert len(problems) == 1 and "field 'criteria.c.patterns[1]'" in problems[0] and why in problems[0], problems


def test_a_rule_naming_an_unknown_concept_is_one_line_with_its_prompt(tmp_path):
    from trust_course import rules_compiler
    from trust_course.content import course

    book = tmp_path / "book"
    shutil.copytree(ROOT / "book", book)
    plan = book / "ch06" / "rules" / "boundary-plan.yml"
    plan.write_text(plan.read_text().replace("criteria:", "criteria:\n  extra: {any: [no_such_concept]}", 1))
    exercise = {**course().exercise("boundary-plan"), "chapter": "ch06"}
    _, problems = rules_compiler.build({"boundary-plan": exercise}, book)
    lines = [str(p) for p in problems]
    assert any(
        line.startswith("boundary-plan.yml: exercise 'boundary-plan', field 'criteria': must give exactly")
        for line in lines
    )
    assert any("'no_such_concept' is not a known concept" in line for line in lines)
