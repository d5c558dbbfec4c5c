"""The municipality's page: the best cases of all its kindergartens."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from django.db.models import Count, Q
from django.urls import reverse

from core.cache import orgs_cached, shared_cached
from core.compiled import rows_of
from core.models import Municipality, Organization
from programs.models import Case
from public.selectors.cards import Area, AreaCaseCard, AreaLink, Kindergarten, Paged
from public.selectors.cases import CASE_READS, ShownCase, shown_cases
from public.selectors.site import paged

AREA_CASES_PER_PAGE = 20


def municipalities() -> tuple[AreaLink, ...]:
    """Municipalities with at least one kindergarten that has a public section, by name."""
    return shared_cached("public:municipalities", _build_municipalities, reads=("org",))


def _build_municipalities() -> tuple[AreaLink, ...]:
    active = Q(organizations__is_active=True)
    return tuple(
        AreaLink(slug=m.slug, name=m.name, kindergartens=m.kindergartens)
        for m in Municipality.objects.annotate(kindergartens=Count("organizations", filter=active))
        .filter(kindergartens__gt=0)
        .order_by("name", "pk")
    )


def area_for_slug(slug: str) -> Area | None:
    """The municipality behind a slug with its kindergartens, or None (the page answers 404)."""
    return shared_cached(f"public:area:{slug}", lambda: _build_area(slug), reads=("org",)) or None


def _natural(name: str) -> list:
    """«Детский сад №2» before «Детский сад №10»."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _build_area(slug: str) -> Area | bool:
    rows = list(
        Organization.objects.filter(municipality__slug=slug, is_active=True).values_list(
            "pk", "slug", "short_name", "municipality_id", "municipality__name"
        )
    )
    kindergartens = sorted(
        (
            Kindergarten(
                id=pk, slug=org_slug, short_name=name, url=reverse("public:about", args=[org_slug])
            )
            for pk, org_slug, name, _m_id, _m_name in rows
        ),
        key=lambda k: _natural(k.short_name),
    )
    if not kindergartens:
        return False  # no such municipality, or none of its kindergartens has a section (kept)
    _pk, _slug, _name, municipality_id, municipality_name = rows[0]
    return Area(
        id=municipality_id, slug=slug, name=municipality_name, kindergartens=tuple(kindergartens)
    )


def _area_ids(area: Area) -> list[int]:
    return [k.id for k in area.kindergartens]


def _across(area: Area, part: str, build: Callable):
    """A part that shows the municipality's kindergartens' cases: stale when any one of them
    changes."""
    return orgs_cached(
        _area_ids(area), f"public:area:{area.id}:{part}", build, reads=("org", *CASE_READS)
    )


def _shown(area: Area) -> tuple[ShownCase, ...]:
    """The cases the municipality's kindergartens show, newest programs first (one query)."""
    return _across(area, "shown", lambda: shown_cases(_area_ids(area)))


def area_kindergartens(area: Area) -> tuple[Kindergarten, ...]:
    """The municipality's kindergartens, each with the number of cases its section shows."""
    return _across(area, "kindergartens", lambda: _count_cases(area))


def _count_cases(area: Area) -> tuple[Kindergarten, ...]:
    counts = Counter(c.organization_id for c in _shown(area))
    return tuple(replace(k, cases=counts.get(k.id, 0)) for k in area.kindergartens)


def area_cases_page(
    area: Area,
    number,
    *,
    kindergartens: tuple[Kindergarten, ...],
    kindergarten: Kindergarten | None = None,
) -> Paged:
    """A page of the cases shown by the municipality's kindergartens (or by one), newest
    programs first; the same cases as each kindergarten's «Лучшие практики». The length comes
    from the kindergartens' counts (``area_kindergartens``)."""
    count = kindergarten.cases if kindergarten else sum(k.cases for k in kindergartens)
    return paged(
        partial(_across, area),
        f"cases:{kindergarten.id if kindergarten else 'all'}",
        number,
        per_page=AREA_CASES_PER_PAGE,
        count=count,
        rows=lambda: [
            c.id
            for c in _shown(area)
            if kindergarten is None or c.organization_id == kindergarten.id
        ],
        cards=_area_case_cards,
    )


def _area_case_cards(ids: list[int]) -> tuple[AreaCaseCard, ...]:
    """The cards of a page of cases, in the page's order (one query, its statement made once
    per process for the same cases)."""
    key = tuple(ids)
    found = {
        row[0]: row
        for row in rows_of(
            ("public:area-case-cards", key),
            lambda: Case.objects.filter(pk__in=key).values_list(
                "pk",
                "form_and_role_model",
                "need",
                "program__starts_on",
                "program__ends_on",
                "program__organization__slug",
                "program__organization__short_name",
            ),
        )
    }
    about_url = functools.cache(lambda slug: reverse("public:about", args=[slug]))
    return tuple(
        AreaCaseCard(
            id=pk,
            url=reverse("public:case-detail", args=[slug, pk]),
            kindergarten_url=about_url(slug),
            kindergarten_name=name,
            form_and_role_model=form_and_role_model,
            need=need,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        for pk, form_and_role_model, need, starts_on, ends_on, slug, name in (
            found[pk] for pk in ids if pk in found
        )
    )
