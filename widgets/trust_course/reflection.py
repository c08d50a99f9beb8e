"""Reflection: a prompt, private by default, with formative feedback on the answer's structure."""
from __future__ import annotations

from . import store
from .assets import module_source
from .exercise_widget import ExerciseWidget
from .feedback import SAFETY, evaluate


class Reflection(ExerciseWidget):
    """Private text goes to the learner's own data folder; only shared text joins the answers file."""

    _esm = module_source("reflection")

    def front_end_spec(self, exercise: dict) -> dict:
        return {**exercise, "safety": SAFETY}

    def restore(self, exercise_id: str) -> dict:
        entry = super().restore(exercise_id)
        if entry and not entry.get("shared"):
            private = store.read(store.private_path()).get(exercise_id, {})
            entry = {**entry, "text": private.get("text", "")}
        return {k: v for k, v in entry.items() if k != "written"}

    def persist(self, answer: dict) -> None:
        entry, private_text = store.split_reflection(answer)
        super().persist(entry)
        store.save_private(self.spec["id"], private_text)

    def compute_feedback(self, answer: dict) -> dict:
        if not answer.get("feedback_on", True) or not answer.get("text", "").strip():
            return {}
        return evaluate(self.spec, answer["text"])
