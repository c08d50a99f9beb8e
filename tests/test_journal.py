"""The learner's own record: export everything (Markdown or a web page, the same document the book
gives), delete everything after confirming."""

from __future__ import annotations

import json
import re
import stat
import subprocess
from html.parser import HTMLParser

import pytest
from conftest import BIN, ROOT
from trust_course import journal, store
from trust_course.content import course
from trust_course.strings import for_family

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
    assert f"My answer: {QUIZ['options'][0]['text']}" in text
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


class Page(HTMLParser):
    """The tags, attributes and text of a web page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "section", "h1", "h2", "h3", "p", "ul", "li"}


def test_the_web_page_export_is_self_contained_and_includes_private_text(answer_dirs, tmp_path):
    seed_answers()
    store.save_private(REFLECTION["id"], HOSTILE)
    out = tmp_path / "journal.html"
    run = subprocess.run(
        [BIN / "trust-course", "journal", "export", "--html", "--notebooks", answer_dirs[0], "--out", out],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    html = out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    page = Page(html)
    assert set(page.tags) <= PAGE_TAGS | {"blockquote", "br"}, "no script, image, link or form"
    assert set(page.attrs) <= {"lang", "charset", "http-equiv", "content", "name", "class", "dir"}, "nothing fetched"
    assert "default-src 'none'" in html and "http" not in html.replace("http-equiv", "")
    text = "".join(page.text)
    assert "<script>window.x=1</script>" in text and "Chapter I never wrote" in text, "learner text shows as text"
    assert "\x00" not in html and "\u202e" not in html
    assert f"My answer: {QUIZ['options'][0]['text']}" in text and REFLECTION["prompt"] in text


def test_an_empty_journal_says_so(tmp_path):
    doc = journal.document({}, [])
    assert doc == {"language": "en", "chapters": [], "skipped": []}
    assert "Nothing is saved yet." in journal.to_markdown(doc) and "Nothing is saved yet." in journal.to_html(doc)


def test_the_journal_shows_no_answer_key():
    best = next(o for o in QUIZ["options"] if o["correct"])
    entries = {QUIZ["id"]: {"choice": best["id"]}}
    for rendered in (journal.to_markdown(journal.document(entries)), journal.to_html(journal.document(entries))):
        assert best["text"] in rendered
        assert all(o["explain"] not in rendered for o in QUIZ["options"])
        assert "fits best" not in rendered and "Not the best" not in rendered


# Text that would become markup, hide, reorder or break a document if it were not escaped.
HARD_TEXTS = [
    HOSTILE,
    "<b>bold</b> & &amp; &#x202e; \"quoted\" 'single' <!-- comment --> <style>body{display:none}</style>",
    "# heading\n## another\n===\n---\n+ plus\n> quote\n1. one\n2) two\n10. ten\n- [ ] task\n| a | b |\n    indented code",
    "*emphasis* _under_ **strong** `code` ~~strike~~ [link](http://example.org) ![img](x.png) <http://auto.link> \\ back",
    "bidi \u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c end",
    "controls \x01\x02\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\x9f and a tab\there",
    "\ufeff\u3000 edges of odd spaces \xa0\u2003\u202f\n\r\n\rcr and crlf\r\nlines \u2028 separator \u2029",
    "lone surrogates \ud800 and \udfff, an emoji 🌱 and Arabic نص تجريبي and Hebrew טקסט",
    "word" * 5000,
    ("A long sentence about a hard week. " * 300 + "\n\n") * 5,
    "",
    "   \n\n \t ",
]


def hostile_docs() -> list[dict]:
    chapter = course().chapters[0]
    reflection = {"kind": "reflection", "title": REFLECTION["title"], "prompt": REFLECTION["prompt"]}
    exercises = [{**reflection, "text": text, "private": i % 2 == 0} for i, text in enumerate(HARD_TEXTS)]
    exercises += [
        {"kind": "quiz", "title": "<i>Odd</i> # title *", "vignette": HARD_TEXTS[2], "answer": HARD_TEXTS[3]},
        {"kind": "quiz", "title": "No vignette", "vignette": "", "answer": "plain"},
        {"kind": "checklist", "title": "Ticked", "ticked": HARD_TEXTS[1:5]},
        {"kind": "checklist", "title": "Nothing ticked", "ticked": []},
    ]
    return [
        {"language": "en", "chapters": [{"title": f"{chapter['title']} <&> *", "exercises": exercises}], "skipped": []},
        {"language": "en", "chapters": [], "skipped": []},
        {"language": "en", "chapters": [], "skipped": ["`trust-course journal recover` <b>", *HARD_TEXTS[:3]]},
        {"language": 'en"><script>', "chapters": [{"title": "x", "exercises": exercises[-3:]}], "skipped": ["y"]},
    ]


def lab_and_book_answers() -> list[tuple[str, dict, dict]]:
    """The same answers in both hosts' shapes: (chapter, exercise, the answer as the widget gives it)."""
    chapters = course().chapters[:2]
    answers = []
    for chapter in chapters:
        for i, ex in enumerate(chapter["exercises"]):
            if ex["kind"] == "quiz":
                answers.append((chapter["chapter"], ex, {"choice": ex["options"][i % len(ex["options"])]["id"]}))
            elif ex["kind"] == "checklist":
                answers.append((chapter["chapter"], ex, {"ticked": [item["id"] for item in ex["items"][::2]]}))
            else:
                text = "" if i % 3 == 2 else f"{ex['title']}: {HARD_TEXTS[i % 4]}"
                answers.append((chapter["chapter"], ex, {"text": text, "shared": i % 2 == 1, "feedback_on": True}))
    return answers


