"""Compile the rules a writer keeps in `book/` into the data both engines run (part of the compiled course).

`book/concepts.yml` holds the shared concept lists, negators, quoting words, the words a negation
carries across, clause breaks and hypothetical markers; `book/safety/rules.yml` one rule per kind
of danger; `book/chNN/rules/<prompt id>.yml` a prompt's own concepts and one rule per criterion.

An entry of a concept list is phrases separated by " | "; a phrase is words separated by spaces (a
hyphen also separates words, as it does in the text):
- `word*` also matches the word's inflections (from lemminflect, at build time);
- `a/b` matches either word; an alternative of several words joins them with "_" ("wont/will_not"),
  since "wont/will not" would read as "wont" or "will", then "not"; `...` skips up to three words
  (not past a comma);
- `{name}` matches any phrase of another concept (a prompt's own concepts by their short name).
A rule: `any` (concepts, one of which must hit), `also` (groups of concepts that must each hit in
the same sentence), `unless` (concepts that cancel hits in their own clause: clauses end at commas,
colons and the `clause_breaks` words), `negation: count` (negated hits count too),
`hypothetical: skip` (hits after "if ever", "one day" and the like do not count), `questions: count`
(questions count), and, rarely, `patterns` (raw regular expressions on the sentence's words joined
by spaces; an `unless` hit anywhere in the sentence turns them off).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from .content import BOOK_DIR, Problem, load_yaml

RULE_KEYS = {"any", "also", "unless", "negation", "hypothetical", "questions", "patterns"}


@cache
def inflections(word: str) -> list[str]:
    """The word and its inflections; for a word lemminflect does not know (a day name, say), the
    forms its rules give a noun and a verb."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    found = getAllInflections(word) or {**getAllInflectionsOOV(word, "NOUN"), **getAllInflectionsOOV(word, "VERB")}
    return sorted({word}.union(*found.values()))


def phrases(entries: list[str]) -> list[str]:
    """The phrases of a concept's entries, with every several-word alternative spelt out."""
    return [x for entry in entries for p in str(entry).split(" | ") if p.strip() for x in spelt_out(p.strip())]


def spelt_out(phrase: str) -> list[str]:
    """A phrase whose word position offers several words joined by "_" ("wont/will_not be
    here") as one phrase per such alternative ("wont be here", "will not be here")."""
    words = phrase.split()
    for i, word in enumerate(words):
        alternatives = word.split("/")
        if word.startswith("{") or not any("_" in a for a in alternatives):
            continue
        single = "/".join(a for a in alternatives if "_" not in a)
        options = ([single] if single else []) + [a.replace("_", " ") for a in alternatives if "_" in a]
        return [x for option in options for x in spelt_out(" ".join([*words[:i], option, *words[i + 1 :]]))]
    return [phrase]


def compile_phrase(phrase: str) -> list:
    items = []
    for part in phrase.replace("'", "").split():
        if part.startswith("{") and part.endswith("}"):
            items.append({"ref": part[1:-1]})
            continue
        for word in part.replace("-", " ").split():
            if word == "...":
                items.append({"gap": 3})
            else:
                items.append(
                    sorted(
                        {
                            form
                            for alt in word.split("/")
                            for form in (inflections(alt[:-1]) if alt.endswith("*") else [alt])
                        }
                    )
                )
    return items


def _rule_problems(name: str, where: str, rule, known: set[str]) -> list[Problem]:
    if not isinstance(rule, dict) or set(rule) - RULE_KEYS:
        return [Problem(name, where, "rule", f"must be a mapping of {', '.join(sorted(RULE_KEYS))}")]
    if not rule.get("any") and not rule.get("patterns"):
        return [Problem(name, where, "any", "is missing: name at least one concept")]
    used = [*rule.get("any", []), *rule.get("unless", []), *(c for g in rule.get("also", []) for c in g)]
    return [Problem(name, where, "concepts", f"'{c}' is not a known concept") for c in used if c not in known]


def _load(path: Path, where: str) -> tuple[dict | None, list[Problem]]:
    import yaml

    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark else "(file)"
        return None, [Problem(path.name, where, line, f"not valid YAML ({getattr(err, 'problem', err)})")]
    if not isinstance(data, dict):
        return None, [Problem(path.name, where, "(file)", "must be a mapping")]
    return data, []


