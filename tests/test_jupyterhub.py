"""A workshop on a real JupyterHub: a facilitator and two learners as separate Unix users.

Learners fetch the chapter, answer in their own JupyterLab through the hub (headless Chromium),
and submit; the facilitator collects, autogrades, generates and releases feedback; learners fetch
it. Scores, isolation between learners, and the privacy of private reflections are checked.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import time

import pytest
from conftest import REPORT, guard_network
from fake_learners import labelled_text
from hub_setup import (
    COURSE_ID,
    add_user,
    as_user,
    cleanup,
    hub,
    remove_user,
    save_widget_state,
    system_venv,
    workspace,
    write_nbgrader_config,
)
from lab_server import open_and_run_all, save_notebook
from trust_course.content import course

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(os.geteuid() != 0, reason="creates Unix users: runs as root, as in CI"),
]
CHAPTER = "ch01"
PRIVATE_TEXT = "PRIVATE-9b2d only I should ever read this"


def wait_for(path, test, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and test(json.loads(path.read_text())):
            return
        time.sleep(0.3)
    raise AssertionError(f"{path} never showed the answer: {path.read_text() if path.exists() else 'no file'}")


def answer_in_lab(browser, url, password, user, act, notebook):
    context = browser.new_context()
    page = context.new_page()
    blocked = guard_network(page)
    page.goto(f"{url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/lab**", timeout=120_000)
    open_and_run_all(page, f"{url}/user/{user}", f"{CHAPTER}/{CHAPTER}.ipynb")
    # A learner's JupyterLab: the Assignments panel, but none of the facilitator's tools, no news prompt.
    page.get_by_role("menuitem", name="View", exact=True).wait_for()
    assert page.get_by_role("menuitem", name="Nbgrader").count() == 0
    assert page.get_by_text("Create Assignment").count() == 0 and page.get_by_text("official Jupyter news").count() == 0
    page.locator("section.tc-reflection").last.wait_for(timeout=90_000)
    act(page)
    # "Saved" shows when the kernel has saved the reflection; then the learner saves the notebook,
    # with "Save Widget State Automatically" on, so its widget state is written into it.
    page.wait_for_selector("section.tc-reflection .tc-saved:not(:empty)", timeout=30_000)
    save_notebook(page, notebook)
    context.close()
    assert blocked == [], blocked


def test_workshop_on_jupyterhub(browser):
    base = workspace()
    tag = secrets.token_hex(3)
    facilitator, learner1, learner2 = f"tcfac{tag}", f"tcla{tag}", f"tclb{tag}"
    users = [facilitator, learner1, learner2]
    try:
        start = time.monotonic()
        venv = system_venv(base)
        REPORT.append(f"JupyterHub test: system-wide course environment installed in {time.monotonic() - start:.0f} s")
        exchange = base / "exchange"
        exchange.mkdir()
        exchange.chmod(0o777)
        write_nbgrader_config(venv, exchange)
        save_widget_state(venv)
        homes = {u: add_user(u) for u in users}

        as_user(facilitator, venv, f"trust-course workshop init ~/course --chapters {CHAPTER}")
        as_user(
            facilitator,
            venv,
            f"cd ~/course && nbgrader generate_assignment {CHAPTER} && nbgrader release_assignment {CHAPTER}",
        )
        for learner in (learner1, learner2):
            as_user(learner, venv, f"nbgrader fetch_assignment {CHAPTER}")

        exercises = course().chapter(CHAPTER)["exercises"]
        quiz = next(e for e in exercises if e["kind"] == "quiz")
        right = next(i for i, o in enumerate(quiz["options"]) if o["correct"])
        wrong = next(i for i, o in enumerate(quiz["options"]) if not o["correct"])
        full_text, _ = labelled_text([e for e in exercises if e["kind"] == "reflection"][-1], want_all=True)

        def learner1_acts(page):
            page.locator(f"section.tc-quiz input[value='{quiz['options'][right]['id']}']").first.check()
            box = page.locator("section.tc-reflection").first.get_by_role("textbox")
            box.fill(PRIVATE_TEXT)
            box.blur()

        def learner2_acts(page):
            page.locator(f"section.tc-quiz input[value='{quiz['options'][wrong]['id']}']").first.check()
            reflection = page.locator("section.tc-reflection").last
            reflection.get_by_role("radio", name="Shared").check()
            reflection.get_by_role("textbox").fill(full_text)
            reflection.get_by_role("textbox").blur()

        with hub(base, venv, [learner1, learner2], [facilitator]) as (url, password, _, _):
            for learner, act in ((learner1, learner1_acts), (learner2, learner2_acts)):
                answer_in_lab(browser, url, password, learner, act, homes[learner] / CHAPTER / f"{CHAPTER}.ipynb")
            answers1 = homes[learner1] / CHAPTER / f"{CHAPTER}.answers.json"
            reflection_ids = [e["id"] for e in exercises if e["kind"] == "reflection"]
            wait_for(answers1, lambda a: quiz["id"] in a and a.get(reflection_ids[0], {}).get("written"))
            wait_for(
                homes[learner2] / CHAPTER / f"{CHAPTER}.answers.json",
                lambda a: a.get(reflection_ids[-1], {}).get("text", "") == full_text,
            )
            for learner in (learner1, learner2):
                as_user(learner, venv, f"nbgrader submit {CHAPTER}")

            course_dir = homes[facilitator] / "course"
            as_user(facilitator, venv, f"cd ~/course && nbgrader collect {CHAPTER}")
            as_user(facilitator, venv, f"trust-course workshop grade ~/course {CHAPTER} --jobs 2")
            as_user(
                facilitator,
                venv,
                f"cd ~/course && nbgrader generate_feedback {CHAPTER} && "
                f"nbgrader release_feedback {CHAPTER} && nbgrader export --to grades.csv",
            )
            for learner in (learner1, learner2):
                as_user(learner, venv, f"nbgrader fetch_feedback {CHAPTER}")

        with open(course_dir / "grades.csv", newline="") as handle:
            scores = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}
        assert scores == {learner1: 2.0, learner2: 1.0}, "quiz right + private reflection; shared reflection only"
        handed_in = course_dir / "submitted" / learner1 / CHAPTER / f"{CHAPTER}.ipynb"
        assert "widget-state+json" in handed_in.read_text(), "the setting took effect in what was handed in"

        feedback1 = list((homes[learner1] / CHAPTER / "feedback").rglob(f"{CHAPTER}.html"))
        assert len(feedback1) == 1 and f"Your answer: {quiz['options'][right]['text']}" in feedback1[0].read_text()
        assert list((homes[learner2] / CHAPTER / "feedback").rglob(f"{CHAPTER}.html"))

        # One learner cannot read the other's work, feedback or submissions.
        for command in [
            f"cat {homes[learner2]}/{CHAPTER}/{CHAPTER}.answers.json",
            f"ls {homes[learner2]}",
            f"ls {exchange}/{COURSE_ID}/inbound",
            f"ls {homes[facilitator]}/course",
        ]:
            assert as_user(learner1, venv, command, check=False).returncode != 0, command

        # Private reflection text stays on learner 1's own machine folder, and nowhere else.
        private_store = homes[learner1] / ".local/share/trust-course/private-reflections.json"
        assert PRIVATE_TEXT in private_store.read_text()
        assert oct(private_store.stat().st_mode & 0o777) == "0o600"
        shared_places = [exchange, course_dir, homes[learner1] / CHAPTER, homes[learner2]]
        leaks = [
            p
            for folder in shared_places
            for p in folder.rglob("*")
            if p.is_file() and PRIVATE_TEXT.encode() in p.read_bytes()
        ]
        assert leaks == []
    finally:
        for user in users:
            remove_user(user)
        cleanup(base)
