// Mounts every exercise on a book page with the widget modules JupyterLab runs, using a small
// stand-in for the kernel's model. Answers stay in this browser's localStorage; nothing is sent.
import { h } from "./dom.js";
import { evaluate } from "./feedback.js";

const KEY = "trust-course:answers";
const here = new URL(".", import.meta.url);

export function loadAnswers() {
  try {
    const data = JSON.parse(localStorage.getItem(KEY) || "{}");
    return data && typeof data === "object" ? data : {};
  } catch {
    return {};
  }
}

function saveAnswer(id, answer) {
  localStorage.setItem(KEY, JSON.stringify({ ...loadAnswers(), [id]: answer }));
}

function feedbackFor(spec, answer) {
  if (spec.kind !== "reflection" || answer.feedback_on === false || !(answer.text || "").trim()) return {};
  return evaluate(spec, answer.text, spec.safety);
}

// The subset of the anywidget model API the widgets use: get, set, on, save_changes.
function staticModel(spec) {
  const answer = loadAnswers()[spec.id] || {};
  const state = { spec, answer, feedback: feedbackFor(spec, answer) };
  const listeners = {};
  const emit = (name) => (listeners[name] || []).forEach((cb) => cb());
  return {
    get: (name) => state[name],
    set(name, value) { state[name] = value; emit(`change:${name}`); },
    on(event, cb) { (listeners[event] ||= []).push(cb); },
    off(event, cb) { listeners[event] = (listeners[event] || []).filter((f) => f !== cb); },
    save_changes() {
      saveAnswer(spec.id, state.answer);
      state.feedback = feedbackFor(spec, state.answer);
      emit("change:feedback");
    },
  };
}

async function mount(el) {
  const spec = JSON.parse(el.dataset.spec);
  const module = await import(new URL(`${spec.kind}.js`, here));
  el.replaceChildren();
  module.default.render({ model: staticModel(spec), el });
  el.dataset.mounted = "true";
}

document.querySelectorAll(".trust-course-exercise").forEach((el) => {
  mount(el).catch((err) => console.error("trust-course: could not show an exercise", err));
});

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
    localStorage.removeItem(KEY);
    draw();
    status.textContent = "Deleted. Nothing from the course is left in this browser.";
  }
  el.replaceChildren(table,
    h("p", {}, h("button", { type: "button", onclick: download }, "Download my answers"), " ",
      h("button", { type: "button", onclick: erase }, "Delete my answers")), status);
  draw();
}

document.querySelectorAll(".trust-course-overview").forEach(mountOverview);
