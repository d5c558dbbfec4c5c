"""Pages of long lists: the page's ids by a light query, then only those rows in full.

An annotated list (a mentor's load, a program's progress) costs its subqueries for every row
that the database sorts, not for the 25 a page shows. ``page_of`` asks for the ids of one page
(the filters still apply, annotations referenced by them included), then reads the full rows of
those ids only, in the same order. The total comes from the organization's cache when one is
given: it changes only when the organization's data does.
"""

from __future__ import annotations

import hashlib

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from mentoring.cache import org_cached


def page_of(
    queryset: QuerySet,
    number,
    *,
    per_page: int = 25,
    organization_id: int | None = None,
    load: bool = True,
) -> Page:
    """One page of ``queryset``; with ``load=False`` the page holds the ids only."""
    ids = queryset.values_list("pk", flat=True)
    paginator = Paginator(ids, per_page)
    if organization_id is not None:
        digest = hashlib.sha256(str(ids.query).encode()).hexdigest()[:24]
        paginator.count = org_cached(organization_id, f"count:{digest}", ids.count)
    page = paginator.get_page(number)
    pks = list(page.object_list)
    if not load:
        page.object_list = pks
        return page
    rows = {row.pk: row for row in queryset.filter(pk__in=pks)}
    page.object_list = [rows[pk] for pk in pks if pk in rows]
    return page
