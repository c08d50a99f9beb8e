// Reads {rules, cases: [{exercise, text}], split: [text]} as JSON on stdin; prints the JS engine's
// results for the cases and its sentences for the split texts.
import { readFileSync } from "node:fs";
import { evaluate, normalise, sentences } from "../../widgets/trust_course/js/feedback.js";

const { rules, cases, split } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  results: cases.map(({ exercise, text }) => evaluate(rules, exercise, text)),
  sentences: split.map((text) => sentences(normalise(text))),
}));
