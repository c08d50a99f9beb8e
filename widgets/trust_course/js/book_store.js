// What the book keeps and fetches, shared by the exercise loader (book.js) and the learner's record
// (overview.js): the answers in this browser's localStorage (a stored value that cannot be read is
// kept aside under its own key, never overwritten), and the data files it loads when first needed.
import { t } from "./dom.js";

// The key names the course and the language (data-store), so two builds on one site never share
// answers; answers kept under the first release's key are moved to it once.
const LEGACY_KEY = "trust-course:answers";
const first = document.querySelector("[data-store]");
export const KEY = first ? first.dataset.store : LEGACY_KEY;
let notice = "";
// What the learner must be told about the store (it was set aside), once it has been read.
export const storeNotice = () => notice;
if (KEY !== LEGACY_KEY && localStorage.getItem(LEGACY_KEY) !== null && localStorage.getItem(KEY) === null) {
  localStorage.setItem(KEY, localStorage.getItem(LEGACY_KEY));
  localStorage.removeItem(LEGACY_KEY);
}

export function loadAnswers(strings) {
  const raw = localStorage.getItem(KEY);
  if (raw === null) return {};
  try {
    const data = JSON.parse(raw);
    if (data && typeof data === "object" && !Array.isArray(data)) return data;
  } catch { /* kept aside below */ }
  const aside = `${KEY}:unreadable:${Date.now()}`;
  localStorage.setItem(aside, raw);
  localStorage.removeItem(KEY);
  notice = t(strings, "book.unreadable_store", { key: aside });
  return {};
}

// The book's data files (trust_course.assets.book_data), each fetched once and only when first
// needed, so a page a reader only reads stays light: the rules (when a learner first writes in a
// reflection) and every exercise in full (the reason a quiz option fits, when one is first chosen;
// the journal). Null if a file cannot be had: the safety note then shows, a quiz says its verdict
// without the reason, and the journal says what it could not include.
const dataFiles = new Map();
export function loadJson(url) {
  if (!dataFiles.has(String(url))) {
    dataFiles.set(String(url), fetch(url).then((r) => (r.ok ? r.json() : null)).catch((err) => {
      console.error(`trust-course: ${url} could not load`, err);
      return null;
    }));
  }
  return dataFiles.get(String(url));
}
