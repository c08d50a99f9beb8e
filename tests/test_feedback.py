"""The rule engine: concepts, scope, questions, the JavaScript engine's parity, the command."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import BIN, ROOT
from reflection_corpus import HARD_INPUTS, writing_set
from trust_course import engine
from trust_course.content import course
from trust_course.rules_compiler import compile_phrase

REFLECTIONS = [e for e in course().exercises.values() if e["kind"] == "reflection"]
EXERCISE = {
    "id": "t",
    "criteria": [
        {"name": "yelling", "label": "L", "hint": "Name the behaviour."},
        {"name": "plan", "label": "L", "hint": "Say what you will do."},
        {"name": "person", "label": "L", "hint": "Name someone."},
    ],
}
TINY = {
    "negators": ["doesnt", "dont", "no", "not", "never"],
    "quoting": ["say"],
    "negation_carries": ["or"],
    "clause_breaks": [",", "but"],
    "hypothetical": [compile_phrase("if ... ever")],
    "hash": "tiny",
    "concepts": {
        "yell": [compile_phrase("yell*"), compile_phrase("shout* at")],
        "leave": [compile_phrase("leave*")],
        "kin": [compile_phrase("sister*"), compile_phrase("brother*")],
        "person": [compile_phrase("my {kin}")],
        "idiom": [compile_phrase("killing me")],
        "die": [compile_phrase("want to die")],
    },
    "prompts": {
        "t": {
            "yelling": {"any": ["yell"]},
            "plan": {"any": ["leave"], "hypothetical": "skip"},
            "person": {"any": ["person"], "questions": "count"},
        }
    },
    "safety": {"suicidal": {"any": ["die"], "unless": ["idiom"]}},
}


@pytest.fixture
def tiny_rules():
    saved = engine.rules()
    engine.use(TINY)
    yield
    engine.use(saved)


def met(text):
    return engine.evaluate(EXERCISE, text)["criteria"]


def test_inflections_negation_hypotheticals_and_questions(tiny_rules):
    assert met("My sister yelled at me, so I left.") == {"yelling": True, "plan": True, "person": True}
    assert met("He doesn't yell any more.")["yelling"] is False, "negated in scope"
    assert met("He never, ever yells")["yelling"] is True, "a comma ends the negation's scope"
    assert met("He never sulks or yells")["yelling"] is False, "or carries the negation on"
    assert met("He sulks or yells")["yelling"] is True
    assert met("He is not sulking or anything but yells")["yelling"] is True, "no carrying past another clause word"
    assert met("I will say no and leave")["plan"] is True, "a quoted answer is not a negation"
    assert met("If he ever shouts at me I will leave")["plan"] is False, "hypothetical scope where the rule says so"
    assert met("If he ever shouts at me I will leave")["yelling"] is True
    assert met("Will he yell? Is my brother home?") == {"yelling": False, "plan": False, "person": True}


def test_an_alternative_of_several_words_is_spelt_out_as_phrases():
    from trust_course.rules_compiler import phrases

    assert phrases(["wont/will_not be here/around ... if i | no one"]) == [
        "wont be here/around ... if i",
        "will not be here/around ... if i",
        "no one",
    ]
    assert phrases(["cps/social_services/childrens_services took"]) == [
        "cps took",
        "social services took",
        "childrens services took",
    ]


def test_misspellings_of_long_words_match_but_other_words_do_not(tiny_rules):
    assert met("my sisterr yelled")["person"] is True, "a letter added"
    assert met("my brohter yelled")["person"] is True, "two letters swapped"
    assert met("my brothr yelled")["person"] is True, "a letter missing"
    assert met("my brothel yelled")["person"] is False, "a letter changed makes another word"
    assert met("my bother yelled")["person"] is False, "the first two letters never change"
    assert met("he yel at me")["yelling"] is False, "short words must match exactly"


def test_unicode_text_is_read_as_words(tiny_rules):
    assert engine.sentences(engine.normalise("Café naïve; I’ll LEAVE")) == [
        (["café", "naïve"], False),
        (["ill", "leave"], False),
    ]
    assert engine.sentences(engine.normalise("cafe\u0301")) == [(["café"], False)], "NFC first"


def test_safety_check_leans_to_help_and_names_no_score(tiny_rules):
    assert engine.evaluate(EXERCISE, "some nights i want to die")["signpost"] is True
    assert engine.evaluate(EXERCISE, "do i want to die?")["signpost"] is True, "questions count for safety"
    assert engine.evaluate(EXERCISE, "this is killing me i want to die lol")["signpost"] is False
    assert engine.evaluate(EXERCISE, "this is killing me, but i want to die")["signpost"] is True, (
        "unless cancels its own clause only"
    )


def test_hints_and_evidence(tiny_rules):
    result = engine.evaluate(EXERCISE, "He yells at me.")
    assert result["hints"] == ["Say what you will do.", "Name someone."]
    assert (result["met"], result["of"], result["evidence"]) == (1, 3, {"yelling": "yell"})


def parity_cases() -> list[tuple[dict, str]]:
    by_id = {e["id"]: e for e in REFLECTIONS}
    cases = [(by_id[p], item["text"]) for split in ("dev", "test") for p in by_id for item in writing_set(split, p)]
    cases += [
        (REFLECTIONS[i % len(REFLECTIONS)], item["text"])
        for split in ("dev", "test")
        for i, item in enumerate(writing_set(split, "safety"))
    ]
    return cases + [(exercise, text) for exercise in REFLECTIONS for text in HARD_INPUTS]


def every_code_point() -> list[str]:
    """Every code point Python's Unicode tables know (Node's may be a version newer)."""
    import unicodedata

    chars = [chr(c) for c in range(0x20, 0x30000) if unicodedata.category(chr(c)) not in ("Cn", "Cs")]
    return [" ".join(chars[i : i + 400]) for i in range(0, len(chars), 400)]


@pytest.mark.parametrize("every", [pytest.param(1, marks=pytest.mark.slow, id="all"), pytest.param(20, id="sample")])
def test_javascript_engine_gives_identical_results(every):
    """All of it in the slow tier (every labelled text, every code point); a sample in the fast one."""
    cases = parity_cases()[::every]
    assert len(cases) >= 1000 // every
    split = every_code_point()[::every]
    payload = json.dumps(
        {"rules": engine.rules(), "cases": [{"exercise": e, "text": t} for e, t in cases], "split": split},
        ensure_ascii=False,
    )
    run = subprocess.run(
        ["node", ROOT / "tests/js/run_feedback.mjs"],
        input=payload.encode("utf-8", "surrogatepass"),
        capture_output=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr.decode()
    js = json.loads(run.stdout)
    mismatches = [(e["id"], t[:60]) for (e, t), r in zip(cases, js["results"]) if r != engine.evaluate(e, t)]
    assert mismatches == [] and len(js["results"]) == len(cases)
    python_split = [[[list(words), q] for words, q in engine.sentences(engine.normalise(t))] for t in split]
    assert js["sentences"] == python_split, "both engines read every code point the same way"


def test_the_front_end_bundle_holds_only_what_one_prompt_needs():
    plan = course().exercise("boundary-plan")
    bundle = engine.bundle(plan["id"])
    assert set(bundle["prompts"]) == {"boundary-plan"} and bundle["safety"] == engine.rules()["safety"]
    assert set(bundle["concepts"]) < set(engine.rules()["concepts"])
    for text in ["I will leave the room if he shouts.", "i dont want to be here anymore"]:
        full = engine.evaluate(plan, text)
        engine.use({**engine.rules(), **{k: bundle[k] for k in ("concepts", "prompts")}})
        try:
            assert engine.evaluate(plan, text) == full
        finally:
            engine._loaded.clear()


@pytest.mark.parametrize("text", HARD_INPUTS, ids=range(len(HARD_INPUTS)))
def test_hard_inputs_give_sensible_results(text):
    for exercise in REFLECTIONS:
        result = engine.evaluate(exercise, text)
        assert result["of"] == len(exercise["criteria"]) and 0 <= result["met"] <= result["of"]
        if not any(ch.isalpha() for ch in text):
            assert result["met"] == 0


def test_score_reflection_command():
    prompt = REFLECTIONS[0]
    run = subprocess.run(
        [BIN / "trust-course", "score-reflection", prompt["id"]],
        input="I will tell my friend.",
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0
    out = json.loads(run.stdout)
    assert list(out) == ["prompt", "criteria", "met", "of", "hints", "signpost"]
    assert out == {k: v for k, v in engine.evaluate(prompt, "I will tell my friend.").items() if k in out}


def test_score_reflection_unknown_prompt_lists_known_ids():
    run = subprocess.run(
        [BIN / "trust-course", "score-reflection", "no-such-prompt"], input="x", capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "no-such-prompt" in run.stderr and "boundary-plan" in run.stderr


def test_boundary_plan_asks_for_behaviour_words_and_consequence():
    plan = course().exercise("boundary-plan")
    assert [c["name"] for c in plan["criteria"]] == ["behaviour", "communication", "consequence"]
