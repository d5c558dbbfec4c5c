"""Computed page parts cached per organization, made stale only by writes to the tables they read.

A page part (the home cards, a stage's progress, the monitoring figures) is kept under a key
that holds the versions of the table groups it reads, for its organization and for all, the
deploy id and today's date::

    cards = org_cached(organization.pk, f"home:{user.pk}", lambda: build(...))
    counts = org_cached(organization.pk, "programs:counts", build, reads=("programs",))

``reads`` names the groups of tables the part reads (``core.cache_tables``: the organizations,
the people, and one group per app); without it the part reads everything, which is right for
parts assembled from every app (the home cards, the roadmap's stages). A part over several
organizations is kept by ``shared_cached`` (stale when any organization writes to the groups it
reads: the municipal and public pages over organizations and municipalities) or by
``orgs_cached`` (it reads the organizations' own rows: the published cases of a municipality's
kindergartens).

Nobody has to remember to invalidate: every INSERT, UPDATE or DELETE that Django sends to a
project table bumps the version of that table's group (``core.cache_tables.group_of``), whatever
made it (a form, a service, a bulk ``update()``, a data migration, the admin, the worker). Whose
version: the organization whose ``@access`` page made the write; else the organization the
statement names (an organization's own row by its id, rows inserted with an
``organization_id``); else every organization's (the admin saving a plan row, a command). A task
or command that knows its organization says so with ``scoped_to(pk)``. Writes no part can see
never bump anything: logins (``last_login``), letters, jobs, the audit log, history, sessions and
the lockout log (``core.cache_tables``). The bump happens at once and again after the
transaction commits, so a page that read the old rows between the two cannot keep them.

Keys carry the deploy id (``DEPLOY_ID``, else the git commit, else the package version), so a
new release never serves a fragment rendered by the old templates; ``bump(None)`` (``manage.py
cache_clear``, ``restore``, a cache that comes back after an outage) makes everything stale.
Dates are in the key because "overdue" and "stalled" change at midnight; ``TTL`` bounds
anything else.
"""

from __future__ import annotations

import functools
import hashlib
import re
import subprocess
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.utils import timezone

from core.cache_tables import GROUPS, UNSCOPED_TABLES, group_of, organization_in

T = TypeVar("T")

TTL = 600
EVERYTHING: tuple[str, ...] = GROUPS
ALL = "all"  # a write whose organization is not known: every organization's parts
ANY = "any"  # moved by every write to the group, whoever's: the parts over organizations
STAR = "*"  # the group of a scope moved by a write to any group: the parts that read everything
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


@functools.cache
def _code_version() -> str:
    """The git commit the code runs from, else the installed package's version."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=2,
            check=True,
        )
        if done.stdout.strip():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return metadata.version("dou-mentoring")
    except metadata.PackageNotFoundError:
        return "0"


def deploy_id() -> str:
    """What tells one release's cached parts from another's (``DEPLOY_ID`` when set)."""
    return _safe(getattr(settings, "DEPLOY_ID", "") or _code_version())


def _version_key(scope: int | str, group: str) -> str:
    return f"dou:data-version:{scope}:{group}"


def _current(*keys: str) -> list[int]:
    """The versions under ``keys`` (one cache round trip); a missing one starts from now, never
    from an old number (first use, or the cache was flushed)."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            now = time.time_ns()
            found[key] = now if cache.add(key, now, None) else cache.get(key, now)
    return [found[key] for key in keys]


def _keys(scope: int | str, reads: tuple[str, ...]) -> list[str]:
    """The version keys of ``scope`` a part reading ``reads`` depends on (one for everything)."""
    if set(reads) >= set(GROUPS):
        return [_version_key(scope, STAR)]
    return [_version_key(scope, g) for g in reads]


def _stamp(keys: Sequence[str]) -> str:
    return _digest(_current(*keys))


def _digest(versions: list[int]) -> str:
    return hashlib.sha256(repr(versions).encode()).hexdigest()[:24]


def versions(organization_id: int, reads: Iterable[str] = EVERYTHING) -> list[int]:
    """The organization's versions of the groups, then every organization's."""
    reads = tuple(reads)
    return _current(*_keys(organization_id, reads), *_keys(ALL, reads))


def bump(organization_id: int | None, groups: Iterable[str] = EVERYTHING) -> None:
    """Make the organization's cached parts that read ``groups`` stale (None: everyone's)."""
    now, groups = time.time_ns(), tuple(groups)
    scope = ALL if organization_id is None else organization_id
    keys = {_version_key(s, g): now for s in (scope, ANY) for g in (*groups, STAR)}
    cache.set_many(keys, None)


def _safe(part: str) -> str:
    """The part's name as it is when short and plain, else a digest (keys stay memcached-safe)."""
    if len(part) <= 80 and _PLAIN.fullmatch(part):
        return part
    return hashlib.sha256(part.encode()).hexdigest()[:32]


def _today() -> str:
    return f"{timezone.localdate():%Y%m%d}"


def part_key(organization_id: int, part: str, reads: Iterable[str] = EVERYTHING) -> str:
    """The cache key of a part as of now."""
    reads = tuple(reads)
    stamp = _stamp(_keys(organization_id, reads) + _keys(ALL, reads))
    return f"dou:part:{deploy_id()}:{organization_id}:{stamp}:{_today()}:{_safe(part)}"


def org_cached(
    organization_id: int,
    part: str,
    build: Callable[[], T],
    ttl: int = TTL,
    *,
    reads: Iterable[str] = EVERYTHING,
) -> T:
    """The part from the cache if none of the groups it reads changed since it was built, else
    built and kept."""
    return _kept(part_key(organization_id, part, reads), build, ttl)


