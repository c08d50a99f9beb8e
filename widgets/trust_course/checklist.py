"""Checklist: items with optional guidance, reflected back without a score."""

from .assets import module_path
from .exercise_widget import AnswerWidget


class Checklist(AnswerWidget):
    """The learner ticks what applies; the summary lists it back."""

    _esm = module_path("checklist")
