"""Scores for nbgrader and status lines for learners: pure functions of an exercise and its entry.

Every exercise is worth one point. A quiz item scores when the chosen option is the correct one;
a checklist counts as complete once the learner has used it; a reflection counts as complete once
written, shared or private, so sharing never costs marks. Which criteria a reflection meets is
formative: it stays in the learner's feedback and, as counts only, in the cohort report.
"""

from __future__ import annotations

from .strings import t

POINTS = 1


def entry_problem(exercise: dict, entry) -> str | None:
    """Why a saved entry cannot be used for this exercise, or None if it can (or there is none)."""
    if entry is None:
        return None
    if not isinstance(entry, dict):
        return "it is not a set of answers"
    kind = exercise["kind"]
    if kind == "quiz" and entry.get("choice") not in {o["id"] for o in exercise["options"]}:
        return "its choice is not one of this item's options"
    if kind == "checklist":
        ticked = entry.get("ticked", [])
        if not isinstance(ticked, list) or not all(isinstance(t, str) for t in ticked):
            return "its ticked items are not a list of item ids"
    if kind == "reflection":
        if not isinstance(entry.get("text", ""), str):
            return "its text is not text"
        if any(not isinstance(entry.get(k, False), bool) for k in ("shared", "written", "feedback_on")):
            return "its settings are not true or false"
        marked = entry.get("marked", [])
        if not isinstance(marked, list) or not all(isinstance(m, str) for m in marked):
            return "its marks are not a list of criteria"
    return None


def score(exercise: dict, entry: dict | None) -> float:
    if not entry or entry_problem(exercise, entry):
        return 0.0
    kind = exercise["kind"]
    if kind == "quiz":
        chosen = next(o for o in exercise["options"] if o["id"] == entry["choice"])
        return float(POINTS) if chosen["correct"] else 0.0
    if kind == "checklist":
        return float(POINTS)
    return float(POINTS) if entry.get("written") else 0.0


def recorded(exercise: dict, entry: dict | None) -> str:
    """What the learner recorded, in words, without revealing the answer key. A shared
    reflection's text is included: the learner chose to hand it in."""
    if not entry or entry_problem(exercise, entry):
        return t("record.nothing")
    kind = exercise["kind"]
    if kind == "quiz":
        chosen = next(o for o in exercise["options"] if o["id"] == entry["choice"])
        return t("record.answer", option=chosen["text"])
    if kind == "checklist":
        ticked = [i["text"] for i in exercise["items"] if i["id"] in entry.get("ticked", [])]
        return t("record.ticked", items="; ".join(ticked)) if ticked else t("record.ticked_nothing")
    if not entry.get("written"):
        return t("record.no_reflection")
    if not entry.get("shared"):
        return t("record.private")
    return t("record.shared", text=entry.get("text", ""))


def status(exercise: dict, entry: dict | None) -> str:
    """A friendly self-study line: what is saved, never a verdict on the person, and never a
    reflection's text (an output cell is handed in with the notebook)."""
    title = exercise["title"]
    if not entry or entry_problem(exercise, entry):
        return t("check.not_done", title=title)
    if exercise["kind"] == "reflection":
        if not entry.get("written"):
            return t("check.reflection_empty", title=title)
        return t("check.reflection_shared" if entry.get("shared") else "check.reflection_private", title=title)
    return t("check.saved", title=title, recorded=recorded(exercise, entry))
