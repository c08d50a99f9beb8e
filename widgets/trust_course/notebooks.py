"""Generate each chapter's exercise notebook from its YAML: notebooks are never hand-edited.

Every exercise gets a one-line cell that shows it and a one-line nbgrader test cell that checks
it, so the same notebook serves self-study and an nbgrader workshop.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from .content import compiled, course, safety_text
from .scoring import POINTS
from .strings import t

KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _meta(grade_id: str, points: int | None = None) -> dict:
    """nbgrader metadata: every cell locked; check cells graded."""
    meta = {
        "grade": points is not None,
        "grade_id": grade_id,
        "locked": True,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _code_meta(grade_id: str, points: int | None = None, exercise: str | None = None) -> dict:
    """A code cell's metadata: collapsed in JupyterLab (its code means nothing to a learner) and
    tagged for the book, which removes it, or for a `show` cell keeps only the exercise it names."""
    meta = {**_meta(grade_id, points), "jupyter": {"source_hidden": True}}
    if exercise is None:
        return {**meta, "tags": ["remove-cell"]}
    return {**meta, "tags": ["remove-input"], "trust_course": {"exercise": exercise}}


def chapter_notebook(chapter: dict, page: str | None) -> nbformat.NotebookNode:
    """The chapter's notebook; `page` names its book page, None where there is no book beside it."""
    new_md, new_code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cid = chapter["chapter"]
    about = t("notebook.about_page", title=chapter["title"], link=f"../book/{page}.md") if page else t("notebook.about")
    lines = t("notebook.lines_link", link="../book/crisis-lines.md") if page else t("notebook.lines_text")
    safety = safety_text()
    crisis = "\n".join(f"- {line}" for line in safety["lines"])
    intro = (
        f"# {t('notebook.title', title=chapter['title'])}\n\n{about}{t('notebook.how', file=f'{cid}.answers.json')}"
        f"\n\n{t('notebook.not_therapy', lines=lines)}\n\n{crisis}\n\n{safety['check_locally']}"
    )
    cells = [
        new_md(intro, metadata=_meta(f"{cid}-intro")),
        new_code(
            f"from trust_course import check, progress, show  # course {compiled()['hash']}",
            metadata=_code_meta(f"{cid}-setup"),
        ),
    ]
    for ex in chapter["exercises"]:
        cells.append(new_code(f'show("{ex["id"]}")', metadata=_code_meta(f"{ex['id']}-show", exercise=ex["id"])))
        cells.append(new_code(f'check("{ex["id"]}")', metadata=_code_meta(f"{ex['id']}-check", POINTS)))
    cells.append(new_md(f"## {t('notebook.progress')}", metadata=_meta(f"{cid}-progress-intro")))
    cells.append(new_code(f'# NBVAL_CHECK_OUTPUT\nprogress("{cid}")', metadata=_code_meta(f"{cid}-progress")))
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}})
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"{cid}-{index:02d}"
    return nb


def render(chapter: dict, page: str | None) -> str:
    return json.dumps(chapter_notebook(chapter, page), indent=1, ensure_ascii=False) + "\n"


def overview_notebook() -> str:
    """The learner's record in JupyterLab: what is saved in each chapter."""
    new_md, new_code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb = nbformat.v4.new_notebook(
        cells=[
            new_md(t("notebook.overview")),
            new_code("from trust_course import overview"),
            new_code("# NBVAL_CHECK_OUTPUT\noverview()"),
        ],
        metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}},
    )
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"overview-{index:02d}"
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def write_all(root: Path, check_only: bool = False) -> list[Path]:
    """Write (or with `check_only`, only compare) every generated notebook under `root`;
    return those that were out of date."""
    wanted = {}
    for chapter in course().chapters:
        cid = chapter["chapter"]
        page = next((f"{cid}/{p.stem}" for p in sorted((root / "book" / cid).glob(f"{cid}-*.md"))), None)
        wanted[root / "notebooks" / f"{cid}.ipynb"] = render(chapter, page)
    wanted[root / "notebooks" / "overview.ipynb"] = overview_notebook()
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if not check_only:
        for path in stale:
            path.write_text(wanted[path], encoding="utf-8")
    return stale
