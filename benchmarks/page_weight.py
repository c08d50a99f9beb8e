"""Page weight: the course's book beside a plain book of the same pages, in one run (issue 12).

Both books are built (the plain one as benchmarks/book_build.py makes it: same pages and
notebooks, nothing of the course), served on 127.0.0.1, and each page below is loaded cold in
headless Chromium. For each page it prints the bytes and requests of both books and what the
course adds: every resource only the course's page loads, plus any growth of the ones both load.
Targets: the course adds at most 50 KiB to an exercise page, and a whole page is at most 1 MiB.

    python benchmarks/page_weight.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]
from book_build import plain_copy  # noqa: E402
from book_site import serve  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

BIN = Path(sys.executable).parent
PAGES = ["notebooks/ch01.html", "notebooks/ch06.html", "book/ch01/ch01-dynamics.html", "book/welcome.html"]
ADDED_TARGET = 50 * 1024
PAGE_TARGET = 1024 * 1024


def build(folder: Path) -> Path:
    run = subprocess.run([BIN / "jupyter-book", "build", folder, "--keep-going"], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"build of {folder} failed:\n{run.stdout[-3000:]}{run.stderr[-2000:]}")
    return folder / "_build" / "html"


def load(browser, url: str) -> dict[str, int]:
    """Bytes of every response a cold load of `url` receives, by path."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(urlsplit(r.url).path, len(r.response().body())))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    return sizes


def measure(browser, course_url: str, plain_url: str, page: str) -> dict:
    course, plain = load(browser, f"{course_url}/{page}"), load(browser, f"{plain_url}/{page}")
    added = {path: size - plain.get(path, 0) for path, size in course.items() if size > plain.get(path, 0)}
    return {
        "page": page,
        "course_kib": sum(course.values()) / 1024,
        "course_requests": len(course),
        "plain_kib": sum(plain.values()) / 1024,
        "plain_requests": len(plain),
        "added_kib": sum(added.values()) / 1024,
        "added": {path.rsplit("/", 1)[-1]: round(size / 1024, 1) for path, size in sorted(added.items())},
        "removed": sorted(p.rsplit("/", 1)[-1] for p in plain if p not in course),
    }


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "_build", "tests"))
        servers = [serve(build(course)), serve(build(plain_copy(Path(tmp) / "plain")))]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            rows = [measure(browser, servers[0][1], servers[1][1], page) for page in PAGES]
            browser.close()
        for server, _ in servers:
            server.shutdown()
    print(f"{'page':34} {'course KiB':>10} {'req':>4} {'plain KiB':>10} {'req':>4} {'course adds KiB':>16}")
    for r in rows:
        print(
            f"{r['page']:34} {r['course_kib']:10.1f} {r['course_requests']:4} {r['plain_kib']:10.1f} "
            f"{r['plain_requests']:4} {r['added_kib']:16.1f}"
        )
    exercise_pages = [r for r in rows if r["page"].startswith("notebooks/")]
    print("added on", exercise_pages[0]["page"], json.dumps(exercise_pages[0]["added"]))
    print("the plain book loads, the course's does not:", ", ".join(exercise_pages[0]["removed"]))
    worst_added = max(r["added_kib"] for r in exercise_pages)
    worst_page = max(r["course_kib"] for r in rows)
    print(
        f"course adds at most {worst_added:.1f} KiB (target {ADDED_TARGET // 1024}): {'met' if worst_added * 1024 <= ADDED_TARGET else 'NOT met'}"
    )
    print(
        f"heaviest page {worst_page:.1f} KiB (target {PAGE_TARGET // 1024}): {'met' if worst_page * 1024 <= PAGE_TARGET else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
