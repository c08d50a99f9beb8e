"""Reflection: a prompt, private by default, with formative feedback on the answer's structure.

The text never becomes widget state (which JupyterLab can save into the notebook): it travels
between the front end and the kernel as custom messages, and the kernel only saves it.
Feedback and the safety check run in the front end, with the same module as the book.
"""

from __future__ import annotations

from . import store
from .assets import module_path
from .exercise_widget import ExerciseWidget
from .saved import private_text, saved_entry


class Reflection(ExerciseWidget):
    """Private text goes to the learner's own data folder; only shared text joins the answers file."""

    _esm = module_path("reflection")

    def __init__(self, exercise: dict, chapter: str):
        super().__init__(exercise, chapter)
        self.on_msg(self._message)

    def saved_answer(self) -> tuple[dict, str | None]:
        """The answer as the learner left it, private text put back, and any notice."""
        entry, notice = saved_entry(self.spec, self.chapter)
        entry = dict(entry or {})
        if not entry.get("shared"):  # also when only the private save got through
            text, private_notice = private_text(self.spec["id"])
            entry = {**entry, "text": text} if text or entry else entry
            notice = notice or private_notice
        return {k: v for k, v in entry.items() if k != "written"}, notice

    def _message(self, _widget, content: dict, _buffers) -> None:
        if content.get("type") == "load":
            answer, notice = self.saved_answer()
            if notice:
                self.notice = notice
            self.send({"type": "loaded", "answer": answer})
        elif content.get("type") == "save" and isinstance(content.get("answer"), dict):
            answer = content["answer"]
            if self.saving(lambda: store.save_reflection(self.chapter, self.spec["id"], answer)):
                self.send({"type": "saved", "shared": bool(answer.get("shared"))})
