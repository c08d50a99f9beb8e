"""The part every exercise widget shares: its exercise, its saved answer, its static form."""
from __future__ import annotations

import anywidget
import traitlets

from . import store
from .assets import css_source, placeholder_html


class ExerciseWidget(anywidget.AnyWidget):
    """An exercise from the course YAML, restored from and saved to the answer store."""

    _css = css_source()
    spec = traitlets.Dict(help="The exercise as the front end shows it.").tag(sync=True)
    answer = traitlets.Dict(help="The learner's answer; every change is saved.").tag(sync=True)
    feedback = traitlets.Dict(help="Feedback computed in the kernel.").tag(sync=True)

    def __init__(self, exercise: dict, chapter: str):
        self.chapter = chapter
        super().__init__(spec=self.front_end_spec(exercise), answer=self.restore(exercise["id"]))
        self.feedback = self.compute_feedback(self.answer)
        self.observe(self._save, names="answer")

    def front_end_spec(self, exercise: dict) -> dict:
        return exercise

    def restore(self, exercise_id: str) -> dict:
        return store.read(store.answers_path(self.chapter)).get(exercise_id, {})

    def persist(self, answer: dict) -> None:
        store.save(self.chapter, self.spec["id"], answer)

    def compute_feedback(self, answer: dict) -> dict:
        return {}

    def _save(self, change) -> None:
        self.persist(change["new"])
        self.feedback = self.compute_feedback(change["new"])

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/html"] = placeholder_html(self.spec)
        return bundle
