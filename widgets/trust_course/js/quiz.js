// ScenarioQuiz: a short vignette and options; feedback names the cue that decides it.
// Options appear in an order shuffled once per learner (the model's "seed") and per item, the same
// on every reload, so the right answer is never always in one place.
import { frame, h, liveRegion, noticeLine, t, uniqueId } from "./dom.js";

// FNV-1a hash of the text, then mulberry32: a small seeded generator that runs the same everywhere.
function generator(text) {
  let state = 2166136261;
  for (const ch of text) state = Math.imul(state ^ ch.codePointAt(0), 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(items, seed) {
  const out = [...items];
  const next = generator(seed);
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function render({ model, el }) {
  const spec = { ...model.get("spec") };
  spec.options = shuffled(spec.options, `${model.get("seed") || ""}:${spec.id}`);
  const group = uniqueId("tc-quiz");
  const feedback = liveRegion("tc-feedback");
  const radios = spec.options.map((option) =>
    h("input", { type: "radio", name: group, id: `${group}-${option.id}`, value: option.id,
      onchange: () => { model.set("answer", { choice: option.id }); model.save_changes(); show(); } }));
  const fieldset = h("fieldset", { class: "tc-options" },
    h("legend", {}, spec.question || t(spec.strings, "quiz.question")),
    spec.options.map((option, i) => h("div", { class: "tc-option" }, radios[i],
      h("label", { for: radios[i].id }, option.text))));

  // Why each option fits or not: in the spec (JupyterLab), or asked for when an option is first
  // chosen (the book keeps them out of its pages, in a file it loads then); null if they cannot come.
  let explained = spec.options.every((o) => o.explain) ? Object.fromEntries(spec.options.map((o) => [o.id, o.explain])) : undefined;
  function onMessage(msg) {
    if (msg.type === "explanations") { explained = msg.explanations || null; show(); }
  }
  function show() {
    const choice = (model.get("answer") || {}).choice;
    radios.forEach((radio) => { radio.checked = radio.value === choice; });
    const option = spec.options.find((o) => o.id === choice);
    if (!option) { feedback.say(""); return; }
    if (explained === undefined) { explained = false; model.send({ type: "explanations" }); }
    if (explained === false) return; // asked for: the verdict is said once, with its reason
    feedback.say(choice, h("p", { class: option.correct ? "tc-fits" : "tc-think" },
      h("strong", {}, t(spec.strings, option.correct ? "quiz.fits" : "quiz.not_best")), (explained || {})[option.id] || "",
      option.correct ? "" : t(spec.strings, "quiz.try_again")));
  }
  model.on("change:answer", show);
  model.on("msg:custom", onMessage);
  el.replaceChildren(frame(spec, t(spec.strings, "quiz.kind"), h("p", { class: "tc-vignette" }, spec.vignette), fieldset, feedback, noticeLine(model)));
  show();
  return () => model.off("msg:custom", onMessage);
}
export default { render };
