"""axe-core in the browser tests: inject the pinned script and fail on any violation.

Browser tests get the ``axe`` fixture from tests/browser/conftest.py: call ``axe(page)`` after
the page has loaded; or call ``assert_no_violations(page)`` directly.
axe-core is installed by ``make setup`` (``npm ci --prefix tests/browser``), never from a CDN.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


def violations(page, *, rules: dict | None = None) -> list[dict]:
    """Every axe-core violation of any impact on the page as it is now."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is not installed at {AXE_JS}: run `npm ci --prefix tests/browser`.")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's driver, not as a <script>: the page's strict CSP stays on.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["rules"] = rules
    result = page.evaluate("options => axe.run(document, options)", options)
    return result["violations"]


def describe(found: list[dict]) -> str:
    lines = []
    for v in found:
        targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
        lines.append(
            f"{v['id']} ({v['impact']}): {v['help']} — {json.dumps(targets, ensure_ascii=False)}"
        )
    return "\n".join(lines)


def assert_no_violations(page, *, rules: dict | None = None) -> None:
    found = violations(page, rules=rules)
    assert not found, f"axe-core on {page.url}:\n{describe(found)}"


@pytest.fixture
def axe():
    """``axe(page)`` asserts that axe-core finds no violation of any impact on the page."""
    return assert_no_violations
