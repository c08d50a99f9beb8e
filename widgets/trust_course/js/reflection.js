// Reflection: a private-by-default text box with gentle feedback on the answer's structure.
function render({ model, el }) {
  const spec = model.get("spec");
  const id = uniqueId("tc-reflect");
  const answer = () => model.get("answer") || {};
  const box = h("textarea", { id: `${id}-text`, rows: 6, class: "tc-text", oninput: () => { clearTimeout(timer); timer = setTimeout(save, 400); } });
  let timer;
  const privacy = ["private", "shared"].map((value) => h("input", { type: "radio", name: `${id}-privacy`, id: `${id}-${value}`, value, onchange: save }));
  const feedbackOn = h("input", { type: "checkbox", id: `${id}-feedback`, onchange: save });
  const feedback = h("div", { class: "tc-feedback", role: "status", "aria-live": "polite" });

  function save() {
    clearTimeout(timer);
    model.set("answer", { text: box.value, shared: privacy[1].checked, feedback_on: feedbackOn.checked });
    model.save_changes();
  }
  function showFeedback() {
    const result = model.get("feedback") || {};
    const parts = [];
    if (!feedbackOn.checked) parts.push(h("p", {}, "Feedback is off. Your writing is still saved."));
    else if (!box.value.trim()) parts.push(h("p", {}, "When you write, you will see which parts of the prompt your answer covers."));
    else if (result.criteria) {
      parts.push(h("p", {}, "Your answer:"), h("ul", { class: "tc-criteria" }, spec.criteria.map((c) =>
        h("li", { class: result.criteria[c.name] ? "tc-met" : "tc-open" },
          result.criteria[c.name] ? `✓ ${c.label}` : `○ ${c.hint}`))));
      parts.push(h("p", { class: "tc-closing" }, "This looks only at what your answer includes, never at your feelings. There is no right way to feel."));
    }
    if (result.signpost) {
      const safety = spec.safety;
      parts.push(h("div", { class: "tc-signpost", role: "note" }, h("p", {}, safety.message),
        h("ul", {}, safety.lines.map((line) => h("li", {}, line))),
        h("p", {}, safety.check_locally), h("p", { class: "tc-limits" }, safety.limits)));
    }
    feedback.replaceChildren(...parts);
  }
  function show() {
    const a = answer();
    if (document.activeElement !== box && box.value !== (a.text || "")) box.value = a.text || "";
    privacy[a.shared ? 1 : 0].checked = true;
    feedbackOn.checked = a.feedback_on !== false;
    showFeedback();
  }
  model.on("change:answer", show);
  model.on("change:feedback", showFeedback);
  const choices = h("fieldset", { class: "tc-privacy" }, h("legend", {}, "Who can see this?"),
    h("div", {}, privacy[0], h("label", { for: privacy[0].id }, "Private: stays on this device and is never submitted")),
    h("div", {}, privacy[1], h("label", { for: privacy[1].id }, "Shared: sent with your notebook when you submit it")));
  el.replaceChildren(frame(spec, "Reflection",
    h("label", { for: box.id, class: "tc-prompt" }, spec.prompt), box, choices,
    h("div", { class: "tc-toggle" }, feedbackOn, h("label", { for: feedbackOn.id }, "Show feedback on my answer")),
    feedback));
  show();
}
export default { render };
