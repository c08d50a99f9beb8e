"""The Sphinx extension on a tiny fixture book, compared with golden HTML (fast tier).

The golden file changes only on purpose: after a deliberate change to what the extension renders,
run `make goldens` (TRUST_COURSE_GOLDENS=write) and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from conftest import BIN, ROOT

FIXTURE = ROOT / "tests" / "books" / "fixture"
GOLDEN = FIXTURE / "golden.html"


def rendered(page: str) -> str:
    """What the extension puts on a page: the safety line, the course's scripts and its placeholders."""
    parts = re.findall(r'<div class="bd-header-announcement__content">.*?</div>', page, re.S)
    parts += re.findall(r"<script[^>]*(?:book\.js|tc-strings)[^>]*>", page)
    parts += re.findall(r'<div class="trust-course-(?:exercise|overview)".*?</div>', page, re.S)
    return "\n".join(p.strip() for p in parts) + "\n"


def test_the_extension_renders_the_golden_html(tmp_path):
    book = tmp_path / "fixture"
    shutil.copytree(FIXTURE, book, ignore=shutil.ignore_patterns("golden.html", "_build"))
    run = subprocess.run(
        [BIN / "jupyter-book", "build", book, "--warningiserror", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    html = rendered((book / "_build" / "html" / "index.html").read_text(encoding="utf-8"))
    if os.environ.get("TRUST_COURSE_GOLDENS") == "write":
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8"), "run `make goldens` if this change is on purpose"
    assert 'href="book/crisis-lines.html"' in html and 'data-store="trust-course:rebuilding-trust:en:answers"' in html
    assert (book / "_build" / "html" / "_static" / "quiz.js").exists()
