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


def front_end_spec(exercise: dict) -> dict:
    """The exercise as its front end needs it, with the interface words it shows (the book's
    loader's too); a reflection also carries the safety note and its compiled rules, so feedback
    and the safety check run in the browser."""
    from .content import safety_text
    from .strings import for_family

    spec = {**exercise, "strings": {**for_family(exercise["kind"]), **for_family("book")}}
    if exercise["kind"] != "reflection":
        return spec
    from .engine import bundle

    return {**spec, "safety": safety_text(), "rules": bundle(exercise["id"])}


def store_key() -> str:
    """The book's localStorage key: it names the course and the language, so two builds on one
    site never share a learner's answers."""
    from .content import compiled

    return f"trust-course:{compiled()['course']}:{compiled()['language']}:answers"


def placeholder_html(spec: dict) -> str:
    """The static form of a widget: an element carrying its exercise as JSON, which the book's
    loader (`book.js`) mounts with the same module JupyterLab runs."""
    from .strings import t

    payload = html.escape(json.dumps(spec, ensure_ascii=False), quote=True)
    return (
        f'<div class="trust-course-exercise" data-store="{html.escape(store_key())}" data-spec="{payload}">'
        f"<p>{html.escape(t('book.needs_javascript', title=spec['title']))}</p></div>"
    )
