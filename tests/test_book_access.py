"""The book as every reader meets it: axe finds nothing in either theme, the keyboard alone does
every exercise, feedback is announced once, labels wrap beside their controls, and pages are light."""

from __future__ import annotations

import json

import pytest
from axe import violations
from conftest import REPORT, guard_network

pytestmark = [pytest.mark.slow, pytest.mark.browser]
EXERCISES = "notebooks/ch01.html"


def pages(html) -> list[str]:
    return sorted(str(p.relative_to(html)) for p in html.rglob("*.html") if not {"_static", "_sources"} & set(p.parts))


def open_page(context, url: str):
    page = context.new_page()
    page.blocked = guard_network(page)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def answer_everything(page) -> None:
    """A quiz answered, a checklist item ticked and a reflection written (with a danger sign)."""
    page.locator("section.tc-quiz").first.get_by_role("radio").first.check()
    page.locator("section.tc-checklist").first.get_by_role("checkbox").first.check()
    box = page.locator("section.tc-reflection").first.get_by_role("textbox")
    box.fill("He goes quiet for days after I see my friends. Some nights i dont want to be here anymore.")
    box.blur()
    page.locator("section.tc-reflection .tc-criteria").first.wait_for()
    page.locator("section.tc-reflection .tc-signpost").first.wait_for()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page(browser, built_book, book_url, theme):
    context = browser.new_context(color_scheme=theme)
    context.add_init_script(f"localStorage.setItem('mode', '{theme}')")
    found, checked = {}, 0
    for path in pages(built_book[0]):
        page = open_page(context, f"{book_url}/{path}")
        assert page.evaluate("document.documentElement.dataset.theme") == theme
        if path == EXERCISES:
            answer_everything(page)
        found[path] = violations(page)
        checked += 1
        assert page.blocked == [], page.blocked
        page.close()
    context.close()
    REPORT.append(f"axe on the book, {theme} theme: {checked} pages, {sum(map(len, found.values()))} violations")
    assert {p: v for p, v in found.items() if v} == {}


def focus_is_visible(page) -> bool:
    return page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; })()"
    )


def test_the_keyboard_alone_does_every_exercise_with_visible_focus(browser, book_url):
    context = browser.new_context()
    page = open_page(context, f"{book_url}/{EXERCISES}")
    page.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    quiz = page.locator("section.tc-quiz").first
    quiz.locator(".tc-quick-exit").focus()
    page.keyboard.press("Tab")  # into the radio group
    radios = quiz.get_by_role("radio")
    assert radios.first.evaluate("(el) => el === document.activeElement") and focus_is_visible(page)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert radios.nth(1).is_checked() and not radios.first.is_checked()
    quiz.locator(".tc-feedback p").wait_for()

    checklist = page.locator("section.tc-checklist").first
    checklist.locator(".tc-quick-exit").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert checklist.get_by_role("checkbox").first.is_checked() and focus_is_visible(page)

    reflection = page.locator("section.tc-reflection").first
    reflection.locator(".tc-pause summary").focus()
    page.keyboard.press("Tab")
    page.keyboard.type("When my sister mocks me I will leave the room.")
    page.keyboard.press("Tab")  # to the privacy choice, "Private" chosen
    assert reflection.get_by_label("Private: stays on this device and is never submitted").evaluate(
        "(el) => el === document.activeElement && el.checked"
    )
    page.keyboard.press("ArrowDown")
    assert reflection.get_by_label("Shared: sent with your notebook when you submit it").is_checked()
    assert focus_is_visible(page)
    reflection.locator(".tc-criteria").wait_for()
    assert page.blocked == []
    context.close()


