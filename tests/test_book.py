"""The static book: it builds offline with warnings as errors, and its exercises work with no
kernel and no network, keeping answers in localStorage across a reload."""
from __future__ import annotations

import re

import pytest

from conftest import guard_network

pytestmark = pytest.mark.slow


def test_book_builds_with_warnings_as_errors(built_book):
    html, result = built_book
    assert "build succeeded" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr.replace("[IPKernelApp] WARNING", "")
    for page in ["book/welcome.html", "book/ch01-dynamics.html", "notebooks/ch01.html", "book/crisis-lines.html"]:
        assert (html / page).exists(), page
    for module in ["book.js", "quiz.js", "checklist.js", "reflection.js", "feedback.js", "course.css"]:
        assert (html / "_static" / "trust-course" / module).exists(), module


def test_no_page_loads_a_script_or_style_from_outside(built_book):
    html = built_book[0]
    outside = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""")
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not outside.search(text), (page, outside.search(text))
        assert "require.min.js" not in text and "html-manager" not in text, page


@pytest.fixture
def tab(browser, book_url):
    """A fresh browser tab on the book; every request beyond 127.0.0.1 is aborted and must not occur."""
    context = browser.new_context()
    page = context.new_page()
    blocked = guard_network(page)
    page.open = lambda path: (page.goto(f"{book_url}/{path}"),
                              page.wait_for_selector(".trust-course-exercise[data-mounted=true]"))
    yield page
    context.close()
    assert blocked == [], f"requests beyond 127.0.0.1: {blocked}"


@pytest.mark.browser
@pytest.mark.parametrize("page", ["book/ch01-dynamics.html", "notebooks/ch01.html"])
def test_answers_survive_a_reload(tab, page):
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.open(page)

    quiz = tab.locator("section.tc-quiz").first
    quiz.get_by_role("radio").nth(1).check()
    feedback = quiz.locator(".tc-feedback")
    assert feedback.inner_text().strip(), "the quiz answers back"
    chosen = quiz.get_by_role("radio").nth(1).get_attribute("value")

    checklist = tab.locator("section.tc-checklist").first
    checklist.get_by_role("checkbox").first.check()
    item = checklist.locator("label").first.inner_text()
    assert item in checklist.locator(".tc-feedback").inner_text()

    reflection = tab.locator("section.tc-reflection").first
    reflection.get_by_role("textbox").fill("When my sister shouts at me, I will say: I am leaving. Then I will leave the room.")
    reflection.get_by_role("textbox").blur()
    tab.wait_for_function("() => document.querySelector('section.tc-reflection .tc-criteria') !== null")

    tab.reload()
    tab.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    quiz = tab.locator("section.tc-quiz").first
    assert quiz.locator(f"input[value='{chosen}']").is_checked()
    assert quiz.locator(".tc-feedback").inner_text().strip()
    assert tab.locator("section.tc-checklist").first.get_by_role("checkbox").first.is_checked()
    text = tab.locator("section.tc-reflection").first.get_by_role("textbox").input_value()
    assert text.startswith("When my sister shouts at me")
    assert tab.locator("section.tc-reflection").first.get_by_role("radio", name="Private").is_checked()
    # sphinx-thebe declares its config constant twice on pages of a cached build (third party).
    assert [e for e in errors if "THEBE_JS_URL" not in e] == []


@pytest.mark.browser
def test_hostile_text_is_never_rendered_and_danger_is_signposted(tab):
    tab.open("notebooks/ch01.html")
    reflection = tab.locator("section.tc-reflection").first
    hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script> some nights I want to die"
    reflection.get_by_role("textbox").fill(hostile)
    reflection.get_by_role("textbox").blur()
    signpost = reflection.locator(".tc-signpost")
    signpost.wait_for()
    assert "simple word check" in signpost.inner_text() and "Check your local services" in signpost.inner_text()
    tab.reload()
    tab.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    assert tab.locator("section.tc-reflection").first.get_by_role("textbox").input_value() == hostile
    assert tab.evaluate("window.__pwned") is None
    assert tab.locator(".trust-course-exercise img, .trust-course-exercise script").count() == 0


@pytest.mark.browser
def test_overview_shows_progress_and_deletes_everything(tab, book_url):
    tab.open("notebooks/ch01.html")
    tab.locator("section.tc-quiz").first.get_by_role("radio").first.check()
    tab.goto(f"{book_url}/book/overview.html")
    first_row = tab.locator("table.tc-overview tbody tr").first
    assert first_row.locator("td").nth(1).inner_text().startswith("1 of ")
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download my answers").click()
    assert "choice" in download.value.path().read_text()
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.get_by_role("button", name="Delete my answers").click()
    assert first_row.locator("td").nth(1).inner_text().startswith("0 of ")
    assert tab.evaluate("localStorage.getItem('trust-course:answers')") is None


@pytest.mark.browser
def test_exercises_work_with_the_keyboard_alone(tab):
    tab.open("notebooks/ch01.html")
    quiz = tab.locator("section.tc-quiz").first
    quiz.get_by_role("radio").first.focus()
    tab.keyboard.press("Space")
    tab.keyboard.press("ArrowDown")
    assert quiz.get_by_role("radio").nth(1).is_checked()
    assert quiz.locator(".tc-feedback").inner_text().strip()
    checkbox = tab.locator("section.tc-checklist").first.get_by_role("checkbox").first
    checkbox.focus()
    tab.keyboard.press("Space")
    assert checkbox.is_checked()
    for name in ["Private: stays on this device and is never submitted", "Show feedback on my answer"]:
        assert tab.locator("section.tc-reflection").first.get_by_label(name).count() == 1


def test_every_page_links_to_the_crisis_lines(built_book):
    html = built_book[0]
    pages = [p for folder in ("book", "notebooks") for p in (html / folder).glob("*.html")]
    assert len(pages) >= 15
    for page in pages:
        targets = re.findall(r'href="([^"]*crisis-lines\.html)"', page.read_text(encoding="utf-8"))
        assert any((page.parent / t).resolve() == (html / "book/crisis-lines.html").resolve() for t in targets), page
