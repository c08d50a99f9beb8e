// Used by `trust-course check`: compile each raw pattern as the book does (flag "u") and report,
// per probe string, the span of the first match in code points, or the error JavaScript raises.
import { readFileSync } from "node:fs";

const { patterns, probes } = JSON.parse(readFileSync(0, "utf-8"));
const points = (s, index) => Array.from(s.slice(0, index)).length;
const out = patterns.map((source) => {
  let regex;
  try {
    regex = new RegExp(source, "u");
  } catch (err) {
    return { error: String(err.message) };
  }
  return { spans: probes.map((probe) => {
    const m = regex.exec(probe);
    return m ? [points(probe, m.index), points(probe, m.index + m[0].length)] : null;
  }) };
});
process.stdout.write(JSON.stringify(out));
