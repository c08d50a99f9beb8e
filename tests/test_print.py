"""On paper: a chapter's exercise page prints as a blank worksheet (no answer key, nothing the
learner chose or typed), and the journal the book downloads prints with everything, private
reflections included. Both are printed to PDF with headless Chromium and read back as text."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from conftest import REPORT, guard_network
from trust_course import journal, store
from trust_course.content import course
from trust_course.strings import t

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHAPTER = course().chapter("ch01")
PRIVATE_WORDS = "Only for me: the week my sister stopped answering my calls"


def pdf_text(pdf: bytes) -> tuple[str, int]:
    """The PDF's text, in one line of single spaces, and its number of pages."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split()), len(reader.pages)


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture
def tab(browser, book_url):
    """A fresh tab on the book; every request beyond 127.0.0.1 is aborted and must not occur."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    blocked = guard_network(page)
    page.goto(f"{book_url}/notebooks/ch01.html")
    page.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    yield page
    context.close()
    assert blocked == [], f"requests beyond 127.0.0.1: {blocked}"


def answer_one_of_each(tab) -> None:
    """A quiz, a checklist and a private reflection, answered in the book."""
    tab.locator("section.tc-quiz").first.get_by_role("radio").nth(1).check()
    tab.locator("section.tc-checklist").first.get_by_role("checkbox").first.check()
    reflection = tab.locator("section.tc-reflection").first
    reflection.get_by_role("textbox").fill(PRIVATE_WORDS)
    reflection.get_by_role("textbox").blur()
    tab.wait_for_function("() => document.querySelector('section.tc-reflection .tc-saved').textContent !== ''")


def test_a_chapter_prints_as_a_blank_worksheet(tab):
    answer_one_of_each(tab)
    assert tab.get_by_role("button", name=t("book.print_worksheet")).count() == 1
    tab.emulate_media(media="print")
    shown = tab.evaluate("""() => ({
      radio: getComputedStyle(document.querySelector('section.tc-quiz input[type=radio]')).appearance,
      box: getComputedStyle(document.querySelector('section.tc-reflection textarea')).display,
      feedback: getComputedStyle(document.querySelector('section.tc-quiz .tc-feedback')).display })""")
    assert shown == {"radio": "none", "box": "none", "feedback": "none"}, "no choice, text or verdict on paper"
    text, pages = pdf_text(tab.pdf(format="A4"))
    REPORT.append(f"print: chapter 1 worksheet, {len(CHAPTER['exercises'])} exercises on {pages} A4 pages")

    expected, absent = (
        [],
        [PRIVATE_WORDS, t("quiz.fits").strip(), t("quiz.not_best").strip(), t("book.print_worksheet")],
    )
    for ex in CHAPTER["exercises"]:
        expected.append(ex["title"])
        if ex["kind"] == "quiz":
            expected += [ex.get("question") or t("quiz.question"), *(o["text"] for o in ex["options"])]
            absent += [o["explain"] for o in ex["options"]]
        elif ex["kind"] == "checklist":
            expected += [item["text"] for item in ex["items"]]
            absent += [ex["closing"]] if ex.get("closing") else []
        else:
            expected.append(ex["prompt"])
            absent += [c["hint"] for c in ex["criteria"]]
    missing = [words for words in expected if flat(words) not in text]
    assert missing == [], "every question, option and item prints"
    shown = [words for words in absent if flat(words) in text]
    assert shown == [], "no explanation, verdict, hint or learner text prints"
    assert 2 <= pages <= 3 * len(CHAPTER["exercises"]) // 4, pages


def test_the_journal_from_the_book_is_the_one_the_lab_writes_and_prints(tab, book_url, answer_dirs):
    answer_one_of_each(tab)
    key = tab.evaluate("document.querySelector('[data-store]').dataset.store")
    record = tab.evaluate("(key) => JSON.parse(localStorage.getItem(key))", key)
    tab.goto(f"{book_url}/book/overview.html")
    tab.wait_for_selector("table.tc-overview")
    downloads = {}
    for name in (t("book.download"), t("book.download_markdown")):
        with tab.expect_download() as download:
            tab.get_by_role("button", name=name, exact=True).click()
        downloads[download.value.suggested_filename] = download.value.path().read_text(encoding="utf-8")
    assert set(downloads) == {"my-trust-course-journal.html", "my-trust-course-journal.md"}

    exercises = {e["id"]: (ch["chapter"], e) for ch in course().chapters for e in ch["exercises"]}
    for ident, answer in record.items():
        chapter, exercise = exercises[ident]
        if exercise["kind"] == "reflection":
            store.save_reflection(chapter, ident, answer)
        else:
            store.save(chapter, ident, answer)
    doc = journal.document(*journal.gather(answer_dirs[0]))
    assert downloads["my-trust-course-journal.html"] == journal.to_html(doc), "the same page as the Lab's export"
    assert downloads["my-trust-course-journal.md"] == journal.to_markdown(doc)

    tab.set_content(downloads["my-trust-course-journal.html"])
    text, pages = pdf_text(tab.pdf(format="A4"))
    REPORT.append(f"print: journal of 3 answers on {pages} A4 page(s)")
    quiz, checklist, reflection = (
        next(e for e in CHAPTER["exercises"] if e["id"] in record and e["kind"] == k)
        for k in ("quiz", "checklist", "reflection")
    )
    chosen = next(o for o in quiz["options"] if o["id"] == record[quiz["id"]]["choice"])
    ticked = next(i for i in checklist["items"] if i["id"] in record[checklist["id"]]["ticked"])
    for words in (
        t("journal.title"),
        CHAPTER["title"],
        chosen["text"],
        ticked["text"],
        reflection["prompt"],
        PRIVATE_WORDS,
    ):
        assert flat(words) in text, words
    assert not [o["explain"] for o in quiz["options"] if flat(o["explain"]) in text], "no answer key"
    assert re.search(r"fits best|Not the best fit", text) is None
    assert 1 <= pages <= 3, pages
