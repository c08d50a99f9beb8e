"""Texts for the rule engine: the development and test sets, and inputs chosen to be hard."""

from __future__ import annotations

import yaml
from conftest import ROOT

BOOK = ROOT / "book"

HARD_INPUTS = [
    "",
    " ",
    "\n\n",
    "yes",
    "?",
    "...!!!???",
    "—",
    ";;;;",
    "😀😢🙏 I'll tell him 🙂",
    "<script>alert('x')</script> I will leave the room",
    "<b>I'll say</b> &lt;stop&gt;",
    "Je vais lui dire d'arrêter de crier.",
    "Le diré que no me grite.",
    "Ich werde gehen, wenn er schreit.",
    "我会离开房间。",
    "ΣΟΦΊΑ ΛΈΕΙ ΌΧΙ.",
    "İSTANBUL'DA KALDIM",
    "I\u00a0will\u2003leave\u2028the room",
    "I\u0085will leave",
    "tab\tseparated\vtext\fhere",
    "I’ll tell him “stop yelling at me” and I’ll leave",
    "He doesn't yell any more.",
    "Will I ever feel safe?",
    "I will protect my peace.",
    "I feel so tired and sad.",
    "café naïve façade",
    "cafe\u0301 nai\u0308ve",
    "If he yells at me I will leave the room. I'll tell him: 'please stop'.",
    "I'll text her that I need space; if she reads my phone again I'll change the password",
    "half an emoji \ud83d here",
    "ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ",
    "don’t, won’t, I’m, she’s",
    ("I will tell him to stop calling me names. " * 500).strip(),
]


# Development sets are tuned on; each was a test set until its figures steered a round of rules.
# File names: dev.yml, dev2.yml, ... (a prompt may have fewer); splits: "dev" (all), dev1, dev2, ..., test.
DEVELOPMENT = ["dev", *(f"dev{n}" for n in range(2, 12))]
SPLITS = {
    "dev": DEVELOPMENT,
    **{f"dev{n}": [folder] for n, folder in enumerate(DEVELOPMENT, start=1)},
    "test": ["test"],
}


def writing_set(split: str, name: str) -> list[dict]:
    """Labelled texts of a prompt (or "safety") in a split of SPLITS ("dev" is every development set)."""
    from trust_course.content import course

    items = []
    for folder in SPLITS[split]:
        if name == "safety":
            path = BOOK / "safety" / "writing" / f"{folder}.yml"
        else:
            path = BOOK / course().chapter_of[name] / "writing" / name / f"{folder}.yml"
        if path.exists():
            items += yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]
    return items
