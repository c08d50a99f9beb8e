"""Sphinx extension for the book: the `exercise` directive and the widgets' static files.

Pages place an exercise with ```{exercise} ID```; it renders the same placeholder a notebook
output carries, and `book.js` mounts the widget module on it, with no kernel and no network.
"""
from __future__ import annotations

import html
import json
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


class CourseOverviewDirective(SphinxDirective):
    """The learner's record in the book: progress per chapter, download and delete (localStorage)."""

    def run(self):
        chapters = [{"chapter": ch["chapter"], "title": ch["title"], "ids": [e["id"] for e in ch["exercises"]]}
                    for ch in course().chapters]
        payload = html.escape(json.dumps(chapters, ensure_ascii=False), quote=True)
        return [nodes.raw("", f'<div class="trust-course-overview" data-chapters="{payload}">'
                              "<p>Your progress appears here when JavaScript is on.</p></div>", format="html")]


def _add_assets(app: Sphinx) -> None:
    app.add_js_file(f"{STATIC}/book.js", type="module")
    app.add_css_file(f"{STATIC}/course.css")


def _write_assets(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        write_static(Path(app.outdir) / "_static" / STATIC)


def setup(app: Sphinx) -> dict:
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("course-overview", CourseOverviewDirective)
    app.connect("builder-inited", _add_assets)
    app.connect("build-finished", _write_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
