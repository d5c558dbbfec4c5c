"""Discovery of the per-app plugin modules, and the registries lower layers own.

Like Django's ``autodiscover_modules``: every installed app is asked for a submodule of the
given name, in ``INSTALLED_APPS`` order. An app without the module adds nothing; a module that
exists but fails to import raises, so a broken ``home_cards.py`` is an error, not a missing card.

The plugin modules are ``navigation_items``, ``home_cards``, ``seeding``, ``demo``, ``bench``,
``order_effects`` and ``roadmap_progress`` (and ``tests/<app>/access_rows.py`` in the tests).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule


def project_apps() -> list:
    """The app configs of this project (not Django's or a library's), in INSTALLED_APPS order."""
    base = Path(settings.BASE_DIR).resolve()
    return [c for c in apps.get_app_configs() if Path(c.path).resolve().parent == base]


@cache
def autodiscover(module_name: str) -> tuple[ModuleType, ...]:
    """Import ``<app>.<module_name>`` of every installed app that has one; broken ones raise."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, module_name):
            found.append(import_module(f"{config.name}.{module_name}"))
    return tuple(found)


@dataclass(frozen=True)
class RelatedDocument:
    """A document about an object, shown on its page: «приказ №12-од от 01.10.2026»."""

    label: str
    url: str = ""


class Registry:
    """A list of functions a lower layer calls without knowing who registered them."""

    def __init__(self, name: str):
        self.name = name
        self._functions: list[Callable] = []

    def register(self, fn: Callable) -> Callable:
        if fn not in self._functions:
            self._functions.append(fn)
        return fn

    def __iter__(self):
        return iter(tuple(self._functions))


# fn(obj) -> list[RelatedDocument]: the orders app tells the pair page which orders name it.
related_documents = Registry("related_documents")


def documents_about(obj) -> list[RelatedDocument]:
    """Every registered provider's documents about ``obj``."""
    return [document for fn in related_documents for document in fn(obj)]
