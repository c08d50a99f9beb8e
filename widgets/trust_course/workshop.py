"""Set up an nbgrader course for a group workshop, with nbgrader's known pitfalls handled."""
from __future__ import annotations

from pathlib import Path

from . import notebooks
from .content import course
from .store import ANSWERS_SUFFIX, TEMP_SUFFIX

NBGRADER_CONFIG = f'''\
"""nbgrader configuration for a Rebuilding Trust workshop (written by `trust-course workshop init`)."""
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "rebuilding-trust"
# The answer store's temporary files are never collected, released or graded.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*{ANSWERS_SUFFIX}.*{TEMP_SUFFIX}"]
# Hidden tests carry the answer key: keep them out of the feedback learners receive.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
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
