// The learner's record in the book (the "My progress" page): saved exercises per chapter, the
// journal to download (the same document `trust-course journal export` writes in JupyterLab),
// and delete everything. Loaded by book.js only on the page that shows it.
import { h, t } from "./dom.js";
import { KEY, loadAnswers, loadJson } from "./book_store.js";
import { fromBook, toHtml, toMarkdown } from "./journal_document.js";

const here = new URL(".", import.meta.url);

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

// The journal of everything saved in this browser, private reflections included (they are on
// this device), as the same document `trust-course journal export` writes in JupyterLab.
async function bookJournal(chapters, strings, file) {
  const record = loadAnswers(strings);
  // Every exercise by id, from the data file beside this module (the page holds only their ids).
  const specs = chapters.some((ch) => ch.ids.some((id) => id in record)) ? await loadJson(new URL(file, here)) : {};
  const withSpecs = chapters.map((ch) => ({ ...ch,
    specs: specs && Object.fromEntries(ch.ids.filter((id) => id in specs).map((id) => [id, specs[id]])) }));
  return fromBook(withSpecs, record, { language: document.documentElement.lang || "en", strings });
}

function saveFile(text, type, name) {
  const link = h("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// The learner's record: saved exercises per chapter, the journal to download, and delete.
function mountOverview(el) {
  const chapters = JSON.parse(el.dataset.chapters);
  const strings = JSON.parse(el.dataset.strings);
  const status = h("p", { role: "status", "aria-live": "polite" });
  const table = h("table", { class: "tc-overview" });
  function draw() {
    const answers = loadAnswers(strings);
    table.replaceChildren(h("thead", {}, h("tr", {}, h("th", {}, t(strings, "book.chapter")), h("th", {}, t(strings, "book.saved")))),
      h("tbody", {}, chapters.map((ch) => h("tr", {}, h("td", {}, ch.title),
        h("td", {}, t(strings, "book.saved_count", { done: ch.ids.filter((id) => id in answers).length, total: ch.ids.length }))))));
  }
  async function download(asHtml) {
    status.textContent = "";
    try {
      const doc = await bookJournal(chapters, strings, el.dataset.exercises);
      if (asHtml) {
        const css = await fetchText(new URL("../journal.css", here));
        saveFile(toHtml(doc, strings, css), "text/html;charset=utf-8", "my-trust-course-journal.html");
      } else {
        saveFile(toMarkdown(doc, strings), "text/markdown;charset=utf-8", "my-trust-course-journal.md");
      }
    } catch (err) {
      console.error("trust-course: the journal could not be made", err);
      status.textContent = t(strings, "book.download_failed");
    }
  }
  function erase() {
    if (!window.confirm(t(strings, "book.confirm_delete"))) return;
    Object.keys(localStorage).filter((k) => k.startsWith(KEY)).forEach((k) => localStorage.removeItem(k));
    draw();
    status.textContent = t(strings, "book.deleted");
  }
  el.replaceChildren(table,
    h("p", {}, h("button", { type: "button", onclick: () => download(true) }, t(strings, "book.download")), " ",
      h("button", { type: "button", onclick: () => download(false) }, t(strings, "book.download_markdown")), " ",
      h("button", { type: "button", onclick: erase }, t(strings, "book.delete"))),
    h("p", {}, t(strings, "book.download_note")), status);
  draw();
}

document.querySelectorAll(".trust-course-overview").forEach(mountOverview);

