"""Texts for the rule engine: the development and test sets, and inputs chosen to be hard."""

from __future__ import annotations

import yaml
from conftest import ROOT

WRITING = ROOT / "tests" / "data" / "writing"

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


def writing_set(split: str, name: str) -> list[dict]:
    """Labelled texts of a prompt (or "safety"): split is "dev" (dev1 and dev2) or "test"."""
    items = []
    for folder in ["dev", "dev2"] if split == "dev" else [split]:
        path = WRITING / "safety" / f"{folder}.yml" if name == "safety" else WRITING / folder / f"{name}.yml"
        if path.exists():
            items += yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]
    return items
