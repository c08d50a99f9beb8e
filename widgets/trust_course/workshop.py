"""Set up an nbgrader course for a group workshop, with nbgrader's known pitfalls handled."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

from . import notebooks
from .content import course
from .store import ANSWERS_SUFFIX, ASIDE_MARK, LOCK_SUFFIX, TEMP_SUFFIX, read

COURSE_ID = "rebuilding-trust"
NBGRADER_CONFIG = f'''\
"""nbgrader configuration for a Rebuilding Trust workshop (written by `trust-course workshop init`)."""
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "{COURSE_ID}"
# The answer store's temporary, lock and set-aside files are never collected, released or graded.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*{ANSWERS_SUFFIX}.*{TEMP_SUFFIX}",
                            ".*{ANSWERS_SUFFIX}{LOCK_SUFFIX}", "*{ANSWERS_SUFFIX}{ASIDE_MARK}*"]
# Hidden tests carry the answer key: keep them out of the feedback learners receive.
# Saved widget state is never needed for grading or feedback.
c.GenerateFeedback.preprocessors = [
    "trust_course.widget_state.ClearWidgetState",
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
# Locked cells a learner deleted are put back in place and graded, instead of scoring nothing;
# copies of locked cells a learner duplicated are removed instead of failing the notebook.
c.Autograde.sanitize_preprocessors = [
    "trust_course.widget_state.ClearWidgetState",
    "nbgrader.preprocessors.ClearOutput",
    "trust_course.duplicate_cells.RemoveDuplicateCells",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "trust_course.restore_cells.RestoreDeletedCells",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
'''


def gradebook_url(url: str) -> str:
    """The SQLAlchemy address of a gradebook: SQLite, or PostgreSQL through the psycopg2 driver."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("sqlite", "postgres", "postgresql", "postgresql+psycopg2"):
        raise ValueError(
            f"--db must be sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DATABASE, not {scheme}://..."
        )
    return url if scheme == "sqlite" else f"postgresql+psycopg2://{rest}"


def open_gradebook(url: str, course_id: str = COURSE_ID):
    """Connect to the gradebook at `url`, creating its tables if it is new; a missing driver or an
    unreachable server is a RuntimeError that says what to do."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import OperationalError

    # nbgrader runs the `alembic` command to stamp a new gradebook: find it beside this Python.
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([scripts, os.environ.get("PATH", "")])
    try:
        return Gradebook(url, course_id)
    except ModuleNotFoundError as err:
        raise RuntimeError(f"{err.name} is missing: pip install 'rebuilding-trust-course[postgres]'") from err
    except OperationalError as err:
        raise RuntimeError(f"cannot open the gradebook: {str(err.orig).strip().splitlines()[0]}") from err


def init_course(root: Path, chapters: list[str] | None = None, db_url: str | None = None) -> list[Path]:
    """Write `nbgrader_config.py` and one assignment per chapter under `source/`; with `db_url`,
    the gradebook is that database (checked and set up now) instead of `gradebook.db`.

    No answers file is ever placed in `source/`: autograde would copy it over every learner's.
    """
    config = NBGRADER_CONFIG
    if db_url:
        db_url = gradebook_url(db_url)
        open_gradebook(db_url).close()
        config += f"c.CourseDirectory.db_url = {db_url!r}\n"
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(config, encoding="utf-8")
    if db_url:
        (root / "nbgrader_config.py").chmod(0o600)  # the address holds the database password
    written = []
    for chapter in course().chapters:
        cid = chapter["chapter"]
        if chapters and cid not in chapters:
            continue
        folder = root / "source" / cid
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{cid}.ipynb"
        path.write_text(notebooks.render(chapter, page=None), encoding="utf-8")
        written.append(path)
    return written


def _api(root: Path):
    """nbgrader's API for the course in `root`, configured by its nbgrader_config.py."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    coursedir = CourseDirectory(config=config)
    coursedir.root = str(root)
    return NbGraderAPI(coursedir=coursedir, config=config)


_WORKER_API = None
SQLITE_WAIT_SECONDS = 300


def queue_for_sqlite_writes(wait_seconds: float = SQLITE_WAIT_SECONDS, target=None) -> None:
    """Make every SQLite transaction of `target` (default: every engine in this process) take the
    write lock as it begins (BEGIN IMMEDIATE), waiting up to `wait_seconds` for it (SQLite's busy
    timeout).

    SQLite has one writer at a time. A deferred transaction that reads and then writes can find
    another process writing and fail at once ("database is locked"), without waiting. Taking the
    lock at the start means parallel graders queue for the gradebook instead. PostgreSQL needs none
    of this: it locks rows, not the file.
    """
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def on_connect(dbapi_connection, _record) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.isolation_level = None  # SQLAlchemy, not the driver, begins transactions
            dbapi_connection.execute(f"PRAGMA busy_timeout = {int(wait_seconds * 1000)}")

    def on_begin(connection) -> None:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(target or Engine, "connect", on_connect)
    event.listen(target or Engine, "begin", on_begin)


def _start_worker(root: str) -> None:
    global _WORKER_API
    _WORKER_API = _api(Path(root))
    if _WORKER_API.coursedir.db_url.startswith("sqlite"):
        queue_for_sqlite_writes()


