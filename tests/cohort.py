"""A cohort on the project's JupyterHub, for tests/test_cohort_hub.py and benchmarks/cohort.py.

Learners are Unix users. Each logs in from its own tab of one headless Chromium, fetches chapter 1,
runs it, answers and saves; then every tab submits at once. The facilitator's gradebook is a real
PostgreSQL server. Every request a tab makes beyond 127.0.0.1 is aborted and counted.
"""

from __future__ import annotations

import asyncio
import csv
import json
import re
import secrets
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from conftest import CHROMIUM, CHROMIUM_ARGS
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
from postgres_server import postgres
from trust_course.content import course

CHAPTER = "ch01"
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
WAIT_MS = 600_000  # a whole cohort logging in at once on two cores is slow; a stuck step still fails
# POST to nbgrader's assignment-list extension, as the Assignments panel does (with the XSRF cookie).
ASSIGNMENT_ACTION_JS = """async ([base, action, course, assignment]) => {
  const xsrf = document.cookie.split('; ').find((c) => c.startsWith('_xsrf='));
  const response = await fetch(`${base}/assignments/${action}`, {
    method: 'POST', credentials: 'same-origin',
    headers: {'X-XSRFToken': xsrf ? decodeURIComponent(xsrf.slice(6)) : ''},
    body: new URLSearchParams({course_id: course, assignment_id: assignment}),
  });
  return {status: response.status, body: await response.text()};
}"""


@dataclass
class Plan:
    """What one learner does: the first quiz item right or wrong, a private and a shared reflection."""

    quiz_right: bool
    private_text: str | None
    shared_text: str | None

    @property
    def score(self) -> float:
        return float(self.quiz_right) + bool(self.private_text) + bool(self.shared_text)


@dataclass
class Cohort:
    url: str
    password: str
    admin_password: str
    venv: Path
    exchange: Path
    db_url: str
    facilitator: str
    learners: list[str]
    plans: dict[str, Plan]
    hub_process: psutil.Process
    hub_log: Path
    ready_seconds: dict[str, float] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)
    reloads: list[str] = field(default_factory=list)
    relaunches: list[str] = field(default_factory=list)
    submitted: dict[str, dict] = field(default_factory=dict)
    submit_spread_seconds: float = 0.0
    usage: dict = field(default_factory=dict)
    sockets: list[tuple[str, str, str]] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)

    def home(self, user: str) -> Path:
        return Path(f"/home/{user}")

    @property
    def course_dir(self) -> Path:
        return self.home(self.facilitator) / "course"

    def as_facilitator(self, command: str, check: bool = True):
        return as_user(self.facilitator, self.venv, command, check)


def plans(learners: list[str], tag: str) -> dict[str, Plan]:
    """Varied answers, so a grade mixed up between learners shows: every third private reflection
    is left empty, every fourth learner shares a full reflection."""
    exercises = course().chapter(CHAPTER)["exercises"]
    shared, _ = labelled_text([e for e in exercises if e["kind"] == "reflection"][-1], want_all=True)
    return {
        user: Plan(
            quiz_right=n % 2 == 0,
            private_text=None if n % 3 == 2 else f"PRIVATE-{tag}-{n} only {user} should read this",
            shared_text=shared if n % 4 == 0 else None,
        )
        for n, user in enumerate(learners)
    }


@contextmanager
def cohort(size: int):
    """Set up the hub, the facilitator's course on PostgreSQL and `size` learners; run the
    learners in the browser until all have submitted; yield the Cohort with the hub still up."""
    base = workspace()
    tag = secrets.token_hex(3)
    facilitator = f"tcf{tag}"
    learners = [f"tc{tag}l{n:02d}" for n in range(size)]
    try:
        venv = system_venv(base)
        exchange = base / "exchange"
        exchange.mkdir()
        exchange.chmod(0o777)
        write_nbgrader_config(venv, exchange)
        save_widget_state(venv)
        for user in [facilitator, *learners]:
            add_user(user)
        with postgres() as db_url, hub(base, venv, learners, [facilitator]) as running:
            group = Cohort(
                running.url,
                running.password,
                running.admin_password,
                venv,
                exchange,
                db_url,
                facilitator,
                learners,
                plans(learners, tag),
                psutil.Process(running.process.pid),
                base / "hub.log",
            )
            set_up_course(group)
            run_learners(group)
            yield group
    finally:
        for user in [facilitator, *learners]:
            remove_user(user)
        cleanup(base)


def set_up_course(group: Cohort) -> None:
    """The facilitator's course on the PostgreSQL gradebook, released."""
    group.as_facilitator(f"trust-course workshop init ~/course --chapters {CHAPTER} --db '{group.db_url}'")
    group.as_facilitator(
        f"cd ~/course && nbgrader generate_assignment {CHAPTER} && nbgrader release_assignment {CHAPTER}"
    )


