"""Book build time: the course's book beside a plain book of the same pages (issue 10).

The plain book has the same pages and notebooks, with the course's extension, exercises and
imports taken out (each notebook cell prints its own text instead). Both are built cold and then
again with no change, in one run, and the ratios printed. Target: at most 1.2x cold.

    python benchmarks/book_build.py
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET_COLD_RATIO = 1.2


def plain_copy(folder: Path) -> Path:
    """The same pages and notebooks with nothing of the course in them."""
    folder.mkdir()
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, folder / name)
    config = (folder / "_config.yml").read_text()
    (folder / "_config.yml").write_text(
        config.replace("    - trust_course.book\n", "")
        .replace("extra_extensions:\n", "extra_extensions: []\n")
        .replace("{crisis-lines}", "book/crisis-lines.html")
    )
    shutil.copytree(ROOT / "book", folder / "book", ignore=shutil.ignore_patterns("*.yml", "writing"))
    for page in (folder / "book").rglob("*.md"):
        text = re.sub(r"```\{(exercise|course-overview)\}[^`]*```", "", page.read_text(encoding="utf-8"))
        page.write_text(text, encoding="utf-8")
    (folder / "notebooks").mkdir()
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                cell["source"] = f"print({cell['source']!r})"
        (folder / "notebooks" / notebook.name).write_text(json.dumps(nb), encoding="utf-8")
    return folder


def timed_build(folder: Path) -> float:
    start = time.perf_counter()
    run = subprocess.run(
        [BIN / "jupyter-book", "build", folder, "--warningiserror", "--keep-going"], capture_output=True, text=True
    )
    if run.returncode != 0:
        raise SystemExit(f"build of {folder} failed:\n{run.stdout[-3000:]}{run.stderr[-2000:]}")
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "_build", "tests"))
        plain = plain_copy(Path(tmp) / "plain")
        figures = {}
        for name, folder in (("course", course), ("plain", plain)):
            figures[f"{name}_cold_s"] = timed_build(folder)
            figures[f"{name}_nochange_s"] = timed_build(folder)
    figures["cold_ratio"] = figures["course_cold_s"] / figures["plain_cold_s"]
    figures["nochange_ratio"] = figures["course_nochange_s"] / figures["plain_nochange_s"]
    for key, value in figures.items():
        print(f"{key:20} {value:8.2f}")
    print(
        f"cold ratio target <= {TARGET_COLD_RATIO}: {'met' if figures['cold_ratio'] <= TARGET_COLD_RATIO else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
