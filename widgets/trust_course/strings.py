"""The interface's words, by key, from the compiled course (`strings/<language>.yml` at build time).

A pseudo-locale ("pseudo": every string accented and bracketed) shows at a glance any word that
does not come from here.
"""

from __future__ import annotations

import re

from .content import compiled

FAMILY_PREFIXES = {
    "quiz": ("quiz.", "widget."),
    "checklist": ("checklist.", "widget."),
    "reflection": ("reflection.", "widget."),
    "book": ("book.", "journal."),  # the book's loader also renders the journal
}
ACCENTS = str.maketrans("aceinouyACEINOUY", "àçéîñöüýÀÇÉÎÑÖÜÝ")
PLACEHOLDER = re.compile(r"(\{[a-z_]+\}|`[^`]*`|\[[^\]]*\]\([^)]*\)|\n)")


def t(key: str, **values) -> str:
    """The string for `key` in the course's language, with `values` filled in."""
    return compiled()["strings"][key].format(**values)


def for_family(family: str) -> dict[str, str]:
    """The strings one front end (a widget family, or the book's loader) shows."""
    return {k: v for k, v in compiled()["strings"].items() if k.startswith(FAMILY_PREFIXES[family])}


def pseudo(text: str) -> str:
    """A pseudo-translation: letters accented, placeholders, code and links kept, and brackets round it."""
    parts = PLACEHOLDER.split(text)
    return "[" + "".join(p if PLACEHOLDER.fullmatch(p) else p.translate(ACCENTS) for p in parts) + "]"
