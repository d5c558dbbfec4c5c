"""The top navigation: each app lists its entries in ``<app>/navigation_items.py`` as ``ITEMS``."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from core.models import Role
from core.plugins import autodiscover


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 100
    group: str = ""  # entries of one group share a dropdown, placed at its first entry
    # "municipality": a page of the municipal coordinator, shown on her municipality's pages
    # (``request.municipality``, set by ``region.access.region_access``) whatever the roles.
    scope: str = ""

    @property
    def match_prefix(self) -> str:
        """View names starting with this mark the entry active: «mentoring:staff» for staff-*."""
        return self.url_name.rsplit("-", 1)[0]


def _all_items() -> list[NavItem]:
    items = [item for module in autodiscover("navigation_items") for item in module.ITEMS]
    return sorted(items, key=lambda item: item.order)


def navigation_for(request) -> list[dict]:
    """Menu entries the user's roles allow; grouped entries become one dropdown."""
    roles = getattr(request, "roles", frozenset())
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    current = request.resolver_match.view_name if request.resolver_match else ""
    municipality = getattr(request, "municipality", None)
    for item in _all_items():
        kwargs = {}
        if item.scope == "municipality":
            if municipality is None:
                continue
            kwargs = {"municipality": municipality.slug}
        elif not roles & item.roles:
            continue
        try:
            url = reverse(item.url_name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        entry = {"label": item.label, "url": url, "active": current.startswith(item.match_prefix)}
        if not item.group:
            entries.append(entry)
            continue
        if item.group not in groups:
            groups[item.group] = {"label": item.group, "children": [], "active": False}
            entries.append(groups[item.group])
        groups[item.group]["children"].append(entry)
        groups[item.group]["active"] |= entry["active"]
    return entries


MANAGING = frozenset({Role.DIRECTOR, Role.CURATOR, Role.COUNCIL, Role.ADMIN})
