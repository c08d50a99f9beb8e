// ScenarioQuiz: a short vignette and options; feedback names the cue that decides it.
import { frame, h, noticeLine, t, uniqueId } from "./dom.js";
export function render({ model, el }) {
  const spec = model.get("spec");
  const group = uniqueId("tc-quiz");
  const feedback = h("div", { class: "tc-feedback", role: "status", "aria-live": "polite" });
  const radios = spec.options.map((option) =>
    h("input", { type: "radio", name: group, id: `${group}-${option.id}`, value: option.id,
      onchange: () => { model.set("answer", { choice: option.id }); model.save_changes(); show(); } }));
  const fieldset = h("fieldset", { class: "tc-options" },
    h("legend", {}, spec.question || t(spec.strings, "quiz.question")),
    spec.options.map((option, i) => h("div", { class: "tc-option" }, radios[i],
      h("label", { for: radios[i].id }, option.text))));

  function show() {
    const choice = (model.get("answer") || {}).choice;
    radios.forEach((radio) => { radio.checked = radio.value === choice; });
    const option = spec.options.find((o) => o.id === choice);
    if (!option) { feedback.replaceChildren(); return; }
    feedback.replaceChildren(h("p", { class: option.correct ? "tc-fits" : "tc-think" },
      h("strong", {}, t(spec.strings, option.correct ? "quiz.fits" : "quiz.not_best")), option.explain,
      option.correct ? "" : t(spec.strings, "quiz.try_again")));
  }
  model.on("change:answer", show);
  el.replaceChildren(frame(spec, t(spec.strings, "quiz.kind"), h("p", { class: "tc-vignette" }, spec.vignette), fieldset, feedback, noticeLine(model)));
  show();
}
export default { render };