def org_cached_many(
    organization_id: int,
    parts: Sequence[tuple[str, Iterable[str]]],
    build: Callable[[list[int]], list],
    ttl: int = TTL,
) -> list:
    """Several parts of one organization in three cache round trips, not three each (a page
    assembled from parts that read their own groups: the home page's cards of every app, the
    roadmap's checks of every app): the versions they depend on, the parts, and one write of
    those that were missing, built together (so that the builder can share the work: the
    roadmap counts the missing apps' figures in one query). The keys are ``part_key``'s: a
    part is the same whether asked for alone or with others.

    The parts named in ``parts`` (each a name and the groups it reads), in their order: those
    kept and still fresh from the cache, the others from ``build(indexes of the missing)``, which
    returns their values in that order. As ``org_cached``: a part built inside a transaction that
    has written is returned but not kept."""
    groups = [tuple(reads) for _, reads in parts]
    depends = [_keys(organization_id, g) + _keys(ALL, g) for g in groups]
    wanted = sorted({key for keys in depends for key in keys})
    versions = dict(zip(wanted, _current(*wanted), strict=True))
    prefix, today = f"dou:part:{deploy_id()}:{organization_id}", _today()
    keys = [
        f"{prefix}:{_digest([versions[k] for k in keys])}:{today}:{_safe(name)}"
        for (name, _), keys in zip(parts, depends, strict=True)
    ]
    found = cache.get_many(keys)
    values = [found.get(key) for key in keys]
    missing = [i for i, value in enumerate(values) if value is None]
    if missing:
        built = build(missing)
        for i, value in zip(missing, built, strict=True):
            values[i] = value
        if not _uncommitted_writes():
            cache.set_many({keys[i]: values[i] for i in missing}, ttl)
    return values


def shared_cached(
    part: str, build: Callable[[], T], ttl: int = TTL, *, reads: Iterable[str] = EVERYTHING
) -> T:
    """A part over several organizations (the municipal pages), kept until any organization
    writes to the groups it reads; ``part`` must name whatever else it depends on (the
    summaries' refresh time)."""
    stamp = _stamp(_keys(ANY, tuple(reads)))
    return _kept(f"dou:shared:{deploy_id()}:{stamp}:{_today()}:{_safe(part)}", build, ttl)


def orgs_cached(
    organization_ids: Iterable[int],
    part: str,
    build: Callable[[], T],
    ttl: int = TTL,
    *,
    reads: Iterable[str] = EVERYTHING,
) -> T:
    """A part that shows several organizations' own data (a municipality's kindergartens' cases):
    stale when any one of them writes (to any group: one key each), or an unknown writer writes
    to the groups it reads."""
    ids, reads = sorted(set(organization_ids)), tuple(reads)
    keys = _keys(ALL, reads) + [_version_key(pk, STAR) for pk in ids]
    digest = hashlib.sha256(repr((ids, _current(*keys))).encode()).hexdigest()[:32]
    return _kept(f"dou:orgs:{deploy_id()}:{digest}:{_today()}:{_safe(part)}", build, ttl)


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


def _after_commit(scope: int | None, group: str) -> Callable[[], None]:
    def callback() -> None:
        bump(scope, (group,))

    callback.dou_scope = (scope, group)
    return callback


def _pending_scopes(connection) -> list:
    return [getattr(f, "dou_scope", _NO_SCOPE) for _, f, _ in connection.run_on_commit]


def _uncommitted_writes() -> bool:
    return any(
        connection.in_atomic_block and any(s is not _NO_SCOPE for s in _pending_scopes(connection))
        for connection in connections.all(initialized_only=True)
    )


def _noticed_write(alias: str, scope: int | None, groups: Iterable[str]) -> None:
    connection = connections[alias]
    if not connection.in_atomic_block:
        bump(scope, groups)
        return
    pending = set(_pending_scopes(connection))
    for group in groups:
        if (scope, group) in pending:
            continue  # the same transaction wrote to the same group for the same scope
        bump(scope, (group,))
        transaction.on_commit(_after_commit(scope, group), using=alias)


def _whose(table: str, sql: str, params, many: bool) -> int | None:
    """The organization a write belongs to (see the module docstring); None: anyone's."""
    if table in UNSCOPED_TABLES:
        return None
    scope = _scope.get()
    if scope is not None:
        return scope
    return organization_in(table, sql, params, many)


def _watch(alias: str):
    def watcher(execute, sql, params, many, context):
        match = _WRITE.match(sql) if sql[:1] in "IUDTiudt \n" else None
        result = execute(sql, params, many, context)
        if match and match.group(1):  # TRUNCATE (a test database being emptied): everything
            _noticed_write(alias, None, EVERYTHING)
        elif match and (group := group_of(table := match.group(2).lower(), sql)) is not None:
            _noticed_write(alias, _whose(table, sql, params, many), (group,))
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


def last_writes(organization_ids: Iterable[int]) -> dict[int, int]:
    """When each organization's rows were last written, as ``time.time_ns()``: the latest of its
    own version of everything and every organization's (a write whose organization is not known
    counts for all). A version the cache lost starts from now, so its organization counts as
    written: a lost cache makes work, never hides a write."""
    ids = list(organization_ids)
    if not ids:
        return {}
    *own, everyone = _current(*(_version_key(pk, STAR) for pk in ids), _version_key(ALL, STAR))
    return {pk: max(version, everyone) for pk, version in zip(ids, own, strict=True)}
