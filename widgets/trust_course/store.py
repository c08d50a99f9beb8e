"""Where answers live, and writing them so that a reader never sees half a file.

Quiz, checklist and shared-reflection answers go to `<chapter>.answers.json` beside the notebook
(the kernel's working folder), which nbgrader collects. Private reflection text goes to the
learner's own data folder, outside the course and any assignment, readable by the owner only.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import platformdirs

ANSWERS_SUFFIX = ".answers.json"
TEMP_SUFFIX = ".tmp"


def answers_path(chapter: str) -> Path:
    """Beside the notebook; under nbgrader always so, whatever the grader's environment says."""
    override = None if os.environ.get("NBGRADER_EXECUTION") else os.environ.get("TRUST_COURSE_ANSWERS_DIR")
    folder = override or os.getcwd()
    return Path(folder) / f"{chapter}{ANSWERS_SUFFIX}"


def private_path() -> Path:
    folder = os.environ.get("TRUST_COURSE_PRIVATE_DIR") or platformdirs.user_data_dir("trust-course")
    return Path(folder) / "private-reflections.json"


def read(path: Path) -> dict:
    """The saved answers by exercise id; {} when there are none yet or the file is unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_atomic(path: Path, data: dict, mode: int = 0o644) -> None:
    """Write JSON to a temporary file in the same folder, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700 if mode == 0o600 else 0o777)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def with_entry(answers: dict, exercise_id: str, entry: dict | None) -> dict:
    """A copy of `answers` with one exercise's entry set (or removed when `entry` is None)."""
    out = {k: v for k, v in answers.items() if k != exercise_id}
    if entry is not None:
        out[exercise_id] = entry
    return out


def split_reflection(answer: dict) -> tuple[dict, str | None]:
    """Split a reflection answer into what the answers file keeps and the private text, if any.

    A shared reflection keeps its text in the answers file; a private one keeps only that it
    was written, and its text goes to the private store.
    """
    text = answer.get("text", "")
    shared = bool(answer.get("shared", False))
    entry = {"shared": shared, "written": bool(text.strip()), "feedback_on": answer.get("feedback_on", True)}
    if shared:
        return {**entry, "text": text}, None
    return entry, text


def save(chapter: str, exercise_id: str, entry: dict) -> None:
    path = answers_path(chapter)
    write_atomic(path, with_entry(read(path), exercise_id, entry))


def save_private(exercise_id: str, text: str | None) -> None:
    """Keep (or with None, forget) a private reflection's text, owner-only."""
    path = private_path()
    write_atomic(path, with_entry(read(path), exercise_id, {"text": text} if text else None), mode=0o600)
