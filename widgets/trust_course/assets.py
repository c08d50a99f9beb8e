"""The widgets' front end: one ES module per widget family, shared by JupyterLab and the book."""

from __future__ import annotations

import html
import json
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"


def module_path(kind: str) -> Path:
    """A widget family's ES module, bundled from js/ by `npm run build` (anywidget loads one file)."""
    return STATIC_DIR / f"{kind}.js"


CSS_PATH = STATIC_DIR / "course.css"


# Fields of an exercise only the writers, stats and grading read: the front ends never show them.
NOT_SHOWN = ("tactic", "relationship", "gender", "points")


def front_end_spec(exercise: dict) -> dict:
    """The exercise as a JupyterLab widget needs it, with the interface words it shows; a
    reflection also carries the safety note and its compiled rules, so feedback and the safety
    check run in the browser."""
    from .content import safety_text
    from .strings import for_family

    spec = {**book_spec(exercise), "strings": for_family(exercise["kind"])}
    if exercise["kind"] != "reflection":
        return spec
    from .engine import bundle

    return {**spec, "safety": safety_text(), "rules": bundle(exercise["id"])}


def book_spec(exercise: dict, on_page: bool = False) -> dict:
    """The exercise as the front end shows it. Written into a book page (`on_page`), it is there
    once and holds only what shows before an answer: the interface words are on the page once for
    every exercise of a kind, and why each quiz option fits, like the rules, is in a file the book
    loads when first needed (`book_data`)."""
    spec = {k: v for k, v in exercise.items() if k not in NOT_SHOWN}
    unshown = {"kind", "explain"} if on_page else {"kind"}  # an option's kind is for writers
    if "options" in spec:
        spec["options"] = [{k: v for k, v in o.items() if k not in unshown} for o in spec["options"]]
    return spec


def data_file(name: str) -> str:
    """The file name of one of the book's data files ("rules" or "exercises"; see `book_data`)."""
    from .content import LANGUAGE

    return f"trust-course-{name}.{LANGUAGE}.json"


def book_data() -> dict[str, dict]:
    """The book's data files, which it loads only when first needed: the rules (a learner first
    writes in a reflection) and every exercise in full (a quiz option first chosen, the journal
    downloaded)."""
    from .content import course
    from .engine import rules

    return {
        data_file("rules"): rules(),
        data_file("exercises"): {i: book_spec(e) for i, e in course().exercises.items()},
    }


def script_json(data) -> str:
    """JSON that can sit inside a `<script>` element (no `</` can close it early)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def store_key() -> str:
    """The book's localStorage key: it names the course and the language, so two builds on one
    site never share a learner's answers."""
    from .content import compiled

    return f"trust-course:{compiled()['course']}:{compiled()['language']}:answers"


def placeholder_html(exercise: dict, heading: int) -> str:
    """The book's form of an exercise: an element carrying it once as JSON (only what shows before
    an answer), with its title one level below `heading`, which the book's loader (`book.js`)
    mounts with the same module JupyterLab runs."""
    from .strings import t

    spec = {**book_spec(exercise, on_page=True), "heading": heading}
    files = {"reflection": f' data-rules="{data_file("rules")}"', "quiz": f' data-exercises="{data_file("exercises")}"'}
    return (
        f'<div class="trust-course-exercise" data-kind="{spec["kind"]}" data-store="{html.escape(store_key())}"'
        f"{files.get(spec['kind'], '')}>"
        f'<script type="application/json">{script_json(spec)}</script>'
        f"<p>{html.escape(t('book.needs_javascript', title=spec['title']))}</p></div>"
    )
