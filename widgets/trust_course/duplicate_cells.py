"""An nbgrader preprocessor: drop copies of locked cells that a learner duplicated.

A duplicated cell carries the same `grade_id`; nbgrader's own `DeduplicateIds` empties the
copy's nbgrader metadata, and a later step then fails with "Outdated schema version". A locked
cell's copy holds nothing of the learner's, so this removes it and keeps the first one.
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

from .restore_cells import grade_id


class RemoveDuplicateCells(NbGraderPreprocessor):
    """Keep the first cell of each grade id; remove later locked copies."""

    def preprocess(self, nb, resources):
        seen, kept = set(), []
        for cell in nb.cells:
            ident = grade_id(cell)
            if ident is not None and ident in seen and cell["metadata"]["nbgrader"].get("locked"):
                self.log.warning("Removed a duplicated copy of the locked cell %s", ident)
                continue
            seen.add(ident)
            kept.append(cell)
        nb.cells = kept
        return nb, resources
