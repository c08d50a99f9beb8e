// Render code of each widget family against a fake model, as anywidget tests its widgets.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mock, test } from "node:test";
import { fakeModel, mount } from "./fake_model.mjs";
import * as checklist from "../../widgets/trust_course/js/checklist.js";
import * as quiz from "../../widgets/trust_course/js/quiz.js";
import * as reflection from "../../widgets/trust_course/js/reflection.js";

const fixtures = JSON.parse(readFileSync(process.env.TC_FIXTURES, "utf8")); // written by tests/test_widgets_js.py
const change = (el, type = "change") => el.dispatchEvent(new Event(type, { bubbles: true }));
// Feedback waits for the engine, which a reflection imports when a learner first writes: wait
// (up to 10 s, for a loaded machine) until `ready()` holds.
async function until(ready) {
  for (let waited = 0; !ready(); waited += 10) {
    if (waited > 10_000) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test("a quiz answer is set on the model and explained, never the key", () => {
  const spec = fixtures.quiz;
  const model = fakeModel({ spec, answer: {}, notice: "" });
  const { el } = mount(quiz, model);
  const radios = [...el.querySelectorAll("input[type=radio]")];
  assert.equal(radios.length, spec.options.length);
  assert.equal(el.querySelector(".tc-feedback").textContent, "");
  const wrong = spec.options.findIndex((o) => !o.correct);
  radios[wrong].checked = true;
  change(radios[wrong]);
  assert.deepEqual(model.state.answer, { choice: spec.options[wrong].id });
  assert.equal(model.saves, 1);
  assert.match(el.querySelector(".tc-feedback").textContent, /Not the best fit/);
  assert.ok(el.querySelector(".tc-feedback").textContent.includes(spec.options[wrong].explain));
});

test("a checklist reflects ticks back and restores them", () => {
  const spec = fixtures.checklist;
  const model = fakeModel({ spec, answer: { ticked: [spec.items[1].id] }, notice: "" });
  const { el } = mount(checklist, model);
  const boxes = [...el.querySelectorAll("input[type=checkbox]")];
  assert.deepEqual(boxes.map((b) => b.checked), spec.items.map((_, i) => i === 1));
  boxes[0].checked = true;
  change(boxes[0]);
  assert.deepEqual(model.state.answer.ticked, [spec.items[0].id, spec.items[1].id]);
  assert.ok(el.querySelector(".tc-feedback").textContent.includes(spec.items[0].text));
});

test("a notice from the host is shown and updated", () => {
  const model = fakeModel({ spec: fixtures.quiz, answer: {}, notice: "" });
  const { el } = mount(quiz, model);
  assert.equal(el.querySelector(".tc-notice").textContent, "");
  model.set("notice", "Your last change could not be saved.");
  assert.equal(el.querySelector(".tc-notice").textContent, "Your last change could not be saved.");
});

test("a reflection loads and saves its text by message, never as model state", () => {
  const spec = fixtures.reflection;
  const model = fakeModel({ spec, notice: "" });
  const { el, cleanup } = mount(reflection, model);
  const box = el.querySelector("textarea");
  assert.deepEqual(model.sent, [{ type: "load" }]);
  assert.equal(box.disabled, true, "nothing can be typed before the saved text arrives");
  model.reply({ type: "loaded", answer: { text: "saved words", shared: true, feedback_on: true } });
  assert.equal(box.value, "saved words");
  assert.equal(el.querySelector("input[value=shared]").checked, true);
  box.value = "new private words";
  el.querySelector("input[value=private]").checked = true;
  change(box);
  assert.deepEqual(model.sent.at(-1), { type: "save", answer: { text: "new private words", shared: false, feedback_on: true, marked: [] } });
  assert.equal(JSON.stringify(model.state).includes("new private words"), false);
  model.reply({ type: "saved", shared: false });
  assert.match(el.querySelector(".tc-saved").textContent, /privately/);
  cleanup();
});

test("a reflection asks again for its saved text until it comes; a late copy never overwrites new words", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const model = fakeModel({ spec: fixtures.reflection, notice: "" });
    const { el, cleanup } = mount(reflection, model);
    const box = el.querySelector("textarea");
    const asks = () => model.sent.filter((m) => m.type === "load").length;
    mock.timers.tick(4_999);
    assert.equal(asks(), 1);
    mock.timers.tick(1);
    assert.equal(asks(), 2, "no reply in 5 s: asked again");
    mock.timers.tick(10_000);
    assert.equal(asks(), 3, "then after 10 s");
    assert.equal(box.disabled, true);
    model.reply({ type: "loaded", answer: { text: "saved words" } });
    assert.equal(box.disabled, false);
    box.value = "words typed since";
    change(box, "input");
    model.reply({ type: "loaded", answer: { text: "saved words" } });
    assert.equal(box.value, "words typed since", "a second reply is ignored");
    mock.timers.tick(120_000);
    assert.equal(asks(), 3, "no asking once the text has come");
    cleanup();
  } finally {
    mock.timers.reset();
  }
});

