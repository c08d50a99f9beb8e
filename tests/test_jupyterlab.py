"""Chapter 1 in a real JupyterLab, driven by headless Chromium: answering saves to disk."""

from __future__ import annotations

import json
import re
import shutil
import time

import pytest
from conftest import CONTRAST_JS, REPORT, ROOT, guard_network
from lab_server import jupyterlab, open_and_run_all, save_notebook

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_answering_a_quiz_changes_the_answers_file(browser, tmp_path):
    work = tmp_path / "lab"
    work.mkdir()
    shutil.copyfile(ROOT / "notebooks" / "ch01.ipynb", work / "ch01.ipynb")
    answers = work / "ch01.answers.json"
    with jupyterlab(work, tmp_path / "private", save_widget_state=True) as url:
        context = browser.new_context()
        page = context.new_page()
        blocked = guard_network(page)
        open_and_run_all(page, url, "ch01.ipynb")
        quiz = page.locator("section.tc-quiz").first
        quiz.wait_for(timeout=60_000)
        assert not answers.exists()
        radio = quiz.get_by_role("radio").nth(2)
        radio.check()
        assert quiz.locator(".tc-feedback").inner_text().strip()
        choice = radio.get_attribute("value")
        exercise_id = quiz.get_attribute("data-exercise")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not answers.exists():
            time.sleep(0.2)
        assert json.loads(answers.read_text())[exercise_id] == {"choice": choice}

        reflection = page.locator("section.tc-reflection").first
        reflection.get_by_role("textbox").fill('A private note only for me <img src=x onerror="window.__pwned=1">')
        reflection.get_by_role("textbox").blur()
        reflection.get_by_text("Saved privately on this device.").wait_for(timeout=20_000)
        assert reflection.locator(".tc-criteria").count() == 1, "feedback computed in the browser"
        assert "A private note" not in answers.read_text()
        assert "A private note" in (tmp_path / "private" / "private-reflections.json").read_text()
        # Save the notebook with "Save Widget State Automatically" on: the widget state is written,
        # the private text is not, in the notebook or its checkpoint.
        notebook = work / "ch01.ipynb"
        save_notebook(page, notebook, "application/vnd.jupyter.widget-state+json")  # so the setting is on
        files = [p for p in work.rglob("*") if p.is_file() and p.suffix != ".log"]
        assert any(".ipynb_checkpoints" in p.parts for p in files)
        assert [p for p in files if b"A private note" in p.read_bytes()] == []
        assert page.evaluate("window.__pwned") is None
        light = quiz.locator(".tc-vignette").evaluate(CONTRAST_JS)
        page.get_by_role("menuitem", name="Settings", exact=True).click()
        page.get_by_text("Theme", exact=True).hover()
        page.get_by_role("menuitem", name="JupyterLab Dark", exact=True).click()
        page.wait_for_function("document.body.dataset.jpThemeLight === 'false'")
        dark = quiz.locator(".tc-vignette").evaluate(CONTRAST_JS)
        assert light >= 4.5 and dark >= 4.5, (light, dark)
        REPORT.append(f"contrast of exercise text in JupyterLab: light theme {light:.1f}, dark theme {dark:.1f}")
        assert page.locator(".tc-exercise img").count() == 0
        assert blocked == [], f"requests beyond 127.0.0.1: {blocked}"
        # Quick exit beside every exercise: the notebook is replaced by a blank page.
        assert page.locator("section.tc-exercise .tc-quick-exit").count() == page.locator("section.tc-exercise").count()
        page.locator("section.tc-quiz .tc-quick-exit").first.click()
        page.wait_for_url("about:blank")
        context.close()


def active_cell(page) -> int:
    return page.evaluate(
        "[...document.querySelectorAll('.jp-Notebook .jp-Cell')].findIndex((c) => c.classList.contains('jp-mod-active'))"
    )


