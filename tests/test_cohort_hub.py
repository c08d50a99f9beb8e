"""A whole cohort on the project's JupyterHub (tests/cohort.py does the work): learners log in,
answer chapter 1 in tabs of one headless Chromium and submit at about the same moment; the
facilitator grades with `--jobs 2` on PostgreSQL and reads the grades in the formgrader."""

from __future__ import annotations

import ipaddress
import json
import os
from datetime import datetime

import pytest
from cohort import CHAPTER, answers_arrived, cohort, collect, exported_scores, grade
from conftest import guard_network
from hub_setup import COURSE_ID, as_user
from nbgrader.api import Gradebook
from postgres_server import server_bin

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.timeout(1800),
    pytest.mark.skipif(os.geteuid() != 0, reason="creates Unix users: runs as root, as in CI"),
    pytest.mark.skipif(server_bin() is None, reason="no PostgreSQL server: `make test` installs it"),
]
LEARNERS = 20
STAMP = "%Y-%m-%d %H:%M:%S.%f %Z"  # nbgrader's submission timestamps


@pytest.fixture(scope="module")
def run():
    with cohort(LEARNERS) as group:
        collect(group)
        grade(group, jobs=2)
        group.scores = exported_scores(group)
        yield group


def test_every_answer_arrives_and_every_grade_is_right(run):
    assert sorted(run.submitted) == sorted(run.learners)
    handed_in = [
        datetime.strptime((run.course_dir / "submitted" / u / CHAPTER / "timestamp.txt").read_text().strip(), STAMP)
        for u in run.learners
    ]
    assert (max(handed_in) - min(handed_in)).total_seconds() < 10, "the tabs submitted at about the same moment"
    for user in run.learners:
        folder = run.course_dir / "submitted" / user / CHAPTER
        answers = (folder / f"{CHAPTER}.answers.json").read_text()
        assert answers_arrived(run, user, json.loads(answers)), user
        assert "widget-state+json" in (folder / f"{CHAPTER}.ipynb").read_text(), user
    scores = run.scores
    assert scores == {user: plan.score for user, plan in run.plans.items()}
    assert len(set(scores.values())) > 1, "the plans give different grades, so a mix-up would show"
    assert not (run.course_dir / "gradebook.db").exists(), "the gradebook is the PostgreSQL one"
    with Gradebook(run.db_url, COURSE_ID) as gradebook:
        assert {s.student.id: s.score for s in gradebook.assignment_submissions(CHAPTER)} == scores


def test_no_learner_sees_another_learners_files(run):
    home = run.home
    db = run.db_url.split("@")[1]
    for n, user in enumerate(run.learners):
        other = run.learners[(n + 1) % len(run.learners)]
        for command in [
            f"cat {home(other)}/{CHAPTER}/{CHAPTER}.answers.json",
            f"ls {home(other)}",
            f"ls {run.exchange}/{COURSE_ID}/inbound",
            f"cat {run.course_dir}/nbgrader_config.py",
        ]:
            assert as_user(user, run.venv, command, check=False).returncode != 0, f"{user}: {command}"
        gradebook = f"python -c \"import psycopg2; psycopg2.connect('postgresql://gradebook@{db}')\""
        refused = as_user(user, run.venv, gradebook, check=False)
        assert refused.returncode != 0 and "password" in refused.stderr, refused.stderr
    for user, plan in run.plans.items():
        if not plan.private_text:
            continue
        own = home(user) / ".local/share/trust-course/private-reflections.json"
        assert plan.private_text in own.read_text() and oct(own.stat().st_mode & 0o777) == "0o600"
        places = [run.exchange, run.course_dir, home(user) / CHAPTER, *(home(u) for u in run.learners if u != user)]
        needle = plan.private_text.encode()
        leaks = [p for folder in places for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]
        assert leaks == [], user


def test_nothing_reaches_beyond_localhost(run):
    assert run.blocked == [], run.blocked[:10]
    assert {owner for owner, _, _ in run.sockets} >= {run.learners[0], "root"}, "the sockets were seen"
    outside = [s for s in run.sockets if not all(ipaddress.ip_address(a).is_loopback for a in s[1:] if a)]
    assert outside == []


def test_the_facilitator_reads_the_cohort_in_the_formgrader(run, browser):
    """The formgrader opens in a tab of its own: inside JupyterLab the hub's Content-Security-Policy
    (frame-ancestors 'none') leaves its frame blank."""
    context = browser.new_context()
    page = context.new_page()
    blocked = guard_network(page)
    page.goto(f"{run.url}/hub/login")
    page.fill("#username_input", run.facilitator)
    page.fill("#password_input", run.admin_password)
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{run.facilitator}/lab**", timeout=300_000)
    base = f"{run.url}/user/{run.facilitator}/formgrader"
    response = page.goto(f"{base}?path=course")  # the course folder, as the facilitator guide says
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"], "why it needs its own tab"
    row = page.locator("tr", has_text=CHAPTER).first
    row.locator(".num-submissions a").wait_for(timeout=60_000)
    assert row.locator(".num-submissions").inner_text().strip() == str(len(run.learners))
    page.goto(f"{base}/manage_students")
    search = page.locator("input[type=search]")
    for user, plan in run.plans.items():
        search.fill(user)
        line = page.locator("tbody tr", has_text=user)
        line.wait_for(timeout=60_000)
        assert line.count() == 1
        assert line.locator(".score").inner_text().startswith(f"{plan.score:g} / "), (user, line.inner_text())
    context.close()
    assert blocked == [], blocked
