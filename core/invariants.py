"""The rules of the domain written once, checked over the data.

Each app lists its invariants in ``<app>/invariants.py`` with ``@invariant``: a function that
takes a queryset of organizations and yields a ``Violation`` for every row that breaks the rule.
Services refuse to break them; ``manage.py check_invariants`` and the property-based tests look
for what slipped through. Every check is a few aggregate queries, whatever the data size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from core.models import Organization
from core.plugins import autodiscover


@dataclass(frozen=True)
class Violation:
    """One broken rule: the organization, a Russian sentence and where to fix it."""

    organization_id: int
    rule: str
    text: str
    url: str = ""


Check = Callable[[QuerySet[Organization]], Iterable[Violation]]
_REGISTRY: dict[str, tuple[str, Check]] = {}


def invariant(rule: str) -> Callable[[Check], Check]:
    """Register a check under its rule, written as the Russian sentence it enforces."""

    def register(fn: Check) -> Check:
        _REGISTRY[f"{fn.__module__}.{fn.__name__}"] = (rule, fn)
        return fn

    return register


def registered() -> list[tuple[str, Check]]:
    """Every (rule, check) of every app, in app order."""
    autodiscover("invariants")
    return list(_REGISTRY.values())


def find_violations(organizations: QuerySet[Organization] | None = None) -> list[Violation]:
    """Every violation of every invariant in these organizations (all of them by default)."""
    organizations = Organization.objects.all() if organizations is None else organizations
    found: list[Violation] = []
    for _rule, check in registered():
        found.extend(check(organizations))
    return found
