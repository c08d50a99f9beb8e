"""An nbgrader preprocessor: remove saved widget state from notebooks it grades or returns.

The course never puts private text in widget state, but JupyterLab's "Save Widget State
Automatically" writes every widget model into the notebook; none of it is needed for grading.
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

STATE_MIME = "application/vnd.jupyter.widget-state+json"


class ClearWidgetState(NbGraderPreprocessor):
    """Drop `metadata.widgets` and any widget-state outputs."""

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                output.get("data", {}).pop(STATE_MIME, None)
        return nb, resources
