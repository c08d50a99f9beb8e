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
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .assets import front_end_spec, placeholder_html, write_static
from .content import EXERCISES_DIR, SAFETY_FILE, CourseError, course
from .engine import RULES_FILE

logger = logging.getLogger(__name__)
STATIC = "trust-course"
CRISIS_PAGE = "book/crisis-lines"


class ExerciseDirective(SphinxDirective):
    """Show one exercise from the course YAML, by id."""

    required_arguments = 1

    def run(self):
        ident = self.arguments[0]
        try:
            exercise = course().exercise(ident)
        except CourseError as err:
            raise self.error(str(err)) from None
        # An edit to the exercise's YAML, the safety text or the rules re-reads this page in the next build.
        for path in (EXERCISES_DIR / f"{course().chapter_of[ident]}.yml", SAFETY_FILE, RULES_FILE):
            self.env.note_dependency(str(path))
        return [nodes.raw("", placeholder_html(front_end_spec(exercise)), format="html")]


class CourseOverviewDirective(SphinxDirective):
    """The learner's record in the book: progress per chapter, download and delete (localStorage)."""

    def run(self):
        chapters = [{"chapter": ch["chapter"], "title": ch["title"], "ids": [e["id"] for e in ch["exercises"]]}
                    for ch in course().chapters]
        for path in EXERCISES_DIR.glob("*.yml"):
            self.env.note_dependency(str(path))
        payload = html.escape(json.dumps(chapters, ensure_ascii=False), quote=True)
        return [nodes.raw("", f'<div class="trust-course-overview" data-chapters="{payload}">'
                              "<p>Your progress appears here when JavaScript is on.</p></div>", format="html")]


def _add_assets(app: Sphinx) -> None:
    app.add_js_file(f"{STATIC}/book.js", type="module")
    app.add_css_file(f"{STATIC}/course.css")
    from .notebooks import write_all

    stale = write_all(Path(app.srcdir), check_only=True)
    if stale:
        logger.warning("notebooks out of date with the exercise YAML (run `trust-course notebooks`): %s",
                       ", ".join(p.name for p in stale))


def _announcement_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The safety line's link to the crisis lines, relative to each page, root pages included."""
    announcement = context.get("theme_announcement") or ""
    context["theme_announcement"] = announcement.replace(
        "{crisis-lines}", app.builder.get_relative_uri(pagename, CRISIS_PAGE))


def _write_assets(app: Sphinx, exception) -> None:
    """Write the widget modules on every build, so an edited module always shows."""
    if exception is None and app.builder.format == "html":
        write_static(Path(app.outdir) / "_static" / STATIC)


def setup(app: Sphinx) -> dict:
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("course-overview", CourseOverviewDirective)
    app.connect("builder-inited", _add_assets)
    app.connect("html-page-context", _announcement_link)
    app.connect("build-finished", _write_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
