"""The learner's own record: gather every answer and reflection, export it, recover it, delete it.

The export is Markdown that is safe to open anywhere: learner text is escaped, so it can never
become HTML, a code fence, a heading or a hidden direction change. An odd-shaped entry is
reported and skipped, never fatal.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import store
from .content import course
from .scoring import entry_problem, recorded
from .strings import t

# C0/C1 controls except tab and newline, and the bidirectional embeddings, overrides and isolates.
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
INLINE_MARKUP = re.compile(r"([\\`*_\[\]~|])")
LINE_START_MARKUP = re.compile(r"^([#=+>-]|\d+(?=[.)]))")


def answer_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{store.ANSWERS_SUFFIX}"))


def gather(folder: Path) -> tuple[dict[str, dict], list[str]]:
    """Every usable saved entry by exercise id, private text put back in, and what was skipped."""
    entries, skipped = {}, []
    exercises = course().exercises
    for path in [*answer_files(folder), store.private_path()]:
        try:
            data = store.load(path)
        except store.Unreadable as err:
            skipped.append(f"{err}; `trust-course journal recover` can help")
            continue
        for ident, entry in data.items():
            exercise = exercises.get(ident)
            if path.name == store.PRIVATE_NAME:
                text = entry.get("text") if isinstance(entry, dict) else None
                if exercise is None or not isinstance(text, str):
                    skipped.append(f"{path.name}: the private entry '{ident}' could not be used")
                    continue
                entry = {**entries.get(ident, {"shared": False, "written": True}), "text": text}
            problem = "no such exercise in the course" if exercise is None else entry_problem(exercise, entry)
            if problem:
                skipped.append(f"{path.name}: '{ident}' was skipped ({problem})")
                continue
            entries[ident] = entry
    return entries, skipped


def escape_line(line: str) -> str:
    """One line of learner text as inert Markdown: it shows as itself, never as HTML, a code
    fence, a heading, a list or a link, and carries no control or direction-changing characters."""
    line = UNSAFE_CHARS.sub("", line).strip()
    line = INLINE_MARKUP.sub(r"\\\1", line.replace("&", "&amp;").replace("<", "&lt;"))
    return LINE_START_MARKUP.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), line)


def quoted(text: str) -> list[str]:
    """Learner text as a block quote, one escaped line at a time."""
    return [
        f"> {escape_line(line)}".rstrip() for line in text.strip().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]


def to_markdown(entries: dict[str, dict], skipped: list[str] = ()) -> str:
    lines = [f"# {t('journal.title')}", "", t("journal.intro"), ""]
    for chapter in course().chapters:
        done = [ex for ex in chapter["exercises"] if ex["id"] in entries]
        if not done:
            continue
        lines += [f"## {chapter['title']}", ""]
        for ex in done:
            entry = entries[ex["id"]]
            lines += [f"### {ex['title']}", ""]
            if ex["kind"] == "reflection":
                text = entry.get("text", "")
                lines += [
                    f"*{ex['prompt']}*",
                    "",
                    *(quoted(text) if text.strip() else [t("journal.nothing_written")]),
                    "",
                ]
            else:
                lines += [*quoted(recorded(ex, entry)), ""]
    if skipped:
        lines += [f"## {t('journal.not_included')}", "", *[f"- {escape_line(s)}" for s in skipped], ""]
    return "\n".join(lines)


def export(folder: Path, out: Path) -> tuple[Path, list[str]]:
    """Write the journal as Markdown, readable by the owner only (it holds private text);
    return the file and what was skipped."""
    entries, skipped = gather(folder)
    out.write_text(to_markdown(entries, skipped), encoding="utf-8")
    os.chmod(out, 0o600)
    return out, skipped


def stores(folder: Path) -> list[Path]:
    """Every answers file the learner has (or had) in `folder`, and the private store."""
    names = {
        p.name.split(store.ASIDE_MARK)[0]
        for p in folder.glob(f"*{store.ANSWERS_SUFFIX}*")
        if not p.name.startswith(".")
    }
    names |= {
        p.name[1:].split(store.ANSWERS_SUFFIX)[0] + store.ANSWERS_SUFFIX
        for p in folder.glob(f".*{store.ANSWERS_SUFFIX}.*")
    }
    return [*(folder / n for n in sorted(names)), store.private_path()]


def recover(folder: Path, apply: bool) -> list[str]:
    """Describe each set-aside file and, with `apply`, merge what can be read back into its
    store (answers saved since win) and remove the copies that were fully recovered."""
    lines = []
    for path in stores(folder):
        for aside in store.set_aside_files(path):
            data = store.lenient_parse(aside.read_bytes())
            if data is None:
                lines.append(f"{aside}: could not be read automatically; it is kept for you to open.")
                continue
            if not apply:
                lines.append(f"{aside}: {len(data)} answer(s) can be recovered (run with --apply).")
                continue
            current = store.load(path)
            missing = {k: v for k, v in data.items() if k not in current}
            for ident, entry in missing.items():
                store.update(path, ident, entry, private=path.name == store.PRIVATE_NAME)
            aside.unlink()
            lines.append(f"{aside}: recovered {len(missing)} answer(s) into {path.name}.")
    return lines or ["There is nothing to recover."]


def delete(folder: Path) -> list[Path]:
    """Remove every answers file in `folder` and the private reflections, with their set-aside,
    temporary and lock files; return what was removed."""
    seed = store.private_path().with_name("learner-seed")
    removed = list(dict.fromkeys(p for path in [*stores(folder), seed] for p in store.leftovers(path)))
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
