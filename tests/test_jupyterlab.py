"""Chapter 1 in a real JupyterLab, driven by headless Chromium: answering saves to disk."""

from __future__ import annotations

import json
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
