// Mounts every exercise on a book page with the widget modules JupyterLab runs, using a small
// stand-in for the kernel's model. Answers stay in this browser's localStorage; nothing is sent.
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