def live_regions(page) -> list[str]:
    """Chromium's accessibility tree: the text inside every node whose role is status."""
    session = page.context.new_cdp_session(page)
    nodes = {n["nodeId"]: n for n in session.send("Accessibility.getFullAXTree")["nodes"]}

    def text(node) -> str:
        own = node.get("name", {}).get("value", "") if node.get("role", {}).get("value") == "StaticText" else ""
        return " ".join([own, *(text(nodes[c]) for c in node.get("childIds", []) if c in nodes)]).strip()

    return [text(n) for n in nodes.values() if n.get("role", {}).get("value") == "status"]


def test_feedback_regions_exist_from_the_start_and_announce_each_verdict_once(browser, book_url):
    context = browser.new_context()
    page = open_page(context, f"{book_url}/{EXERCISES}")
    page.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    quizzes = page.locator("section.tc-quiz").count()
    assert len(live_regions(page)) >= quizzes, "every quiz's feedback region is in the tree before any answer"
    page.evaluate(
        """() => { window.__changes = 0;
          const region = document.querySelector("section.tc-reflection .tc-feedback");
          new MutationObserver((records) => { window.__changes += records.length; }).observe(region, { childList: true }); }"""
    )
    region = page.locator("section.tc-reflection").first.locator(".tc-feedback")
    box = page.locator("section.tc-reflection").first.get_by_role("textbox")
    box.click()
    said = [region.inner_text()]
    for text in ["He goes quiet", "He goes quiet", "He goes quiet for days", "He goes quiet for days when I go out"]:
        box.fill(text)
        page.wait_for_timeout(600)  # past the pause that saves and reads the answer
        said.append(region.inner_text())
    new_verdicts = sum(before != after for before, after in zip(said, said[1:]))
    assert new_verdicts >= 1
    assert page.evaluate("window.__changes") == new_verdicts, "the region changes once per new verdict, never again"
    quiz = page.locator("section.tc-quiz").first
    quiz.get_by_role("radio").first.check()
    quiz.locator(".tc-feedback p").wait_for()
    verdict = quiz.locator(".tc-feedback").inner_text().strip()
    assert verdict and verdict in live_regions(page), "the quiz's verdict is read from its live region"
    context.close()


@pytest.mark.parametrize("width, zoom", [(320, 1), (1280, 2), (640, 2)])
def test_labels_wrap_beside_their_controls(browser, book_url, width, zoom):
    context = browser.new_context(viewport={"width": width // zoom, "height": 800}, device_scale_factor=zoom)
    page = open_page(context, f"{book_url}/{EXERCISES}")
    page.wait_for_selector(".trust-course-exercise[data-mounted=true]")
    misplaced = page.evaluate(
        """() => [...document.querySelectorAll(".tc-option, .tc-item, .tc-privacy div, .tc-toggle")].filter((row) => {
          const control = row.querySelector("input").getBoundingClientRect();
          const label = row.querySelector("label").getBoundingClientRect();
          return label.left < control.right || label.top > control.bottom || label.right > row.getBoundingClientRect().right + 1;
        }).map((row) => row.textContent.slice(0, 60))"""
    )
    assert misplaced == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scrolling"
    context.close()


def test_an_exercise_page_is_light_and_writes_each_exercise_once(browser, built_book, book_url):
    from trust_course.content import course

    html = (built_book[0] / EXERCISES).read_text(encoding="utf-8")
    for exercise in course().chapter("ch01")["exercises"]:
        text = exercise.get("vignette") or exercise.get("prompt") or exercise.get("intro")
        assert html.count(json.dumps(text[:60], ensure_ascii=False)[1:-1]) == 1, exercise["id"]
    context = browser.new_context()
    page = context.new_page()
    sizes = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, len(r.response().body())))
    page.goto(f"{book_url}/{EXERCISES}")
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    REPORT.append(f"book exercise page {EXERCISES}: {total / 1024:.0f} KiB in {len(sizes)} requests")
    assert total <= 1024 * 1024, sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
    assert [url for url in sizes if "fontawesome" in url] == []
    assert [url for url in sizes if "trust-course-" in url] == [], "rules and journal data load only when used"
    context.close()
