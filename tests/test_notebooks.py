"""The exercise notebooks: generated from the YAML, committed without outputs, and run by nbval."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import nbformat
import pytest
from conftest import BIN, ROOT
from trust_course.content import course

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_every_chapter_has_its_generated_notebook():
    result = subprocess.run(
        [BIN / "trust-course", "--root", ROOT, "notebooks", "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, f"regenerate with `make notebooks`: {result.stdout}"
    assert [p.stem for p in NOTEBOOKS] == [c["chapter"] for c in course().chapters] + ["overview"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_and_cells_are_one_line(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        assert cell["outputs"] == [] and cell["execution_count"] is None
        source = "".join(cell["source"])
        if "NBVAL_CHECK_OUTPUT" not in source:
            assert "\n" not in source.strip(), source


def expected_progress(chapter: dict, saved: set[str]) -> str:
    """What the progress cell prints, worked out from the course, its strings and the seeded answers."""
    from trust_course.strings import t

    kinds = {}
    for ex in chapter["exercises"]:
        done, total = kinds.get(ex["kind"], (0, 0))
        kinds[ex["kind"]] = (done + (ex["id"] in saved), total + 1)
    order = [k for k in ("quiz", "checklist", "reflection") if k in kinds]
    counts = [t("progress.kind", kind=t(f"{k}.kind"), done=kinds[k][0], total=kinds[k][1]) for k in order]
    return t("progress.chapter", title=chapter["title"], done=len(saved), total=len(chapter["exercises"])) + (
        "\n" + ", ".join(counts) + "\n"
    )


@pytest.mark.slow
def test_nbval_runs_every_notebook(tmp_path):
    """nbval --nbval-lax: every cell runs; cells marked NBVAL_CHECK_OUTPUT must print what we expect.

    The committed notebooks carry no outputs, so each copy gets the expected output of its checked
    cells, computed here from the YAML, and one seeded answer per chapter."""
    answers = tmp_path / "answers"
    answers.mkdir()
    copies = tmp_path / "notebooks"
    copies.mkdir()
    expected = {}
    for chapter in course().chapters:
        exercise = chapter["exercises"][0]
        first = exercise["id"]
        if exercise["kind"] == "quiz":
            entry = {"choice": exercise["options"][0]["id"]}
        else:
            entry = {"ticked": []} if exercise["kind"] == "checklist" else {"shared": False, "written": True}
        (answers / f"{chapter['chapter']}.answers.json").write_text(json.dumps({first: entry}))
        expected[chapter["chapter"]] = expected_progress(chapter, {first})
    expected["overview"] = "".join(expected.values())
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and "NBVAL_CHECK_OUTPUT" in cell.source:
                cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=expected[path.stem])]
                cell.execution_count = 1
        nbformat.write(nb, copies / path.name)
    env = {
        **os.environ,
        "TRUST_COURSE_ANSWERS_DIR": str(answers),
        "TRUST_COURSE_PRIVATE_DIR": str(tmp_path / "private"),
    }
    result = subprocess.run(
        [BIN / "python", "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", "--rootdir", tmp_path, copies],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-5000:]
    cells = sum(1 for p in NOTEBOOKS for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code")
    assert f"{cells} passed" in result.stdout
    shutil.rmtree(copies)


def test_every_notebook_carries_the_crisis_lines_with_numbers():
    from trust_course.content import safety_text
    from trust_course.notebooks import render

    lines = safety_text()["lines"]
    for chapter in course().chapters:
        for text in (render(chapter, page=None), (ROOT / "notebooks" / f"{chapter['chapter']}.ipynb").read_text()):
            intro = "".join(json.loads(text)["cells"][0]["source"])
            assert all(line in intro for line in lines) and safety_text()["check_locally"] in intro, chapter["chapter"]
