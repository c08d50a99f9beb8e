// The rule engine in the browser: runs the compiled rules (trust_course/compiled/rules.json) exactly
// as trust_course/engine.py does; tests/test_feedback.py checks both on every labelled text.
// Read engine.py's docstring for how a text is read.
const SENTENCE_BREAK = /[.!?;\n\r\u2026\u2028\u2029]/g;
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|[,:]/gu;
const QUOTES = { "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"' };
const FUZZY_MIN = 6;
const NEGATION_WINDOW = 3;

export function normalise(text) {
  return text.normalize("NFC").toLowerCase().replace(/[\u2018\u2019\u02bc\u201c\u201d]/g, (q) => QUOTES[q]);
}

export function sentences(text) {
  const out = [];
  let start = 0;
  for (const match of (text + "\n").matchAll(SENTENCE_BREAK)) {
    const words = (text.slice(start, match.index).match(TOKEN) || []).map((t) => t.replaceAll("'", ""));
    if (words.some((w) => w !== "," && w !== ":")) out.push([words, match[0] === "?"]);
    start = match.index + match[0].length;
  }
  return out;
}

const KEEP = 2; // letters at the start of a word that a misspelling never changes

function deletes(word) {
  const chars = Array.from(word);
  return chars.slice(KEEP).map((_, j) => chars.slice(0, j + KEEP).concat(chars.slice(j + KEEP + 1)).join(""));
}

function swaps(word) {
  const chars = Array.from(word);
  const out = [];
  for (let i = KEEP; i < chars.length - 1; i += 1) out.push([...chars.slice(0, i), chars[i + 1], chars[i], ...chars.slice(i + 2)].join(""));
  return out;
}

// The misspellings of a phrase word that still match it (for words of FUZZY_MIN letters or more).
function near(word) {
  return Array.from(word).length >= FUZZY_MIN ? [...deletes(word), ...swaps(word)] : [];
}

class Matcher {
  constructor(data) {
    this.concepts = data.concepts;
    this.negators = new Set(data.negators);
    this.quoting = new Set(data.quoting);
    this.carries = new Set(data.negation_carries);
    this.clauseBreaks = new Set(data.clause_breaks);
    this.hypothetical = data.hypothetical;
    this.fuzzy = new Map();
    this.index = new Map();
  }
  // The exact words, their misspellings, and the long words (which a word with one added letter matches).
  sets(alternatives) {
    if (!this.fuzzy.has(alternatives)) {
      this.fuzzy.set(alternatives, [new Set(alternatives), new Set(alternatives.flatMap(near)),
        new Set(alternatives.filter((a) => Array.from(a).length >= FUZZY_MIN))]);
    }
    return this.fuzzy.get(alternatives);
  }
  wordMatches(alternatives, word) {
    const [exact, misspelt, longWords] = this.sets(alternatives);
    return exact.has(word) || misspelt.has(word)
      || (Array.from(word).length > FUZZY_MIN && deletes(word).some((d) => longWords.has(d)));
  }
  ends(items, words, start) {
    if (!items.length) return [start];
    const [item, ...rest] = items;
    let out = [];
    if (Array.isArray(item)) {
      if (start < words.length && this.wordMatches(item, words[start])) out = this.ends(rest, words, start + 1);
    } else if ("gap" in item) {
      for (let skip = 0; skip <= item.gap; skip += 1) {
        if (start + skip > words.length || words.slice(start, start + skip).includes(",")) break;
        out.push(...this.ends(rest, words, start + skip));
      }
    } else {
      for (const end of this.conceptEnds(item.ref, words, start)) out.push(...this.ends(rest, words, end));
    }
    return [...new Set(out)].sort((a, b) => a - b);
  }
  // Only the phrases that could start at `word` (indexed by first word and its one-letter-off
  // keys); phrases opening with a gap or a concept are always tried. Speed only, same results.
  candidates(name, word) {
    if (!this.index.has(name)) {
      const byWord = new Map();
      const always = [];
      this.concepts[name].forEach((phrase, number) => {
        const first = phrase.length ? phrase[0] : null;
        if (!Array.isArray(first)) { always.push(number); return; }
        for (const key of new Set([...first, ...first.flatMap(near)])) { if (!byWord.has(key)) byWord.set(key, []); byWord.get(key).push(number); }
      });
      this.index.set(name, [byWord, always]);
    }
    const [byWord, always] = this.index.get(name);
    const numbers = new Set(always);
    if (word !== null) {
      const keys = [word, ...(Array.from(word).length > FUZZY_MIN ? deletes(word) : [])];
      for (const key of keys) (byWord.get(key) || []).forEach((n) => numbers.add(n));
    }
    return [...numbers].sort((a, b) => a - b).map((n) => this.concepts[name][n]);
  }
  conceptEnds(name, words, start) {
    const out = new Set();
    const word = start < words.length ? words[start] : null;
    for (const phrase of this.candidates(name, word)) this.ends(phrase, words, start).forEach((e) => out.add(e));
    return [...out].sort((a, b) => a - b);
  }
  hits(name, words) {
    const out = [];
    for (let start = 0; start < words.length; start += 1) {
      if (this.conceptEnds(name, words, start).length) {
        out.push({ start, negated: this.negated(words, start), hypothetical: this.isHypothetical(words, start) });
      }
    }
    return out;
  }
  negated(words, start) {
    let crossed = false;
    for (let j = start - 1; j >= Math.max(0, start - NEGATION_WINDOW); j -= 1) {
      if (words[j] === "," || words[j] === ":") return false;
      if (this.negators.has(words[j]) && !(j > 0 && this.quoting.has(words[j - 1]))) return true;
      if (this.carries.has(words[j]) && !crossed) return this.negated(words, j);
      crossed = crossed || this.clauseBreaks.has(words[j]);
    }
    return false;
  }
  isHypothetical(words, start) {
    for (let i = 0; i < start; i += 1) {
      for (const marker of this.hypothetical) if (this.ends(marker, words, i).some((e) => e <= start)) return true;
    }
    return false;
  }
}

function counts(hit, rule) {
  return (!hit.negated || rule.negation === "count") && (!hit.hypothetical || (rule.hypothetical || "count") === "count");
}

const patterns = new Map();
function pattern(source) {
  if (!patterns.has(source)) patterns.set(source, new RegExp(source, "u"));
  return patterns.get(source);
}

// The clause each word belongs to: a new clause starts at a comma or colon and at words such as "but".
function clauseNumbers(words, breaks) {
  let number = 0;
  return words.map((word) => { if (breaks.has(word)) number += 1; return number; });
}

// An `unless` concept cancels hits in its own clause only.
function sentenceMeets(matcher, rule, words) {
  const clause = clauseNumbers(words, matcher.clauseBreaks);
  const blocked = new Set((rule.unless || []).flatMap((c) => matcher.hits(c, words).map((h) => clause[h.start])));
  for (const group of rule.also || []) {
    if (!group.some((c) => matcher.hits(c, words).some((h) => counts(h, rule)))) return null;
  }
  if (!blocked.size && (rule.patterns || []).some((p) => pattern(p).test(words.join(" ")))) return "pattern";
  for (const concept of rule.any || []) {
    if (matcher.hits(concept, words).some((h) => counts(h, rule) && !blocked.has(clause[h.start]))) return concept;
  }
  return null;
}

function ruleMeets(matcher, rule, parts) {
  for (const [words, isQuestion] of parts) {
    if (isQuestion && (rule.questions || "skip") !== "count") continue;
    const concept = sentenceMeets(matcher, rule, words);
    if (concept) return concept;
  }
  return null;
}

const matchers = new WeakMap();
function matcherFor(rules) {
  if (!matchers.has(rules)) matchers.set(rules, new Matcher(rules));
  return matchers.get(rules);
}

// The kind of danger the text may describe (it leans toward showing help), or null.
export function signpost(rules, text) {
  const parts = sentences(normalise(text));
  for (const [kind, rule] of Object.entries(rules.safety)) {
    if (ruleMeets(matcherFor(rules), { ...rule, questions: "count" }, parts)) return kind;
  }
  return null;
}

export function evaluate(rules, exercise, text) {
  const parts = sentences(normalise(text));
  const { id: promptId, criteria } = exercise;
  const evidence = {};
  const met = {};
  for (const c of criteria) {
    evidence[c.name] = ruleMeets(matcherFor(rules), rules.prompts[promptId][c.name], parts);
    met[c.name] = evidence[c.name] !== null;
  }
  return {
    prompt: promptId,
    criteria: met,
    met: Object.values(met).filter(Boolean).length,
    of: criteria.length,
    hints: criteria.filter((c) => !met[c.name]).map((c) => c.hint),
    evidence: Object.fromEntries(Object.entries(evidence).filter(([, v]) => v !== null)),
    signpost: signpost(rules, text) !== null,
  };
}
