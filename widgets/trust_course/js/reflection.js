// Reflection: a private-by-default text box with gentle feedback on the answer's structure.
// The text is never model state: it is loaded and saved with custom messages ("load", "save"),
// which the kernel (JupyterLab) or the page's stand-in (the book) answers. Feedback and the
// safety check run here, in the browser, with the same rules in both hosts: JupyterLab puts them
// in the spec; the book sends them when asked ("rules"), so a page a reader only reads stays light.
// Feedback and the safety note are live regions that change only when their verdict does.
import { frame, h, liveRegion, noticeLine, t as text, uniqueId } from "./dom.js";
export function render({ model, el }) {
  const spec = model.get("spec");
  const t = (key) => text(spec.strings, key);
  const id = uniqueId("tc-reflect");
  let timer;
  let marked = [];
  // The rules and the engine that runs them, and whether they are here, asked for, or could not
  // come (the book's split build loads the engine only now; JupyterLab's has it in this file).
  let rules = null;
  let engine = null;
  let rulesState = "none";
  const loadEngine = () => import("./feedback.js").then((m) => { engine = m; });
  function needRules() {
    if (rulesState !== "none") return;
    rulesState = "asked";
    if (spec.rules) onMessage({ type: "rules", rules: spec.rules });
    else model.send({ type: "rules" });
  }
  const box = h("textarea", { id: `${id}-text`, rows: 6, class: "tc-text", disabled: true, onfocus: needRules,
    oninput: () => { clearTimeout(timer); timer = setTimeout(save, 400); }, onchange: save });
  const privacy = ["private", "shared"].map((value) => h("input", { type: "radio", name: `${id}-privacy`, id: `${id}-${value}`, value, onchange: save }));
  const feedbackOn = h("input", { type: "checkbox", id: `${id}-feedback`, checked: true, onchange: save });
  const feedback = liveRegion("tc-feedback");
  const signpost = liveRegion("tc-signpost-slot");
  const saved = h("p", { class: "tc-saved" });
  // The saved text can be slow to come (a kernel busy running the chapter, a socket that
  // reconnects): ask again, less and less often, until it does. Only the first reply is applied,
  // so a late copy never overwrites what the learner has typed since.
  let loaded = false;
  let askAgain;
  function askForText(wait) {
    model.send({ type: "load" });
    askAgain = setTimeout(() => askForText(Math.min(wait * 2, 30_000)), wait);
  }

  function current() {
    return { text: box.value, shared: privacy[1].checked, feedback_on: feedbackOn.checked, marked };
  }
  function save() {
    clearTimeout(timer);
    model.send({ type: "save", answer: current() });
    showFeedback();
  }
  function result() {
    if (!rules || !engine) return null;
    try {
      return engine.evaluate(rules, spec, box.value);
    } catch (err) {
      console.error("trust-course: the feedback rules could not run", err);
      return null;
    }
  }
  function criteriaList(outcome) {
    return h("ul", { class: "tc-criteria" }, spec.criteria.map((c) => {
      if (outcome.criteria[c.name]) return h("li", { class: "tc-met" }, `✓ ${c.label}`);
      if (marked.includes(c.name)) return h("li", { class: "tc-met" }, `✓ ${c.label} ${t("reflection.marked")}`);
      const mark = h("button", { type: "button", class: "tc-mark",
        onclick: () => { marked = [...marked, c.name]; save(); } }, t("reflection.mark"));
      return h("li", { class: "tc-open" }, `○ ${c.hint} `, mark);
    }));
  }
  function showFeedback() {
    // Written words need the rules (asked for on focus already, mostly); until they arrive, wait.
    if (box.value.trim() && rulesState === "none") needRules();
    if (rulesState === "asked" && box.value.trim()) return;
    const outcome = result();
    if (!feedbackOn.checked) feedback.say("off", h("p", {}, t("reflection.feedback_off")));
    else if (!box.value.trim()) feedback.say("empty", h("p", {}, t("reflection.empty")));
    else if (!outcome) feedback.say("unavailable", h("p", {}, t("reflection.unavailable")));
    else {
      const verdict = spec.criteria.map((c) => (outcome.criteria[c.name] ? "met" : marked.includes(c.name) ? "marked" : "open"));
      feedback.say(verdict.join(), h("p", {}, t("reflection.your_answer")), criteriaList(outcome),
        h("p", { class: "tc-closing" }, t("reflection.not_feelings")));
    }
    // The safety note never depends on the feedback setting, and shows if the check itself fails.
    const show = box.value.trim() ? !outcome || outcome.signpost : rulesState === "failed";
    const safety = spec.safety;
    signpost.say(show, show ? h("div", { class: "tc-signpost", role: "note" },
      h("p", {}, safety.message), h("ul", {}, safety.lines.map((line) => h("li", {}, line))),
      h("p", {}, safety.check_locally), h("p", { class: "tc-limits" }, safety.limits)) : "");
  }
  function apply(answer) {
    box.value = typeof answer.text === "string" ? answer.text : "";
    privacy[answer.shared === true ? 1 : 0].checked = true;
    feedbackOn.checked = answer.feedback_on !== false;
    marked = Array.isArray(answer.marked) ? answer.marked.filter((m) => typeof m === "string") : [];
    box.disabled = false;
    showFeedback();
  }
  function onMessage(msg) {
    if (msg.type === "loaded" && !loaded) {
      loaded = true;
      clearTimeout(askAgain);
      apply(msg.answer || {});
    }
    if (msg.type === "rules") {
      const ready = msg.rules ? loadEngine() : Promise.reject(new Error("no rules"));
      ready.then(() => { rules = msg.rules; rulesState = "ready"; }, () => { rulesState = "failed"; }).then(showFeedback);
    }
    if (msg.type === "saved") {
      saved.textContent = t(msg.local ? "reflection.saved_browser" : msg.shared ? "reflection.saved_shared" : "reflection.saved_private");
    }
  }
  model.on("msg:custom", onMessage);
  const choices = h("fieldset", { class: "tc-privacy" }, h("legend", {}, t("reflection.privacy")),
    h("div", {}, privacy[0], h("label", { for: privacy[0].id }, t("reflection.private"))),
    h("div", {}, privacy[1], h("label", { for: privacy[1].id }, t("reflection.shared"))));
  privacy[0].checked = true;
  el.replaceChildren(frame(spec, t("reflection.kind"),
    h("label", { for: box.id, class: "tc-prompt" }, spec.prompt), box, choices,
    h("div", { class: "tc-toggle" }, feedbackOn, h("label", { for: feedbackOn.id }, t("reflection.feedback_toggle"))),
    feedback, signpost, saved, noticeLine(model)));
  askForText(5_000);
  return () => { clearTimeout(askAgain); model.off("msg:custom", onMessage); };
}
export default { render };
