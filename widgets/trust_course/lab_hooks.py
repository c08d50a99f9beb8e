"""What a learner's JupyterLab does on save (`lab_settings/learner/`, used by `make course` and
by the workshop hub for learners).

A saved notebook keeps, for each exercise, only its plain line ("Run this cell to show the
exercise ..."), not the widget view: reopened before its cells run, JupyterLab would show that
view as "Error displaying widget: model not found", and it can do nothing with it anyway (the
widget lives in the kernel, and the answers in their own files).
"""

from __future__ import annotations

from pathlib import Path

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LAB_SETTINGS = Path(__file__).parent / "lab_settings"
LEARNER_LAB = LAB_SETTINGS / "learner"
SELF_STUDY_LAB = f"{LAB_SETTINGS / 'self_study'}:{LEARNER_LAB}"  # a JUPYTER_CONFIG_PATH


def plain_exercise_outputs(model: dict, **kwargs) -> None:
    """`FileContentsManager.pre_save_hook`: drop the widget view from each exercise cell's output."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    for cell in model["content"].get("cells", []):
        if not cell.get("metadata", {}).get("trust_course", {}).get("exercise"):
            continue
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                output["data"] = {k: v for k, v in output["data"].items() if k != WIDGET_VIEW}
