"""«Партнёры и совместные мероприятия»: active partners and the joint events shown on the site.

Organizations only, never a person: a partner's contact person and phone stay in the register.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from mentoring.models import Partner
from public.selectors.cards import Site
from public.selectors.site import LIST_LIMIT, cached_part
from roadmap.models import JointEvent


@dataclass(frozen=True)
class PartnerCard:
    id: int
    name: str
    kind: str
    website: str
    scope: str


@dataclass(frozen=True)
class JointEventCard:
    id: int
    held_on: dt.date
    title: str
    partner: str
    format: str


@dataclass(frozen=True)
class Partners:
    partners: tuple[PartnerCard, ...]
    upcoming: tuple[JointEventCard, ...]
    past: tuple[JointEventCard, ...]


def partners(site: Site) -> Partners:
    """The section's partners and joint events; rebuilt when any of them is written."""
    today = timezone.localdate()
    return cached_part(
        site.id, f"partners:{today}", lambda: _build(site.id, today), reads=("mentoring", "roadmap")
    )


def _build(org_id: int, today: dt.date) -> Partners:
    active = tuple(
        PartnerCard(
            id=p.pk,
            name=p.name,
            kind=p.get_kind_display(),
            website=p.website,
            scope=p.scope,
        )
        for p in Partner.objects.filter(organization_id=org_id, is_active=True)
        .only("name", "kind", "website", "scope")
        .order_by("name", "pk")[:LIST_LIMIT]
    )
    events = (
        JointEvent.objects.filter(organization_id=org_id, is_public=True)
        .select_related("partner")
        .only("held_on", "title", "format", "partner__name", "partner__short_name")
    )
    cards = {
        "upcoming": events.filter(held_on__gte=today).order_by("held_on", "pk")[:LIST_LIMIT],
        "past": events.filter(held_on__lt=today).order_by("-held_on", "-pk")[:LIST_LIMIT],
    }
    made = {
        which: tuple(
            JointEventCard(
                id=e.pk,
                held_on=e.held_on,
                title=e.title,
                partner=str(e.partner),
                format=e.get_format_display(),
            )
            for e in rows
        )
        for which, rows in cards.items()
    }
    return Partners(partners=active, upcoming=made["upcoming"], past=made["past"])
