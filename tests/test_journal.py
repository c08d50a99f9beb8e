"""The learner's own record: export everything to Markdown, delete everything after confirming."""

from __future__ import annotations

import json
import re
import stat
import subprocess

from conftest import BIN
from trust_course import journal, store
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
    run = subprocess.run(
        [BIN / "trust-course", "journal", "export", "--notebooks", answer_dirs[0], "--out", out],
        capture_output=True,
        text=True,
    )
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


HOSTILE = (
    "<script>window.x=1</script> <img src=x onerror=alert(1)>\n```\nunclosed fence\n## Chapter I never wrote\n"
    "line with a NUL \x00 and a bidi override \u202e here\n===\n- [link](javascript:alert(1)) & done"
)


def rendered_journal(answer_dirs, tmp_path) -> tuple[str, str]:
    from markdown_it import MarkdownIt

    out, skipped = journal.export(answer_dirs[0], tmp_path / "journal.md")
    text = out.read_text()
    return text, MarkdownIt("commonmark").render(text)


def test_the_export_is_safe_to_open(answer_dirs, tmp_path):
    seed_answers()
    store.save_private(REFLECTION["id"], HOSTILE)
    text, html = rendered_journal(answer_dirs, tmp_path)
    assert "\x00" not in text and "\u202e" not in text
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.replace("(javascript:", "")
    assert re.findall(r"<(\w+)", html) and set(re.findall(r"<(\w+)", html)) <= {
        "h1",
        "h2",
        "h3",
        "p",
        "em",
        "blockquote",
        "ul",
        "li",
    }
    chapters = [
        ch["title"]
        for ch in course().chapters
        if any(e["id"] in (QUIZ["id"], REFLECTION["id"]) for e in ch["exercises"])
    ]
    assert re.findall(r"<h2>(.*?)</h2>", html) == chapters, "learner text cannot fake a chapter"
    assert "Chapter I never wrote" in html and "unclosed fence" in html, "the text itself is all there"
    assert "<pre>" not in html and "<code>" not in html, "an unclosed fence swallows nothing"


def test_odd_entries_are_reported_and_skipped_never_fatal(answer_dirs, tmp_path):
    seed_answers()
    store.save("ch01", CH1[1]["id"], "just a string")
    store.save("ch01", "ch99-no-such-exercise", {"choice": "x"})
    store.update(store.private_path(), "ch01-reflect-change", {"text": ["not", "text"]}, private=True)
    (answer_dirs[0] / "ch02.answers.json").write_text("{broken")
    text, _ = rendered_journal(answer_dirs, tmp_path)
    assert "Only for me: my private words" in text
    assert text.count("was skipped") == 2 and "could not be used" in text and "could not be read" in text


def test_recover_lists_then_merges_a_set_aside_file(answer_dirs):
    path = store.answers_path("ch01")
    path.parent.mkdir(parents=True)
    path.write_text("\ufeff" + json.dumps({QUIZ["id"]: {"choice": QUIZ["options"][0]["id"]}})[:-1] + ",}")
    store.save("ch01", CH1[1]["id"], {"choice": CH1[1]["options"][0]["id"]})  # the damaged file is set aside
    assert QUIZ["id"] not in store.load(path)
    listed = journal.recover(answer_dirs[0], apply=False)
    assert "1 answer(s) can be recovered" in listed[0]
    journal.recover(answer_dirs[0], apply=True)
    assert set(store.load(path)) == {QUIZ["id"], CH1[1]["id"]} and not store.set_aside_files(path)
    (answer_dirs[0] / "ch03.answers.json.unreadable-20260101T000000-001").write_bytes(b"\x00\x01")
    assert "kept for you to open" in " ".join(journal.recover(answer_dirs[0], apply=True))


def test_delete_removes_temporary_files_that_hold_private_text(answer_dirs):
    seed_answers()
    left = answer_dirs[1] / ".private-reflections.json.x1y2.tmp"
    left.write_text('{"ch01-reflect-pattern": {"text": "half-saved private words"}}')
    kept = answer_dirs[1] / "private-reflections.json.unreadable-20260101T000000-001"
    kept.write_text("private words in a damaged file")
    journal.delete(answer_dirs[0])
    remaining = [p for folder in answer_dirs for p in folder.rglob("*") if p.is_file()]
    assert remaining == []
