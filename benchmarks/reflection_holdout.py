"""Held-out accuracy of the boundary-plan rules: labels written by someone who never saw the rules.

The labelled sets under tests/data/ were used to tune the patterns, so their accuracy is in-sample.
This set (benchmarks/data/boundary-plan-holdout.yml) was not, and is not to be tuned on: it
estimates how the rules do on answers they have not seen. Target: accuracy of at least 0.8 per criterion.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_reflection_accuracy import cohen_kappa  # noqa: E402
from trust_course.content import course  # noqa: E402
from trust_course.feedback import evaluate  # noqa: E402

TARGET = 0.8


def main() -> int:
    plan = course().exercise("boundary-plan")
    items = yaml.safe_load((ROOT / "benchmarks/data/boundary-plan-holdout.yml").read_text(encoding="utf-8"))
    ok = True
    print(f"boundary-plan, held-out set of {len(items)} texts")
    for criterion in (c["name"] for c in plan["criteria"]):
        pairs = [(bool(i["labels"][criterion]), evaluate(plan, i["text"])["criteria"][criterion]) for i in items]
        accuracy = sum(a == b for a, b in pairs) / len(pairs)
        ok &= accuracy >= TARGET
        print(f"{criterion:14} accuracy {accuracy:.3f}  kappa {cohen_kappa(pairs):.2f}  (target {TARGET})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
