"""Check the course's exercise YAML with errors a writer can act on, and read the compiled course.

Every problem is one line naming the file, the exercise id and the field. Everything that shows or
grades the course reads the compiled file (`trust-course build` writes it), never the YAML.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

PACKAGE_DIR = Path(__file__).parent
# The sources a writer edits (book/ beside the package in a checkout); the installed package
# needs only the compiled course.
BOOK_DIR = Path(os.environ.get("TRUST_COURSE_BOOK", PACKAGE_DIR.parent.parent / "book"))
SCHEMA = json.loads((PACKAGE_DIR / "exercise_schema.json").read_text(encoding="utf-8"))
COMPILED_DIR = PACKAGE_DIR / "compiled"
LANGUAGE = os.environ.get("TRUST_COURSE_LANGUAGE", "en")  # "pseudo" finds untranslated interface words
CELL_CALL = re.compile(r"""\b(?:show|check)\(\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Problem:
    """One content problem: where it is and what is wrong."""

    file: str
    exercise: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: exercise '{self.exercise}', field '{self.field}': {self.message}"


def _field_path(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _schema_problems(name: str, data) -> list[Problem]:
    import jsonschema  # slow to import (about 4 s here): only the check needs it

    problems = []
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        exercise = "-"
        if len(path) >= 2 and path[0] == "exercises" and isinstance(path[1], int):
            item = data["exercises"][path[1]]
            exercise = item.get("id", f"#{path[1] + 1}") if isinstance(item, dict) else f"#{path[1] + 1}"
            path = path[2:]
        field = _field_path(path)
        message = error.message
        if error.validator == "required":
            missing = error.message.split("'")[1]
            field = f"{field}.{missing}" if path else missing
            message = "is missing"
        elif error.validator == "additionalProperties":
            message = f"unknown field ({error.message.split('(')[-1].rstrip(')')})"
        elif error.validator == "enum":
            message = f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
        problems.append(Problem(name, exercise, field, message))
    return problems


def _meaning_problems(name: str, ex: dict) -> list[Problem]:
    """Checks the schema cannot express."""
    problems = []
    ident = ex["id"]
    if ex["kind"] == "quiz":
        options = ex["options"]
        correct = [o for o in options if o["correct"]]
        if not correct:
            problems.append(Problem(name, ident, "options", "no option is marked correct: true"))
        elif len(correct) > 1:
            problems.append(
                Problem(name, ident, "options", f"{len(correct)} options are marked correct; mark exactly one")
            )
        kinds = {o["kind"] for o in options}
        for needed in ("tactic", "healthy", "not-enough-information"):
            if needed not in kinds:
                problems.append(Problem(name, ident, "options", f"needs an option of kind '{needed}'"))
    sub_ids = {"quiz": ("options", "id"), "checklist": ("items", "id"), "reflection": ("criteria", "name")}[ex["kind"]]
    seen: set[str] = set()
    for index, sub in enumerate(ex[sub_ids[0]]):
        if sub[sub_ids[1]] in seen:
            problems.append(
                Problem(
                    name,
                    ident,
                    f"{sub_ids[0]}[{index}].{sub_ids[1]}",
                    f"'{sub[sub_ids[1]]}' is used twice in this exercise",
                )
            )
        seen.add(sub[sub_ids[1]])
    return problems


def check_chapter(name: str, text: str) -> tuple[dict | None, list[Problem]]:
    """Parse and check one chapter file's text; return the data (None if unusable) and problems."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        return None, [Problem(name, "-", where, f"not valid YAML ({getattr(err, 'problem', err)})")]
    problems = _schema_problems(name, data)
    if problems:
        return None, problems
    expected = Path(name).parent.name
    if data["chapter"] != expected:
        problems.append(Problem(name, "-", "chapter", f"is '{data['chapter']}' but the file is in {expected}/"))
    for ex in data["exercises"]:
        problems += _meaning_problems(name, ex)
    return data, problems


def notebook_ids(path: Path) -> list[str]:
    """Exercise ids named by a notebook's code cells."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    source = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    return [m for cell in source for m in CELL_CALL.findall(cell)]


def check_course(book_dir: Path = BOOK_DIR, notebooks_dir: Path | None = None) -> tuple[list[dict], list[Problem]]:
    """Check every chapter's exercises (`chNN/exercises.yml`), ids across the course, and the ids notebooks name."""
    chapters, problems, owner = [], [], {}
    for path in sorted(book_dir.glob("ch*/exercises.yml")):
        name = f"{path.parent.name}/{path.name}"
        data, found = check_chapter(name, path.read_text(encoding="utf-8"))
        problems += found
        if data is None:
            continue
        chapters.append(data)
        for ex in data["exercises"]:
            if ex["id"] in owner:
                problems.append(Problem(name, ex["id"], "id", f"is already used in {owner[ex['id']]}"))
            owner.setdefault(ex["id"], name)
    if notebooks_dir is not None:
        for nb_path in sorted(notebooks_dir.glob("*.ipynb")):
            for ident in notebook_ids(nb_path):
                if ident not in owner:
                    problems.append(
                        Problem(nb_path.name, ident, "cell source", "names an exercise id that no chapter file defines")
                    )
    return chapters, problems


class CourseError(Exception):
    """A request the course cannot answer (an unknown id, a missing folder): one line for the learner."""


def load_yaml(text: str):
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def compiled() -> dict:
    """The compiled course file: chapters, safety note, rules and its hash."""
    path = COMPILED_DIR / f"course.{LANGUAGE}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseError(f"{path} is missing: run `trust-course build`") from None


def safety_text() -> dict:
    """The safety note shown beside reflections: message, crisis lines, limits."""
    return compiled()["safety"]


@lru_cache(maxsize=1)
def course() -> Course:
    """The course as compiled; `trust-course check` (run by the tests) says whether it is current."""
    return Course(compiled()["chapters"])


class Course:
    """The checked course content: chapters in order and exercises by id."""

    def __init__(self, chapters: list[dict]):
        self.chapters = chapters
        self.exercises = {ex["id"]: ex for ch in chapters for ex in ch["exercises"]}
        self.chapter_of = {ex["id"]: ch["chapter"] for ch in chapters for ex in ch["exercises"]}

    def exercise(self, ident: str) -> dict:
        try:
            return self.exercises[ident]
        except KeyError:
            raise CourseError(f"no exercise '{ident}' in the course") from None

    def chapter(self, chapter_id: str) -> dict:
        for chapter in self.chapters:
            if chapter["chapter"] == chapter_id:
                return chapter
        known = ", ".join(ch["chapter"] for ch in self.chapters)
        raise CourseError(f"no chapter '{chapter_id}' in the course (known chapters: {known})")
