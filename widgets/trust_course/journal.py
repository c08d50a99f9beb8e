"""The learner's own record: gather every answer and reflection, export it, or delete it all."""
from __future__ import annotations

import os
from pathlib import Path

from . import store
from .content import course
from .scoring import recorded


def answer_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{store.ANSWERS_SUFFIX}"))


def gather(folder: Path) -> dict[str, dict]:
    """Every saved entry by exercise id, private reflection text put back in."""
    entries = {}
    for path in answer_files(folder):
        entries.update(store.read(path))
    for ident, private in store.read(store.private_path()).items():
        entries[ident] = {**entries.get(ident, {"shared": False, "written": True}), "text": private.get("text", "")}
    return entries


def to_markdown(entries: dict[str, dict]) -> str:
    lines = ["# My Rebuilding Trust journal", "",
             "Everything I saved in the course, including private reflections. It is mine to keep or share.", ""]
    for chapter in course().chapters:
        done = [ex for ex in chapter["exercises"] if ex["id"] in entries]
        if not done:
            continue
        lines += [f"## {chapter['title']}", ""]
        for ex in done:
            entry = entries[ex["id"]]
            lines += [f"### {ex['title']}", ""]
            if ex["kind"] == "reflection":
                lines += [f"*{ex['prompt']}*", "", entry.get("text", "").strip() or "(nothing written)", ""]
            else:
                lines += [recorded(ex, entry), ""]
    return "\n".join(lines)


def export(folder: Path, out: Path) -> Path:
    """Write the journal as Markdown, readable by the owner only (it holds private text)."""
    out.write_text(to_markdown(gather(folder)), encoding="utf-8")
    os.chmod(out, 0o600)
    return out


def delete(folder: Path) -> list[Path]:
    """Remove every answers file in `folder` and the private reflections; return what was removed."""
    removed = [p for p in [*answer_files(folder), store.private_path()] if p.exists()]
    for path in removed:
        path.unlink()
    return removed
