"""Counts over several tables in one cheap query: grouped counts joined by ``UNION ALL``.

A page part that needs a dozen counts (the roadmap's stages, the managers' home cards) used to
ask for each as a subquery of one ``SELECT``, or in a query of its own: every subquery is an
expression Django builds and compiles anew on every request, and every query a round trip, and
both cost more than the database's work. Here each table is read once, grouped by the columns
the counts tell apart, and the counts are added up in Python from the few grouped rows::

    found = tally(
        part("mentees", mentees, group="status", consented=Exists(...)),
        part("documents", NormativeDocument.objects.filter(organization=organization)),
    )
    found.count("mentees")                         # all of them
    found.count("mentees", consented=True)         # with a consent
    found.count("mentees", group=("new", "left"))  # in these statuses
    found.count("documents")

Every part has the same columns, so that they can be joined: its name, one text group, up to
``FLAGS`` yes/no flags (as the bits of one number), the number of rows and up to ``SUMS`` sums
of per-row numbers (``sums=``: the plan events of each program, say), read back with ``total``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

FLAGS = 4
SUMS = ("s1", "s2", "s3")
# One instance of each output field for every part (making fields is a good share of the cost).
_TEXT, _NUMBER = CharField(), IntegerField()
_NONE = Value(0, output_field=_NUMBER)


@dataclass(frozen=True)
class Part:
    """One table's grouped counts as a values queryset, and which column holds what."""

    name: str
    queryset: QuerySet
    columns: dict[str, str | int] = field(default_factory=dict)  # a flag's bit, a sum's column


def _flags(conditions: Iterable[Q | Expression]) -> Expression:
    """The conditions as one number the rows are grouped by, a bit each (``CASE``s: grouping
    by a wrapped ``Q`` would group by the columns it reads instead)."""
    bits = [
        Case(When(condition, then=Value(1 << bit)), default=_NONE, output_field=_NUMBER)
        for bit, condition in enumerate(conditions)
    ]
    if not bits:
        return _NONE
    total = bits[0]
    for bit in bits[1:]:
        total = total + bit
    return ExpressionWrapper(total, output_field=_NUMBER)


def part(
    name: str,
    queryset: QuerySet,
    *,
    group: str | Expression | None = None,
    sums: dict[str, Expression] | None = None,
    **flags: Q | Expression,
) -> Part:
    """Count the rows of ``queryset`` under ``name``, apart by ``group`` (the name of a text
    field, or a text expression) and by each named flag (a ``Q`` or a boolean expression);
    ``sums`` adds up a number per row (named, at most ``SUMS``)."""
    sums = sums or {}
    if len(flags) > FLAGS or len(sums) > len(SUMS):
        raise ValueError(f"At most {FLAGS} flags and {len(SUMS)} sums in one part.")
    if group is None:
        grouped: Expression = Value("", output_field=_TEXT)
    else:
        grouped = F(group) if isinstance(group, str) else group
    summed = dict(zip(SUMS, sums.values(), strict=False))
    rows = (
        queryset.order_by()
        .values(
            tally_name=Value(name, output_field=_TEXT),
            tally_group=grouped,
            tally_flags=_flags(flags.values()),
        )
        .annotate(
            tally_n=Count("pk"),
            **{c: Sum(summed[c]) if c in summed else _NONE for c in SUMS},
        )
    )
    columns = {flag: 1 << bit for bit, flag in enumerate(flags)} | dict(
        zip(sums, SUMS, strict=False)
    )
    return Part(name, rows, columns)


@dataclass
class Tally:
    """The grouped counts of every part; ``count`` and ``total`` add up the rows that match."""

    rows: list[dict]
    columns: dict[str, dict[str, str | int]]

    def _matching(self, name: str, group, flags: dict[str, bool]) -> list[dict]:
        if name not in self.columns:
            raise KeyError(f"No part named {name!r} was counted.")
        groups = {group} if isinstance(group, str) else None if group is None else set(group)
        wanted = {self.columns[name][flag]: value for flag, value in flags.items()}
        return [
            row
            for row in self.rows
            if row["tally_name"] == name
            and (groups is None or row["tally_group"] in groups)
            and all(bool(row["tally_flags"] & bit) is value for bit, value in wanted.items())
        ]

    def count(self, name: str, *, group: str | Iterable[str] | None = None, **flags: bool) -> int:
        """How many rows of part ``name`` are in ``group`` (one value or several) and have each
        flag as given."""
        return sum(row["tally_n"] for row in self._matching(name, group, flags))

    def total(
        self, name: str, of: str, *, group: str | Iterable[str] | None = None, **flags: bool
    ) -> int:
        """The sum ``of`` over the rows of part ``name`` that match, as ``count``."""
        column = self.columns[name][of]
        return int(sum(row[column] or 0 for row in self._matching(name, group, flags)))

    def groups(self, name: str) -> dict[str, int]:
        """Part ``name``'s number of rows in each group."""
        found: dict[str, int] = {}
        for row in self._matching(name, None, {}):
            found[row["tally_group"]] = found.get(row["tally_group"], 0) + row["tally_n"]
        return found


def tally(*parts: Part) -> Tally:
    """Run every part's grouped count in one query (``UNION ALL``)."""
    first, *others = (p.queryset for p in parts)
    rows = list(first.union(*others, all=True)) if others else list(first)
    return Tally(rows, {p.name: p.columns for p in parts})


# The SQL of the tallies made lately in this process (``tally_of``), the oldest forgotten first.
_compiled: OrderedDict[Hashable, tuple[str, str, tuple, dict]] = OrderedDict()
COMPILED_KEPT = 512


def tally_of(key: Hashable, parts: Callable[[], list[Part]]) -> Tally:
    """``tally(*parts())``, with its SQL made once per process for ``key``.

    Building and compiling a dozen querysets of subqueries costs more than the database's work
    (the roadmap's figures: about twice as much), and their SQL depends only on what ``key``
    names (the organization, the cycle's dates, the day): so the parts are built and compiled
    the first time and the same SQL runs again after every write. ``key`` must name everything
    the parts read from outside the database.
    """
    found = _compiled.get(key)
    if found is None:
        made = parts()
        first, *others = (p.queryset for p in made)
        queryset = first.union(*others, all=True) if others else first
        sql, params = queryset.query.sql_with_params()
        found = (queryset.db, sql, tuple(params), {p.name: p.columns for p in made})
        _compiled[key] = found
        while len(_compiled) > COMPILED_KEPT:
            _compiled.popitem(last=False)
    else:
        _compiled.move_to_end(key)
    alias, sql, params, columns = found
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return Tally(rows, columns)
