"""`trust-course build`: validate every source and write one compiled course file per language.

The sources live in `book/`: each chapter's `chNN/exercises.yml`, the safety note
(`safety/note.yml`), the rules (`rules_compiler`) and the interface strings (`strings/`). The compiled file, `compiled/course.<language>.json`, carries a content hash;
the widgets, the notebook generator, nbgrader scoring, the Sphinx extension and the JavaScript
read it and nothing else.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import content, rules_compiler
from .content import BOOK_DIR, COMPILED_DIR, Problem, load_yaml

LANGUAGES = ("en", "pseudo")


def interface_strings(language: str, book_dir: Path) -> tuple[dict, list[Problem]]:
    """The interface strings of `language` (`strings/<language>.yml`); "pseudo" is made from English."""
    from .strings import pseudo

    english = load_yaml((book_dir / "strings" / "en.yml").read_text(encoding="utf-8"))
    if language == "pseudo":
        return {k: pseudo(v) for k, v in english.items()}, []
    path = book_dir / "strings" / f"{language}.yml"
    if not path.exists():
        return {}, [Problem(f"strings/{language}.yml", "-", "(file)", "is missing")]
    found = load_yaml(path.read_text(encoding="utf-8"))
    missing = sorted(set(english) - set(found))
    return found, [Problem(path.name, "-", key, "is not translated") for key in missing]


def compiled_path(language: str = "en") -> Path:
    return COMPILED_DIR / f"course.{language}.json"


def build(book_dir: Path = BOOK_DIR, notebooks_dir: Path | None = None) -> tuple[dict[str, dict], list[Problem]]:
    """The compiled course in every language, by language, and every problem found on the way
    (one line each: file, exercise, field). The sources are validated and compiled once; the
    languages differ only in their interface strings (and so in their hash)."""
    chapters, problems = content.check_course(book_dir, notebooks_dir)
    if problems:
        return {}, problems
    reflections = {
        e["id"]: {**e, "chapter": ch["chapter"]}
        for ch in chapters
        for e in ch["exercises"]
        if e["kind"] == "reflection"
    }
    rules, problems = rules_compiler.build(reflections, book_dir)
    if problems:
        return {}, problems
    shared = {
        "course": "rebuilding-trust",
        "chapters": chapters,
        "safety": load_yaml((book_dir / "safety" / "note.yml").read_text(encoding="utf-8")),
        "rules": rules,
    }
    courses = {}
    for language in LANGUAGES:
        strings, more = interface_strings(language, book_dir)
        problems += more
        compiled = {**shared, "language": language, "strings": strings}
        body = json.dumps(compiled, sort_keys=True, ensure_ascii=False)
        courses[language] = {**compiled, "hash": hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]}
    return ({} if problems else courses), problems


def render(compiled: dict) -> str:
    return json.dumps(compiled, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def is_current(compiled: dict, language: str = "en") -> bool:
    path = compiled_path(language)
    return path.exists() and path.read_text(encoding="utf-8") == render(compiled)


def write(compiled: dict, language: str = "en") -> bool:
    """Write the compiled course; return whether the file changed."""
    if is_current(compiled, language):
        return False
    compiled_path(language).parent.mkdir(parents=True, exist_ok=True)
    compiled_path(language).write_text(render(compiled), encoding="utf-8")
    return True
