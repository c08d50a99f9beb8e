"""The widgets' front end: one ES module per widget family, shared by JupyterLab and the book."""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

JS_DIR = Path(__file__).parent / "js"
WIDGET_KINDS = ("quiz", "checklist", "reflection")
PLAIN_FILES = ("dom.js", "feedback.js", "book.js", "course.css")


def module_source(kind: str) -> str:
    """A widget module with the shared DOM helpers (and for reflections the feedback engine)
    prepended: one self-contained ES module."""
    parts = ["dom.js", *(["feedback.js"] if kind == "reflection" else []), f"{kind}.js"]
    return "\n".join((JS_DIR / name).read_text(encoding="utf-8") for name in parts)


def css_source() -> str:
    return (JS_DIR / "course.css").read_text(encoding="utf-8")


def write_static(folder: Path) -> None:
    """Write every module the static book loads into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind in WIDGET_KINDS:
        (folder / f"{kind}.js").write_text(module_source(kind), encoding="utf-8")
    for name in PLAIN_FILES:
        shutil.copyfile(JS_DIR / name, folder / name)


def front_end_spec(exercise: dict) -> dict:
    """The exercise as its front end needs it; a reflection also carries the safety note and its
    compiled rules, so feedback and the safety check run in the browser."""
    if exercise["kind"] != "reflection":
        return exercise
    from .content import safety_text
    from .engine import bundle

    return {**exercise, "safety": safety_text(), "rules": bundle(exercise["id"])}


def placeholder_html(spec: dict) -> str:
    """The static form of a widget: an element carrying its exercise as JSON, which the book's
    loader (`book.js`) mounts with the same module JupyterLab runs."""
    payload = html.escape(json.dumps(spec, ensure_ascii=False), quote=True)
    return (f'<div class="trust-course-exercise" data-spec="{payload}">'
            f"<p>{html.escape(spec['title'])}: this interactive exercise needs JavaScript.</p></div>")
