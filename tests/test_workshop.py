"""`trust-course workshop`: init with nbgrader's pitfalls handled, parallel grading and the cohort
report, on a SQLite gradebook and on a real PostgreSQL one."""

from __future__ import annotations

import csv
import json
import subprocess
import threading
import time

import pytest
import sqlalchemy
from conftest import BIN
from fake_learners import answers, nbgrader, submit
from nbgrader.api import Gradebook
from postgres_server import postgres, server_bin
from trust_course.content import course
from trust_course.engine import evaluate
from trust_course.workshop import queue_for_sqlite_writes

pytestmark = pytest.mark.slow
CHAPTER = "ch02"
SHARED_MARK = "SHARED-77e1 I will tell my sister tomorrow"


@pytest.fixture(params=["sqlite", "postgresql"])
def gradebook_url(request, tmp_path):
    """None for the default gradebook.db (its address is made from the course folder), or a
    PostgreSQL server's address."""
    if request.param == "sqlite":
        yield None
        return
    if server_bin() is None:
        pytest.skip("no PostgreSQL server here: `make test` installs Debian's postgresql")
    with postgres() as url:
        yield url


def workshop(*args):
    run = subprocess.run(
        [BIN / "trust-course", "workshop", *map(str, args)], capture_output=True, text=True, timeout=900
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def test_init_handles_the_known_pitfalls(tmp_path):
    workshop("init", tmp_path / "course", "--chapters", "ch01", "ch03")
    config = (tmp_path / "course" / "nbgrader_config.py").read_text()
    assert "ClearHiddenTests" in config and "RestoreDeletedCells" in config
    assert '".*.answers.json.*.tmp"' in config
    files = sorted(
        str(p.relative_to(tmp_path / "course")) for p in (tmp_path / "course" / "source").rglob("*") if p.is_file()
    )
    assert files == ["source/ch01/ch01.ipynb", "source/ch03/ch03.ipynb"], "no answers file in source/"


def test_parallel_grading_and_the_cohort_report(tmp_path, gradebook_url):
    course_dir = tmp_path / "course"
    workshop("init", course_dir, "--chapters", CHAPTER, *(["--db", gradebook_url] if gradebook_url else []))
    config = (course_dir / "nbgrader_config.py").read_text()
    assert ("db_url" in config) == bool(gradebook_url)
    nbgrader(course_dir, "generate_assignment", CHAPTER, "--force")
    expected = {}
    for n in range(6):
        learner = f"learner-{n}"
        folder = submit(
            course_dir, learner, CHAPTER, answers(CHAPTER, n, checklist=n % 2 == 0, shared_text=SHARED_MARK)
        )
        expected[learner] = n + (n % 2 == 0)
        if n == 5:  # a learner deleted one of the check cells: nbgrader puts it back and grades it
            drop_cell(folder / f"{CHAPTER}.ipynb", f"{course().chapter(CHAPTER)['exercises'][0]['id']}-check")
        if n == 4:  # a learner duplicated a locked cell in JupyterLab: the copy is dropped, not fatal
            duplicate_cell(folder / f"{CHAPTER}.ipynb", f"{course().chapter(CHAPTER)['exercises'][1]['id']}-check")

    assert "autograded 6 submission(s)" in workshop("grade", course_dir, CHAPTER, "--jobs", "2")

    graded_cells = len(course().chapter(CHAPTER)["exercises"])
    if gradebook_url:
        assert not (course_dir / "gradebook.db").exists(), "everything went to PostgreSQL"
    with Gradebook(gradebook_url or f"sqlite:///{course_dir / 'gradebook.db'}", "rebuilding-trust") as gradebook:
        for learner, score in expected.items():
            submission = gradebook.find_submission(CHAPTER, learner)
            assert len(submission.notebooks[0].grades) == graded_cells, "no lost or duplicated grades"
            assert submission.score == pytest.approx(score + 1.0), "a written reflection counts in full: " + learner

    table = workshop("report", course_dir)
    assert "(whole chapter)" in table and "(best fit)" in table
    assert SHARED_MARK not in table
    with open(course_dir / "reports" / "quiz_options.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first_quiz = next(e for e in course().chapter(CHAPTER)["exercises"] if e["kind"] == "quiz")
    best = next(r for r in rows if r["exercise"] == first_quiz["id"] and r["best_fit"] == "True")
    assert (int(best["chosen"]), int(best["answered"])) == (5, 6), "learners 1-5 got the first item right"
    with open(course_dir / "reports" / "criteria.csv", newline="") as handle:
        criteria = list(csv.DictReader(handle))
    shared_prompt = [e for e in course().chapter(CHAPTER)["exercises"] if e["kind"] == "reflection"][-1]
    expected = evaluate(shared_prompt, SHARED_MARK)["criteria"]
    for row in (r for r in criteria if r["exercise"] == shared_prompt["id"]):
        assert (int(row["met"]), int(row["shared"])) == (6 * expected[row["criterion"]], 6), row
    assert SHARED_MARK not in (course_dir / "reports" / "criteria.csv").read_text()
    completion = (course_dir / "reports" / "completion.csv").read_text()
    assert (
        SHARED_MARK not in completion and SHARED_MARK not in (course_dir / "reports" / "quiz_options.csv").read_text()
    )
    assert sum(int(r["chosen"]) for r in rows if r["exercise"] == first_quiz["id"]) == 6


def drop_cell(path, grade_id: str) -> None:
    nb = json.loads(path.read_text())
    nb["cells"] = [c for c in nb["cells"] if c["metadata"]["nbgrader"]["grade_id"] != grade_id]
    path.write_text(json.dumps(nb))


def duplicate_cell(path, grade_id: str) -> None:
    nb = json.loads(path.read_text())
    index = next(i for i, c in enumerate(nb["cells"]) if c["metadata"]["nbgrader"]["grade_id"] == grade_id)
    copy = json.loads(json.dumps(nb["cells"][index]))
    copy["id"] = "duplicated-by-the-learner"
    nb["cells"].insert(index + 1, copy)
    path.write_text(json.dumps(nb))


def test_init_names_an_unknown_chapter(tmp_path):
    run = subprocess.run(
        [BIN / "trust-course", "workshop", "init", tmp_path / "c", "--chapters", "ch99"], capture_output=True, text=True
    )
    assert run.returncode == 2 and "ch99" in run.stderr and "ch01" in run.stderr
    assert not (tmp_path / "c").exists()


def test_init_checks_the_database_and_keeps_its_password_private(tmp_path):
    if server_bin() is None:
        pytest.skip("no PostgreSQL server here")
    with postgres() as url:
        plain = url.replace("postgresql+psycopg2://", "postgresql://")
        workshop("init", tmp_path / "course", "--chapters", "ch01", "--db", plain)
        config = tmp_path / "course" / "nbgrader_config.py"
        assert f"c.CourseDirectory.db_url = {url!r}" in config.read_text(), "the driver nbgrader needs is named"
        assert oct(config.stat().st_mode & 0o777) == "0o600"
        wrong = url.replace(url.split(":")[2].split("@")[0], "not-the-password")
    run = subprocess.run(
        [BIN / "trust-course", "workshop", "init", tmp_path / "c2", "--db", wrong], capture_output=True, text=True
    )
    assert run.returncode == 1 and "cannot open the gradebook" in run.stderr and not (tmp_path / "c2").exists()
    run = subprocess.run(
        [BIN / "trust-course", "workshop", "init", tmp_path / "c3", "--db", "mysql://u:secret@h/db"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "postgresql://" in run.stderr and "secret" not in run.stderr


def test_sqlite_writers_queue_instead_of_failing(tmp_path):
    """Two graders' transactions on one SQLite file: the second waits for the first to commit."""
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    engines = [sqlalchemy.create_engine(url) for _ in range(2)]
    for engine in engines:
        queue_for_sqlite_writes(wait_seconds=30, target=engine)
    with engines[0].begin() as first:
        first.exec_driver_sql("CREATE TABLE grades (student TEXT)")
    times = {}

    def second_grader():
        with engines[1].begin() as second:
            times["second began"] = time.monotonic()
            count = second.exec_driver_sql("SELECT count(*) FROM grades").scalar()
            second.exec_driver_sql("INSERT INTO grades VALUES ('learner-1')")
        times["second saw"] = count

    with engines[0].begin() as first:
        first.exec_driver_sql("SELECT count(*) FROM grades").scalar()
        first.exec_driver_sql("INSERT INTO grades VALUES ('learner-0')")
        thread = threading.Thread(target=second_grader)
        thread.start()
        time.sleep(1.0)
        committed = time.monotonic()
    thread.join(timeout=30)
    assert times["second began"] >= committed, "the second transaction began only once the first had committed"
    assert times["second saw"] == 1
    with engines[0].connect() as check:
        assert check.exec_driver_sql("SELECT count(*) FROM grades").scalar() == 2
