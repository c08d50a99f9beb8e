"""A learner's saved entry for one exercise, with anything the learner should be told about it."""

from __future__ import annotations

from . import store
from .scoring import entry_problem
from .strings import t


def saved_entry(exercise: dict, chapter: str) -> tuple[dict | None, str | None]:
    """The usable saved entry (None if there is none) and a notice for the learner, if any.

    An unreadable answers file or an odd-shaped entry never raises: it reads as nothing saved,
    with a notice, and the next save keeps the unreadable file aside instead of overwriting it.
    """
    path = store.answers_path(chapter)
    try:
        answers = store.load(path)
    except store.Unreadable as err:
        return None, t("notice.unreadable", problem=err)
    entry = answers.get(exercise["id"])
    problem = entry_problem(exercise, entry)
    if problem:
        return None, t("notice.odd_entry", problem=problem)
    return entry, store.aside_notice(path)


def private_text(exercise_id: str) -> tuple[str, str | None]:
    """A private reflection's text ('' if none) and a notice if the private store is unreadable."""
    path = store.private_path()
    try:
        entry = store.load(path).get(exercise_id)
    except store.Unreadable as err:
        return "", t("notice.private_unreadable", problem=err)
    text = entry.get("text") if isinstance(entry, dict) else None
    return (text if isinstance(text, str) else ""), store.aside_notice(path)
