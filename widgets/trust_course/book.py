"""Sphinx extension for the book: the `exercise` directive and the widgets' static files.

Pages place an exercise with ```{exercise} ID```, and a notebook page's `show("ID")` cells become
the same placeholder; `book.js` mounts the widget module on it, with no kernel and no network.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .assets import STATIC_DIR, front_end_spec, placeholder_html, store_key
from .content import COMPILED_DIR, LANGUAGE, CourseError, course
from .strings import for_family, t

logger = logging.getLogger(__name__)
CRISIS_PAGE = "book/crisis-lines"
COURSE_FILE = COMPILED_DIR / f"course.{LANGUAGE}.json"


class ExerciseDirective(SphinxDirective):
    """Show one exercise of the compiled course, by id."""

    required_arguments = 1

    def run(self):
        ident = self.arguments[0]
        try:
            exercise = course().exercise(ident)
        except CourseError as err:
            raise self.error(str(err)) from None
        # Every page with an exercise is re-read when the compiled course changes (`make book` rebuilds it).
        self.env.note_dependency(str(COURSE_FILE))
        return [nodes.raw("", placeholder_html(front_end_spec(exercise)), format="html")]


class CourseOverviewDirective(SphinxDirective):
    """The learner's record in the book: progress per chapter, download and delete (localStorage)."""

    def run(self):
        chapters = [
            {"chapter": ch["chapter"], "title": ch["title"], "ids": [e["id"] for e in ch["exercises"]]}
            for ch in course().chapters
        ]
        self.env.note_dependency(str(COURSE_FILE))
        payload = html.escape(json.dumps(chapters, ensure_ascii=False), quote=True)
        words = html.escape(json.dumps(for_family("book"), ensure_ascii=False), quote=True)
        return [
            nodes.raw(
                "",
                f'<div class="trust-course-overview" data-store="{html.escape(store_key())}" '
                f'data-strings="{words}" data-chapters="{payload}">'
                f"<p>{html.escape(t('book.overview_needs_javascript'))}</p></div>",
                format="html",
            )
        ]


SHOW_CELL = re.compile(r"""^show\(["']([^"']+)["']\)$""")


def _notebook_exercises(app: Sphinx, doctree) -> None:
    """On a notebook page, each `show("id")` cell becomes its exercise and the other code cells go:
    the book runs no kernel (notebooks are not executed for it), and its readers see no code."""
    env = app.env
    if not str(env.doc2path(env.docname)).endswith(".ipynb"):
        return
    env.note_dependency(str(COURSE_FILE))
    for cell in list(doctree.findall(lambda n: isinstance(n, nodes.container) and "cell" in n["classes"])):
        code = next(iter(cell.findall(nodes.literal_block)), None)
        shown = SHOW_CELL.match(code.astext().strip()) if code is not None else None
        if shown:
            exercise = course().exercise(shown.group(1))
            cell.replace_self(nodes.raw("", placeholder_html(front_end_spec(exercise)), format="html"))
        else:
            cell.parent.remove(cell)


def _add_static_path(app: Sphinx, config) -> None:
    """The widget modules and stylesheet, copied into `_static/` on every build, and the book's
    interface words on every page (the quick exit is on pages with no exercise too)."""
    config.html_static_path.append(str(STATIC_DIR))
    words = json.dumps(for_family("book"), ensure_ascii=False).replace("</", "<\\/")
    app.add_js_file(None, body=words, type="application/json", id="tc-strings")


def _add_assets(app: Sphinx) -> None:
    app.add_js_file("book.js", type="module")
    app.add_css_file("course.css")

    from .notebooks import write_all

    if (Path(app.srcdir) / "notebooks").is_dir():
        stale = write_all(Path(app.srcdir), check_only=True)
        if stale:
            logger.warning(
                "notebooks out of date with the compiled course (run `trust-course notebooks`): %s",
                ", ".join(p.name for p in stale),
            )


def _announcement_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The safety line's link to the crisis lines, relative to each page, root pages included."""
    announcement = context.get("theme_announcement") or ""
    link = app.builder.get_relative_uri(pagename, CRISIS_PAGE) or Path(app.builder.get_target_uri(CRISIS_PAGE)).name
    context["theme_announcement"] = announcement.replace("{crisis-lines}", link)


def setup(app: Sphinx) -> dict:
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("course-overview", CourseOverviewDirective)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _add_assets)
    app.connect("doctree-read", _notebook_exercises)
    app.connect("html-page-context", _announcement_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
