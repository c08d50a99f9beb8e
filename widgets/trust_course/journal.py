"""The learner's own record: gather every answer and reflection, export it, recover it, delete it.

The journal is one document in two forms, Markdown and a self-contained web page that prints
well. The book renders the same document with `js/journal_document.js`, from its own record, with
the same words, order and escaping; a test holds the two to identical output. Learner text is
escaped, so it can never become markup, a heading or a hidden direction change. An odd-shaped
entry is reported and skipped, never fatal.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import store
from .assets import STATIC_DIR
from .content import compiled, course
from .scoring import entry_problem
from .strings import t

JOURNAL_CSS = STATIC_DIR / "journal.css"
# C0/C1 controls except tab and newline, the bidirectional marks, embeddings, overrides and
# isolates, and lone surrogates. The same classes, character for character, in journal_document.js.
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
SPACES = "[ \t\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"  # trimmed from each line's ends
EDGE_SPACE = re.compile(f"^{SPACES}|{SPACES}$")
NEWLINE = re.compile(r"\r\n|\r|\n")
INLINE_MARKUP = re.compile(r"([\\`*_\[\]~|])")
LINE_START_MARKUP = re.compile(r"^([#=+>-]|[0-9]+(?=[.)]))")


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
            skipped.append(t("journal.skipped_file", problem=err))
            continue
        for ident, entry in data.items():
            exercise = exercises.get(ident)
            if path.name == store.PRIVATE_NAME:
                text = entry.get("text") if isinstance(entry, dict) else None
                if exercise is None or not isinstance(text, str):
                    skipped.append(t("journal.skipped_private", file=path.name, ident=ident))
                    continue
                entry = {**entries.get(ident, {"shared": False, "written": True}), "text": text}
            problem = t("journal.not_in_course") if exercise is None else entry_problem(exercise, entry)
            if problem:
                skipped.append(t("journal.skipped_entry", file=path.name, ident=ident, problem=problem))
                continue
            entries[ident] = entry
    return entries, skipped


def document_entry(exercise: dict, entry: dict) -> dict:
    """One saved exercise as the journal shows it; `entry` fits `exercise` (see `gather`)."""
    kind, title = exercise["kind"], exercise["title"]
    if kind == "quiz":
        chosen = next(o for o in exercise["options"] if o["id"] == entry["choice"])
        return {"kind": kind, "title": title, "vignette": exercise.get("vignette", ""), "answer": chosen["text"]}
    if kind == "checklist":
        ticked = entry.get("ticked", [])
        return {"kind": kind, "title": title, "ticked": [i["text"] for i in exercise["items"] if i["id"] in ticked]}
    text, private = entry.get("text", ""), not entry.get("shared")
    return {"kind": kind, "title": title, "prompt": exercise["prompt"], "text": text, "private": private}


def document(entries: dict[str, dict], skipped: list[str] = ()) -> dict:
    """The journal's one structure, which both hosts render (the book builds it from its
    localStorage record with `fromBook` in js/journal_document.js):

        {"language": "en",
         "chapters": [{"title": str, "exercises": [entry, ...]}, ...],  # course order, saved ones only
         "skipped": [str, ...]}                                          # what could not be used
        entry: {"kind": "quiz", "title", "vignette", "answer": the chosen option's text}
             | {"kind": "checklist", "title", "ticked": [item text, ...]}
             | {"kind": "reflection", "title", "prompt", "text", "private": bool}

    No answer key: a quiz entry names the chosen option, never whether it was the best fit."""
    chapters = []
    for chapter in course().chapters:
        done = [document_entry(ex, entries[ex["id"]]) for ex in chapter["exercises"] if ex["id"] in entries]
        if done:
            chapters.append({"title": chapter["title"], "exercises": done})
    return {"language": compiled()["language"], "chapters": chapters, "skipped": list(skipped)}


def clean_line(line: str) -> str:
    """A line without control or direction-changing characters or spaces at either end."""
    return EDGE_SPACE.sub("", UNSAFE_CHARS.sub("", line))


def one_line(text: str) -> str:
    return clean_line(" ".join(NEWLINE.split(text)))


def paragraphs(text: str) -> list[list[str]]:
    """Learner text as its paragraphs (runs of clean, non-blank lines)."""
    runs, run = [], []
    for line in [*map(clean_line, NEWLINE.split(text)), ""]:
        if line:
            run.append(line)
        elif run:
            runs.append(run)
            run = []
    return runs


def escape_md(line: str) -> str:
    """One clean line as inert Markdown: it shows as itself, never as HTML, a code fence, a
    heading, a list, emphasis or a link."""
    line = INLINE_MARKUP.sub(r"\\\1", line.replace("&", "&amp;").replace("<", "&lt;"))
    return LINE_START_MARKUP.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), line)


def escape_html(line: str) -> str:
    return (
        line.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def md(text: str) -> str:
    return escape_md(one_line(text))


def esc(text: str) -> str:
    return escape_html(one_line(text))


def exercise_markdown(ex: dict) -> list[str]:
    if ex["kind"] == "quiz":
        context = [f"*{md(ex['vignette'])}*", ""] if one_line(ex["vignette"]) else []
        return [*context, md(t("journal.answer", option=ex["answer"])), ""]
    if ex["kind"] == "checklist":
        if not ex["ticked"]:
            return [md(t("journal.ticked_nothing")), ""]
        return [md(t("journal.ticked")), "", *(f"- {md(item)}" for item in ex["ticked"]), ""]
    quote = []  # a block quote, its paragraphs parted by a bare ">"
    for run in paragraphs(ex["text"]):
        quote += [*(f"> {escape_md(line)}" for line in run), ">"]
    written = quote[:-1] or [md(t("journal.nothing_written"))]
    private = [md(t("journal.private")), ""] if ex["private"] else []
    return [f"*{md(ex['prompt'])}*", "", *written, "", *private]


def to_markdown(doc: dict) -> str:
    """The journal as Markdown (its twin: toMarkdown in js/journal_document.js)."""
    out = [f"# {md(t('journal.title'))}", "", md(t("journal.intro")), ""]
    if not doc["chapters"] and not doc["skipped"]:
        out += [md(t("journal.empty")), ""]
    for chapter in doc["chapters"]:
        out += [f"## {md(chapter['title'])}", ""]
        for ex in chapter["exercises"]:
            out += [f"### {md(ex['title'])}", "", *exercise_markdown(ex)]
    if doc["skipped"]:
        out += [f"## {md(t('journal.not_included'))}", "", *(f"- {md(s)}" for s in doc["skipped"]), ""]
    return "\n".join(out)


def exercise_html(ex: dict) -> list[str]:
    if ex["kind"] == "quiz":
        context = [f'<p class="context">{esc(ex["vignette"])}</p>'] if one_line(ex["vignette"]) else []
        return [*context, f"<p>{esc(t('journal.answer', option=ex['answer']))}</p>"]
    if ex["kind"] == "checklist":
        if not ex["ticked"]:
            return [f"<p>{esc(t('journal.ticked_nothing'))}</p>"]
        return [
            f"<p>{esc(t('journal.ticked'))}</p>",
            "<ul>",
            *(f"<li>{esc(item)}</li>" for item in ex["ticked"]),
            "</ul>",
        ]
    runs = ["<p>" + "<br>\n".join(map(escape_html, p)) + "</p>" for p in paragraphs(ex["text"])]
    written = (
        ['<blockquote dir="auto">', *runs, "</blockquote>"]
        if runs
        else [f'<p class="note">{esc(t("journal.nothing_written"))}</p>']
    )
    private = [f'<p class="note">{esc(t("journal.private"))}</p>'] if ex["private"] else []
    return [f'<p class="context">{esc(ex["prompt"])}</p>', *written, *private]


def to_html(doc: dict) -> str:
    """The journal as one self-contained web page: an inline print-friendly style (static/journal.css),
    no script, nothing fetched (its twin: toHtml in js/journal_document.js)."""
    css = JOURNAL_CSS.read_text(encoding="utf-8")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(doc["language"])}">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(t('journal.title'))}</title>",
        f"<style>\n{css.strip()}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(t('journal.title'))}</h1>",
        f'<p class="intro">{esc(t("journal.intro"))}</p>',
    ]
    if not doc["chapters"] and not doc["skipped"]:
        out.append(f"<p>{esc(t('journal.empty'))}</p>")
    for chapter in doc["chapters"]:
        out += ['<section class="chapter">', f"<h2>{esc(chapter['title'])}</h2>"]
        for ex in chapter["exercises"]:
            out += ['<section class="exercise">', f"<h3>{esc(ex['title'])}</h3>", *exercise_html(ex), "</section>"]
        out.append("</section>")
    if doc["skipped"]:
        items = [f"<li>{esc(s)}</li>" for s in doc["skipped"]]
        out += ['<section class="skipped">', f"<h2>{esc(t('journal.not_included'))}</h2>", "<ul>", *items, "</ul>"]
        out.append("</section>")
    return "\n".join([*out, "</main>", "</body>", "</html>", ""])


def export(folder: Path, out: Path, html: bool = False) -> tuple[Path, list[str]]:
    """Write the journal as Markdown (or, with `html`, a web page), readable by the owner only
    (it holds private text); return the file and what was skipped."""
    entries, skipped = gather(folder)
    doc = document(entries, skipped)
    out.write_text(to_html(doc) if html else to_markdown(doc), encoding="utf-8")
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
