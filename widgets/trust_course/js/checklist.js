// Checklist: tick what applies; the summary reflects it back with no score.
import { frame, h, liveRegion, noticeLine, t, uniqueId } from "./dom.js";
export function render({ model, el }) {
  const spec = model.get("spec");
  const group = uniqueId("tc-check");
  const summary = liveRegion("tc-feedback");
  const boxes = spec.items.map((item) => h("input", { type: "checkbox", id: `${group}-${item.id}`, value: item.id,
    "aria-describedby": item.guidance ? `${group}-${item.id}-guide` : null, onchange: save }));
  const list = h("fieldset", { class: "tc-items" }, h("legend", {}, spec.intro),
    spec.items.map((item, i) => h("div", { class: "tc-item" }, boxes[i],
      h("label", { for: boxes[i].id }, item.text),
      item.guidance ? h("p", { class: "tc-guidance", id: `${group}-${item.id}-guide` }, item.guidance) : null)));

  function save() {
    model.set("answer", { ticked: boxes.filter((b) => b.checked).map((b) => b.value) });
    model.save_changes();
    show();
  }
  function show() {
    const ticked = (model.get("answer") || {}).ticked || [];
    boxes.forEach((box) => { box.checked = ticked.includes(box.value); });
    const texts = spec.items.filter((item) => ticked.includes(item.id)).map((item) => item.text);
    summary.say(ticked.join(" "),
      texts.length ? h("div", {}, h("p", {}, t(spec.strings, "checklist.noticed")), h("ul", {}, texts.map((t) => h("li", {}, t))))
        : h("p", {}, t(spec.strings, "checklist.nothing")),
      spec.closing ? h("p", { class: "tc-closing" }, spec.closing) : null);
  }
  model.on("change:answer", show);
  el.replaceChildren(frame(spec, t(spec.strings, "checklist.kind"), list, summary, noticeLine(model)));
  show();
}
export default { render };
