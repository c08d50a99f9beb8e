"""What the notebooks' one-line cells call: show an exercise, check it, show progress."""

from __future__ import annotations

import os
from html import escape

from IPython.display import HTML

from .checklist import Checklist
from .content import course
from .quiz import ScenarioQuiz
from .reflection import Reflection
from .saved import saved_entry
from .scoring import recorded, score, status
from .strings import t

WIDGETS = {"quiz": ScenarioQuiz, "checklist": Checklist, "reflection": Reflection}


def grading() -> bool:
    """True when nbgrader runs the notebook (autograde or validate)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def show(exercise_id: str):
    """The exercise's widget; under nbgrader, only its title (the key never reaches feedback)."""
    exercise = course().exercise(exercise_id)
    if grading():
        return HTML(f"<p>{escape(t('check.grading_title', title=exercise['title']))}</p>")
    return WIDGETS[exercise["kind"]](exercise, course().chapter_of[exercise_id])


def check(exercise_id: str) -> float | None:
    """Self-study: print a friendly status and never raise. Under nbgrader: print the recorded
    answer and return the score. Either way, say so when a saved file could not be read."""
    exercise = course().exercise(exercise_id)
    entry, notice = saved_entry(exercise, course().chapter_of[exercise_id])
    print(recorded(exercise, entry) if grading() else status(exercise, entry))
    if notice:
        print(t("check.note", notice=notice))
    return score(exercise, entry) if grading() else None


def overview() -> None:
    """Print every chapter's progress: the learner's own record at a glance."""
    for chapter in course().chapters:
        progress(chapter["chapter"])


def progress(chapter_id: str) -> None:
    """Print how many of a chapter's exercises have a saved answer."""
    chapter = course().chapter(chapter_id)
    done = {kind: [0, 0] for kind in WIDGETS}
    for ex in chapter["exercises"]:
        done[ex["kind"]][1] += 1
        done[ex["kind"]][0] += saved_entry(ex, chapter_id)[0] is not None
    total = sum(d for d, _ in done.values()), sum(n for _, n in done.values())
    print(t("progress.chapter", title=chapter["title"], done=total[0], total=total[1]))
    print(", ".join(t("progress.kind", kind=t(f"{kind}.kind"), done=d, total=n) for kind, (d, n) in done.items() if n))
