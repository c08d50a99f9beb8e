"""Sphinx extension for the book: the `exercise` directive and the widgets' static files.

Pages place an exercise with ```{exercise} ID```; it renders the same placeholder a notebook
output carries, and `book.js` mounts the widget module on it, with no kernel and no network.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .assets import placeholder_html, write_static
from .content import course
from .feedback import SAFETY

STATIC = "trust-course"


class ExerciseDirective(SphinxDirective):
    """Show one exercise from the course YAML, by id."""

    required_arguments = 1

    def run(self):
        ident = self.arguments[0]
        try:
            exercise = course().exercise(ident)
        except KeyError as err:
            raise self.error(str(err)) from None
        spec = {**exercise, "safety": SAFETY} if exercise["kind"] == "reflection" else exercise
        return [nodes.raw("", placeholder_html(spec), format="html")]


def _add_assets(app: Sphinx) -> None:
    app.add_js_file(f"{STATIC}/book.js", type="module")
    app.add_css_file(f"{STATIC}/course.css")


def _write_assets(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        write_static(Path(app.outdir) / "_static" / STATIC)


def setup(app: Sphinx) -> dict:
    app.add_directive("exercise", ExerciseDirective)
    app.connect("builder-inited", _add_assets)
    app.connect("build-finished", _write_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
