"""An nbgrader preprocessor: put back the locked cells a learner deleted, where they stood.

nbgrader's own `OverwriteCells.add_missing_cells` expects the cell before a graded cell to be
graded too; in the course notebooks it is the locked cell that shows the exercise, so nbgrader
fails on it. This uses the course's own cell order instead, and the gradebook's copy of each cell.
"""

from __future__ import annotations

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from .content import course
from .notebooks import chapter_notebook


def grade_id(cell: NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


class RestoreDeletedCells(NbGraderPreprocessor):
    """Re-insert missing locked cells of a course notebook before nbgrader overwrites locked cells."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        chapters = {ch["chapter"]: ch for ch in course().chapters}
        if info["notebook"] not in chapters:
            return nb, resources
        order = [grade_id(c) for c in chapter_notebook(chapters[info["notebook"]], None).cells]
        with Gradebook(info["db_url"]) as gradebook:
            source_nb = gradebook.find_notebook(info["notebook"], info["assignment"])
            source = {c.name: c for c in source_nb.source_cells}
            points = {c.name: c.max_score for c in source_nb.grade_cells}
            position = 0
            for ident in order:
                present = [grade_id(c) for c in nb.cells]
                if ident in present:
                    position = present.index(ident) + 1
                elif ident in source:
                    nb.cells.insert(position, self._cell(source[ident], points.get(ident)))
                    self.log.warning("Restored the deleted cell %s", ident)
                    position += 1
        return nb, resources

    @staticmethod
    def _cell(source_cell, points) -> NotebookNode:
        meta = {
            "nbgrader": {
                "grade": points is not None,
                "grade_id": source_cell.name,
                "locked": True,
                "schema_version": 3,
                "solution": False,
                "task": False,
            }
        }
        if points is not None:
            meta["nbgrader"]["points"] = points
        make = new_code_cell if source_cell.cell_type == "code" else new_markdown_cell
        return make(source_cell.source, metadata=meta)
