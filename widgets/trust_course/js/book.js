// Mounts every exercise on a book page with the widget modules JupyterLab runs, using a small
// stand-in for the kernel's model. Answers stay in this browser's localStorage; nothing is sent.
// A stored value that cannot be used never takes other answers with it: an unreadable store is
// kept aside under its own key, and an odd entry only empties its own exercise.
import { h, quickExitButton, t } from "./dom.js";

// The key names the course and the language (data-store), so two builds on one site never share
// answers; answers kept under the first release's key are moved to it once.
const LEGACY_KEY = "trust-course:answers";
const here = new URL(".", import.meta.url);
const first = document.querySelector("[data-store]");
const KEY = first ? first.dataset.store : LEGACY_KEY;
let storeNotice = "";
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
  storeNotice = t(strings, "book.unreadable_store", { key: aside });
  return {};
}

// A random seed made once per learner in this browser: quiz options are shuffled by it.
function learnerSeed() {
  const key = `${KEY}:seed`;
  if (!localStorage.getItem(key)) localStorage.setItem(key, Math.random().toString(36).slice(2));
  return localStorage.getItem(key);
}

function saveAnswer(id, answer, strings) {
  localStorage.setItem(KEY, JSON.stringify({ ...loadAnswers(strings), [id]: answer }));
}

// Mirrors trust_course.scoring.entry_problem: whether a stored entry fits this exercise.
function usable(spec, entry) {
  if (entry === undefined) return true;
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return false;
  if (spec.kind === "quiz") return spec.options.some((o) => o.id === entry.choice);
  if (spec.kind === "checklist") return entry.ticked === undefined || (Array.isArray(entry.ticked) && entry.ticked.every((t) => typeof t === "string"));
  return (entry.text === undefined || typeof entry.text === "string")
    && ["shared", "feedback_on"].every((k) => entry[k] === undefined || typeof entry[k] === "boolean");
}

// The subset of the anywidget model API the widgets use: get, set, on, off, save_changes, send.
function staticModel(spec) {
  const stored = loadAnswers(spec.strings)[spec.id];
  const fits = usable(spec, stored);
  const answer = fits ? stored || {} : {};
  const state = { spec, seed: learnerSeed(), answer: spec.kind === "reflection" ? {} : answer,
    notice: storeNotice || (fits ? "" : t(spec.strings, "book.unusable_answer")) };
  const listeners = {};
  const emit = (name, ...args) => (listeners[name] || []).forEach((cb) => cb(...args));
  function keep(id, value) {
    try {
      saveAnswer(id, value, spec.strings);
      return true;
    } catch (err) {
      state.notice = t(spec.strings, "book.not_saved", { reason: err.name });
      emit("change:notice");
      return false;
    }
  }
  return {
    get: (name) => state[name],
    set(name, value) { state[name] = value; emit(`change:${name}`); },
    on(event, cb) { (listeners[event] ||= []).push(cb); },
    off(event, cb) { listeners[event] = (listeners[event] || []).filter((f) => f !== cb); },
    save_changes() { keep(spec.id, state.answer); },
    send(msg) {
      queueMicrotask(() => {
        if (msg.type === "load") emit("msg:custom", { type: "loaded", answer });
        if (msg.type === "save" && keep(spec.id, msg.answer)) emit("msg:custom", { type: "saved", local: true });
      });
    },
  };
}

async function mount(el) {
  let strings = {};
  try {
    const spec = JSON.parse(el.dataset.spec);
    strings = spec.strings;
    const module = await import(new URL(`${spec.kind}.js`, here));
    el.replaceChildren();
    module.default.render({ model: staticModel(spec), el });
    el.dataset.mounted = "true";
  } catch (err) {
    console.error("trust-course: could not show an exercise", err);
    el.replaceChildren(h("p", { class: "tc-notice", role: "alert" }, t(strings, "book.not_shown")));
  }
}

document.querySelectorAll(".trust-course-exercise").forEach(mount);

// A quick exit on every page of the book.
const words = document.getElementById("tc-strings");
document.body.append(h("div", { class: "tc-quick-exit-bar" },
  quickExitButton(words ? JSON.parse(words.textContent) : {}, "book")));

// The learner's record: saved exercises per chapter, and download or delete everything.
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
  function download() {
    const blob = new Blob([JSON.stringify(loadAnswers(strings), null, 1)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: "my-trust-course-answers.json" });
    link.click();
    URL.revokeObjectURL(link.href);
  }
  function erase() {
    if (!window.confirm(t(strings, "book.confirm_delete"))) return;
    Object.keys(localStorage).filter((k) => k.startsWith(KEY)).forEach((k) => localStorage.removeItem(k));
    draw();
    status.textContent = t(strings, "book.deleted");
  }
  el.replaceChildren(table,
    h("p", {}, h("button", { type: "button", onclick: download }, t(strings, "book.download")), " ",
      h("button", { type: "button", onclick: erase }, t(strings, "book.delete"))), status);
  draw();
}

document.querySelectorAll(".trust-course-overview").forEach(mountOverview);
