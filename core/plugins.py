"""Discovery of the per-app plugin modules, and the registries lower layers own.

Like Django's ``autodiscover_modules``: every installed app is asked for a submodule of the
given name, in ``INSTALLED_APPS`` order. An app without the module adds nothing; a module that
exists but fails to import raises, so a broken ``home_cards.py`` is an error, not a missing card.

Every module name is declared once, in ``HOOKS``, with what the module must define: asking for
an undeclared name raises, and so does a module that lacks what its hook requires.
CONTRIBUTING.md lists the same table (a test keeps the two in step). The tests' own
``tests/<app>/access_rows.py`` are found by ``tests/access_table.py``, not here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class Hook:
    """A plugin module every app may write: its name, what it must define, what it is for."""

    name: str
    requires: tuple[str, ...]
    purpose: str


# Hooks whose ``requires`` is empty register with a decorator when the module is imported.
HOOKS: dict[str, Hook] = {
    hook.name: hook
    for hook in (
        Hook(
            "navigation_items",
            ("ITEMS",),
            "the menu: `NavItem` entries, each with its roles and place",
        ),
        Hook(
            "home_cards",
            ("cards",),
            "the home page's cards: `cards(request) -> list[HomeCard]`",
        ),
        Hook(
            "roadmap_progress",
            ("PROGRESS",),
            "the live checks of the roadmap's stages: "
            "`{stage: fn(organization, cycle) -> list[Check]}`; optionally `FIGURES`, "
            "`fn(organization, cycle) -> list[core.tally.Part]`: the counts they read, every "
            "app's in one query",
        ),
        Hook(
            "order_effects",
            (),
            "registers what signing an order does, what blocks sending or signing it and the "
            "annexes of its PDF (`roadmap.effects.on_signed`, `on_validate`, `annexes`)",
        ),
        Hook(
            "consent_effects",
            (),
            "registers what a withdrawn consent takes down, e.g. a published case "
            "(`mentoring.consents.on_withdrawal`)",
        ),
        Hook(
            "pair_effects",
            (),
            "registers what keeps a pair from closing, e.g. a running program "
            "(`mentoring.services.pair_close_blockers`)",
        ),
        Hook(
            "invariants",
            (),
            "registers the rules of the domain, checked by `check_invariants` and the "
            "property-based test (`core.invariants.invariant`)",
        ),
        Hook(
            "jobs",
            (),
            "registers the heavy files the worker makes, with a progress bar "
            "(`core.jobs.job_kind`)",
        ),
        Hook(
            "reminders",
            ("REMINDERS",),
            "the daily reminders: `fn(*, today) -> int` (letters queued), run by "
            "`core.tasks.deadline_reminders`",
        ),
        Hook(
            "backup_checksums",
            ("checksums",),
            "the checksums of stored documents that a restore must match: "
            "`checksums() -> dict[str, str]`",
        ),
        Hook(
            "anonymization",
            ("keep",),
            "the rows anonymization leaves as they are (signed orders): "
            "`keep() -> dict[model label, Q]`",
        ),
        Hook(
            "seeding",
            ("seed_organizations",),
            "data for the benchmark and the demo: `seed_organizations(organizations, rng)`",
        ),
        Hook(
            "demo",
            ("seed_demo",),
            "what only the demo shows: `seed_demo(organization)`",
        ),
        Hook(
            "bench",
            ("PAGES",),
            "the pages the benchmark times: `BenchPage` entries",
        ),
        Hook(
            "leaving_effects",
            (),
            "registers what a person's leaving does to the app's objects and what the "
            "confirmation page says of it "
            "(`mentoring.leaving.leaving_effects`, `leaving_previews`)",
        ),
        Hook(
            "signed_documents",
            (),
            "registers the documents signed with the simple e-signature: their PDF, verify page "
            "and download rule (`core.signing.registry.register`)",
        ),
    )
}


def project_apps() -> list:
    """The app configs of this project (not Django's or a library's), in INSTALLED_APPS order."""
    base = Path(settings.BASE_DIR).resolve()
    return [c for c in apps.get_app_configs() if Path(c.path).resolve().parent == base]


@cache
def autodiscover(module_name: str) -> tuple[ModuleType, ...]:
    """Import ``<app>.<module_name>`` of every installed app that has one; raises LookupError
    for an undeclared hook, ImproperlyConfigured for a module without what its hook requires."""
    hook = HOOKS.get(module_name)
    if hook is None:
        raise LookupError(
            f"No plugin hook is named {module_name!r}: declare it in core.plugins.HOOKS "
            f"(declared: {', '.join(sorted(HOOKS))})."
        )
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, module_name):
            module = import_module(f"{config.name}.{module_name}")
            missing = [name for name in hook.requires if not hasattr(module, name)]
            if missing:
                raise ImproperlyConfigured(
                    f"App {config.label!r}: {module.__name__} must define "
                    f"{', '.join(missing)} ({hook.purpose})."
                )
            found.append(module)
    return tuple(found)


@dataclass(frozen=True)
class RelatedDocument:
    """A document about an object, shown on its page: «приказ № 12-од от 01.10.2026»."""

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


# fn(organization_id) -> int: the academic year (its first calendar year) that new pairs and
# programs begin in; the roadmap app, which keeps the years, registers the one provider.
academic_years = Registry("academic_years")


def year_start_now(organization_id: int) -> int:
    """The academic year new work of the organization begins in (``Pair.year_start``): the
    organization's current year, which may be the next one once the curator opened it early;
    without a provider, the calendar's academic year (1 September – 31 August)."""
    for fn in academic_years:
        return fn(organization_id)
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1
