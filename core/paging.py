"""Pages of long lists: the page's ids by a light query, then only those rows in full.

An annotated list (a mentor's load, a program's progress) costs its subqueries for every row
that the database sorts, not for the 25 a page shows. ``page_of`` asks for the ids of one page
(the filters still apply, annotations referenced by them included), then reads the full rows of
those ids only, in the same order. With an organization given, the total, the page's ids and
its rows come from its cache: they change only when the organization's data in the tables the
query reads does. The ids query is compiled once per request (``_Ids``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.template.loader import render_to_string

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
    compiled = _compiled(ids, organization_id)
    if compiled is None:  # a filter that matches nothing: Django asks nothing either
        paginator = Paginator(ids, per_page)
    else:
        paginator = Paginator(compiled, per_page)
        if organization_id is not None and compiled.reads is not None:
            paginator.count = org_cached(
                organization_id, f"count:{compiled.key}", compiled.count, reads=compiled.reads
            )
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


def kept_rows(
    organization_id: int,
    name: str,
    pks: list[int],
    template: str,
    context: Callable[[], dict],
    *,
    reads: Iterable[str],
) -> str:
    """A page's rows (``pks``) rendered by ``template`` from ``context()``, kept in the
    organization's cache until a table they read changes: rows that are the same for everyone
    who opens the list (whatever differs, a permission, goes into ``name``)."""
    return org_cached(
        organization_id,
        f"{name}:{pks}",  # a long name is digested by the cache
        lambda: render_to_string(template, context()),
        reads=reads,
    )


class _Ids:
    """The ids of a list compiled once: its cache key, its count and its slices by plain SQL
    (a queryset compiles its SQL anew for each of the three)."""

    def __init__(self, alias: str, sql: str, params: tuple, organization_id: int | None):
        self.alias, self.sql, self.params = alias, sql, params
        self.organization_id = organization_id
        self.key = f"{sql} {params!r}"
        self.reads = groups_in(sql)

    def _rows(self, sql: str, params: tuple) -> list:
        with connections[self.alias].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self) -> int:
        # Django compiled the SQL; the values are parameters.
        counted = f"SELECT COUNT(*) FROM ({self.sql}) page_ids"  # noqa: S608
        return self._rows(counted, self.params)[0][0]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        start = window.start or 0

        def read() -> list:
            found = self._rows(
                f"{self.sql} LIMIT %s OFFSET %s", (*self.params, window.stop - start, start)
            )
            return [row[0] for row in found]

        if self.organization_id is None or self.reads is None:
            return read()
        # A page's ids change only with the tables the query reads, like its count.
        part = f"ids:{start}:{window.stop}:{self.key}"
        return org_cached(self.organization_id, part, read, reads=self.reads)


def _compiled(ids: QuerySet, organization_id: int | None) -> _Ids | None:
    try:
        sql, params = ids.query.sql_with_params()
    except EmptyResultSet:
        return None
    return _Ids(ids.db, sql, tuple(params), organization_id)


def _sql(queryset: QuerySet) -> str | None:
    """The query's SQL with its parameters, as a cache key; None for a query that can match
    nothing (Django does not compile those)."""
    try:
        return str(queryset.query)
    except EmptyResultSet:
        return None