def run_learners(group: Cohort) -> None:
    """The browser part, in its own thread: Playwright's async API beside any sync one in this thread."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, _learners(group)).result()


async def _learners(group: Cohort) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = await asyncio.gather(*(_prepare(browser, group, user) for user in group.learners))
        group.usage = usage(group)
        group.sockets = open_sockets(group)
        started = {}

        async def submit(user, page):
            started[user] = time.monotonic()
            group.submitted[user] = await _action(page, group, user, "submit")

        await asyncio.gather(*(submit(user, page) for user, page in zip(group.learners, pages)))
        group.submit_spread_seconds = max(started.values()) - min(started.values())
        await browser.close()


async def _guard(page, blocked: list[str]) -> None:
    async def route(r):
        if r.request.url.startswith(LOCAL):
            await r.continue_()
        else:
            blocked.append(r.request.url)
            await r.abort()

    await page.route("**/*", route)


async def _action(page, group: Cohort, user: str, action: str) -> dict:
    base = f"{group.url}/user/{user}"
    result = await page.evaluate(ASSIGNMENT_ACTION_JS, [base, action, COURSE_ID, CHAPTER])
    assert result["status"] == 200 and json.loads(result["body"])["success"], f"{user} {action}: {result}"
    return result


async def _prepare(browser, group: Cohort, user: str):
    """Log in, wait for JupyterLab, fetch and run chapter 1, answer, save; return the open tab."""
    context = await browser.new_context()
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)
    await _guard(page, group.blocked)
    await page.goto(f"{group.url}/hub/login")
    await page.fill("#username_input", user)
    await page.fill("#password_input", group.password)
    start = time.monotonic()
    await page.click("#login_submit")
    await _wait_for_lab(page, group, user)
    await page.locator(".jp-LabShell").wait_for()
    await _action(page, group, user, "fetch")
    await page.goto(f"{group.url}/user/{user}/lab/tree/{CHAPTER}/{CHAPTER}.ipynb")
    await page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()
    await page.locator(".jp-Notebook").first.click()
    await page.get_by_role("menuitem", name="Run", exact=True).click()
    await page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    await page.locator("section.tc-reflection").last.wait_for()
    group.ready_seconds[user] = time.monotonic() - start
    await _answer(page, group.plans[user])
    await _save_until_on_disk(page, group, user)
    return page


async def _wait_for_lab(page, group: Cohort, user: str) -> None:
    """Wait for the hub to send the tab on to JupyterLab, doing what a learner would if it does not:
    reload the "server is starting" page once a minute (it can miss the moment the server is ready),
    and press "Relaunch Server" if the hub says the start failed. Both are counted."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        try:
            await page.wait_for_url(f"**/user/{user}/lab**", wait_until="commit", timeout=60_000)
            return
        except PlaywrightTimeout:
            assert time.monotonic() < deadline, f"{user} never reached JupyterLab:\n" + hub_log_lines(group, user)
            if await page.get_by_role("heading", name="Spawn failed").count():
                group.relaunches.append(user)
                await page.locator("#start").click()
            else:
                group.reloads.append(user)
                await page.reload(wait_until="commit")


def hub_log_lines(group: Cohort, user: str, last: int = 15) -> str:
    """The hub's last log lines about this user, for a failure message."""
    lines = [line for line in group.hub_log.read_text(errors="replace").splitlines() if user in line]
    return "\n".join(lines[-last:])


async def _answer(page, plan: Plan) -> None:
    quiz = next(e for e in course().chapter(CHAPTER)["exercises"] if e["kind"] == "quiz")
    option = next(o for o in quiz["options"] if o["correct"] == plan.quiz_right)
    await page.locator(f"section.tc-quiz input[value='{option['id']}']").first.check()
    reflections = page.locator("section.tc-reflection")
    if plan.private_text:
        box = reflections.first.get_by_role("textbox")
        await box.fill(plan.private_text)
        await box.blur()
        await reflections.first.locator(".tc-saved:not(:empty)").wait_for()
    if plan.shared_text:
        await reflections.last.get_by_role("radio", name="Shared").check()
        await reflections.last.get_by_role("textbox").fill(plan.shared_text)
        await reflections.last.get_by_role("textbox").blur()
        await reflections.last.locator(".tc-saved:not(:empty)").wait_for()


def saved_answers(group: Cohort, user: str) -> dict:
    path = group.home(user) / CHAPTER / f"{CHAPTER}.answers.json"
    return json.loads(path.read_text()) if path.exists() else {}


def answers_arrived(group: Cohort, user: str, answers: dict) -> bool:
    """The answers file holds this learner's quiz choice and reflections, as planned."""
    exercises = course().chapter(CHAPTER)["exercises"]
    quiz = next(e for e in exercises if e["kind"] == "quiz")
    reflections = [e["id"] for e in exercises if e["kind"] == "reflection"]
    first, last = reflections[0], reflections[-1]
    plan = group.plans[user]
    right = next(o["id"] for o in quiz["options"] if o["correct"])
    if (answers.get(quiz["id"], {}).get("choice") == right) != plan.quiz_right:
        return False
    if bool(answers.get(first, {}).get("written")) != bool(plan.private_text):
        return False
    return (answers.get(last, {}).get("text") == plan.shared_text) if plan.shared_text else True


