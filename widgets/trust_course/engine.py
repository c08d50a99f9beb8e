"""The rule engine that reads learners' writing: concept lists, scope, criteria and the safety check.

It executes the rules in the compiled course file (written by `trust-course build` from
`rules/*.yml`); `js/feedback.js` executes the same file in the browser and must give identical
results (tests/test_feedback.py runs both on every labelled text). It looks at what an answer
contains, never at what the writer feels.

How a text is read: it is NFC-normalised and lowercased, curly quotes become straight ones, and it
is split into sentences at . ! ? ; … and line breaks. Each sentence becomes words (letters and
digits of any script; apostrophes inside a word are dropped, so "don't" is "dont") and commas.
A concept phrase matches a run of words; a phrase word of six letters or more also matches the
same word with one letter missing, one letter added, or two neighbouring letters swapped, after
its first two letters (which must match, so "bother" never reads as "brother"). A hit is negated
when a negator stands up to three words before it in the same clause (not a quoted answer, as in
"say no next time"; "or" and "nor" carry it on, as in "never hit me or threatened me"), and
hypothetical when a hypothetical marker stands earlier in the sentence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SENTENCE_BREAK = re.compile("[.!?;\n\r\u2026\u2028\u2029]")
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[,:]")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
FUZZY_MIN = 6
NEGATION_WINDOW = 3


_loaded: dict = {}


def rules() -> dict:
    if "rules" not in _loaded:
        from .content import compiled

        use(compiled()["rules"])
    return _loaded["rules"]


def use(compiled: dict) -> None:
    """Run on these compiled rules from now on (the benchmark compiles in memory)."""
    _loaded["rules"], _loaded["matcher"] = compiled, Matcher(compiled)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().translate(QUOTES)


def sentences(text: str) -> list[tuple[list[str], bool]]:
    """Normalised text as (words, is_question) per sentence."""
    out, start = [], 0
    for match in SENTENCE_BREAK.finditer(text + "\n"):
        words = [t.replace("'", "") for t in TOKEN.findall(text[start : match.start()])]
        if any(w != "," and w != ":" for w in words):
            out.append((words, match.group() == "?"))
        start = match.end()
    return out


KEEP = 2  # letters at the start of a word that a misspelling never changes


def deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(KEEP, len(word))}


def swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(KEEP, len(word) - 1)}


def near(word: str) -> set[str]:
    """The misspellings of a phrase word that still match it (for words of FUZZY_MIN letters or more)."""
    return deletes(word) | swaps(word) if len(word) >= FUZZY_MIN else set()


class Matcher:
    """Finds concept hits in a sentence's words, with each hit's scope."""

    def __init__(self, data: dict):
        self.concepts = data["concepts"]
        self.negators = set(data["negators"])
        self.quoting = set(data["quoting"])
        self.carries = set(data["negation_carries"])
        self.clause_breaks = set(data["clause_breaks"])
        self.hypothetical = data["hypothetical"]
        self.fuzzy: dict[int, tuple[set[str], set[str], set[str]]] = {}
        self.index: dict[str, tuple[dict, list]] = {}
        self.memo: dict[tuple, list] = {}  # phrase candidates by (concept, word), hits by (concept, words)

    def _sets(self, alternatives: list[str]) -> tuple[set[str], set[str], set[str]]:
        """The exact words, their misspellings, and the long words (which a word with one added letter matches)."""
        key = id(alternatives)
        if key not in self.fuzzy:
            self.fuzzy[key] = (
                set(alternatives),
                set().union(*(near(a) for a in alternatives)),
                {a for a in alternatives if len(a) >= FUZZY_MIN},
            )
        return self.fuzzy[key]

    def word_matches(self, alternatives: list[str], word: str) -> bool:
        exact, misspelt, long_words = self._sets(alternatives)
        return (
            word in exact or word in misspelt or (len(word) > FUZZY_MIN and any(d in long_words for d in deletes(word)))
        )

    def ends(self, items: list, words: list[str], start: int) -> list[int]:
        """Every position where `items` can end if matched from `start`."""
        if not items:
            return [start]
        item, rest = items[0], items[1:]
        out: list[int] = []
        if isinstance(item, list):
            if start < len(words) and self.word_matches(item, words[start]):
                out = self.ends(rest, words, start + 1)
        elif "gap" in item:
            for skip in range(item["gap"] + 1):
                if start + skip > len(words) or "," in words[start : start + skip]:
                    break
                out += self.ends(rest, words, start + skip)
        else:
            for end in self.concept_ends(item["ref"], words, start):
                out += self.ends(rest, words, end)
        return sorted(set(out))

    def candidates(self, name: str, word: str | None) -> list[list]:
        """The phrases of `name` that could start at `word`: an index by first word (and its
        one-letter-off keys) so that only those are tried; phrases opening with a gap or a
        concept are always tried. It never changes what matches, only how fast."""
        if name not in self.index:
            by_word: dict[str, list[int]] = {}
            always = []
            for number, phrase in enumerate(self.concepts[name]):
                first = phrase[0] if phrase else None
                if not isinstance(first, list):
                    always.append(number)
                    continue
                for key in set(first).union(*(near(a) for a in first)):
                    by_word.setdefault(key, []).append(number)
            self.index[name] = (by_word, always)
        if (name, word) not in self.memo:
            by_word, always = self.index[name]
            keys = [word, *(deletes(word) if len(word) > FUZZY_MIN else [])] if word is not None else []
            numbers = set(always).union(*(by_word.get(k, ()) for k in keys))
            self.memo[name, word] = [self.concepts[name][n] for n in sorted(numbers)]
        return self.memo[name, word]

    def concept_ends(self, name: str, words: list[str], start: int) -> list[int]:
        word = words[start] if start < len(words) else None
        return sorted({end for phrase in self.candidates(name, word) for end in self.ends(phrase, words, start)})

    def hits(self, name: str, words: list[str]) -> list[dict]:
        """Every start of `name` in `words`, with whether it is negated or hypothetical."""
        key = (name, tuple(words))
        if key not in self.memo:
            if len(self.memo) > 200_000:
                self.memo.clear()
            self.memo[key] = self._hits(name, words)
        return self.memo[key]

    def _hits(self, name: str, words: list[str]) -> list[dict]:
        out = []
        for start in range(len(words)):
            if self.concept_ends(name, words, start):
                out.append(
                    {
                        "start": start,
                        "negated": self.negated(words, start),
                        "hypothetical": self.is_hypothetical(words, start),
                    }
                )
        return out

    def negated(self, words: list[str], start: int) -> bool:
        """A negator up to NEGATION_WINDOW words back; an "or" reached before any other clause
        word carries the look back on from there ("never hit me or threatened me", but not
        "not suicidal or anything but ...")."""
        crossed = False
        for j in range(start - 1, max(0, start - NEGATION_WINDOW) - 1, -1):
            if words[j] in (",", ":"):
                return False
            if words[j] in self.negators and not (j > 0 and words[j - 1] in self.quoting):
                return True
            if words[j] in self.carries and not crossed:
                return self.negated(words, j)
            crossed = crossed or words[j] in self.clause_breaks
        return False

    def is_hypothetical(self, words: list[str], start: int) -> bool:
        return any(
            end <= start for i in range(start) for marker in self.hypothetical for end in self.ends(marker, words, i)
        )


def counts(hit: dict, rule: dict) -> bool:
    return (not hit["negated"] or rule.get("negation") == "count") and (
        not hit["hypothetical"] or rule.get("hypothetical", "count") == "count"
    )


@lru_cache(maxsize=256)
def pattern(source: str) -> re.Pattern:
    return re.compile(source)


def clause_numbers(words: list[str], breaks: set[str]) -> list[int]:
    """The clause each word belongs to: a new clause starts at a comma or colon and at words such as "but"."""
    out, number = [], 0
    for word in words:
        if word in breaks:
            number += 1
        out.append(number)
    return out


def sentence_meets(matcher: Matcher, rule: dict, words: list[str]) -> str | None:
    """The concept that makes this sentence meet `rule` ("pattern" for a raw pattern), or None.
    An `unless` concept cancels hits in its own clause only."""
    clause = clause_numbers(words, matcher.clause_breaks)
    blocked = {clause[h["start"]] for c in rule.get("unless", []) for h in matcher.hits(c, words)}
    for group in rule.get("also", []):
        if not any(any(counts(h, rule) for h in matcher.hits(c, words)) for c in group):
            return None
    if not blocked and any(pattern(p).search(" ".join(words)) for p in rule.get("patterns", [])):
        return "pattern"
    for concept in rule.get("any", []):
        if any(counts(h, rule) and clause[h["start"]] not in blocked for h in matcher.hits(concept, words)):
            return concept
    return None


def rule_meets(matcher: Matcher, rule: dict, parts: list[tuple[list[str], bool]]) -> str | None:
    """The deciding concept of the first sentence (questions only where the rule allows) that meets it."""
    for words, is_question in parts:
        if is_question and rule.get("questions", "skip") != "count":
            continue
        concept = sentence_meets(matcher, rule, words)
        if concept:
            return concept
    return None


def matcher() -> Matcher:
    rules()
    return _loaded["matcher"]


def signpost(text: str) -> str | None:
    """The kind of danger the text may describe (it leans toward showing help), or None."""
    parts = sentences(normalise(text))
    for kind, rule in rules()["safety"].items():
        if rule_meets(matcher(), {**rule, "questions": "count"}, parts):
            return kind
    return None


def evaluate(exercise: dict, text: str) -> dict:
    """Which criteria the text meets (and the concept that decided each), with a gentle hint for
    each one it does not yet meet, and whether to show the safety note."""
    parts = sentences(normalise(text))
    criteria = exercise["criteria"]
    prompt_rules = rules()["prompts"][exercise["id"]]
    evidence = {c["name"]: rule_meets(matcher(), prompt_rules[c["name"]], parts) for c in criteria}
    met = {name: concept is not None for name, concept in evidence.items()}
    return {
        "prompt": exercise["id"],
        "criteria": met,
        "met": sum(met.values()),
        "of": len(met),
        "hints": [c["hint"] for c in criteria if not met[c["name"]]],
        "evidence": {name: concept for name, concept in evidence.items() if concept},
        "signpost": signpost(text) is not None,
    }


def bundle(prompt_id: str) -> dict:
    """The compiled rules a front end needs for one prompt: its criteria and the safety kinds,
    with only the concepts they use."""
    data = rules()
    chosen = {"prompts": {prompt_id: data["prompts"][prompt_id]}, "safety": data["safety"]}
    used = [
        c
        for group in (chosen["prompts"][prompt_id], chosen["safety"])
        for rule in group.values()
        for c in [*rule.get("any", []), *rule.get("unless", []), *(x for g in rule.get("also", []) for x in g)]
    ]
    concepts: dict = {}
    while used:
        name = used.pop()
        if name not in concepts:
            concepts[name] = data["concepts"][name]
            used += [i["ref"] for phrase in concepts[name] for i in phrase if isinstance(i, dict) and "ref" in i]
    return {
        **chosen,
        "concepts": dict(sorted(concepts.items())),
        "negators": data["negators"],
        "quoting": data["quoting"],
        "negation_carries": data["negation_carries"],
        "clause_breaks": data["clause_breaks"],
        "hypothetical": data["hypothetical"],
        "hash": data["hash"],
    }