def _grade_one(assignment: str, student: str) -> tuple[str, bool, str]:
    result = _WORKER_API.autograde(assignment, student, force=True, create=False)
    return student, result["success"], result.get("log", "") + result.get("error", "")


def submitted_students(root: Path, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (root / "submitted").glob(f"*/{assignment}") if p.is_dir())


def grade(root: Path, assignment: str, jobs: int = 1) -> list[str]:
    """Autograde every submission of `assignment` with `jobs` processes sharing one gradebook;
    return the students graded, or raise naming those whose grading failed.

    Students are added to the gradebook first, one at a time, so the parallel workers only
    write grades, each for its own submissions.
    """
    from concurrent.futures import ProcessPoolExecutor

    root = root.resolve()
    students = submitted_students(root, assignment)
    coursedir = _api(root).coursedir
    with open_gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        for student in students:
            gradebook.update_or_create_student(student)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(str(root),)) as pool:
        results = list(pool.map(_grade_one, [assignment] * len(students), students))
    failed = [(s, log) for s, ok, log in results if not ok]
    if failed:
        raise RuntimeError("autograde failed for " + ", ".join(s for s, _ in failed) + "\n" + failed[0][1][-2000:])
    return students


def cohort_rows(root: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """Completion per exercise, option shares per quiz item and, for shared reflections, how many
    met each criterion, from the autograded answers files.

    Only counts come out: a shared reflection's text is run through the feedback rules and never
    shown or written; private text is never there to read.
    """
    from .engine import evaluate

    coursedir = _api(root.resolve()).coursedir
    with open_gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        learners = sorted(s.id for s in gradebook.students)
    completion, options, criteria = [], [], []
    for chapter in course().chapters:
        cid = chapter["chapter"]
        if not any((root / "autograded" / s / cid).is_dir() for s in learners):
            continue
        answers = {s: read(root / "autograded" / s / cid / f"{cid}{ANSWERS_SUFFIX}") for s in learners}
        for ex in chapter["exercises"]:
            entries = [answers[s].get(ex["id"]) for s in learners]
            done = sum(bool(e) and (ex["kind"] != "reflection" or bool(e.get("written"))) for e in entries)
            completion.append(
                {"chapter": cid, "exercise": ex["id"], "kind": ex["kind"], "completed": done, "learners": len(learners)}
            )
            if ex["kind"] == "reflection":
                shared = [e["text"] for e in entries if e and e.get("shared") and isinstance(e.get("text"), str)]
                results = [evaluate(ex, text)["criteria"] for text in shared]
                for c in ex["criteria"]:
                    met = sum(r[c["name"]] for r in results)
                    criteria.append(
                        {
                            "chapter": cid,
                            "exercise": ex["id"],
                            "criterion": c["name"],
                            "met": met,
                            "shared": len(shared),
                        }
                    )
            if ex["kind"] == "quiz":
                chosen = [e.get("choice") for e in entries if e]
                for option in ex["options"]:
                    options.append(
                        {
                            "chapter": cid,
                            "exercise": ex["id"],
                            "option": option["id"],
                            "option_kind": option["kind"],
                            "best_fit": option["correct"],
                            "chosen": chosen.count(option["id"]),
                            "answered": len(chosen),
                        }
                    )
    return completion, options, criteria


def report(root: Path) -> str:
    """Write reports/completion.csv, quiz_options.csv and criteria.csv; return a table for the terminal."""
    completion, options, criteria = cohort_rows(root)
    folder = root / "reports"
    folder.mkdir(exist_ok=True)
    for name, rows in (("completion.csv", completion), ("quiz_options.csv", options), ("criteria.csv", criteria)):
        with open(folder / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["chapter"])
            writer.writeheader()
            writer.writerows(rows)
    lines = [f"{'chapter':8} {'exercise':44} {'kind':10} {'completed':>10}"]
    for chapter in dict.fromkeys(r["chapter"] for r in completion):
        rows = [r for r in completion if r["chapter"] == chapter]
        done = sum(r["completed"] for r in rows) / max(1, sum(r["learners"] for r in rows))
        lines.append(f"{chapter:8} {'(whole chapter)':44} {'':10} {done:10.0%}")
        lines += [f"{'':8} {r['exercise']:44} {r['kind']:10} {r['completed']:>4} of {r['learners']:<3}" for r in rows]
    lines += ["", f"{'quiz item':44} {'option':12} {'kind':24} {'chosen by':>9}"]
    for r in options:
        share = r["chosen"] / r["answered"] if r["answered"] else 0.0
        mark = " (best fit)" if r["best_fit"] else ""
        lines.append(f"{r['exercise']:44} {r['option']:12} {r['option_kind']:24} {share:9.0%}{mark}")
    lines += ["", f"{'shared reflection':44} {'criterion':18} {'met by':>9}"]
    lines += [
        f"{r['exercise']:44} {r['criterion']:18} {r['met']:>3} of {r['shared']:<3}" for r in criteria if r["shared"]
    ]
    lines.append(f"\nCSV written to {folder}. Counts only: no reflection text is shown or written.")
    return "\n".join(lines)
