"""The static book: it builds offline with warnings as errors, and its exercises work with no
kernel and no network, keeping answers in localStorage across a reload."""

from __future__ import annotations

import re

import pytest
from conftest import CONTRAST_JS, guard_network

pytestmark = pytest.mark.slow


def test_book_builds_with_warnings_as_errors(built_book):
    html, result = built_book
    assert "build succeeded" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr.replace("[IPKernelApp] WARNING", "")
    for page in ["book/welcome.html", "book/ch01/ch01-dynamics.html", "notebooks/ch01.html", "book/crisis-lines.html"]:
        assert (html / page).exists(), page
    for module in ["book/book.js", "book/quiz.js", "book/checklist.js", "book/reflection.js", "book/book.css"]:
        assert (html / "_static" / module).exists(), module


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
    page.open = lambda path: (
        page.goto(f"{book_url}/{path}"),
        page.wait_for_selector(".trust-course-exercise[data-mounted=true]"),
    )
    yield page
    context.close()
    assert blocked == [], f"requests beyond 127.0.0.1: {blocked}"


@pytest.mark.browser
@pytest.mark.parametrize("page", ["book/ch01/ch01-dynamics.html", "notebooks/ch01.html"])
def test_answers_survive_a_reload(tab, page):
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.open(page)

    quiz = tab.locator("section.tc-quiz").first
    order = [r.get_attribute("value") for r in quiz.get_by_role("radio").all()]
    quiz.get_by_role("radio").nth(1).check()
    quiz.locator(".tc-feedback p").wait_for()  # the quiz answers back, with the reason
    chosen = quiz.get_by_role("radio").nth(1).get_attribute("value")

    checklist = tab.locator("section.tc-checklist").first
    checklist.get_by_role("checkbox").first.check()
    item = checklist.locator("label").first.inner_text()
    assert item in checklist.locator(".tc-feedback").inner_text()

    reflection = tab.locator("section.tc-reflection").first
    reflection.get_by_role("textbox").fill(
        "When my sister shouts at me, I will say: I am leaving. Then I will leave the room."
    )
    reflection.get_by_role("textbox").blur()
    tab.wait_for_function("() => document.querySelector('section.tc-reflection .tc-criteria') !== null")

    tab.reload()
    tab.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    quiz = tab.locator("section.tc-quiz").first
    assert [r.get_attribute("value") for r in quiz.get_by_role("radio").all()] == order, "the same shuffled order"
    assert quiz.locator(f"input[value='{chosen}']").is_checked()
    quiz.locator(".tc-feedback p").wait_for()
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
    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> some nights i want to die'
    reflection.get_by_role("textbox").fill(hostile)
    reflection.get_by_role("textbox").blur()
    signpost = reflection.locator(".tc-signpost")
    signpost.wait_for()
    assert "Check your local services" in signpost.inner_text()
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
    assert "<h1>My Rebuilding Trust journal</h1>" in download.value.path().read_text(), "a readable page (test_print)"
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.get_by_role("button", name="Delete my answers").click()
    assert first_row.locator("td").nth(1).inner_text().startswith("0 of ")
    assert tab.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('trust-course:'))") == []


@pytest.mark.browser
def test_exercises_work_with_the_keyboard_alone(tab):
    tab.open("notebooks/ch01.html")
    quiz = tab.locator("section.tc-quiz").first
    quiz.get_by_role("radio").first.focus()
    tab.keyboard.press("Space")
    tab.keyboard.press("ArrowDown")
    assert quiz.get_by_role("radio").nth(1).is_checked()
    quiz.locator(".tc-feedback p").wait_for()
    checkbox = tab.locator("section.tc-checklist").first.get_by_role("checkbox").first
    checkbox.focus()
    tab.keyboard.press("Space")
    assert checkbox.is_checked()
    for name in ["Private: stays on this device and is never submitted", "Show feedback on my answer"]:
        assert tab.locator("section.tc-reflection").first.get_by_label(name).count() == 1


def test_the_safety_line_links_to_the_crisis_lines_from_every_page(built_book):
    html = built_book[0]
    pages = [p for p in html.rglob("*.html") if "_static" not in p.parts]
    assert {"search.html", "genindex.html", "index.html"} <= {p.name for p in pages if p.parent == html}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="Refresh"' in text:
            continue  # the root index.html only redirects to the welcome page
        bar = re.search(r'class="bd-header-announcement__content">(.*?)</div>', text, re.S)
        assert bar, page
        href = re.search(r'href="([^"]+)"', bar.group(1)).group(1)
        assert (page.parent / href).resolve() == (html / "book/crisis-lines.html").resolve(), (page, href)


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("start", ["search.html", "genindex.html", "book/ch03/ch03-trauma-cycles.html"])
def test_following_the_safety_line_reaches_the_crisis_lines_in_both_themes(browser, book_url, mode, start):
    context = browser.new_context()
    context.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    page = context.new_page()
    blocked = guard_network(page)
    page.goto(f"{book_url}/{start}")
    link = page.locator(".bd-header-announcement a")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    assert link.evaluate(CONTRAST_JS) >= 4.5
    assert page.locator(".bd-header-announcement__content").evaluate(CONTRAST_JS) >= 4.5
    link.click()
    page.wait_for_url("**/book/crisis-lines.html")
    assert page.locator("h1").first.inner_text().strip()
    context.close()
    assert blocked == []


