"""axe-core in the browser tests: serious and critical violations fail them.

The script (axe-core 4.14.1, MPL-2.0, from the npm registry) is vendored under
``vendor/``. The site's CSP forbids inline scripts, so ``add_script_tag`` would
be refused; ``page.evaluate`` runs through the DevTools protocol, which the
page's CSP does not govern.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SEVERE = ("serious", "critical")


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, impacts: tuple[str, ...] = SEVERE) -> list[dict]:
    """Run axe on the page as it is now; the violations of the given impacts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_source())
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"
    )
    return [v for v in result if v["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}" for v in violations)
