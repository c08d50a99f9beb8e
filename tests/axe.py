"""axe-core (from npm, node_modules/axe-core) run in a page: the WCAG 2.0-2.2 A and AA rules and
best practice, as the course promises them."""

from __future__ import annotations

from conftest import ROOT

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def violations(page, within: str | None = None) -> list[str]:
    """One line per violation and node: rule id, target, what fails (empty when the page passes)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async ([within, tags]) => {
          const context = within ? { include: [...document.querySelectorAll(within)] } : document;
          const result = await axe.run(context, { runOnly: { type: "tag", values: tags } });
          return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(" ")}: ${n.failureSummary}`));
        }""",
        [within, TAGS],
    )
    return found