test("feedback names what is missing, a mark takes a hint away, and the safety note ignores the feedback switch", async () => {
  const spec = fixtures.reflection;
  const model = fakeModel({ spec, notice: "" });
  const { el } = mount(reflection, model);
  model.reply({ type: "loaded", answer: {} });
  const box = el.querySelector("textarea");
  box.value = "Something.";
  change(box);
  assert.equal(el.querySelectorAll(".tc-criteria").length, 0, "no verdict before the engine is here");
  await until(() => el.querySelector(".tc-criteria"));
  const open = el.querySelectorAll(".tc-open").length;
  assert.ok(open >= 1);
  el.querySelector(".tc-mark").dispatchEvent(new Event("click"));
  assert.equal(el.querySelectorAll(".tc-open").length, open - 1);
  assert.equal(model.sent.at(-1).answer.marked.length, 1);
  const toggle = el.querySelector("input[type=checkbox]");
  toggle.checked = false;
  change(toggle);
  box.value = fixtures.danger;
  change(box);
  assert.match(el.querySelector(".tc-feedback").textContent, /Feedback is off/);
  assert.equal(el.querySelectorAll(".tc-signpost").length, 1);
});

test("quiz options are shuffled once per learner and item, the same on every render", () => {
  const spec = fixtures.quiz;
  const order = (seed) => {
    const { el } = mount(quiz, fakeModel({ spec, seed, answer: {}, notice: "" }));
    return [...el.querySelectorAll("input[type=radio]")].map((r) => r.value);
  };
  assert.deepEqual(order("learner-a"), order("learner-a"), "stable across renders");
  assert.deepEqual([...order("learner-a")].sort(), spec.options.map((o) => o.id).sort(), "every option, once");
  const orders = new Set(["a", "b", "c", "d", "e", "f", "g", "h"].map((s) => order(s).join()));
  assert.ok(orders.size > 1, "different learners see different orders");
  assert.deepEqual(quiz.shuffled([1, 2, 3, 4], "x"), quiz.shuffled([1, 2, 3, 4], "x"));
});

test("every reflection and every content note offers a pause with a grounding practice", () => {
  const { el, cleanup } = mount(reflection, fakeModel({ spec: fixtures.reflection, notice: "" }));
  assert.equal(el.querySelectorAll("details.tc-pause").length, 1);
  assert.match(el.querySelector("details.tc-pause").textContent, /five things you can see/);
  cleanup();
  const noted = { ...fixtures.quiz, content_note: "Mentions shouting." };
  assert.equal(mount(quiz, fakeModel({ spec: noted, answer: {}, notice: "" })).el.querySelectorAll("details.tc-pause").length, 1);
  const plain = { ...fixtures.quiz, content_note: undefined };
  assert.equal(mount(quiz, fakeModel({ spec: plain, answer: {}, notice: "" })).el.querySelectorAll("details.tc-pause").length, 0);
});
