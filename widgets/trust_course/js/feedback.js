// Port of trust_course/feedback.py for pages with no kernel. Must give identical results:
// tests/test_feedback_parity.py runs both on the same texts.
const SENTENCE_BREAK = /[.!?;\n\r\u2028\u2029]/g;
const SPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
const QUOTES = { "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"' };
const compiled = new Map();

function regex(pattern) {
  if (!compiled.has(pattern)) compiled.set(pattern, new RegExp(pattern));
  return compiled.get(pattern);
}

export function normalise(text) {
  return text.toLowerCase().replace(/[\u2018\u2019\u201c\u201d]/g, (q) => QUOTES[q]);
}

export function sentences(text) {
  const out = [];
  let start = 0;
  for (const match of (text + "\n").matchAll(SENTENCE_BREAK)) {
    const piece = text.slice(start, match.index).replace(SPACE, " ").replace(/^ +| +$/g, "");
    if (piece) out.push([piece, match[0] === "?"]);
    start = match.index + 1;
  }
  return out;
}

function criterionMet(criterion, parts) {
  return parts.some(([sentence, isQuestion]) =>
    !isQuestion &&
    criterion.patterns.some((p) => regex(p).test(sentence)) &&
    !(criterion.unless || []).some((u) => regex(u).test(sentence)));
}

export function needsSignpost(text, safety) {
  const low = normalise(text).replace(SPACE, " ");
  return safety.signpost_patterns.some((p) => regex(p).test(low));
}

export function evaluate(exercise, text, safety) {
  const parts = sentences(normalise(text));
  const criteria = {};
  for (const c of exercise.criteria) criteria[c.name] = criterionMet(c, parts);
  const met = Object.values(criteria).filter(Boolean).length;
  return {
    prompt: exercise.id,
    criteria,
    met,
    of: exercise.criteria.length,
    hints: exercise.criteria.filter((c) => !criteria[c.name]).map((c) => c.hint),
    signpost: needsSignpost(text, safety),
  };
}
