"""Set up an nbgrader course for a group workshop, with nbgrader's known pitfalls handled."""

from __future__ import annotations

import csv
from pathlib import Path

from . import notebooks
from .content import course
from .store import ANSWERS_SUFFIX, ASIDE_MARK, LOCK_SUFFIX, TEMP_SUFFIX, read

NBGRADER_CONFIG = f'''\
"""nbgrader configuration for a Rebuilding Trust workshop (written by `trust-course workshop init`)."""
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "rebuilding-trust"
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


def init_course(root: Path, chapters: list[str] | None = None) -> list[Path]:
    """Write `nbgrader_config.py` and one assignment per chapter under `source/`.

    No answers file is ever placed in `source/`: autograde would copy it over every learner's.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
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


def _start_worker(root: str) -> None:
    global _WORKER_API
    _WORKER_API = _api(Path(root))


def _grade_one(assignment: str, student: str) -> tuple[str, bool, str]:
    """Autograde one submission; retry while SQLite reports the gradebook busy."""
    for _ in range(5):
        result = _WORKER_API.autograde(assignment, student, force=True, create=False)
        text = result.get("log", "") + result.get("error", "")
        if result["success"] or "database is locked" not in text:
            return student, result["success"], text
    return student, False, text


def submitted_students(root: Path, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (root / "submitted").glob(f"*/{assignment}") if p.is_dir())


def grade(root: Path, assignment: str, jobs: int = 1) -> list[str]:
    """Autograde every submission of `assignment` with `jobs` processes sharing one gradebook;
    return the students graded, or raise naming those whose grading failed.

    Students are added to the gradebook first, one at a time, so the parallel workers only
    write grades, each for its own submissions.
    """
    from concurrent.futures import ProcessPoolExecutor

    from nbgrader.api import Gradebook

    root = root.resolve()
    students = submitted_students(root, assignment)
    api = _api(root)
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
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
    from nbgrader.api import Gradebook

    from .engine import evaluate

    api = _api(root.resolve())
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
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