async def _save_until_on_disk(page, group: Cohort, user: str) -> None:
    """Wait for the kernel's answers file, then save the notebook until its widget state is on disk."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not answers_arrived(group, user, saved_answers(group, user)):
        assert time.monotonic() < deadline, f"{user}'s answers never reached the disk"
        await asyncio.sleep(0.5)
    notebook = group.home(user) / CHAPTER / f"{CHAPTER}.ipynb"
    for _ in range(5):
        await page.keyboard.press("Escape")
        await page.get_by_role("menuitem", name="File", exact=True).click()
        await page.get_by_role("menuitem", name="Save Notebook", exact=False).first.click()
        for _ in range(60):
            if "widget-state+json" in notebook.read_text(encoding="utf-8"):
                return
            await asyncio.sleep(0.5)
    raise AssertionError(f"{notebook} was never saved with its widget state")


def _processes(user: str) -> list[psutil.Process]:
    return [p for p in psutil.process_iter(["username"]) if p.info["username"] == user]


def _usage(processes: list[psutil.Process]) -> dict:
    """Memory (RSS and PSS) and CPU seconds used so far by these processes."""
    rss = pss = cpu = 0.0
    for process in processes:
        try:
            info, times = process.memory_full_info(), process.cpu_times()
        except psutil.Error:
            continue
        rss, pss, cpu = rss + info.rss, pss + info.pss, cpu + times.user + times.system
    return {"rss_mb": rss / 2**20, "pss_mb": pss / 2**20, "cpu_s": cpu}


def usage(group: Cohort) -> dict:
    """Memory and CPU time of the hub (JupyterHub and its proxy) and of each learner's JupyterLab
    and kernel, once every learner's chapter is open and answered."""
    hub_side = [group.hub_process] + [p for p in group.hub_process.children(recursive=True) if p.username() == "root"]
    learners = {user: _usage(_processes(user)) for user in group.learners}
    pss = [m["pss_mb"] for m in learners.values()]
    rss = [m["rss_mb"] for m in learners.values()]
    cpu = [m["cpu_s"] for m in learners.values()]
    return {
        "hub": _usage(hub_side),
        "learner_cpu_s_median": statistics.median(cpu),
        "learner_cpu_s_max": max(cpu),
        "learner_pss_mb_median": statistics.median(pss),
        "learner_pss_mb_max": max(pss),
        "learner_rss_mb_median": statistics.median(rss),
        "learner_rss_mb_max": max(rss),
        "machine_used_mb": (psutil.virtual_memory().total - psutil.virtual_memory().available) / 2**20,
    }


def open_sockets(group: Cohort) -> list[tuple[str, str, str]]:
    """(process owner, local address, remote address) of every TCP socket of the hub, the learners'
    servers and kernels, and the gradebook server."""
    owners = {group.facilitator, *group.learners, "postgres", "nobody"}
    pids = {group.hub_process.pid, *(p.pid for p in group.hub_process.children(recursive=True))}
    found = []
    for conn in psutil.net_connections(kind="inet"):
        if conn.pid is None:
            continue
        try:
            owner = psutil.Process(conn.pid).username()
        except psutil.Error:
            continue
        if conn.pid in pids or owner in owners:
            remote = conn.raddr.ip if conn.raddr else ""
            found.append((owner, conn.laddr.ip, remote))
    return found


def server_start_seconds(group: Cohort) -> list[float]:
    """How long the hub took to start each learner's JupyterLab, from its log (browser excluded)."""
    found = re.findall(r"User (\S+) took ([\d.]+) seconds to start", group.hub_log.read_text())
    return sorted(float(seconds) for user, seconds in found if user in group.learners)


def collect(group: Cohort) -> None:
    group.as_facilitator(f"cd ~/course && nbgrader collect {CHAPTER}")


def grade(group: Cohort, jobs: int, course_folder: str = "course") -> float:
    """The facilitator grades every collected submission in ~/`course_folder`; return the seconds taken."""
    start = time.monotonic()
    group.as_facilitator(f"trust-course workshop grade ~/{course_folder} {CHAPTER} --jobs {jobs}")
    return time.monotonic() - start


def exported_scores(group: Cohort, course_folder: str = "course") -> dict[str, float]:
    """Each learner's score, from `nbgrader export` (grades.csv in the course folder)."""
    group.as_facilitator(f"cd ~/{course_folder} && nbgrader export --to grades.csv")
    with open(group.home(group.facilitator) / course_folder / "grades.csv", newline="") as handle:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}