@pytest.mark.browser
def test_odd_stored_answers_never_take_other_answers_with_them(tab, book_url):
    tab.open("notebooks/ch01.html")
    quiz_id = tab.locator("section.tc-quiz").first.get_attribute("data-exercise")
    checklist = tab.locator("section.tc-checklist").first
    checklist_id, item = (
        checklist.get_attribute("data-exercise"),
        checklist.get_by_role("checkbox").first.get_attribute("value"),
    )
    key = tab.evaluate("document.querySelector('[data-store]').dataset.store")
    assert key == "trust-course:rebuilding-trust:en:answers", "the key names the course and the language"
    tab.evaluate(
        "([k, q, c, i]) => localStorage.setItem(k, JSON.stringify({[q]: 'odd', [c]: {ticked: [i]}}))",
        [key, quiz_id, checklist_id, item],
    )
    tab.reload()
    tab.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    assert "could not be used" in tab.locator(f"section[data-exercise='{quiz_id}'] .tc-notice").inner_text()
    assert tab.locator(f"section[data-exercise='{checklist_id}']").get_by_role("checkbox").first.is_checked()
    tab.evaluate("(k) => localStorage.setItem(k, '{not json')", key)
    tab.reload()
    tab.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    assert tab.locator("section.tc-exercise").count() > 5, "every exercise still shows"
    assert "could not be read" in tab.locator(".tc-notice").first.inner_text()
    kept = tab.evaluate("(key) => Object.keys(localStorage).filter((k) => k.startsWith(key + ':unreadable:'))", key)
    assert len(kept) == 1 and tab.evaluate(f"localStorage.getItem('{kept[0]}')") == "{not json"


@pytest.mark.browser
def test_unusable_rules_still_show_the_exercise_and_the_safety_note(browser, book_url):
    context = browser.new_context()
    page = context.new_page()
    guard_network(page)

    page.route("**/_static/book/trust-course-rules.*.json", lambda route: route.fulfill(body='{"rulez": {}}'))
    page.goto(f"{book_url}/notebooks/ch01.html")
    page.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    reflection = page.locator("section.tc-reflection").first
    reflection.get_by_role("textbox").fill("A few words about my week.")
    reflection.get_by_role("textbox").blur()
    reflection.locator(".tc-feedback").get_by_text("not available").wait_for()
    assert reflection.locator(".tc-signpost").count() == 1, "when the check cannot run, help shows"
    assert page.locator("section.tc-reflection").nth(1).locator(".tc-signpost").count() == 0
    context.close()


@pytest.mark.browser
def test_the_safety_note_shows_with_feedback_turned_off(tab):
    tab.open("notebooks/ch01.html")
    reflection = tab.locator("section.tc-reflection").first
    reflection.get_by_label("Show feedback on my answer").uncheck()
    reflection.get_by_role("textbox").fill("things are ok but i dont want to be here anymore")
    reflection.get_by_role("textbox").blur()
    reflection.locator(".tc-feedback").get_by_text("Feedback is off").wait_for()
    reflection.locator(".tc-signpost").wait_for()


def test_an_incremental_build_shows_edits_to_exercises_safety_text_and_modules(tmp_path):
    """A copy of the project whose package shadows the installed one (PYTHONPATH), built twice."""
    import os
    import subprocess

    from book_site import build_copy, project_copy
    from conftest import BIN

    copy = project_copy(tmp_path / "course")
    env = {**os.environ, "PYTHONPATH": str(copy / "widgets")}

    def build():
        run = build_copy(copy, env)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        return run.stdout

    def trust_course(*args):
        return subprocess.run([BIN / "trust-course", "--root", copy, *args], capture_output=True, text=True, env=env)

    build()
    package = copy / "widgets" / "trust_course"
    chapter = copy / "book" / "ch01" / "exercises.yml"
    on_page = re.findall(r"```\{exercise\} (\S+)", (copy / "book/ch01/ch01-dynamics.md").read_text())
    exercises = __import__("yaml").safe_load(chapter.read_text())["exercises"]
    old_title = next(e["title"] for e in exercises if e["kind"] == "quiz" and e["id"] in on_page)
    chapter.write_text(chapter.read_text().replace(f"title: {old_title}", "title: A title edited just now", 1))
    safety = copy / "book" / "safety" / "note.yml"
    safety.write_text(safety.read_text().replace("Numbers change.", "Numbers change (edited).", 1))
    module = package / "js" / "quiz.js"
    module.write_text(module.read_text() + '\nexport const marker = "edited module marker";\n')
    assert subprocess.run(["node", package / "js" / "build.mjs"], capture_output=True).returncode == 0
    assert trust_course("check").returncode == 1, "the compiled course is out of date"
    assert trust_course("build").returncode == 0
    assert trust_course("notebooks", "--check").returncode == 1, "the generated notebooks notice the edit"
    assert trust_course("notebooks").returncode == 0
    out = build()
    changed = re.search(r"(\d+) changed", out)
    assert changed and int(changed.group(1)) >= 2, out[-2000:]
    html = copy / "_build" / "html"
    for page in ("book/ch01/ch01-dynamics.html", "notebooks/ch01.html"):
        text = (html / page).read_text(encoding="utf-8")
        assert "A title edited just now" in text and old_title not in text.replace("&#x27;", "'"), page
        assert "Numbers change (edited)." in text, page
    assert "edited module marker" in (html / "_static" / "book" / "quiz.js").read_text()


