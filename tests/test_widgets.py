"""Widgets and notebook cells in the kernel, without a browser: restore, save, privacy, static form."""
from __future__ import annotations

import html
import json

from trust_course import check, progress, show, store
from trust_course.content import course

QUIZ = next(e for e in course().chapter("ch01")["exercises"] if e["kind"] == "quiz")
CHECKLIST = next(e for e in course().chapter("ch01")["exercises"] if e["kind"] == "checklist")
REFLECTION = next(e for e in course().chapter("ch01")["exercises"] if e["kind"] == "reflection")


def test_quiz_answer_is_saved_and_restored():
    widget = show(QUIZ["id"])
    widget.answer = {"choice": QUIZ["options"][1]["id"]}
    saved = store.read(store.answers_path("ch01"))
    assert saved[QUIZ["id"]] == {"choice": QUIZ["options"][1]["id"]}
    assert show(QUIZ["id"]).answer == {"choice": QUIZ["options"][1]["id"]}


def test_checklist_ticks_are_restored():
    widget = show(CHECKLIST["id"])
    ticked = [CHECKLIST["items"][0]["id"], CHECKLIST["items"][2]["id"]]
    widget.answer = {"ticked": ticked}
    assert show(CHECKLIST["id"]).answer == {"ticked": ticked}


def test_private_reflection_text_never_enters_the_answers_file():
    widget = show(REFLECTION["id"])
    assert widget.answer == {}
    widget.answer = {"text": "A private thought about my brother", "shared": False, "feedback_on": True}
    answers_text = store.answers_path("ch01").read_text()
    assert "private thought" not in answers_text
    assert json.loads(answers_text)[REFLECTION["id"]] == {"shared": False, "written": True, "feedback_on": True}
    assert "private thought" in store.private_path().read_text()
    restored = show(REFLECTION["id"])
    assert restored.answer["text"] == "A private thought about my brother"
    assert restored.feedback["of"] == len(REFLECTION["criteria"])


def test_sharing_moves_the_text_and_unsharing_takes_it_back():
    widget = show(REFLECTION["id"])
    widget.answer = {"text": "Shared words", "shared": True, "feedback_on": True}
    assert "Shared words" in store.answers_path("ch01").read_text()
    assert REFLECTION["id"] not in store.read(store.private_path())
    widget.answer = {"text": "Shared words", "shared": False, "feedback_on": True}
    assert "Shared words" not in store.answers_path("ch01").read_text()


def test_feedback_can_be_turned_off():
    widget = show(REFLECTION["id"])
    widget.answer = {"text": "Something I wrote", "shared": False, "feedback_on": False}
    assert widget.feedback == {}
    widget.answer = {"text": "Something I wrote", "shared": False, "feedback_on": True}
    assert set(widget.feedback["criteria"]) == {c["name"] for c in REFLECTION["criteria"]}


def test_widget_carries_a_static_html_form_with_its_spec():
    bundle = show(QUIZ["id"])._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data
    assert 'class="trust-course-exercise"' in data["text/html"]
    spec = json.loads(html.unescape(data["text/html"].split('data-spec="')[1].split('"')[0]))
    assert spec["id"] == QUIZ["id"]


def test_check_in_self_study_prints_status_and_never_raises(capsys):
    assert check(QUIZ["id"]) is None
    assert "not done yet" in capsys.readouterr().out
    show(QUIZ["id"]).answer = {"choice": next(o["id"] for o in QUIZ["options"] if not o["correct"])}
    assert check(QUIZ["id"]) is None
    assert "saved" in capsys.readouterr().out


def test_check_under_nbgrader_returns_the_score_without_the_key(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.chdir(tmp_path)  # under nbgrader the answers file is always the one beside the notebook
    wrong = next(o for o in QUIZ["options"] if not o["correct"])
    store.save("ch01", QUIZ["id"], {"choice": wrong["id"]})
    assert check(QUIZ["id"]) == 0.0
    out = capsys.readouterr().out
    assert wrong["text"] in out and "correct" not in out.lower()
    right = next(o for o in QUIZ["options"] if o["correct"])
    store.save("ch01", QUIZ["id"], {"choice": right["id"]})
    assert check(QUIZ["id"]) == 1.0
    assert "trust-course-exercise" not in show(QUIZ["id"]).data
    assert (tmp_path / "ch01.answers.json").exists()


def test_progress_counts_saved_exercises(capsys):
    store.save("ch01", QUIZ["id"], {"choice": "x"})
    progress("ch01")
    out = capsys.readouterr().out
    total = len(course().chapter("ch01")["exercises"])
    assert f"1 of {total} exercises saved" in out
