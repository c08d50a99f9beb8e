"""The widgets' JavaScript: render code unit-tested in Node against a fake model, and the bundles
anywidget and the book load are the ones `npm run build` makes from the sources."""

from __future__ import annotations

import json
import os
import subprocess

from conftest import ROOT
from trust_course.assets import STATIC_DIR, front_end_spec
from trust_course.content import course

CH1 = course().chapter("ch01")["exercises"]


def first(kind: str) -> dict:
    return front_end_spec(next(e for e in CH1 if e["kind"] == kind))


def test_render_code_of_every_widget_family(tmp_path):
    fixtures = tmp_path / "fixtures.json"
    fixtures.write_text(
        json.dumps(
            {
                "quiz": first("quiz"),
                "checklist": first("checklist"),
                "reflection": first("reflection"),
                "danger": "most days are ok but i want to kill myself",
            }
        )
    )
    run = subprocess.run(
        ["node", "--test", "tests/js/widgets.test.mjs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TC_FIXTURES": str(fixtures)},
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 8" in run.stdout


def test_the_committed_bundles_are_built_from_the_sources(tmp_path):
    run = subprocess.run(
        ["node", "widgets/trust_course/js/build.mjs", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    built = {str(p.relative_to(tmp_path)): p.read_text() for p in tmp_path.rglob("*") if p.suffix in (".js", ".css")}
    committed = {str(p.relative_to(STATIC_DIR)) for p in STATIC_DIR.rglob("*") if p.suffix in (".js", ".css")}
    assert {"quiz.js", "checklist.js", "reflection.js", "course.css", "book/book.js", "book/book.css"} <= set(built)
    assert set(built) == committed, "run `npm run build`: the committed bundles differ from the sources"
    stale = [name for name, text in built.items() if (STATIC_DIR / name).read_text() != text]
    assert stale == [], f"run `npm run build`: {stale}"
