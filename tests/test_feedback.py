"""The reflection rule engine: behaviour, the JavaScript port's parity, hard inputs, the command."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import BIN, ROOT
from reflection_corpus import HARD_INPUTS, labelled
from trust_course.content import course
from trust_course.feedback import SAFETY, evaluate, needs_signpost, sentences

EXERCISE = {"id": "t", "criteria": [
    {"name": "yelling", "label": "L", "hint": "Name the behaviour.", "patterns": [r"\byell"], "unless": [r"\b(no longer|any ?more)\b"]},
    {"name": "leave", "label": "L", "hint": "Say what you will do.", "patterns": [r"\bleave\b"]},
]}
REFLECTIONS = [e for e in course().exercises.values() if e["kind"] == "reflection"]


def test_criteria_are_met_by_statements_only():
    assert evaluate(EXERCISE, "If he yells, I will leave.")["criteria"] == {"yelling": True, "leave": True}
    assert evaluate(EXERCISE, "Will he yell? Should I leave?")["met"] == 0
    assert evaluate(EXERCISE, "He doesn't yell any more.")["criteria"]["yelling"] is False


def test_hints_are_given_for_what_is_missing_only():
    result = evaluate(EXERCISE, "He yells at me.")
    assert result["hints"] == ["Say what you will do."]
    assert (result["met"], result["of"]) == (1, 2)


def test_sentences_fold_white_space_and_mark_questions():
    assert sentences("one\u00a0two.  three?\nfour") == [("one two", False), ("three", True), ("four", False)]


def test_signpost_points_to_help_without_scoring():
    assert needs_signpost("Some nights I want to die.")
    assert needs_signpost("He hit me last week")
    assert not needs_signpost("I felt sad and tired after the call.")
    result = evaluate(REFLECTIONS[0], "I want to kill myself")
    assert result["signpost"] is True and "feelings" not in json.dumps(result)


def corpus() -> list[tuple[dict, str]]:
    by_id = {e["id"]: e for e in REFLECTIONS}
    cases = [(by_id[item["prompt"]], item["text"]) for item in labelled()]
    cases += [(exercise, text) for exercise in REFLECTIONS[:3] for text in HARD_INPUTS]
    return cases


def test_javascript_port_gives_identical_results():
    cases = corpus()
    assert len(cases) >= 200
    payload = json.dumps({"cases": [{"exercise": e, "text": t} for e, t in cases], "safety": SAFETY})
    run = subprocess.run(["node", ROOT / "tests/js/run_feedback.mjs"], input=payload, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    js_results = json.loads(run.stdout)
    mismatches = [(e["id"], t[:60]) for (e, t), js in zip(cases, js_results) if js != evaluate(e, t)]
    assert mismatches == []
    assert len(js_results) == len(cases)


@pytest.mark.parametrize("text", HARD_INPUTS, ids=range(len(HARD_INPUTS)))
def test_hard_inputs_give_sensible_results(text):
    for exercise in REFLECTIONS:
        result = evaluate(exercise, text)
        assert result["of"] == len(exercise["criteria"]) and 0 <= result["met"] <= result["of"]
        if not any(ch.isalpha() for ch in text):
            assert result["met"] == 0


def test_score_reflection_command():
    prompt = REFLECTIONS[0]
    run = subprocess.run([BIN / "trust-course", "score-reflection", prompt["id"]], input="I will tell my friend.",
                         capture_output=True, text=True)
    assert run.returncode == 0
    out = json.loads(run.stdout)
    assert list(out) == ["prompt", "criteria", "met", "of", "hints", "signpost"]
    assert out == {k: v for k, v in evaluate(prompt, "I will tell my friend.").items() if k in out}


def test_score_reflection_unknown_prompt_lists_known_ids():
    run = subprocess.run([BIN / "trust-course", "score-reflection", "no-such-prompt"], input="x", capture_output=True, text=True)
    assert run.returncode == 2
    assert "no-such-prompt" in run.stderr and "boundary-plan" in run.stderr


def test_boundary_plan_prompt_and_its_criteria():
    plan = course().exercise("boundary-plan")
    assert plan["prompt"] == ("Write one boundary you want to set: the behaviour you will no longer accept, "
                              "how you will say it, and what you will do if it is crossed.")
    assert [c["name"] for c in plan["criteria"]] == ["behaviour", "communication", "consequence"]
    full = "If my brother yells at me, I'll tell him \"please stop shouting\". If he keeps going I will leave the room."
    assert evaluate(plan, full)["criteria"] == {"behaviour": True, "communication": True, "consequence": True}
    for text in ["I will protect my peace.", "I feel hurt and tired all the time.", "He doesn't yell any more.",
                 "Should I tell him to stop yelling and leave if he does?"]:
        assert evaluate(plan, text)["met"] == 0, text
