"""The declared plugin hooks: every name the code asks for is declared, every module holds what
its hook requires, a wrong name or a missing attribute fails loudly, CONTRIBUTING agrees."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.plugins import HOOKS, autodiscover, project_apps

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_discovery():
    """Discovery is cached per process; these tests ask again from scratch and leave it clean."""
    autodiscover.cache_clear()
    yield
    autodiscover.cache_clear()


def _names_asked_for_in_the_code() -> set[str]:
    asked = set()
    for config in project_apps():
        for path in Path(config.path).rglob("*.py"):
            asked.update(re.findall(r"autodiscover\(\"(\w+)\"\)", path.read_text()))
    return asked


def test_every_hook_the_code_asks_for_is_declared_and_every_declared_one_is_used():
    assert _names_asked_for_in_the_code() == set(HOOKS)


def test_every_apps_plugin_module_holds_what_its_hook_requires(fresh_discovery):
    found = {name: [m.__name__ for m in autodiscover(name)] for name in HOOKS}
    assert "monitoring.reminders" in found["reminders"]
    assert "programs.reminders" in found["reminders"]
    assert found["anonymization"] == ["mentoring.anonymization", "roadmap.anonymization"]


def test_an_undeclared_hook_name_fails_loudly(fresh_discovery):
    with pytest.raises(LookupError, match=r"No plugin hook is named 'home_card'.*HOOKS"):
        autodiscover("home_card")


def test_a_module_without_what_its_hook_requires_names_the_app_and_the_attribute(
    fresh_discovery, monkeypatch
):
    from region import bench

    monkeypatch.delattr(bench, "PAGES")
    with pytest.raises(ImproperlyConfigured) as raised:
        autodiscover("bench")
    assert str(raised.value).startswith("App 'region': region.bench must define PAGES (")


def _contributing_rows() -> list[tuple[str, tuple[str, ...], str]]:
    text = (ROOT / "CONTRIBUTING.md").read_text()
    lines = text[text.index("| plugin module | must define | what for |") :].splitlines()[2:]
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        module, requires, purpose = (cell.strip() for cell in line.strip("|").split(" | "))
        name = re.fullmatch(r"`<app>/(\w+)\.py`", module).group(1)
        required = () if requires == "—" else tuple(r.strip("`") for r in requires.split(", "))
        rows.append((name, required, purpose))
    return rows


def test_contributing_lists_exactly_the_declared_hooks():
    declared = [(hook.name, hook.requires, hook.purpose) for hook in HOOKS.values()]
    assert _contributing_rows() == declared
