"""ScenarioQuiz: a vignette with a tactic, a healthy look-alike and "not enough information"."""

import traitlets

from . import store
from .assets import module_path
from .exercise_widget import AnswerWidget


class ScenarioQuiz(AnswerWidget):
    """The learner picks the reading that fits; feedback explains the deciding cue."""

    _esm = module_path("quiz")
    seed = traitlets.Unicode(help="The learner's own seed: options are shuffled by it, the same on every run.").tag(
        sync=True
    )

    def __init__(self, exercise: dict, chapter: str):
        super().__init__(exercise, chapter)
        self.seed = store.learner_seed()
