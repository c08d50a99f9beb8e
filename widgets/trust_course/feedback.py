"""Formative feedback on written reflections: structural rules from the exercise YAML.

This is the authority; `js/feedback.js` is its port for the static book and must give identical
results (tests/test_feedback_parity.py). The rules look at what an answer contains, never at
what the writer feels.
"""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from .content import PACKAGE_DIR

SENTENCE_BREAK = re.compile(r"[.!?;\n\r\u2028\u2029]")
# Every character JavaScript's \s matches; all become one plain space.
SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
SAFETY = yaml.safe_load((PACKAGE_DIR / "safety.yml").read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    return text.lower().translate(QUOTES)


def sentences(text: str) -> list[tuple[str, bool]]:
    """Split normalised text into (sentence, is_question) pairs, white space folded."""
    out, start = [], 0
    for match in SENTENCE_BREAK.finditer(text + "\n"):
        piece = SPACE.sub(" ", text[start:match.start()]).strip(" ")
        if piece:
            out.append((piece, match.group() == "?"))
        start = match.end()
    return out


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.ASCII)


def criterion_met(criterion: dict, parts: list[tuple[str, bool]]) -> bool:
    """A statement (not a question) that matches a pattern and no `unless` pattern."""
    for sentence, is_question in parts:
        if is_question:
            continue
        if any(_compiled(p).search(sentence) for p in criterion["patterns"]) and not any(
            _compiled(u).search(sentence) for u in criterion.get("unless", ())
        ):
            return True
    return False


def needs_signpost(text: str) -> bool:
    """Whether the text mentions danger, being hurt or self-harm (keywords only: it misses some)."""
    low = SPACE.sub(" ", normalise(text))
    return any(_compiled(p).search(low) for p in SAFETY["signpost_patterns"])


def evaluate(exercise: dict, text: str) -> dict:
    """Which criteria the text meets, with a gentle hint for each one it does not yet meet."""
    parts = sentences(normalise(text))
    met = {c["name"]: criterion_met(c, parts) for c in exercise["criteria"]}
    return {
        "prompt": exercise["id"],
        "criteria": met,
        "met": sum(met.values()),
        "of": len(met),
        "hints": [c["hint"] for c in exercise["criteria"] if not met[c["name"]]],
        "signpost": needs_signpost(text),
    }
