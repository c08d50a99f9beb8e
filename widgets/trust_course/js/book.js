// Mounts every exercise on a book page with the widget modules JupyterLab runs, using a small
// stand-in for the kernel's model. Answers stay in this browser's localStorage; nothing is sent.
// A stored value that cannot be used never takes other answers with it: an unreadable store is
// kept aside under its own key, and an odd entry only empties its own exercise.
import { h, quickExitButton, t } from "./dom.js";
import { KEY, loadAnswers, loadJson, storeNotice } from "./book_store.js";

const here = new URL(".", import.meta.url);
const pageWordsEl = document.getElementById("tc-strings");
const pageWords = pageWordsEl ? JSON.parse(pageWordsEl.textContent) : {};

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

// The interface words of each widget family on this page (written once per page by the book).
function familyWords(kind) {
  const el = document.querySelector(`script.tc-family-strings[data-family="${kind}"]`);
  return el ? JSON.parse(el.textContent) : {};
}

// The subset of the anywidget model API the widgets use: get, set, on, off, save_changes, send.
function staticModel(spec, files) {
  const stored = loadAnswers(spec.strings)[spec.id];
  const fits = usable(spec, stored);
  const answer = fits ? stored || {} : {};
  const state = { spec, seed: learnerSeed(), answer: spec.kind === "reflection" ? {} : answer,
    notice: storeNotice() || (fits ? "" : t(spec.strings, "book.unusable_answer")) };
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
        if (msg.type === "rules") loadJson(files.rules).then((rules) => emit("msg:custom", { type: "rules", rules }));
        if (msg.type === "explanations") {
          loadJson(files.exercises).then((all) => emit("msg:custom", { type: "explanations",
            explanations: all && all[spec.id] ? Object.fromEntries(all[spec.id].options.map((o) => [o.id, o.explain])) : null }));
        }
      });
    },
  };
}

async function mount(el) {
  let strings = pageWords;
  try {
    const { safety, ...words } = familyWords(el.dataset.kind);
    strings = { ...pageWords, ...words };
    const spec = { ...JSON.parse(el.querySelector("script[type='application/json']").textContent), strings, safety };
    const module = await import(new URL(`${spec.kind}.js`, here));
    el.replaceChildren();
    const files = { rules: new URL(el.dataset.rules || "", here), exercises: new URL(el.dataset.exercises || "", here) };
    module.default.render({ model: staticModel(spec, files), el });
    el.dataset.mounted = "true";
  } catch (err) {
    console.error("trust-course: could not show an exercise", err);
    el.replaceChildren(h("p", { class: "tc-notice", role: "alert" }, t(strings, "book.not_shown")));
  }
}

document.querySelectorAll(".trust-course-exercise").forEach(mount);

// A quick exit on every page of the book.
document.body.append(h("div", { class: "tc-quick-exit-bar" }, quickExitButton(pageWords, "book")));

// The learner's record, on the page that has it (its module loads only there).
if (document.querySelector(".trust-course-overview")) import(new URL("overview.js", here));

// A chapter's exercise page prints as its blank worksheet (print.css): a button says so at the top.
function addPrintButton() {
  const first = document.querySelector(".trust-course-exercise");
  if (!first || !window.location.href.startsWith(new URL("../../notebooks/", here).href)) return;
  (first.closest(".cell") || first).before(h("div", { class: "tc-print" },
    h("button", { type: "button", onclick: () => window.print() }, t(pageWords, "book.print_worksheet")),
    h("p", {}, t(pageWords, "book.print_note"))));
}

addPrintButton();
