"""Which written table makes which cached parts stale, and whose (``core.cache`` uses this).

Every project table belongs to a *group*; a cached part names the groups it reads (``reads=``),
and a write bumps the version of its table's group only. The groups follow the apps, with the
rows every app shows split off: the organizations themselves (``org``) and the people
(``people``). A table of an app that is not listed goes to the group named by its prefix.

Tables no cached part reads are *ignored*: the writes that happen all day without changing
anything a page part shows (letters, background jobs, the audit log, every model's history,
the worker's beats and the municipal summaries, whose refresh time is in the region's keys).
So are the user's columns that logging in changes (``last_login``; ``password`` when a hash is
upgraded). A part that starts reading one of them must take it off the list here.

Sessions, the lockout log (``axes_*``) and Django's own tables are not project tables at all.
"""

from __future__ import annotations

import re

PROJECT_TABLE_PREFIXES = (
    "core_",
    "mentoring_",
    "programs_",
    "roadmap_",
    "monitoring_",
    "public_",
)

ORG, PEOPLE = "org", "people"
GROUPS = (ORG, PEOPLE, "mentoring", "roadmap", "programs", "monitoring", "public", "core")

_EXPLICIT = {
    "mentoring_organization": ORG,
    "mentoring_municipality": ORG,
    "mentoring_municipalcoordinator": ORG,
    "mentoring_user": PEOPLE,
    "mentoring_roleassignment": PEOPLE,
    "mentoring_staffmember": PEOPLE,
    "mentoring_staffimportsettings": PEOPLE,
    # Network cooperation: the register of partners, the agreements and the joint events, read
    # by the roadmap's stage block and the public «Партнёры» page (named here so that a move of
    # one of these tables to another app keeps those parts stale on a write).
    "mentoring_partner": "mentoring",
    "roadmap_cooperationagreement": "roadmap",
    "roadmap_jointevent": "roadmap",
}

IGNORED_TABLES = frozenset(
    {
        "mentoring_backgroundjob",
        "mentoring_outgoingemail",
        "mentoring_notificationpreference",
        "mentoring_auditentry",
        "core_servicebeat",
    }
)

# An UPDATE of these tables that sets only these columns changes nothing a part shows.
IGNORED_COLUMNS = {"mentoring_user": frozenset({"last_login", "password", "must_change_password"})}

# Rows that pages of several organizations show (a person works in two kindergartens; a
# municipality names its kindergartens): a write bumps the group for every organization,
# whichever page makes it.
UNSCOPED_TABLES = frozenset(
    {"mentoring_user", "mentoring_municipality", "mentoring_municipalcoordinator"}
)

_SET_COLUMNS = re.compile(r"\bSET\s+(.*?)\s+WHERE\b", re.IGNORECASE | re.DOTALL)
_ASSIGNED = re.compile(r'"(\w+)"\s*=')  # every column set (and any compared: more, never fewer)


def group_of(table: str, sql: str) -> str | None:
    """The group a write to ``table`` bumps, or None when no cached part reads what it changes."""
    if not table.startswith(PROJECT_TABLE_PREFIXES) or table in IGNORED_TABLES:
        return None
    if "_historical" in table:
        return None
    columns = IGNORED_COLUMNS.get(table)
    if columns and sql.lstrip()[:6].upper() == "UPDATE":
        found = _SET_COLUMNS.search(sql)
        assigned = found.group(1) if found else "("
        if "(" not in assigned and set(_ASSIGNED.findall(assigned)) <= columns:  # plain values
            return None
    return _EXPLICIT.get(table) or table.split("_", 1)[0]


def groups_in(sql: str) -> tuple[str, ...] | None:
    """The groups of the project tables a query names (its joins and subqueries included); None
    when it reads a table whose writes bump nothing (such a query must not be cached)."""
    tables = {name.lower() for name in re.findall(r'"(\w+)"', sql)}
    tables = {name for name in tables if name.startswith(PROJECT_TABLE_PREFIXES)}
    groups = {group_of(table, "") for table in tables}
    if None in groups:
        return None
    return tuple(sorted(groups)) or GROUPS


# --- the organization a write belongs to, when the statement says so ---------------------------

_ORG_ROW = re.compile(
    r'WHERE\s+"mentoring_organization"\."id"\s*(?:=\s*%s|IN\s*\(%s\))\s*$', re.IGNORECASE
)
_INSERT_COLUMNS = re.compile(r'^\s*INSERT\s+INTO\s+"?\w+"?\s*\(([^)]*)\)', re.IGNORECASE)


def organization_in(table: str, sql: str, params, many: bool) -> int | None:
    """The one organization whose rows the statement writes, read cheaply from the statement
    (an organization's row by its id; rows inserted with an ``organization_id``), else None."""
    try:
        if table == "mentoring_organization" and _ORG_ROW.search(sql):
            return int(params[-1])
        columns = _INSERT_COLUMNS.match(sql)
        if columns is None:
            return None
        names = [name.strip().strip('"') for name in columns.group(1).split(",")]
        if "organization_id" not in names:
            return None
        at, width = names.index("organization_id"), len(names)
        rows = list(params) if many else [params]
        values = {row[i] for row in rows for i in range(at, len(row), width)}
    except (TypeError, ValueError, IndexError):
        return None
    if len(values) != 1:
        return None
    (value,) = values
    return int(value) if isinstance(value, int) else None
