"""How well the reflection rules agree with careful human labels, criterion by criterion."""
from __future__ import annotations

from collections import defaultdict

import pytest

from conftest import REPORT
from reflection_corpus import labelled
from trust_course.content import course
from trust_course.feedback import evaluate

REFLECTIONS = {e["id"]: e for e in course().exercises.values() if e["kind"] == "reflection"}


def cohen_kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Agreement beyond chance between human labels and rule results (1 = perfect)."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    human_yes = sum(a for a, _ in pairs) / n
    rule_yes = sum(b for _, b in pairs) / n
    expected = human_yes * rule_yes + (1 - human_yes) * (1 - rule_yes)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement() -> dict[tuple[str, str], list[tuple[bool, bool]]]:
    pairs = defaultdict(list)
    for item in labelled():
        result = evaluate(REFLECTIONS[item["prompt"]], item["text"])["criteria"]
        for name, label in item["labels"].items():
            pairs[item["prompt"], name].append((bool(label), result[name]))
    return pairs


def test_kappa_is_right_on_known_cases():
    assert cohen_kappa([(True, True), (False, False)] * 5) == 1.0
    assert cohen_kappa([(True, False), (False, True)] * 5) == -1.0
    assert abs(cohen_kappa([(True, True), (True, False), (False, True), (False, False)])) < 1e-9


def test_every_prompt_has_a_labelled_set_of_its_criteria():
    counts = defaultdict(int)
    for item in labelled():
        assert item["prompt"] in REFLECTIONS, item["prompt"]
        assert set(item["labels"]) == {c["name"] for c in REFLECTIONS[item["prompt"]]["criteria"]}, item
        counts[item["prompt"]] += 1
    assert counts["boundary-plan"] >= 60
    assert {p: n for p, n in counts.items() if n < 20} == {}
    assert set(counts) == set(REFLECTIONS)


def test_agreement_with_human_labels():
    rows = []
    for (prompt, name), pairs in sorted(agreement().items()):
        accuracy = sum(a == b for a, b in pairs) / len(pairs)
        rows.append((prompt, name, len(pairs), accuracy, cohen_kappa(pairs)))
    REPORT.append(f"{'reflection prompt':32} {'criterion':18} {'n':>4} {'accuracy':>9} {'kappa':>6}")
    REPORT.extend(f"{p:32} {c:18} {n:4d} {a:9.3f} {k:6.2f}" for p, c, n, a, k in rows)
    for prompt, name, n, accuracy, kappa in rows:
        if prompt == "boundary-plan":
            assert accuracy >= 0.9, (name, accuracy)
        assert accuracy >= 0.8, (prompt, name, accuracy)
