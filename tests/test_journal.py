"""The learner's own record: export everything to Markdown, delete everything after confirming."""
from __future__ import annotations

import stat
import subprocess

from conftest import BIN
from trust_course import store
from trust_course.content import course

CH1 = course().chapter("ch01")["exercises"]
QUIZ = next(e for e in CH1 if e["kind"] == "quiz")
REFLECTION = next(e for e in CH1 if e["kind"] == "reflection")


def seed_answers():
    store.save("ch01", QUIZ["id"], {"choice": QUIZ["options"][0]["id"]})
    entry, private = store.split_reflection({"text": "Only for me: my private words", "shared": False})
    store.save("ch01", REFLECTION["id"], entry)
    store.save_private(REFLECTION["id"], private)


def test_export_includes_private_reflections(answer_dirs, tmp_path):
    seed_answers()
    out = tmp_path / "journal.md"
    run = subprocess.run([BIN / "trust-course", "journal", "export", "--notebooks", answer_dirs[0], "--out", out],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    text = out.read_text()
    assert "Only for me: my private words" in text and REFLECTION["prompt"] in text
    assert f"Your answer: {QUIZ['options'][0]['text']}" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_delete_asks_first_and_then_removes_everything(answer_dirs):
    seed_answers()
    command = [BIN / "trust-course", "journal", "delete", "--notebooks", answer_dirs[0]]
    refused = subprocess.run(command, input="no\n", capture_output=True, text=True)
    assert refused.returncode == 1 and store.answers_path("ch01").exists()
    done = subprocess.run(command, input="delete\n", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not store.answers_path("ch01").exists() and not store.private_path().exists()