def build(exercises: dict[str, dict], book_dir: Path = BOOK_DIR) -> tuple[dict, list[Problem]]:
    """The compiled rules and any problems, for the course's reflection exercises by id (each with
    its "chapter")."""
    shared, problems = _load(book_dir / "concepts.yml", "-")
    safety, more = _load(book_dir / "safety" / "rules.yml", "-")
    if problems or more:
        return {}, problems + more
    concepts = {**shared["concepts"], **safety.get("concepts", {})}
    prompts = {}
    for ident, exercise in exercises.items():
        path = book_dir / exercise["chapter"] / "rules" / f"{ident}.yml"
        if not path.exists():
            problems.append(Problem(f"{exercise['chapter']}/rules/{path.name}", ident, "(file)", "is missing"))
            continue
        data, more = _load(path, ident)
        problems += more
        if data is None:
            continue
        for local in data.get("concepts", {}):
            if local in concepts:
                problems.append(Problem(path.name, ident, f"concepts.{local}", "is already a shared concept"))
        local_names = {k: f"{ident}:{k}" for k in data.get("concepts", {})}
        for local, entries in data.get("concepts", {}).items():
            concepts[local_names[local]] = [
                " ".join(f"{{{local_names.get(w[1:-1], w[1:-1])}}}" if w.startswith("{") else w for w in phrase.split())
                for phrase in phrases(entries)
            ]
        criteria = data.get("criteria", {})
        wanted = [c["name"] for c in exercise["criteria"]]
        if sorted(criteria) != sorted(wanted):
            problems.append(
                Problem(path.name, ident, "criteria", f"must give exactly the criteria {', '.join(wanted)}")
            )
        prompts[ident] = {}
        for criterion, rule in criteria.items():
            rule = {
                k: (
                    [[local_names.get(c, c) for c in g] for g in v]
                    if k == "also"
                    else [local_names.get(c, c) for c in v]
                    if k in ("any", "unless")
                    else v
                )
                for k, v in rule.items()
            }
            prompts[ident][criterion] = rule
    known = set(concepts)
    for ident, rules in prompts.items():
        for rule in rules.values():
            problems += _rule_problems(f"{ident}.yml", ident, rule, known)
    for kind, rule in safety["kinds"].items():
        problems += _rule_problems("safety.yml", f"kind {kind}", rule, known)
    strings = [
        ("negators", shared["negators"]),
        ("quoting", shared["quoting"]),
        ("negation_carries", shared["negation_carries"]),
        ("hypothetical", shared["hypothetical"]),
        *concepts.items(),
    ]
    for name, entries in strings:
        problems += [
            Problem("rules", "-", name, f"{e!r} is not text: quote it (YAML reads no, yes, on, off as true/false)")
            for e in entries
            if not isinstance(e, str)
        ]
        problems += [
            Problem("rules", "-", name, f"{e!r} has a quotation mark inside: quote the whole entry or none of it")
            for e in entries
            if isinstance(e, str) and '"' in e
        ]
    if problems:
        return {}, problems
    compiled = {
        "negators": sorted(shared["negators"]),
        "quoting": sorted(shared["quoting"]),
        "negation_carries": sorted(shared["negation_carries"]),
        "clause_breaks": sorted(shared["clause_breaks"]),
        "hypothetical": [compile_phrase(p) for p in phrases(shared["hypothetical"])],
        "concepts": {name: [compile_phrase(p) for p in phrases(entries)] for name, entries in sorted(concepts.items())},
        "prompts": prompts,
        "safety": safety["kinds"],
    }
    refs = {
        i["ref"]
        for phrases in compiled["concepts"].values()
        for p in phrases
        for i in p
        if isinstance(i, dict) and "ref" in i
    }
    problems += [Problem("rules", "-", "concepts", f"'{{{r}}}' names no concept") for r in sorted(refs - known)]
    body = json.dumps(compiled, sort_keys=True, ensure_ascii=False)
    compiled["hash"] = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    return compiled, problems


def raw_pattern_criteria(compiled: dict) -> list[str]:
    """`prompt/criterion` for every criterion that uses a raw pattern: these should stay rare."""
    return [f"{p}/{c}" for p, rules in compiled["prompts"].items() for c, r in rules.items() if r.get("patterns")]


PROBES = [
    "",
    "a",
    "aaa",
    "a{,3}",
    "x{2}",
    "xx",
    "café",
    "naïve",
    "cafe",
    "i dont know",
    "i don't know",
    "he yells at me every day",
    "no no no",
    "😀 emoji",
    "ab ab",
    "a b c",
    "_",
    "1 2 3",
    "über straße",
    "we argue, then he leaves",
    "(?>a)",
    "a*+",
    "tab\tand space",
]


def pattern_problems(compiled: dict) -> list[Problem]:
    """Every raw pattern compiled by Python and by Node's RegExp (flag "u", as the book runs it):
    a problem where either refuses it, where they match a probe string differently, or where it
    looks for a backslash (a doubled one in YAML: "\\\\b" can never match an answer)."""
    import re
    import shutil
    import subprocess

    found = [
        (f"{p}.yml", p, f"criteria.{c}.patterns[{i}]", source)
        for p, rules in compiled["prompts"].items()
        for c, r in rules.items()
        for i, source in enumerate(r.get("patterns", []))
    ]
    found += [
        ("safety.yml", f"kind {k}", f"patterns[{i}]", source)
        for k, r in compiled["safety"].items()
        for i, source in enumerate(r.get("patterns", []))
    ]
    if not found:
        return []
    if shutil.which("node") is None:
        return [Problem("rules", "-", "patterns", "Node.js is needed to check raw patterns in JavaScript too")]
    probes = PROBES + [s for *_, source in found for s in (source, re.sub(r"[\\()\[\]{}?*+|^$.]", "", source))]
    payload = json.dumps({"patterns": [source for *_, source in found], "probes": probes})
    run = subprocess.run(
        ["node", str(Path(__file__).parent / "js" / "regex_probe.mjs")],
        input=payload,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    problems = []
    for (name, where, field, source), js in zip(found, json.loads(run.stdout)):
        try:
            compiled_py = re.compile(source)
        except re.error as err:
            problems.append(Problem(name, where, field, f"Python refuses it ({err})"))
            continue
        if "error" in js:
            problems.append(Problem(name, where, field, f"JavaScript refuses it ({js['error']})"))
            continue
        if "\\\\" in source:
            why = "matches a backslash, which no answer holds: in single-quoted YAML write \\b, not \\\\b"
            problems.append(Problem(name, where, field, why))
            continue
        for probe, span in zip(probes, js["spans"]):
            match = compiled_py.search(probe)
            if (list(match.span()) if match else None) != span:
                problems.append(Problem(name, where, field, f"Python and JavaScript match {probe!r} differently"))
                break
    return problems
