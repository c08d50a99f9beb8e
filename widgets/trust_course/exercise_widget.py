"""The part every exercise widget shares: its exercise, what the learner must be told, its static form."""

from __future__ import annotations

import anywidget
import traitlets

from . import store
from .assets import CSS_PATH, front_end_spec
from .saved import saved_entry
from .strings import t


class ExerciseWidget(anywidget.AnyWidget):
    """An exercise from the course YAML and the notice line the learner sees under it."""

    _css = CSS_PATH
    spec = traitlets.Dict(help="The exercise as the front end shows it.").tag(sync=True)
    notice = traitlets.Unicode("", help="A message the learner must see: a failed save, a file set aside.").tag(
        sync=True
    )

    def __init__(self, exercise: dict, chapter: str):
        self.chapter = chapter
        entry, notice = saved_entry(exercise, chapter)
        super().__init__(spec=front_end_spec(exercise), notice=notice or "", **self.initial_traits(entry))

    def initial_traits(self, entry: dict | None) -> dict:
        return {}

    def saving(self, save) -> bool:
        """Run `save` (which returns notices); show the outcome in the notice line."""
        try:
            notices = save()
        except store.SaveFailed as err:
            self.notice = t("notice.not_saved", reason=err)
            return False
        self.notice = " ".join(n for n in notices if n) or store.aside_notice(store.answers_path(self.chapter)) or ""
        return True

    def _repr_mimebundle_(self, **kwargs):
        """The widget, and in its place wherever no widget can show (a reopened notebook whose
        cells have not run, nbconvert, a code viewer), one plain line that says what to do."""
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = t("notebook.run_to_show", title=self.spec["title"])
        return bundle


class AnswerWidget(ExerciseWidget):
    """An exercise whose whole answer is synced with the front end and saved on every change
    (quizzes and checklists: nothing in them is private)."""

    answer = traitlets.Dict(help="The learner's answer; every change is saved.").tag(sync=True)

    def __init__(self, exercise: dict, chapter: str):
        super().__init__(exercise, chapter)
        self.observe(
            lambda change: self.saving(lambda: [store.save(self.chapter, self.spec["id"], change["new"])]),
            names="answer",
        )

    def initial_traits(self, entry: dict | None) -> dict:
        return {"answer": entry or {}}
