"""Scores for nbgrader and status lines for learners: pure functions of an exercise and its entry.

Every exercise is worth one point. A quiz item scores when the chosen option is the correct one;
a checklist counts as complete once the learner has used it; a shared reflection scores the share
of structural criteria it meets; a private reflection counts as complete once written.
"""
from __future__ import annotations

from .feedback import evaluate

POINTS = 1


def score(exercise: dict, entry: dict | None) -> float:
    if not entry:
        return 0.0
    kind = exercise["kind"]
    if kind == "quiz":
        chosen = next((o for o in exercise["options"] if o["id"] == entry.get("choice")), None)
        return float(POINTS) if chosen and chosen["correct"] else 0.0
    if kind == "checklist":
        return float(POINTS)
    if not entry.get("written"):
        return 0.0
    if not entry.get("shared"):
        return float(POINTS)
    result = evaluate(exercise, entry.get("text", ""))
    return round(POINTS * result["met"] / result["of"], 4)


def recorded(exercise: dict, entry: dict | None) -> str:
    """What the learner recorded, in words, without revealing the answer key."""
    if not entry:
        return "Nothing recorded yet."
    kind = exercise["kind"]
    if kind == "quiz":
        chosen = next((o for o in exercise["options"] if o["id"] == entry.get("choice")), None)
        return f"Your answer: {chosen['text']}" if chosen else "Nothing recorded yet."
    if kind == "checklist":
        ticked = [i["text"] for i in exercise["items"] if i["id"] in entry.get("ticked", [])]
        return "You ticked: " + "; ".join(ticked) if ticked else "You opened the checklist and ticked nothing. That is fine."
    if not entry.get("written"):
        return "No reflection written yet."
    if not entry.get("shared"):
        return "You wrote a private reflection. Its text stays on your own computer."
    result = evaluate(exercise, entry.get("text", ""))
    return (f"Shared reflection (it does {result['met']} of the {result['of']} things the prompt asks for):\n"
            f"{entry.get('text', '')}")


def status(exercise: dict, entry: dict | None) -> str:
    """A friendly self-study line: what is saved, never a verdict on the person."""
    if not entry:
        return f"○ {exercise['title']}: not done yet. Come back to it whenever you like."
    return f"✓ {exercise['title']}: saved. {recorded(exercise, entry)}"
