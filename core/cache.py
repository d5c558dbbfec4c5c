"""Computed page parts cached per organization, made stale by any write to the project's tables.

A page part (the home cards, a stage's progress, the monitoring figures) is kept under a key
that holds the organization's *data version*, the global one, and today's date::

    cards = org_cached(organization.pk, f"home:{user.pk}", lambda: build(...))

A part over several organizations is kept by ``shared_cached`` (it reads only rows every page
shares: organizations, municipalities) or by ``orgs_cached`` (it reads the organizations' own
rows: the published cases of a municipality's kindergartens).

Nobody has to remember to invalidate: every INSERT, UPDATE or DELETE that Django sends to a
table of the project's apps bumps a version, whatever made it (a form, a service, a bulk
``update()``, a data migration). The write bumps the version of the organization whose page made
it; a write with no single organization in scope (the Django admin, the worker, a command, the
municipal pages) bumps the global version, which every key holds. The bump happens at once and
again after the transaction commits, so a page that read the old rows between the two cannot
keep them. Dates are in the key because "overdue" and "stalled" change at midnight; ``TTL``
bounds anything else.

Derived tables that no cached part reads (the municipal summaries, background jobs' progress)
are listed in ``IGNORED_TABLES`` so the worker's bookkeeping does not empty everyone's cache.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.utils import timezone

T = TypeVar("T")

TTL = 600
PROJECT_TABLE_PREFIXES = ("core_", "mentoring_", "programs_", "roadmap_", "monitoring_", "public_")
IGNORED_TABLES = frozenset(
    {
        "mentoring_backgroundjob",
        "mentoring_historicalbackgroundjob",
        "region_organizationsummary",
        "core_servicebeat",
    }
)
GLOBAL = "all"
# Rows that pages of several organizations show (a kindergarten's name on the municipal pages):
# a write to them bumps the global version, whichever page makes it.
SHARED_TABLES = frozenset(
    {"mentoring_organization", "mentoring_municipality", "mentoring_municipalcoordinator"}
)
_NO_SCOPE = object()

# The organization whose request is running (set by OrganizationScopeMiddleware for the views
# of one organization); None: a write could touch any organization.
_scope: ContextVar[int | None] = ContextVar("dou_cache_scope", default=None)
_block: ContextVar[bool] = ContextVar("dou_cache_scope_block", default=False)
_PLAIN = re.compile(r"[\w:.,-]+", re.ASCII)
_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|(TRUNCATE))\s+(?:TABLE\s+)?"?(\w+)"?',
    re.IGNORECASE,
)


def _version_key(scope: int | str) -> str:
    return f"dou:data-version:{scope}"


def _current(*keys: str) -> list[int]:
    """The versions under ``keys`` (one cache round trip); a missing one starts from now, never
    from an old number (first use, or the cache was flushed)."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            now = time.time_ns()
            found[key] = now if cache.add(key, now, None) else cache.get(key, now)
    return [found[key] for key in keys]


def versions(organization_id: int) -> tuple[int, int]:
    """The organization's data version and the global one."""
    own, everyone = _current(_version_key(organization_id), _version_key(GLOBAL))
    return own, everyone


def bump(organization_id: int | None) -> None:
    """Make every cached part of the organization (or, for None, of all) stale."""
    cache.set(_version_key(GLOBAL if organization_id is None else organization_id), time.time_ns())


def _safe(part: str) -> str:
    """The part's name as it is when short and plain, else a digest (keys stay memcached-safe)."""
    if len(part) <= 80 and _PLAIN.fullmatch(part):
        return part
    return hashlib.sha256(part.encode()).hexdigest()[:32]


def part_key(organization_id: int, part: str) -> str:
    """The cache key of a part as of now."""
    own, everyone = versions(organization_id)
    return (
        f"dou:part:{organization_id}:{own}:{everyone}:{timezone.localdate():%Y%m%d}:{_safe(part)}"
    )


def org_cached(organization_id: int, part: str, build: Callable[[], T], ttl: int = TTL) -> T:
    """The part from the cache if nothing changed since it was built, else built and kept."""
    return _kept(part_key(organization_id, part), build, ttl)


