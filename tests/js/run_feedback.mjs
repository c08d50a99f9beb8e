// Reads {cases: [{exercise, text}], safety} as JSON on stdin; prints the JS engine's results.
import { readFileSync } from "node:fs";
import { evaluate } from "../../widgets/trust_course/js/feedback.js";

const { cases, safety } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(({ exercise, text }) => evaluate(exercise, text, safety))));
