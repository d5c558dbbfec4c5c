"""«Новости и анонсы», and what the section published in a period (the roadmap's item 7)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from public.models import NewsItem, PublicFile
from public.selectors.cards import NewsCard, Site
from public.selectors.site import LIST_LIMIT, cached_part


def news(site: Site) -> tuple[NewsCard, ...]:
    return cached_part(site.id, "news", lambda: _build_news(site.id), reads=("public",))


def _news_card(item: NewsItem) -> NewsCard:
    return NewsCard(
        id=item.pk,
        title=item.title,
        body=item.body,
        published_at=item.published_at,
        is_announcement=item.is_announcement,
        has_image=bool(item.image_type),
        image_alt=item.image_alt,
    )


def _build_news(org_id: int) -> tuple[NewsCard, ...]:
    return tuple(
        _news_card(item)
        for item in NewsItem.objects.filter(
            organization_id=org_id, published_at__isnull=False, published_at__lte=timezone.now()
        )
        .defer("image")
        .order_by("-published_at", "-pk")[:LIST_LIMIT]
    )


def news_item(site: Site, pk: int) -> NewsCard | None:
    return next((n for n in news(site) if n.id == pk), None)


def news_preview(organization_id: int, pk: int) -> NewsCard | None:
    """A draft as the visitor will see it (the curator's preview, never a public page)."""
    item = NewsItem.objects.filter(organization_id=organization_id, pk=pk).defer("image").first()
    if item is None:
        return None
    return (
        _news_card(item)
        if item.published_at
        else NewsCard(
            id=item.pk,
            title=item.title,
            body=item.body,
            published_at=timezone.now(),
            is_announcement=item.is_announcement,
            has_image=bool(item.image_type),
            image_alt=item.image_alt,
        )
    )


def news_image(site: Site, pk: int) -> NewsItem | None:
    return (
        NewsItem.objects.filter(
            organization_id=site.id, pk=pk, published_at__isnull=False, image__isnull=False
        )
        .exclude(image_type="")
        .only("image", "image_type")
        .first()
    )


# --- the roadmap's item 7: what was published, and when -------------------------------------


def published_between(org_id: int, start: dt.date, end: dt.date) -> int:
    """How many news items and files were published in a period (information support)."""
    return published_in_periods(org_id, {0: (start, end)})[0]


def published_in_periods(org_id: int, periods: dict) -> dict:
    """How many news items and files were published in each period (key → (start, end)):
    one query per table, whatever the number of periods."""
    tz = timezone.get_current_timezone()
    conditions = {
        f"p{n}": Q(
            published_at__range=(
                dt.datetime.combine(start, dt.time.min, tzinfo=tz),
                dt.datetime.combine(end, dt.time.max, tzinfo=tz),
            )
        )
        for n, (start, end) in enumerate(periods.values())
    }
    totals = dict.fromkeys(periods, 0)
    for model in (NewsItem, PublicFile):
        counts = model.objects.filter(organization_id=org_id).aggregate(
            **{name: Count("pk", filter=q) for name, q in conditions.items()}
        )
        for n, key in enumerate(periods):
            totals[key] += counts[f"p{n}"]
    return totals