def run_js(docs: list[dict], record: dict, specs: dict | None = None) -> dict:
    chapters = [
        {
            "chapter": ch["chapter"],
            "title": ch["title"],
            "ids": [e["id"] for e in ch["exercises"]],
            "specs": {e["id"]: e for e in ch["exercises"]} if specs is None else specs.get(ch["chapter"], {}),
        }
        for ch in course().chapters
    ]
    payload = {
        "strings": for_family("book"),
        "css": journal.JOURNAL_CSS.read_text(encoding="utf-8"),
        "docs": docs,
        "book": {"chapters": chapters, "record": record, "language": "en"},
    }
    run = subprocess.run(
        ["node", ROOT / "tests/js/run_journal.mjs"],
        input=json.dumps(payload).encode(),
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr.decode()
    return json.loads(run.stdout)


def test_the_book_and_python_render_identical_journals(answer_dirs):
    """One document, two hosts: the same Markdown and HTML, byte for byte, hostile text included;
    and the book's record and the Lab's files, holding the same answers, give the same document."""
    answers = lab_and_book_answers()
    for chapter, ex, answer in answers:
        if ex["kind"] == "reflection":
            store.save_reflection(chapter, ex["id"], answer)
        else:
            store.save(chapter, ex["id"], answer)
    entries, skipped = journal.gather(answer_dirs[0])
    lab = journal.document(entries, skipped)
    assert skipped == [] and sum(len(ch["exercises"]) for ch in lab["chapters"]) == len(answers)
    docs = [lab, *hostile_docs()]
    js = run_js(docs, {ex["id"]: answer for _, ex, answer in answers})
    assert js["book"] == lab, "the book's record and the Lab's files make the same document"
    for doc, markdown, html in zip(docs, js["markdown"], js["html"], strict=True):
        assert markdown == journal.to_markdown(doc)
        assert html == journal.to_html(doc)


def test_the_rendering_of_hostile_text_is_inert():
    from markdown_it import MarkdownIt

    doc = hostile_docs()[0]
    rendered = MarkdownIt("commonmark").render(journal.to_markdown(doc))
    assert set(re.findall(r"<(\w+)", rendered)) <= {"h1", "h2", "h3", "p", "em", "blockquote", "ul", "li"}
    assert len(re.findall(r"<h2>", rendered)) == 1 and "<pre>" not in rendered and "<code>" not in rendered
    page = Page(journal.to_html(doc))
    assert set(page.tags) <= PAGE_TAGS | {"blockquote", "br"}
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", "".join(page.text)) is None
    assert "🌱" in "".join(page.text) and "word" * 5000 in "".join(page.text), "the text itself is all there"


@pytest.mark.parametrize("case", ["unknown exercise", "unusable entry", "chapter not loaded"])
def test_what_the_book_cannot_use_is_listed_not_fatal(case):
    quiz_id, chapter = QUIZ["id"], "ch01"
    record = {
        "unknown exercise": {"ch99-gone": {"choice": "x"}, quiz_id: {"choice": QUIZ["options"][0]["id"]}},
        "unusable entry": {quiz_id: {"choice": "no-such-option"}, REFLECTION["id"]: {"text": ["not text"]}},
        "chapter not loaded": {quiz_id: {"choice": QUIZ["options"][0]["id"]}},
    }[case]
    specs = {chapter: None} if case == "chapter not loaded" else None
    if specs is not None:
        specs = {ch["chapter"]: {e["id"]: e for e in ch["exercises"]} for ch in course().chapters} | specs
    doc = run_js([], record, specs)["book"]
    if case == "unknown exercise":
        assert doc["skipped"] == [
            "'ch99-gone' was skipped (it was saved in a form this version of the course cannot use)"
        ]
        assert doc["chapters"][0]["exercises"][0]["answer"] == QUIZ["options"][0]["text"]
    elif case == "unusable entry":
        assert len(doc["skipped"]) == 2 and doc["chapters"] == []
    else:
        assert doc["chapters"] == [] and "could not be loaded" in doc["skipped"][0]
