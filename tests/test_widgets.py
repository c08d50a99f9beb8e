"""Widgets and notebook cells in the kernel, without a browser: restore, save, privacy, static form."""

from __future__ import annotations

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


class FrontEnd:
    """Stands in for the browser: sends a reflection's custom messages and keeps the replies."""

    def __init__(self, widget):
        self.widget, self.replies = widget, []
        widget.send = self.replies.append

    def say(self, **content):
        self.widget._message(self.widget, content, [])
        return self.replies[-1] if self.replies else None

    def load(self) -> dict:
        return self.say(type="load")["answer"]

    def save(self, **answer):
        return self.say(type="save", answer=answer)


def test_private_reflection_text_never_enters_the_answers_file_or_widget_state():
    widget = show(REFLECTION["id"])
    front = FrontEnd(widget)
    assert front.load() == {}
    assert front.save(text="A private thought about my brother", shared=False, feedback_on=True) == {
        "type": "saved",
        "shared": False,
    }
    answers_text = store.answers_path("ch01").read_text()
    assert "private thought" not in answers_text
    assert json.loads(answers_text)[REFLECTION["id"]] == {"shared": False, "written": True, "feedback_on": True}
    assert "private thought" in store.private_path().read_text()
    assert "private thought" not in json.dumps(widget.get_state(), default=str)
    assert FrontEnd(show(REFLECTION["id"])).load()["text"] == "A private thought about my brother"


def test_sharing_moves_the_text_and_unsharing_takes_it_back():
    front = FrontEnd(show(REFLECTION["id"]))
    front.save(text="Shared words", shared=True, feedback_on=True)
    assert "Shared words" in store.answers_path("ch01").read_text()
    assert REFLECTION["id"] not in store.read(store.private_path())
    front.save(text="Shared words", shared=False, feedback_on=True)
    assert "Shared words" not in store.answers_path("ch01").read_text()


def test_a_marked_criterion_is_saved_with_the_answer():
    front = FrontEnd(show(REFLECTION["id"]))
    name = REFLECTION["criteria"][0]["name"]
    front.save(text="Something", shared=False, feedback_on=True, marked=[name])
    assert store.read(store.answers_path("ch01"))[REFLECTION["id"]]["marked"] == [name]
    assert FrontEnd(show(REFLECTION["id"])).load()["marked"] == [name]


def test_a_failed_private_save_is_shown_and_never_counted_as_written(answer_dirs, monkeypatch, tmp_path):
    FrontEnd(show(REFLECTION["id"])).save(text="first words", shared=False, feedback_on=True)
    before = store.answers_path("ch01").read_text()
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TRUST_COURSE_PRIVATE_DIR", str(blocker / "private"))  # cannot be created, even by root
    widget = show(REFLECTION["id"])
    front = FrontEnd(widget)
    front.say(type="save", answer={"text": "second words", "shared": False, "feedback_on": False})
    assert not [r for r in front.replies if r["type"] == "saved"], "no 'saved' reply for a failed save"
    assert "could not be saved" in widget.notice and "safe" in widget.notice
    assert store.answers_path("ch01").read_text() == before, "the answers file does not claim the new text"
    monkeypatch.setenv("TRUST_COURSE_PRIVATE_DIR", str(answer_dirs[1]))
    assert FrontEnd(show(REFLECTION["id"])).load()["text"] == "first words", "nothing saved before is lost"


def test_half_an_emoji_is_saved_rather_than_lost():
    front = FrontEnd(show(REFLECTION["id"]))
    assert front.save(text="hello \ud83d there", shared=False, feedback_on=True)["type"] == "saved"
    assert FrontEnd(show(REFLECTION["id"])).load()["text"] == "hello \ufffd there"


def test_an_odd_saved_entry_shows_empty_with_a_notice_and_check_says_so(capsys):
    store.write_atomic(store.answers_path("ch01"), {QUIZ["id"]: "not an entry", CHECKLIST["id"]: {"ticked": ["a"]}})
    widget = show(QUIZ["id"])
    assert widget.answer == {} and "could not be used" in widget.notice
    assert show(CHECKLIST["id"]).answer == {"ticked": ["a"]}, "other answers are untouched"
    check(QUIZ["id"])
    out = capsys.readouterr().out
    assert "not done yet" in out and "could not be used" in out


def test_an_unreadable_answers_file_is_kept_aside_and_the_learner_told(capsys):
    path = store.answers_path("ch01")
    path.parent.mkdir(parents=True)
    path.write_text('{"a": 1,}')
    widget = show(QUIZ["id"])
    assert "could not be read" in widget.notice
    widget.answer = {"choice": QUIZ["options"][0]["id"]}
    kept = store.set_aside_files(path)
    assert len(kept) == 1 and kept[0].read_text() == '{"a": 1,}', "the unreadable file is never overwritten"
    assert kept[0].name in widget.notice
    check(QUIZ["id"])
    assert "journal recover" in capsys.readouterr().out


def test_where_no_widget_can_show_the_output_says_to_run_the_cell():
    bundle = show(QUIZ["id"])._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"] == f'Run this cell to show the exercise "{QUIZ["title"]}".'
    assert "text/html" not in data, "no half-working HTML copy of the exercise in the saved notebook"


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
    store.save("ch01", QUIZ["id"], {"choice": QUIZ["options"][0]["id"]})
    store.save("ch01", CHECKLIST["id"], ["not", "an", "entry"])  # odd entries do not count
    progress("ch01")
    out = capsys.readouterr().out
    total = len(course().chapter("ch01")["exercises"])
    assert f"1 of {total} exercises saved" in out


def test_each_learner_has_one_seed_kept_in_their_own_folder(answer_dirs):
    import stat

    first, second = show(QUIZ["id"]), show(QUIZ["id"])
    assert first.seed and first.seed == second.seed
    seed_file = answer_dirs[1] / "learner-seed"
    assert seed_file.read_text() == first.seed and stat.S_IMODE(seed_file.stat().st_mode) == 0o600


def test_private_text_whose_answers_entry_never_got_written_still_comes_back():
    store.save_private(REFLECTION["id"], "words that reached the private store only")
    assert FrontEnd(show(REFLECTION["id"])).load()["text"] == "words that reached the private store only"


def test_a_saved_notebook_keeps_the_plain_line_of_each_exercise_not_its_widget_view():
    from trust_course.lab_hooks import WIDGET_VIEW, plain_exercise_outputs

    view = {WIDGET_VIEW: {"model_id": "abc"}, "text/plain": "Run this cell to show the exercise"}
    exercise = {"metadata": {"trust_course": {"exercise": QUIZ["id"]}}, "outputs": [{"data": dict(view)}]}
    other = {"metadata": {}, "outputs": [{"data": dict(view)}]}
    model = {"type": "notebook", "content": {"cells": [exercise, other]}}
    plain_exercise_outputs(model=model, path="ch01.ipynb")
    assert exercise["outputs"][0]["data"] == {"text/plain": "Run this cell to show the exercise"}
    assert WIDGET_VIEW in other["outputs"][0]["data"], "cells that are not exercises are left alone"
    plain_exercise_outputs(model={"type": "file", "content": "text"}, path="notes.txt")
