"""Sphinx extension for the book: the `exercise` directive and the widgets' static files.

Pages place an exercise with ```{exercise} ID```, and a notebook page's cells tagged with the
exercise they show become the same placeholder; `book.js` mounts the widget module on it, with no
kernel and no network.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .assets import STATIC_DIR, book_data, data_file, placeholder_html, script_json, store_key
from .content import COMPILED_DIR, LANGUAGE, CourseError, course, safety_text
from .strings import for_family, t

logger = logging.getLogger(__name__)
CRISIS_PAGE = "book/crisis-lines"
TEMPLATES_DIR = Path(__file__).parent / "templates"
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
        heading = min(self.state.memo.section_level + 1, 6)
        return [nodes.raw("", placeholder_html(exercise, heading), format="html")]


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
                f'data-exercises="{data_file("exercises")}" '
                f'data-strings="{words}" data-chapters="{payload}">'
                f"<p>{html.escape(t('book.overview_needs_javascript'))}</p></div>",
                format="html",
            )
        ]


def _notebook_exercises(app: Sphinx, doctree) -> None:
    """On a notebook page, each cell tagged with the exercise it shows (`remove-input`, metadata
    `trust_course.exercise`) becomes that exercise; the notebook's other code cells are tagged
    `remove-cell`, and any code cell left goes too: the book runs no kernel, and its readers see
    no code."""
    env = app.env
    if not str(env.doc2path(env.docname)).endswith(".ipynb"):
        return
    env.note_dependency(str(COURSE_FILE))
    for cell in list(doctree.findall(lambda n: isinstance(n, nodes.container) and "cell" in n["classes"])):
        shown = (cell.get("cell_metadata") or {}).get("trust_course", {}).get("exercise")
        if shown:
            exercise = course().exercise(shown)
            cell.replace_self(nodes.raw("", placeholder_html(exercise, heading=2), format="html"))
        else:
            cell.parent.remove(cell)


def _add_static_path(app: Sphinx, config) -> None:
    """The widget modules and stylesheets, copied into `_static/` on every build; the course's
    templates in place of the theme's few inaccessible or heavy ones; the book's interface words
    on every page (the quick exit is on pages with no exercise too)."""
    config.html_static_path.append(str(STATIC_DIR))
    config.templates_path.insert(0, str(TEMPLATES_DIR))
    app.add_js_file(None, body=script_json(for_family("book")), type="application/json", id="tc-strings")


def _add_assets(app: Sphinx) -> None:
    app.add_js_file("book/book.js", type="module")
    app.add_css_file("book/book.css")

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


FAMILIES = ("quiz", "checklist", "reflection")


def _page_words(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Each widget family's interface words, once on a page that shows that family (with the
    safety note for reflections)."""
    body = context.get("body", "")
    for family in FAMILIES:
        if f'data-kind="{family}"' in body:
            words = for_family(family)
            if family == "reflection":  # the safety note shows even when the rules cannot load
                words = {**words, "safety": safety_text()}
            body += (
                f'<script type="application/json" class="tc-family-strings" data-family="{family}">'
                f"{script_json(words)}</script>"
            )
    context["body"] = body


def _named_section_toggles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The theme's sidebar toggles (a bare `<summary>` with an icon) get a name a screen reader says."""
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def named(*args, **kwargs):
        toctree = generate(*args, **kwargs)  # the theme's parsed sidebar (BeautifulSoup)
        for summary in toctree.select("li > details > summary") if hasattr(toctree, "select") else []:
            link = summary.parent.find_previous_sibling("a")
            if link is not None and not summary.get("aria-label"):
                summary["aria-label"] = t("book.sections_of", title=link.get_text(" ", strip=True))
        return toctree

    context["generate_toctree_html"] = named


def _write_data_files(app: Sphinx, exception) -> None:
    """The data files beside the book's loader (see `assets.book_data`)."""
    if exception is None and app.builder.format == "html":
        for name, data in book_data().items():
            (Path(app.outdir) / "_static" / "book" / name).write_text(script_json(data), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("course-overview", CourseOverviewDirective)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _add_assets)
    app.connect("doctree-read", _notebook_exercises)
    app.connect("html-page-context", _announcement_link)
    app.connect("html-page-context", _page_words)
    app.connect("html-page-context", _named_section_toggles, priority=900)  # after the theme adds its function
    app.connect("build-finished", _write_data_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