def test_a_learners_lab_is_calm_collapsed_accessible_and_works_by_keyboard(browser, tmp_path):
    from axe import violations

    work = tmp_path / "lab"
    work.mkdir()
    shutil.copyfile(ROOT / "notebooks" / "ch01.ipynb", work / "ch01.ipynb")
    with jupyterlab(work, tmp_path / "private") as url:
        context = browser.new_context()
        page = context.new_page()
        blocked = guard_network(page)
        page.goto(f"{url}/lab/tree/ch01.ipynb")
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
        page.wait_for_timeout(2000)  # time for a news prompt, were there one
        # Calm: no news prompt, no facilitator tools, no cell toolbar; exercise code is collapsed.
        assert page.get_by_text("official Jupyter news").count() == 0
        assert page.get_by_role("menuitem", name="Nbgrader").count() == 0
        assert page.get_by_text("Create Assignment").count() == 0 and page.get_by_text("Validate").count() == 0
        assert page.locator(".jp-cell-toolbar").count() == 0
        code_cells = page.locator(".jp-Notebook .jp-CodeCell").count()
        assert page.locator(".jp-CodeCell .jp-InputPlaceholder").count() == code_cells > 0
        assert page.locator(".jp-CodeCell .jp-InputArea-editor").filter(visible=True).count() == 0

        open_and_run_all(page, url, "ch01.ipynb")
        page.locator("section.tc-reflection").first.wait_for(timeout=90_000)
        # Keyboard alone, and the notebook never takes the keys: its active cell stays put.
        quiz = page.locator("section.tc-quiz").first
        quiz.locator(".tc-quick-exit").focus()
        before = active_cell(page)
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
        assert quiz.get_by_role("radio").nth(1).is_checked() and not quiz.get_by_role("radio").first.is_checked()
        assert active_cell(page) == before
        checklist = page.locator("section.tc-checklist").first
        checklist.locator(".tc-quick-exit").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        assert checklist.get_by_role("checkbox").first.is_checked()
        reflection = page.locator("section.tc-reflection").first
        reflection.locator(".tc-pause summary").focus()
        page.keyboard.press("Tab")
        page.keyboard.type("When my brother shouts I will leave the room and text Ana.")
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")
        assert reflection.get_by_label("Shared: sent with your notebook when you submit it").is_checked()
        assert page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth) >= 2")
        reflection.locator(".tc-criteria").wait_for()
        # axe on the exercises, light theme then dark.
        light = violations(page, "section.tc-exercise")
        page.get_by_role("menuitem", name="Settings", exact=True).click()
        page.get_by_text("Theme", exact=True).hover()
        page.get_by_role("menuitem", name="JupyterLab Dark", exact=True).click()
        page.wait_for_function("document.body.dataset.jpThemeLight === 'false'")
        dark = violations(page, "section.tc-exercise")
        REPORT.append(f"axe on the exercises in JupyterLab: light {len(light)}, dark {len(dark)} violations")
        assert (light, dark) == ([], [])
        # Saved and reopened before running: a plain line in place of each exercise, not an error.
        notebook = work / "ch01.ipynb"
        save_notebook(page, notebook, "Run this cell to show the exercise")
        assert "widget-view+json" not in notebook.read_text(encoding="utf-8")
        page.reload()
        page.get_by_text("Run this cell to show the exercise").first.wait_for(timeout=60_000)
        assert page.get_by_text("model not found").count() == 0
        assert blocked == [], f"requests beyond 127.0.0.1: {blocked}"
        context.close()


def test_a_saved_reflection_comes_back_when_the_kernels_first_reply_is_lost(browser, tmp_path, monkeypatch):
    """On a busy hub a reply can be lost on the way (a socket that reconnects): the websocket here
    drops the kernel's first "loaded" reply, and the box must still open with the saved words."""
    from trust_course import store
    from trust_course.content import course

    work, private = tmp_path / "lab", tmp_path / "private"
    work.mkdir()
    shutil.copyfile(ROOT / "notebooks" / "ch01.ipynb", work / "ch01.ipynb")
    first = next(e["id"] for e in course().chapter("ch01")["exercises"] if e["kind"] == "reflection")
    monkeypatch.setenv("TRUST_COURSE_PRIVATE_DIR", str(private))
    monkeypatch.setenv("TRUST_COURSE_ANSWERS_DIR", str(work))
    assert store.save_reflection("ch01", first, {"text": "words I wrote last week", "shared": False}) == []
    dropped = []

    def drop_first_loaded(route):
        server = route.connect_to_server()

        def from_server(message):
            data = message if isinstance(message, bytes) else message.encode()
            if not dropped and re.search(rb'"type":\s*"loaded"', data):
                dropped.append(time.monotonic())
                return
            route.send(message)

        server.on_message(from_server)

    with jupyterlab(work, private) as url:
        page = browser.new_context().new_page()
        page.route_web_socket(re.compile(r".*/api/kernels/.*/channels.*"), drop_first_loaded)
        open_and_run_all(page, url, "ch01.ipynb")
        box = page.locator(f"section[data-exercise='{first}']").get_by_role("textbox")
        box.wait_for(timeout=60_000)
        page.wait_for_function("(el) => !el.disabled", arg=box.element_handle(), timeout=60_000)
        assert len(dropped) == 1, "the first reply was dropped"
        assert box.input_value() == "words I wrote last week"
        assert time.monotonic() - dropped[0] < 30
        page.context.close()
