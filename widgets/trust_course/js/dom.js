// Shared helpers the widget modules import (bundled into each by esbuild: see build.mjs).
// Text always goes in as text nodes, so nothing a learner writes is ever read as HTML.
// Form controls keep their own keys in JupyterLab (arrows within a radio group, Space on a
// checkbox) instead of the notebook's shortcuts, which would move to another cell.
const CONTROLS = new Set(["input", "textarea", "button", "select"]);
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  if (CONTROLS.has(tag)) el.setAttribute("data-lm-suppress-shortcuts", "true");
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else if (value !== false && value != null) el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let lastId = 0;
export function uniqueId(prefix) {
  lastId += 1;
  return `${prefix}-${lastId}-${Math.random().toString(36).slice(2, 8)}`;
}

// An interface string by key from the spec's strings (trust_course/strings/<language>.yml),
// with {name} placeholders filled in. A missing key shows as itself, so it is easy to spot.
export function t(strings, key, values = {}) {
  const text = (strings || {})[key];
  if (text === undefined) return key;
  return text.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// A short grounding practice, one click away from every content note and every reflection.
export function pause(strings) {
  return h("details", { class: "tc-pause" }, h("summary", {}, t(strings, "widget.pause")),
    h("p", {}, t(strings, "widget.pause_steps")));
}

// An exercise's frame; its title is one level below the heading it sits under (spec.heading,
// set by the book; a notebook's exercises sit under its one top heading).
export function frame(spec, kindLabel, ...body) {
  const titleId = uniqueId("tc-title");
  return h("section", { class: `tc-exercise tc-${spec.kind}`, "aria-labelledby": titleId, "data-exercise": spec.id },
    h("div", { class: "tc-top" }, h("p", { class: "tc-kind" }, kindLabel), quickExitButton(spec.strings)),
    h(`h${spec.heading || 2}`, { id: titleId, class: "tc-title" }, spec.title),
    spec.content_note ? h("p", { class: "tc-note" }, h("strong", {}, t(spec.strings, "widget.content_note")), spec.content_note) : null,
    spec.content_note || spec.kind === "reflection" ? pause(spec.strings) : null,
    ...body);
}

// A polite live region that exists from the start and changes (and so is announced) only when
// what it says changes: `say(key, ...children)` with the same key leaves it alone.
export function liveRegion(className) {
  const el = h("div", { class: className, role: "status", "aria-live": "polite" });
  let said;
  el.say = (key, ...children) => {
    if (key === said) return;
    said = key;
    el.replaceChildren(...children);
  };
  return el;
}

// The line where a widget tells the learner what they must know: a failed save, a file set aside.
export function noticeLine(model) {
  const line = h("p", { class: "tc-notice", role: "alert" });
  const show = () => { line.textContent = model.get("notice") || ""; };
  model.on("change:notice", show);
  show();
  return line;
}

// Quick exit (the GOV.UK "Exit this page" pattern): a button, or Shift pressed three times within a
// second, replaces this page with a blank one, so Back does not return to it. History stays.
export function quickExit() {
  window.location.replace("about:blank");
}

let presses = [];
export function listenForQuickExit() {
  if (window.__tcQuickExit) return;
  window.__tcQuickExit = true;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Shift" || event.repeat) return;
    const now = Date.now();
    presses = [...presses.filter((time) => now - time < 1000), now];
    if (presses.length >= 3) quickExit();
  }, true);
}

export function quickExitButton(strings, key = "widget") {
  listenForQuickExit();
  return h("button", { type: "button", class: "tc-quick-exit", title: t(strings, `${key}.quick_exit_note`),
    onclick: quickExit }, t(strings, `${key}.quick_exit`));
}
