"""The whole course: coverage of the article, plain language, citations, no labels, the counts."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import textstat
import yaml
from conftest import BIN, ROOT
from trust_course.content import course

SEED = next((ROOT.parent / "shared" / "seed").glob("*.txt"), None)
COVERAGE = yaml.safe_load((ROOT / "book/coverage.yml").read_text(encoding="utf-8"))
CHAPTER_PAGES = sorted((ROOT / "book").glob("ch0*/ch0*.md"))
ALL_PAGES = sorted((ROOT / "book").glob("*.md")) + CHAPTER_PAGES


def article_structure(text: str) -> tuple[list[str], int]:
    """Section keys (first six words of each heading) and the number of key takeaways."""
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index("Key Takeaways")
    takeaways = 0
    for line in lines[start + 1 :]:
        if not line.startswith("- "):
            break
        takeaways += 1
    sections = []
    for line in lines[start + 1 + takeaways :]:
        words = re.findall(r"[a-z0-9]+", line.lower())
        if line and not line.startswith(("|", "-")) and len(line.split()) <= 14 and line[-1] not in ".:":
            sections.append("-".join(words[:6]))
    return sections, takeaways


@pytest.mark.skipif(SEED is None, reason="the shared article is not beside this checkout")
def test_every_section_and_takeaway_of_the_article_is_covered():
    sections, takeaways = article_structure(SEED.read_text(encoding="utf-8"))
    assert len(sections) >= 15 and takeaways == 5
    assert [s for s in sections if s not in COVERAGE["sections"]] == []
    assert sorted(COVERAGE["takeaways"]) == list(range(1, takeaways + 1))


def test_coverage_names_real_chapters_and_exercises():
    for entry in [*COVERAGE["sections"].values(), *COVERAGE["takeaways"].values()]:
        assert list((ROOT / "book" / entry["chapter"]).glob(f"{entry['chapter']}-*.md")), entry
        for ident in entry["exercises"]:
            course().exercise(ident)


def prose(page: Path) -> str:
    """The page's words as a reader meets them: no directives, tables, links' targets or markup."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"(?s)```\{exercise\}.*?```", "", text)
    text = re.sub(r"(?m)^```.*$|^:::.*$|^:\w+:.*$|^\|.*\|$", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[#*_>`]", "", text)


@pytest.mark.parametrize(
    "page", CHAPTER_PAGES + [ROOT / "book/welcome.md", ROOT / "book/take-a-pause.md"], ids=lambda p: p.name
)
def test_plain_language_grade_8_or_lower(page):
    grade = textstat.flesch_kincaid_grade(prose(page))
    assert 0 < grade <= 8, grade


CITATION = re.compile(r"\(((?:[A-Z][\w'\-]+(?:,? (?:&|and) | et al\.|, )?)+|WHO|EMDR guideline review), (\d{4})\)")


def test_every_citation_is_on_the_references_page():
    references = (ROOT / "book/references.md").read_text(encoding="utf-8")
    cited = {
        f"{m.group(1)}, {m.group(2)}" for page in ALL_PAGES for m in CITATION.finditer(page.read_text(encoding="utf-8"))
    }
    assert len(cited) >= 15
    assert sorted(c for c in cited if f"**{c}.**" not in references) == []


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_no_page_labels_a_person(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"\b(a|the|your|my|his|her|their) narcissists?\b|\bnarcissists\b", text, re.I)


def test_stats_command_reports_the_counts():
    run = subprocess.run([BIN / "trust-course", "stats", "--json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    stats = json.loads(run.stdout)
    quizzes = [e for e in course().exercises.values() if e["kind"] == "quiz"]
    assert stats["chapters"] == len(course().chapters) == 7
    assert sum(stats["scenario_items_per_tactic"].values()) == stats["scenario_items"] == len(quizzes) >= 48
    assert len(stats["scenario_items_per_tactic"]) >= 8
    assert stats["share_look_alike_or_not_enough_information"] >= 1 / 3
    assert stats["checklists"] >= 6 and stats["reflection_prompts"] >= 12


@pytest.mark.parametrize(
    "page, evidence",
    [
        ("ch01/ch01-dynamics.md", ["(Brummelman et al., 2015)"]),  # "stems from childhood issues"
        ("ch01/ch01-dynamics.md", ["(APA, 2013)"]),  # labelling a person
        ("ch02/ch02-effects-on-trust.md", ["not an official diagnosis", "6B41"]),  # "narcissistic victim syndrome"
        ("ch01/ch01-dynamics.md", ["(Day, Townsend & Grenyer, 2021)"]),  # a fixed four-stage cycle
        ("ch01/ch01-dynamics.md", ["(Strutzenberg et al., 2017)"]),  # love bombing
    ],
)
def test_the_articles_overstatements_are_corrected_with_citations(page, evidence):
    text = (ROOT / "book" / page).read_text(encoding="utf-8")
    assert all(e in text for e in evidence), evidence


def test_the_six_named_checklists_exist():
    checklists = {e["id"] for e in course().exercises.values() if e["kind"] == "checklist"}
    assert {
        "ch04-checklist-green-flags",  # green flags and dealbreakers
        "ch07-checklist-readiness",  # signs of readiness to trust again
        "ch06-checklist-boundary-plan",  # a boundary plan
        "ch04-checklist-small-steps",  # small trust activities
        "ch01-checklist-warning-signs",  # warning signs of manipulation
        "ch03-checklist-self-compassion",  # self-compassion practices
    } <= checklists
    for ex in course().exercises.values():
        if ex["kind"] == "reflection":
            assert 2 <= len(ex["criteria"]) <= 4 and all(c["hint"] for c in ex["criteria"])


def test_citations_and_the_references_page_match_key_by_key():
    """Every "(Author, Year)" in the pages has an entry on the references page, and every entry is cited."""
    references = (ROOT / "book/references.md").read_text(encoding="utf-8")
    keys = set(re.findall(r"^- \*\*(.+?)\.\*\*", references, re.M))
    cited = set()
    for page in ALL_PAGES:
        if page.name == "references.md":
            continue
        for group in re.findall(r"\(([^()]*?\b(?:19|20)\d\d[a-z]?)\)", page.read_text(encoding="utf-8")):
            for part in group.split(";"):
                part = re.sub(r"^\s*(?:see|e\.g\.,?|for example,?)\s+", "", part.strip())
                if re.search(r"[A-Za-z].*, (?:19|20)\d\d[a-z]?$", part):
                    cited.add(part)
    assert sorted(cited - keys) == [], "cited but not on the references page"
    assert sorted(keys - cited) == [], "on the references page but never cited"


def test_every_content_note_offers_a_pause():
    for page in CHAPTER_PAGES:
        notes = re.findall(r"```\{admonition\} Content note\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
        assert notes and all("take-a-pause.md" in note for note in notes), page.name
