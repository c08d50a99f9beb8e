"""ScenarioQuiz: a vignette with a tactic, a healthy look-alike and "not enough information"."""

from .assets import module_path
from .exercise_widget import AnswerWidget


class ScenarioQuiz(AnswerWidget):
    """The learner picks the reading that fits; feedback explains the deciding cue."""

    _esm = module_path("quiz")
