"""A ``values_list`` query compiled once per process (``core.tally.tally_of``'s pattern for plain
rows).

The public section's program lists and shown cases are rebuilt right after any write to the
programs, the pairs or the people, and building their querysets (subqueries of the select list,
``Exists``) and compiling them cost more than the database's work. Their SQL depends only on
what ``key`` names (the organization, the statuses, the page's slice), so it is made the first
time and the same statement runs again after every write; the rows come back as
``values_list`` gives them (the fields' converters applied).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

# The statements made lately in this process, the oldest forgotten first.
_compiled: OrderedDict[Hashable, tuple] = OrderedDict()
COMPILED_KEPT = 1024
_MISSING = object()


def _compile(queryset: QuerySet) -> tuple | None:
    """The statement, its parameters and converters (None: the queryset matches nothing)."""
    compiler = queryset.query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    fields = [s[0] for s in compiler.select[: compiler.col_count]]
    converters = [
        (position, tuple(convs), expression)
        for position, (convs, expression) in compiler.get_converters(fields).items()
    ]
    return queryset.db, sql, tuple(params), converters


def rows_of(key: Hashable, queryset: Callable[[], QuerySet]) -> list[tuple]:
    """``list(queryset())`` of a ``values_list`` queryset, its SQL made once per process for
    ``key``, which must name everything the queryset is built from outside the database."""
    found = _compiled.get(key, _MISSING)
    if found is _MISSING:
        found = _compiled[key] = _compile(queryset())
        while len(_compiled) > COMPILED_KEPT:
            _compiled.popitem(last=False)
    else:
        with suppress(KeyError):  # another thread may have just let it go
            _compiled.move_to_end(key)
    if found is None:
        return []
    alias, sql, params, converters = found
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not converters:
        return [tuple(row) for row in rows]
    converted = []
    for row in rows:
        row = list(row)
        for position, convs, expression in converters:
            value = row[position]
            for convert in convs:
                value = convert(value, expression, connection)
            row[position] = value
        converted.append(tuple(row))
    return converted
