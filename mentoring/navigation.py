"""The top navigation: each app lists its entries in ``<app>/navigation.py`` as ``ITEMS``."""

from dataclasses import dataclass
from importlib import import_module

from django.urls import NoReverseMatch, reverse

from mentoring.models import Role

# The order of the menu; an app without a navigation module adds nothing.
APPS = ("mentoring", "roadmap", "programs", "monitoring")


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 100

    @property
    def match_prefix(self) -> str:
        """View names starting with this mark the entry active: «mentoring:staff» for staff-*."""
        return self.url_name.rsplit("-", 1)[0]


def _all_items() -> list[NavItem]:
    items: list[NavItem] = []
    for app in APPS:
        try:
            module = import_module(f"{app}.navigation_items")
        except ModuleNotFoundError:
            continue
        items.extend(module.ITEMS)
    return sorted(items, key=lambda item: item.order)


def navigation_for(request) -> list[dict]:
    """Menu entries the user's roles in the current organization allow."""
    roles = getattr(request, "roles", frozenset())
    entries = []
    current = request.resolver_match.view_name if request.resolver_match else ""
    for item in _all_items():
        if not roles & item.roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append(
            {"label": item.label, "url": url, "active": current.startswith(item.match_prefix)}
        )
    return entries


MANAGING = frozenset({Role.DIRECTOR, Role.CURATOR, Role.COUNCIL, Role.ADMIN})
