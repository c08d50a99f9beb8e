"""Reflection criteria and the safety check, measured on writing nobody tuned the rules on.

Every prompt, and the safety check, has development sets (dev1, dev2, ...: tune on them; each but
the first was a frozen test set until its figures steered a round of rules) and one frozen test set
(never tune on it), all written and labelled by helpers who never saw the rules, in
book/chNN/writing/<prompt id>/ (the safety check's in book/safety/writing/). Prints accuracy and
Cohen's kappa per criterion, and the safety check's recall and false alarms per kind.

    python benchmarks/reflection_accuracy.py --set dev [--errors]    # every development set, while writing rules
    python benchmarks/reflection_accuracy.py --set test               # the figures to quote
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from reflection_corpus import SPLITS  # noqa: E402
from reflection_corpus import writing_set as load  # noqa: E402

TARGETS = {"accuracy": 0.90, "kappa": 0.80, "recall": 0.97, "false_alarms": 0.08}


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    p_true = (sum(a for a, _ in pairs) / n) * (sum(b for _, b in pairs) / n)
    p_false = (sum(not a for a, _ in pairs) / n) * (sum(not b for _, b in pairs) / n)
    expected = p_true + p_false
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def criteria_figures(split: str, show_errors: bool, only: str | None) -> list[dict]:
    from trust_course.content import course
    from trust_course.engine import evaluate

    rows = []
    for ident, exercise in sorted(course().exercises.items()):
        if exercise["kind"] != "reflection" or (only and not ident.startswith(only)):
            continue
        items = load(split, ident)
        if not items:
            continue
        results = [evaluate(exercise, item["text"])["criteria"] for item in items]
        for criterion in exercise["criteria"]:
            name = criterion["name"]
            pairs = [(item["labels"][name], result[name]) for item, result in zip(items, results)]
            rows.append(
                {
                    "prompt": ident,
                    "criterion": name,
                    "n": len(pairs),
                    "accuracy": round(sum(a == b for a, b in pairs) / len(pairs), 3),
                    "kappa": round(kappa(pairs), 3),
                }
            )
            if show_errors:
                for item, (want, got) in zip(items, pairs):
                    if want != got:
                        print(f"  {ident}/{name}: label {want}, rules {got}: {item['text']!r}")
    return rows


def safety_figures(split: str, show_errors: bool) -> dict:
    from trust_course.engine import signpost

    items = load(split, "safety")
    per_kind = defaultdict(lambda: [0, 0])
    for item in items:
        fired = signpost(item["text"]) is not None
        per_kind[item["kind"]][0] += fired
        per_kind[item["kind"]][1] += 1
        if show_errors and fired != item["danger"]:
            print(f"  safety/{item['kind']}: label {item['danger']}, check {fired}: {item['text']!r}")
    danger = [k for k in per_kind if any(i["kind"] == k and i["danger"] for i in items)]
    caught = sum(per_kind[k][0] for k in danger)
    total = sum(per_kind[k][1] for k in danger)
    alarms = sum(per_kind[k][0] for k in per_kind if k not in danger)
    ordinary = sum(per_kind[k][1] for k in per_kind if k not in danger)
    return {
        "recall": round(caught / total, 3),
        "false_alarms": round(alarms / ordinary, 3),
        "danger_texts": total,
        "ordinary_texts": ordinary,
        "per_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_kind.items())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=list(SPLITS), required=True)
    parser.add_argument("--errors", action="store_true", help="list disagreements (development set only)")
    parser.add_argument("--prompt", help="only prompts whose id starts with this")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.errors and args.set == "test":
        parser.error("never look at test-set errors: that would make it a development set")
    from trust_course import engine, rules_compiler
    from trust_course.content import course

    compiled, problems = rules_compiler.build(
        {
            i: {**e, "chapter": course().chapter_of[i]}
            for i, e in course().exercises.items()
            if e["kind"] == "reflection"
        }
    )

    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    engine.use(compiled)
    rows = criteria_figures(args.set, args.errors, args.prompt)
    safety = safety_figures(args.set, args.errors) if not args.prompt else None
    if args.json:
        print(json.dumps({"set": args.set, "criteria": rows, "safety": safety}, indent=1))
        return 0
    print(f"{args.set} set: {'prompt':34} {'criterion':16} {'n':>4} {'accuracy':>9} {'kappa':>7}")
    for r in rows:
        flag = "" if r["accuracy"] >= TARGETS["accuracy"] and r["kappa"] >= TARGETS["kappa"] else "  < target"
        print(f"{'':10}{r['prompt']:34} {r['criterion']:16} {r['n']:>4} {r['accuracy']:>9.3f} {r['kappa']:>7.3f}{flag}")
    if rows:
        mean = sum(r["accuracy"] for r in rows) / len(rows)
        hit = sum(r["accuracy"] >= TARGETS["accuracy"] and r["kappa"] >= TARGETS["kappa"] for r in rows)
        print(f"mean accuracy {mean:.3f}; {hit} of {len(rows)} criteria at accuracy >= 0.90 and kappa >= 0.80")
    if safety:
        print(
            f"safety: recall {safety['recall']:.3f} of {safety['danger_texts']} danger texts, "
            f"false alarms {safety['false_alarms']:.3f} of {safety['ordinary_texts']} ordinary texts"
        )
        print("  fired / texts per kind: " + ", ".join(f"{k} {v}" for k, v in safety["per_kind"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
