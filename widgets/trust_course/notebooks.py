"""Generate each chapter's exercise notebook from its YAML: notebooks are never hand-edited.

Every exercise gets a one-line cell that shows it and a one-line nbgrader test cell that checks
it, so the same notebook serves self-study and an nbgrader workshop.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import nbformat

from .assets import front_end_spec
from .content import course
from .scoring import POINTS

KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _meta(grade_id: str, points: int | None = None) -> dict:
    """nbgrader metadata: every cell locked; check cells graded."""
    meta = {"grade": points is not None, "grade_id": grade_id, "locked": True,
            "schema_version": 3, "solution": False, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def content_hash(chapter: dict) -> str:
    """A short hash of what the chapter's notebook shows: its exercises as the front end gets them
    (with the safety text and the rules). It is written into a code cell, so the book's execution
    cache re-runs the notebook when it changes."""
    shown = [front_end_spec(ex) for ex in chapter["exercises"]]
    data = json.dumps([chapter["title"], shown], sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:12]


def chapter_notebook(chapter: dict, page: str | None) -> nbformat.NotebookNode:
    """The chapter's notebook; `page` names its book page, None where there is no book beside it."""
    new_md, new_code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cid = chapter["chapter"]
    about = (f"These exercises go with the chapter page [{chapter['title']}](../book/{page}.md). " if page
             else "These exercises go with this chapter of the Rebuilding Trust course. ")
    lines = "[crisis and support lines](../book/crisis-lines.md) page" if page else "crisis and support lines in the course book"
    cells = [
        new_md(f"# Exercises: {chapter['title']}\n\n" + about +
               "Run each cell (Shift+Enter) to show an exercise. Your answers save as you go, "
               f"to `{cid}.answers.json` beside this notebook. Reflections are private unless you "
               "choose to share them. There is no time limit, and you can stop at any point.\n\n"
               "This course is not therapy. If you are in danger or thinking of harming yourself, "
               f"see the {lines}.", metadata=_meta(f"{cid}-intro")),
        new_code(f"from trust_course import check, progress, show  # content {content_hash(chapter)}",
                 metadata=_meta(f"{cid}-setup")),
    ]
    for ex in chapter["exercises"]:
        cells.append(new_code(f'show("{ex["id"]}")', metadata=_meta(f"{ex['id']}-show")))
        cells.append(new_code(f'check("{ex["id"]}")', metadata=_meta(f"{ex['id']}-check", POINTS)))
    cells.append(new_md("## Your progress in this chapter", metadata=_meta(f"{cid}-progress-intro")))
    cells.append(new_code(f'# NBVAL_CHECK_OUTPUT\nprogress("{cid}")', metadata=_meta(f"{cid}-progress")))
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}})
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"{cid}-{index:02d}"
    return nb


def render(chapter: dict, page: str | None) -> str:
    return json.dumps(chapter_notebook(chapter, page), indent=1, ensure_ascii=False) + "\n"


def overview_notebook() -> str:
    """The learner's record in JupyterLab: what is saved in each chapter."""
    new_md, new_code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb = nbformat.v4.new_notebook(cells=[
        new_md("# My progress\n\nWhat you have saved in each chapter. To take everything with you (for example to "
               "a therapist), run `trust-course journal export` in a terminal; to remove it all, run "
               "`trust-course journal delete`. Private reflections are included in the export and the delete."),
        new_code("from trust_course import overview"),
        new_code("# NBVAL_CHECK_OUTPUT\noverview()"),
    ], metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}})
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"overview-{index:02d}"
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def write_all(root: Path, check_only: bool = False) -> list[Path]:
    """Write (or with `check_only`, only compare) every generated notebook under `root`;
    return those that were out of date."""
    wanted = {}
    for chapter in course().chapters:
        cid = chapter["chapter"]
        page = next((p.stem for p in sorted((root / "book").glob(f"{cid}-*.md"))), None)
        wanted[root / "notebooks" / f"{cid}.ipynb"] = render(chapter, page)
    wanted[root / "notebooks" / "overview.ipynb"] = overview_notebook()
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if not check_only:
        for path in stale:
            path.write_text(wanted[path], encoding="utf-8")
    return stale
