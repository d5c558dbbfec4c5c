"""Pages of long lists: the page's ids by a light query, then only those rows in full.

An annotated list (a mentor's load, a program's progress) costs its subqueries for every row
that the database sorts, not for the 25 a page shows. ``page_of`` asks for the ids of one page
(the filters still apply, annotations referenced by them included), then reads the full rows of
those ids only, in the same order. With an organization given, the total and the page's rows
come from its cache: they change only when the organization's data does.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from core.cache import org_cached
from core.cache_tables import groups_in


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
    sql = _sql(ids)
    reads = groups_in(sql) if sql is not None else None
    if organization_id is not None and reads is not None:
        paginator.count = org_cached(organization_id, f"count:{sql}", ids.count, reads=reads)
    page = paginator.get_page(number)
    pks = list(page.object_list)
    if not load:
        page.object_list = pks
        return page
    chosen = queryset.filter(pk__in=pks)
    sql = _sql(chosen) if pks else None
    reads = groups_in(sql) if sql is not None else None
    if not pks:
        found = []
    elif organization_id is None or reads is None:
        found = list(chosen)
    else:  # the rows with their annotations, until the organization's data changes
        found = org_cached(organization_id, f"rows:{sql}", lambda: list(chosen), reads=reads)
    rows = {row.pk: row for row in found}
    page.object_list = [rows[pk] for pk in pks if pk in rows]
    return page


def _sql(queryset: QuerySet) -> str | None:
    """The query's SQL with its parameters, as a cache key; None for a query that can match
    nothing (Django does not compile those)."""
    try:
        return str(queryset.query)
    except EmptyResultSet:
        return None