@pytest.mark.browser
def test_a_learner_can_mark_a_criterion_the_tool_missed(tab):
    tab.open("notebooks/ch01.html")
    reflection = tab.locator("section.tc-reflection").first
    reflection.get_by_role("textbox").fill("Something I noticed.")
    reflection.get_by_role("textbox").blur()
    reflection.locator(".tc-criteria").wait_for()
    open_before = reflection.locator(".tc-open").count()
    assert open_before >= 1
    reflection.get_by_role("button", name="I did include this").first.click()
    assert reflection.locator(".tc-open").count() == open_before - 1
    assert "(you marked this)" in reflection.locator(".tc-criteria").inner_text()
    tab.reload()
    tab.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    tab.locator("section.tc-reflection").first.locator(".tc-criteria").wait_for()
    assert "(you marked this)" in tab.locator("section.tc-reflection").first.locator(".tc-criteria").inner_text()


@pytest.mark.browser
def test_the_pseudo_locale_leaves_no_interface_word_untranslated(tmp_path, browser):
    """Built with the pseudo-locale, every interface word in the exercises is accented and
    bracketed; what is left unbracketed must be course content (titles, vignettes, options...)."""
    import json
    import os
    import subprocess

    from book_site import build_copy, project_copy, serve
    from conftest import BIN

    copy = project_copy(tmp_path / "course")
    env = {**os.environ, "PYTHONPATH": str(copy / "widgets"), "TRUST_COURSE_LANGUAGE": "pseudo"}
    assert subprocess.run([BIN / "trust-course", "--root", copy, "notebooks"], env=env).returncode == 0
    run = build_copy(copy, env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    compiled = json.loads((copy / "widgets/trust_course/compiled/course.pseudo.json").read_text())

    def strings_in(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings_in(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings_in(v)

    content = sorted(
        {s.strip() for s in strings_in([compiled["chapters"], compiled["safety"]]) if len(s.strip()) > 1},
        key=len,
        reverse=True,
    )
    server, url = serve(copy / "_build" / "html")
    page = browser.new_page()
    guard_network(page)
    try:
        leftovers = []
        for path in ("notebooks/ch01.html", "book/overview.html"):
            page.goto(f"{url}/{path}")
            page.wait_for_selector(".trust-course-exercise[data-mounted=true], table.tc-overview")
            if path.startswith("notebooks"):
                page.locator("section.tc-quiz").first.get_by_role("radio").first.check()
                page.locator("section.tc-checklist").first.get_by_role("checkbox").first.check()
                box = page.locator("section.tc-reflection").first.get_by_role("textbox")
                box.fill("i want to kill myself")
                box.blur()
                page.locator("section.tc-reflection .tc-signpost").first.wait_for()
            texts = page.evaluate("""() => [...document.querySelectorAll('.trust-course-exercise, .trust-course-overview')]
              .flatMap((root) => { const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); const out = [];
                while (w.nextNode()) out.push(w.currentNode.textContent); return out; })""")
            texts += page.evaluate(
                """() => [...document.querySelectorAll('.trust-course-exercise button, .trust-course-overview button, .trust-course-exercise legend')].map((b) => b.textContent)"""
            )
            assert len(texts) > (50 if path.startswith("notebooks") else 10)
            for text in texts:
                rest = text
                for item in content:
                    rest = rest.replace(item, " ")
                rest = re.sub(r"\[[^\]]*\]", " ", rest)
                if re.search(r"[A-Za-z]{2,}", rest):
                    leftovers.append((path, text))
        assert leftovers == []
    finally:
        server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("how", ["button", "shift three times"])
def test_quick_exit_leaves_the_page_and_back_does_not_return(browser, book_url, how):
    context = browser.new_context()
    page = context.new_page()
    guard_network(page)
    page.goto(f"{book_url}/book/welcome.html")
    page.goto(f"{book_url}/book/ch03/ch03-trauma-cycles.html")
    page.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    assert page.locator(".tc-quick-exit-bar .tc-quick-exit").is_visible()
    assert page.locator("section.tc-exercise .tc-quick-exit").count() == page.locator("section.tc-exercise").count()
    if how == "button":
        page.locator(".tc-quick-exit-bar .tc-quick-exit").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url("about:blank")
    page.go_back()
    assert "ch03-trauma-cycles" not in page.url, "Back does not return to the page that was left"
    context.close()