def shared_cached(part: str, build: Callable[[], T], ttl: int = TTL) -> T:
    """A part over several organizations (the municipal pages), kept until the global version
    moves; ``part`` must name whatever else it depends on (the summaries' refresh time)."""
    [everyone] = _current(_version_key(GLOBAL))
    return _kept(f"dou:shared:{everyone}:{timezone.localdate():%Y%m%d}:{_safe(part)}", build, ttl)


def orgs_cached(
    organization_ids: Iterable[int], part: str, build: Callable[[], T], ttl: int = TTL
) -> T:
    """A part that shows several organizations' own data (a municipality's kindergartens' cases):
    stale when any one of them changes, or the global version moves."""
    ids = sorted(set(organization_ids))
    stamp = _current(_version_key(GLOBAL), *(_version_key(pk) for pk in ids))
    digest = hashlib.sha256(repr((ids, stamp)).encode()).hexdigest()[:32]
    return _kept(f"dou:orgs:{digest}:{timezone.localdate():%Y%m%d}:{_safe(part)}", build, ttl)


def _kept(key: str, build: Callable[[], T], ttl: int) -> T:
    """A part built inside a transaction that has written is returned but not kept: it may hold
    rows that are never committed."""
    value = cache.get(key)
    if value is None:
        value = build()
        if not _uncommitted_writes():
            cache.set(key, value, ttl)
    return value


@contextmanager
def scoped_to(organization_id: int | None):
    """Writes inside belong to this organization (None: to any)."""
    token, opened = _scope.set(organization_id), _block.set(True)
    try:
        yield
    finally:
        _block.reset(opened)
        _scope.reset(token)


def enter_scope(organization_id: int | None) -> None:
    """From here to the end of the enclosing ``scoped_to``, writes belong to this organization.

    Outside such a block (a middleware method called on its own) nothing changes: a scope set
    there would outlive the request.
    """
    if _block.get():
        _scope.set(organization_id)


# --- noticing writes ---------------------------------------------------------------------------


def _is_tracked(table: str) -> bool:
    return table.startswith(PROJECT_TABLE_PREFIXES) and table not in IGNORED_TABLES


def _after_commit(scope: int | None) -> Callable[[], None]:
    def callback() -> None:
        bump(scope)

    callback.dou_scope = scope
    return callback


def _pending_scopes(connection) -> list:
    return [getattr(f, "dou_scope", _NO_SCOPE) for _, f, _ in connection.run_on_commit]


def _uncommitted_writes() -> bool:
    return any(
        connection.in_atomic_block and any(s is not _NO_SCOPE for s in _pending_scopes(connection))
        for connection in connections.all(initialized_only=True)
    )


def _noticed_write(alias: str, scope: int | None) -> None:
    connection = connections[alias]
    if not connection.in_atomic_block:
        bump(scope)
        return
    pending = connection.run_on_commit
    if pending and getattr(pending[-1][1], "dou_scope", _NO_SCOPE) == scope:
        return  # the same transaction wrote for the same scope a moment ago
    bump(scope)
    transaction.on_commit(_after_commit(scope), using=alias)


def _watch(alias: str):
    def watcher(execute, sql, params, many, context):
        match = _WRITE.match(sql) if sql[:1] in "IUDTiudt \n" else None
        result = execute(sql, params, many, context)
        if match and match.group(1):  # TRUNCATE (a test database being emptied): everything
            _noticed_write(alias, None)
        elif match and _is_tracked(table := match.group(2).lower()):
            _noticed_write(alias, None if table in SHARED_TABLES else _scope.get())
        return result

    watcher.dou_cache = True
    return watcher


def _install(sender, connection, **kwargs) -> None:
    if not any(getattr(w, "dou_cache", False) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_watch(connection.alias))


def install() -> None:
    """Watch every database connection, the open ones and those opened later."""
    connection_created.connect(_install, dispatch_uid="dou-cache-watch-writes")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)
