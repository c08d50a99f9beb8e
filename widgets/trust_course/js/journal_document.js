// The learner's journal, built from the book's record and rendered as Markdown and as a
// self-contained web page: the same document, words, order and escaping as trust_course/journal.py
// (tests/test_journal.py runs both on the same fixtures and asserts identical output). The
// document's shape is described in journal.document; learner text is escaped, never markup.
import { t } from "./dom.js";

// The same character classes as journal.py, in unicode mode so a lone surrogate is one unit.
const UNSAFE_CHARS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
const EDGE_SPACE = /^[ \t\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[ \t\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$/gu;
const NEWLINE = /\r\n|\r|\n/;
const INLINE_MARKUP = /([\\`*_[\]~|])/g;
const LINE_START_MARKUP = /^([#=+>-]|[0-9]+(?=[.)]))/;

// One saved exercise as the journal shows it, or null when the saved value does not fit it
// (the checks of trust_course.scoring.entry_problem that matter for showing it).
function documentEntry(spec, saved) {
  if (!saved || typeof saved !== "object" || Array.isArray(saved)) return null;
  const { kind, title } = spec;
  if (kind === "quiz") {
    const chosen = spec.options.find((o) => o.id === saved.choice);
    return chosen ? { kind, title, vignette: spec.vignette || "", answer: chosen.text } : null;
  }
  if (kind === "checklist") {
    const ticked = saved.ticked === undefined ? [] : saved.ticked;
    if (!Array.isArray(ticked) || !ticked.every((id) => typeof id === "string")) return null;
    return { kind, title, ticked: spec.items.filter((i) => ticked.includes(i.id)).map((i) => i.text) };
  }
  if (saved.text !== undefined && typeof saved.text !== "string") return null;
  return { kind, title, prompt: spec.prompt, text: saved.text || "", private: saved.shared !== true };
}

// The document from the book's localStorage record ({exercise id: answer}, reflections' text
// included: it is on the learner's own device). `chapters` are [{title, ids, specs}] in course
// order, `specs` the chapter's exercises by id, or null when they could not be loaded.
export function fromBook(chapters, record, { language, strings }) {
  const skipped = [];
  const known = new Set(chapters.flatMap((ch) => ch.ids));
  const out = [];
  for (const ch of chapters) {
    const saved = ch.ids.filter((id) => record[id] !== undefined);
    if (!saved.length) continue;
    if (!ch.specs) {
      skipped.push(t(strings, "journal.chapter_unavailable", { title: ch.title }));
      continue;
    }
    const exercises = [];
    for (const id of saved) {
      const entry = ch.specs[id] ? documentEntry(ch.specs[id], record[id]) : null;
      if (entry) exercises.push(entry);
      else skipped.push(t(strings, "journal.skipped_saved", { ident: id }));
    }
    if (exercises.length) out.push({ title: ch.title, exercises });
  }
  Object.keys(record).filter((id) => !known.has(id))
    .forEach((id) => skipped.push(t(strings, "journal.skipped_saved", { ident: id })));
  return { language, chapters: out, skipped };
}

const cleanLine = (line) => line.replace(UNSAFE_CHARS, "").replace(EDGE_SPACE, "");
const oneLine = (text) => cleanLine(text.split(NEWLINE).join(" "));

// Learner text as its paragraphs (runs of clean, non-blank lines).
function paragraphs(text) {
  const runs = [];
  let run = [];
  for (const line of [...text.split(NEWLINE).map(cleanLine), ""]) {
    if (line) run.push(line);
    else if (run.length) { runs.push(run); run = []; }
  }
  return runs;
}

function escapeMd(line) {
  return line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(INLINE_MARKUP, "\\$1")
    .replace(LINE_START_MARKUP, (m) => (/[0-9]/.test(m[0]) ? `${m}\\` : `\\${m}`));
}

function escapeHtml(line) {
  return line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const md = (text) => escapeMd(oneLine(text));
const esc = (text) => escapeHtml(oneLine(text));

function exerciseMarkdown(ex, s) {
  if (ex.kind === "quiz") {
    const context = oneLine(ex.vignette) ? [`*${md(ex.vignette)}*`, ""] : [];
    return [...context, md(t(s, "journal.answer", { option: ex.answer })), ""];
  }
  if (ex.kind === "checklist") {
    if (!ex.ticked.length) return [md(t(s, "journal.ticked_nothing")), ""];
    return [md(t(s, "journal.ticked")), "", ...ex.ticked.map((item) => `- ${md(item)}`), ""];
  }
  const quote = []; // a block quote, its paragraphs parted by a bare ">"
  for (const run of paragraphs(ex.text)) quote.push(...run.map((line) => `> ${escapeMd(line)}`), ">");
  const written = quote.length ? quote.slice(0, -1) : [md(t(s, "journal.nothing_written"))];
  const privateNote = ex.private ? [md(t(s, "journal.private")), ""] : [];
  return [`*${md(ex.prompt)}*`, "", ...written, "", ...privateNote];
}

export function toMarkdown(doc, s) {
  const out = [`# ${md(t(s, "journal.title"))}`, "", md(t(s, "journal.intro")), ""];
  if (!doc.chapters.length && !doc.skipped.length) out.push(md(t(s, "journal.empty")), "");
  for (const chapter of doc.chapters) {
    out.push(`## ${md(chapter.title)}`, "");
    for (const ex of chapter.exercises) out.push(`### ${md(ex.title)}`, "", ...exerciseMarkdown(ex, s));
  }
  if (doc.skipped.length) {
    out.push(`## ${md(t(s, "journal.not_included"))}`, "", ...doc.skipped.map((line) => `- ${md(line)}`), "");
  }
  return out.join("\n");
}

function exerciseHtml(ex, s) {
  if (ex.kind === "quiz") {
    const context = oneLine(ex.vignette) ? [`<p class="context">${esc(ex.vignette)}</p>`] : [];
    return [...context, `<p>${esc(t(s, "journal.answer", { option: ex.answer }))}</p>`];
  }
  if (ex.kind === "checklist") {
    if (!ex.ticked.length) return [`<p>${esc(t(s, "journal.ticked_nothing"))}</p>`];
    return [`<p>${esc(t(s, "journal.ticked"))}</p>`, "<ul>", ...ex.ticked.map((item) => `<li>${esc(item)}</li>`), "</ul>"];
  }
  const runs = paragraphs(ex.text).map((run) => `<p>${run.map(escapeHtml).join("<br>\n")}</p>`);
  const written = runs.length ? ['<blockquote dir="auto">', ...runs, "</blockquote>"]
    : [`<p class="note">${esc(t(s, "journal.nothing_written"))}</p>`];
  const privateNote = ex.private ? [`<p class="note">${esc(t(s, "journal.private"))}</p>`] : [];
  return [`<p class="context">${esc(ex.prompt)}</p>`, ...written, ...privateNote];
}

// One self-contained page: `css` (static/journal.css) inline, no script, nothing fetched.
export function toHtml(doc, s, css) {
  const out = [
    "<!DOCTYPE html>",
    `<html lang="${esc(doc.language)}">`,
    "<head>",
    '<meta charset="utf-8">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(t(s, "journal.title"))}</title>`,
    `<style>\n${css.trim()}\n</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${esc(t(s, "journal.title"))}</h1>`,
    `<p class="intro">${esc(t(s, "journal.intro"))}</p>`,
  ];
  if (!doc.chapters.length && !doc.skipped.length) out.push(`<p>${esc(t(s, "journal.empty"))}</p>`);
  for (const chapter of doc.chapters) {
    out.push('<section class="chapter">', `<h2>${esc(chapter.title)}</h2>`);
    for (const ex of chapter.exercises) {
      out.push('<section class="exercise">', `<h3>${esc(ex.title)}</h3>`, ...exerciseHtml(ex, s), "</section>");
    }
    out.push("</section>");
  }
  if (doc.skipped.length) {
    out.push('<section class="skipped">', `<h2>${esc(t(s, "journal.not_included"))}</h2>`, "<ul>",
      ...doc.skipped.map((line) => `<li>${esc(line)}</li>`), "</ul>", "</section>");
  }
  return [...out, "</main>", "</body>", "</html>", ""].join("\n");
}
