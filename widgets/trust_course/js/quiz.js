// ScenarioQuiz: a short vignette and options; feedback names the cue that decides it.
function render({ model, el }) {
  const spec = model.get("spec");
  const group = uniqueId("tc-quiz");
  const feedback = h("div", { class: "tc-feedback", role: "status", "aria-live": "polite" });
  const radios = spec.options.map((option) =>
    h("input", { type: "radio", name: group, id: `${group}-${option.id}`, value: option.id,
      onchange: () => { model.set("answer", { choice: option.id }); model.save_changes(); show(); } }));
  const fieldset = h("fieldset", { class: "tc-options" },
    h("legend", {}, spec.question || "What fits best?"),
    spec.options.map((option, i) => h("div", { class: "tc-option" }, radios[i],
      h("label", { for: radios[i].id }, option.text))));

  function show() {
    const choice = (model.get("answer") || {}).choice;
    radios.forEach((radio) => { radio.checked = radio.value === choice; });
    const option = spec.options.find((o) => o.id === choice);
    if (!option) { feedback.replaceChildren(); return; }
    feedback.replaceChildren(h("p", { class: option.correct ? "tc-fits" : "tc-think" },
      h("strong", {}, option.correct ? "This fits best. " : "Not the best fit. "), option.explain,
      option.correct ? "" : " You can try another option."));
  }
  model.on("change:answer", show);
  el.replaceChildren(frame(spec, "Scenario", h("p", { class: "tc-vignette" }, spec.vignette), fieldset, feedback, noticeLine(model)));
  show();
}
export default { render };
