// Mounts every exercise on a book page with the widget modules JupyterLab runs, using a small
// stand-in for the kernel's model. Answers stay in this browser's localStorage; nothing is sent.
// A stored value that cannot be used never takes other answers with it: an unreadable store is
// kept aside under its own key, and an odd entry only empties its own exercise.
import { h } from "./dom.js";

const KEY = "trust-course:answers";
const here = new URL(".", import.meta.url);
let storeNotice = "";

export function loadAnswers() {
  const raw = localStorage.getItem(KEY);
  if (raw === null) return {};
  try {
    const data = JSON.parse(raw);
    if (data && typeof data === "object" && !Array.isArray(data)) return data;
  } catch { /* kept aside below */ }
  const aside = `${KEY}:unreadable:${Date.now()}`;
  localStorage.setItem(aside, raw);
  localStorage.removeItem(KEY);
  storeNotice = `Your saved answers in this browser could not be read. They were kept under "${aside}" and not overwritten.`;
  return {};
}

function saveAnswer(id, answer) {
  localStorage.setItem(KEY, JSON.stringify({ ...loadAnswers(), [id]: answer }));
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
  const stored = loadAnswers()[spec.id];
  const fits = usable(spec, stored);
  const answer = fits ? stored || {} : {};
  const state = { spec, answer: spec.kind === "reflection" ? {} : answer,
    notice: storeNotice || (fits ? "" : "The answer saved for this exercise could not be used, so it starts empty.") };
  const listeners = {};
  const emit = (name, ...args) => (listeners[name] || []).forEach((cb) => cb(...args));
  function keep(id, value) {
    try {
      saveAnswer(id, value);
      return true;
    } catch (err) {
      state.notice = `Your last change could not be saved in this browser (${err.name}). What you saved before is safe.`;
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
  try {
    const spec = JSON.parse(el.dataset.spec);
    const module = await import(new URL(`${spec.kind}.js`, here));
    el.replaceChildren();
    module.default.render({ model: staticModel(spec), el });
    el.dataset.mounted = "true";
  } catch (err) {
    console.error("trust-course: could not show an exercise", err);
    el.replaceChildren(h("p", { class: "tc-notice", role: "alert" },
      "This exercise could not be shown. Your other answers are safe."));
  }
}

document.querySelectorAll(".trust-course-exercise").forEach(mount);

// The learner's record: saved exercises per chapter, and download or delete everything.
function mountOverview(el) {
  const chapters = JSON.parse(el.dataset.chapters);
  const status = h("p", { role: "status", "aria-live": "polite" });
  const table = h("table", { class: "tc-overview" });
  function draw() {
    const answers = loadAnswers();
    table.replaceChildren(h("thead", {}, h("tr", {}, h("th", {}, "Chapter"), h("th", {}, "Saved"))),
      h("tbody", {}, chapters.map((ch) => h("tr", {}, h("td", {}, ch.title),
        h("td", {}, `${ch.ids.filter((id) => id in answers).length} of ${ch.ids.length}`)))));
  }
  function download() {
    const blob = new Blob([JSON.stringify(loadAnswers(), null, 1)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: "my-trust-course-answers.json" });
    link.click();
    URL.revokeObjectURL(link.href);
  }
  function erase() {
    if (!window.confirm("Delete all your answers and reflections from this browser? This cannot be undone.")) return;
    Object.keys(localStorage).filter((k) => k.startsWith(KEY)).forEach((k) => localStorage.removeItem(k));
    draw();
    status.textContent = "Deleted. Nothing from the course is left in this browser.";
  }
  el.replaceChildren(table,
    h("p", {}, h("button", { type: "button", onclick: download }, "Download my answers"), " ",
      h("button", { type: "button", onclick: erase }, "Delete my answers")), status);
  draw();
}

document.querySelectorAll(".trust-course-overview").forEach(mountOverview);
