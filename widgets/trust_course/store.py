"""Where answers live, and saving them so that nothing a learner writes is lost.

Quiz, checklist and shared-reflection answers go to `<chapter>.answers.json` beside the notebook
(the kernel's working folder), which nbgrader collects. Private reflection text goes to the
learner's own data folder, outside the course and any assignment, readable by the owner only.

Every save holds the file's lock for the whole read-modify-write, writes a temporary file and
renames it over the old one, so a reader never sees half a file and two writers never drop each
other's answers. A file that cannot be read is never overwritten: it is set aside with a
timestamp and the learner is told (`trust-course journal recover` brings its answers back).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ANSWERS_SUFFIX = ".answers.json"
TEMP_SUFFIX = ".tmp"
LOCK_SUFFIX = ".lock"
ASIDE_MARK = ".unreadable-"
PRIVATE_NAME = "private-reflections.json"


class Unreadable(Exception):
    """A saved file that exists but is not a JSON object."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path.name} could not be read ({reason})")
        self.path = path


class SaveFailed(Exception):
    """A save that did not reach the disk; what was saved before is untouched."""


def answers_path(chapter: str) -> Path:
    """Beside the notebook; under nbgrader always so, whatever the grader's environment says."""
    override = None if os.environ.get("NBGRADER_EXECUTION") else os.environ.get("TRUST_COURSE_ANSWERS_DIR")
    folder = override or os.getcwd()
    return Path(folder) / f"{chapter}{ANSWERS_SUFFIX}"


def private_path() -> Path:
    folder = os.environ.get("TRUST_COURSE_PRIVATE_DIR")
    if not folder:
        import platformdirs

        folder = platformdirs.user_data_dir("trust-course")
    return Path(folder) / PRIVATE_NAME


def learner_seed() -> str:
    """A random seed made once per learner and kept in their own data folder (quiz option order)."""
    import secrets

    path = private_path().with_name("learner-seed")
    with locked(path, private=True):
        if not path.exists():
            path.write_text(secrets.token_hex(8), encoding="utf-8")
            os.chmod(path, 0o600)
        return path.read_text(encoding="utf-8").strip()


def load(path: Path) -> dict:
    """The saved answers by exercise id; {} when there is no file yet. Raises `Unreadable`."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise Unreadable(path, err.strerror or str(err)) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as err:
        raise Unreadable(path, f"not valid JSON: {err}") from None
    if not isinstance(data, dict):
        raise Unreadable(path, "not a JSON object")
    return data


def read(path: Path) -> dict:
    """Like `load`, but {} for an unreadable file: for readers that report problems elsewhere."""
    try:
        return load(path)
    except Unreadable:
        return {}


def set_aside_files(path: Path) -> list[Path]:
    """Unreadable copies of `path` that a save moved aside, oldest first."""
    return sorted(path.parent.glob(f"{path.name}{ASIDE_MARK}*"))


def aside_notice(path: Path) -> str | None:
    """What the learner should know about set-aside copies of `path`, if there are any."""
    kept = set_aside_files(path)
    if not kept:
        return None
    from .strings import t

    return t("notice.set_aside", name=kept[-1].name)


def clean(value):
    """`value` with lone surrogates (half an emoji) replaced, so it can always be written as UTF-8."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def temp_files(path: Path) -> list[Path]:
    return list(path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"))


def write_atomic(path: Path, data: dict, mode: int = 0o644) -> None:
    """Write JSON to a temporary file in the same folder, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700 if mode == 0o600 else 0o777)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(clean(data), handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@contextmanager
def locked(path: Path, private: bool = False):
    """Hold `path`'s lock (a file beside it) for a whole read-modify-write."""
    from filelock import FileLock

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700 if private else 0o777)
    with FileLock(str(path.with_name(f".{path.name}{LOCK_SUFFIX}")), mode=0o600 if private else 0o644):
        yield


def set_aside(path: Path) -> Path:
    """Move `path` to a new timestamped name beside it (call with the lock held); return that name."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    number = 1
    while (aside := path.with_name(f"{path.name}{ASIDE_MARK}{stamp}-{number:03d}")).exists():
        number += 1
    os.replace(path, aside)
    return aside


def with_entry(answers: dict, exercise_id: str, entry: dict | None) -> dict:
    """A copy of `answers` with one exercise's entry set (or removed when `entry` is None)."""
    out = {k: v for k, v in answers.items() if k != exercise_id}
    if entry is not None:
        out[exercise_id] = entry
    return out


def update(path: Path, exercise_id: str, entry: dict | None, private: bool = False) -> str | None:
    """Set (or remove) one entry under the file's lock. Return a notice when an unreadable file
    had to be set aside first; raise `SaveFailed` when nothing could be written."""
    try:
        with locked(path, private):
            for stale in temp_files(path):  # left by a save that was killed: we hold the lock
                stale.unlink(missing_ok=True)
            notice = None
            try:
                current = load(path)
            except Unreadable as err:
                aside = set_aside(path)
                from .strings import t

                current, notice = {}, t("notice.kept_aside", problem=err, name=aside.name)
            write_atomic(path, with_entry(current, exercise_id, entry), 0o600 if private else 0o644)
            return notice
    except OSError as err:
        raise SaveFailed(f"could not save to {path.parent}: {err.strerror or err}") from None


def split_reflection(answer: dict) -> tuple[dict, str | None]:
    """Split a reflection answer into what the answers file keeps and the private text, if any.

    A shared reflection keeps its text in the answers file; a private one keeps only that it
    was written, and its text goes to the private store.
    """
    text = answer.get("text", "")
    shared = bool(answer.get("shared", False))
    entry = {"shared": shared, "written": bool(text.strip()), "feedback_on": answer.get("feedback_on", True)}
    if "marked" in answer:
        entry["marked"] = sorted(set(answer["marked"]))
    if shared:
        return {**entry, "text": text}, None
    return entry, text


def save(chapter: str, exercise_id: str, entry: dict) -> str | None:
    return update(answers_path(chapter), exercise_id, entry)


def save_private(exercise_id: str, text: str | None) -> str | None:
    """Keep (or with None, forget) a private reflection's text, owner-only."""
    return update(private_path(), exercise_id, {"text": text} if text else None, private=True)


def save_reflection(chapter: str, exercise_id: str, answer: dict) -> list[str]:
    """Save a reflection so that a failure loses nothing: a private text reaches the private store
    before the answers file says it was written; a shared one reaches the answers file before its
    private copy is forgotten. Return any notices; raise `SaveFailed`."""
    entry, private_text = split_reflection(answer)
    if private_text is not None:
        notices = [save_private(exercise_id, private_text), save(chapter, exercise_id, entry)]
    else:
        notices = [save(chapter, exercise_id, entry), save_private(exercise_id, None)]
    return [n for n in notices if n]


def lenient_parse(raw: bytes) -> dict | None:
    """A best effort at a damaged answers file (BOM, NUL bytes, trailing commas); None if hopeless."""
    text = raw.decode("utf-8", "replace").lstrip("\ufeff").replace("\x00", "")
    text = re.sub(r",\s*([}\]])", r"\1", text)
    start = text.find("{")
    if start < 0:
        return None
    try:
        data, _ = json.JSONDecoder().raw_decode(text[start:])
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def leftovers(path: Path) -> list[Path]:
    """Every file a store at `path` may leave: the file, set-aside copies, temporary and lock files."""
    lock = path.with_name(f".{path.name}{LOCK_SUFFIX}")
    return [p for p in [path, *set_aside_files(path), *temp_files(path), lock] if p.exists()]
