"""Several cached parts of one organization in a few cache round trips (``core.cache``).

A page assembled from parts that each read their own groups of tables (the home page's cards of
every app, the roadmap's checks of every app) asks for all of them at once: one look-up of the
versions they depend on, one of the parts, and one write of those that were missing, built
together (so that the builder can share the work: the roadmap counts the missing apps' figures
in one query). The keys are ``core.cache.part_key``'s: a part is the same whether asked for
alone (``org_cached``) or with others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

from django.core.cache import cache

from core.cache import (
    ALL,
    TTL,
    _current,
    _keys,
    _safe,
    _today,
    _uncommitted_writes,
    deploy_id,
)


def org_cached_many(
    organization_id: int,
    parts: Sequence[tuple[str, Iterable[str]]],
    build: Callable[[list[int]], list],
    ttl: int = TTL,
) -> list:
    """The parts named in ``parts`` (each a name and the groups it reads), in their order: those
    kept and still fresh from the cache, the others from ``build(indexes of the missing)``, which
    returns their values in that order. As ``org_cached``: a part built inside a transaction that
    has written is returned but not kept."""
    groups = [tuple(reads) for _, reads in parts]
    depends = [_keys(organization_id, g) + _keys(ALL, g) for g in groups]
    wanted = sorted({key for keys in depends for key in keys})
    versions = dict(zip(wanted, _current(*wanted), strict=True))
    prefix, today = f"dou:part:{deploy_id()}:{organization_id}", _today()
    keys = [
        f"{prefix}:{_stamp([versions[k] for k in keys])}:{today}:{_safe(name)}"
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


def _stamp(versions: list[int]) -> str:
    """``core.cache._stamp`` of versions already read."""
    return hashlib.sha256(repr(versions).encode()).hexdigest()[:24]
