// A fake anywidget model (get, set, on, off, save_changes, send) over a plain object, and a DOM
// from jsdom, so the widget modules' render code runs in Node's own test runner.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><body></body>");
for (const name of ["document", "Node", "HTMLElement", "Event", "window"]) globalThis[name] = name === "window" ? dom.window : dom.window[name];

export function fakeModel(state) {
  const listeners = {};
  const model = {
    state,
    sent: [],
    saves: 0,
    get: (name) => state[name],
    set(name, value) { state[name] = value; (listeners[`change:${name}`] || []).forEach((cb) => cb()); },
    on(event, cb) { (listeners[event] ||= []).push(cb); },
    off(event, cb) { listeners[event] = (listeners[event] || []).filter((f) => f !== cb); },
    save_changes() { model.saves += 1; },
    send(msg) { model.sent.push(msg); },
    reply(msg) { (listeners["msg:custom"] || []).forEach((cb) => cb(msg)); },
  };
  return model;
}

export function mount(module, model) {
  const el = document.createElement("div");
  document.body.append(el);
  const cleanup = module.render({ model, el });
  return { el, cleanup };
}
