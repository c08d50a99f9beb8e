"""Who shows the behaviour in the scenario items: `trust-course stats` counts it right, and the real
content keeps the balance the course promises (every setting has a harmful item, harmful roles are
balanced by gender, most items are still look-alikes or "not enough information")."""

from __future__ import annotations

import json

import pytest
from conftest import run_in_process
from trust_course import cli, content
from trust_course.content import Course, course

# The settings the course promises at least one harmful-pattern item for.
SETTINGS = ["co-parent", "boss", "colleague", "sibling", "adult-child", "older-parent", "friend", "teen-peer"]


def quiz(ident: str, relationship: str, gender: str, correct: str) -> dict:
    return {
        "id": ident,
        "kind": "quiz",
        "tactic": "gaslighting",
        "relationship": relationship,
        "gender": gender,
        "options": [
            {"id": k, "kind": k, "correct": k == correct} for k in ("tactic", "healthy", "not-enough-information")
        ],
    }


def test_stats_counts_relationship_and_gender_for_all_and_for_harmful_items(monkeypatch):
    made_up = Course(
        [
            {
                "chapter": "ch01",
                "title": "T",
                "exercises": [
                    quiz("a", "boss", "woman", "tactic"),
                    quiz("b", "boss", "man", "healthy"),
                    quiz("c", "teen-peer", "nonbinary", "not-enough-information"),
                    quiz("d", "older-parent", "man", "tactic"),
                ],
            }
        ]
    )
    monkeypatch.setattr(content, "course", lambda: made_up)
    stats = cli.course_stats()
    assert stats["scenario_items"] == 4 and stats["harmful_pattern_items"] == 2
    assert stats["share_look_alike_or_not_enough_information"] == 0.5
    assert stats["scenario_items_per_gender"] == {"woman": 1, "man": 2, "nonbinary": 1, "unstated": 0}
    assert stats["harmful_pattern_items_per_gender"] == {"woman": 1, "man": 1, "nonbinary": 0, "unstated": 0}
    relationships = content.SCHEMA["$defs"]["relationship"]["enum"]
    assert list(stats["scenario_items_per_relationship"]) == relationships  # every value, zeros too
    assert {k: v for k, v in stats["scenario_items_per_relationship"].items() if v} == {
        "boss": 2,
        "teen-peer": 1,
        "older-parent": 1,
    }
    assert {k: v for k, v in stats["harmful_pattern_items_per_relationship"].items() if v} == {
        "boss": 1,
        "older-parent": 1,
    }


@pytest.fixture(scope="module")
def stats() -> dict:
    run = run_in_process(["stats", "--json"])
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def harmful(item: dict) -> bool:
    return next(o["kind"] for o in item["options"] if o["correct"]) == "tactic"


def test_the_real_counts_match_the_content(stats):
    quizzes = [e for e in course().exercises.values() if e["kind"] == "quiz"]
    assert sum(stats["scenario_items_per_relationship"].values()) == stats["scenario_items"] == len(quizzes)
    assert sum(stats["scenario_items_per_gender"].values()) == len(quizzes)
    assert sum(stats["harmful_pattern_items_per_gender"].values()) == stats["harmful_pattern_items"]
    assert stats["harmful_pattern_items"] == sum(map(harmful, quizzes))
    plain = run_in_process(["stats"]).stdout.splitlines()
    assert f"harmful pattern items per gender: {stats['harmful_pattern_items_per_gender']}" in plain
    assert f"scenario items per relationship: {stats['scenario_items_per_relationship']}" in plain


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_setting_has_a_harmful_item(stats, setting):
    assert stats["harmful_pattern_items_per_relationship"][setting] >= 1


def test_harmful_roles_are_balanced_by_gender(stats):
    by_gender = stats["harmful_pattern_items_per_gender"]
    assert abs(by_gender["woman"] - by_gender["man"]) <= 3, by_gender


def test_harmful_parents_are_not_mostly_mothers():
    parents = [
        e
        for e in course().exercises.values()
        if e["kind"] == "quiz" and harmful(e) and e["relationship"] in ("parent", "older-parent")
    ]
    mothers = sum(e["gender"] == "woman" for e in parents)
    assert parents and mothers <= len(parents) / 2, f"{mothers} of {len(parents)} harmful parents are mothers"


def test_most_items_are_still_look_alikes_or_not_enough_information(stats):
    assert stats["share_look_alike_or_not_enough_information"] >= 0.5
