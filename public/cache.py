"""The section's cache: one version key per organization, bumped on every change that shows.

A page asks for its parts under ``public:<org id>:<version>:<part>``; bumping the version makes
every old part unreachable at once. A TTL bounds what changes without a signal (meetings that
move the roadmap's progress) to a few minutes.

A municipality's page shows several organizations: its parts are keyed by the municipality's
own version (its name and which kindergartens belong to it) and by the versions of all those
kindergartens, so a change in any one of them reaches the page without a write knowing about
municipalities. The list of municipalities has one version of its own.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache

TTL = 300
DIRECTORY = "directory"


def _version_key(organization_id: int) -> str:
    return f"public:v:{organization_id}"


def _municipality_key(municipality_id: int | str) -> str:
    return f"public:v:mo:{municipality_id}"


def _current(key: str) -> int:
    value = cache.get(key)
    if value is None:
        value = time.time_ns()
        cache.set(key, value, None)
    return value


def version(organization_id: int) -> int:
    return _current(_version_key(organization_id))


def versions(organization_ids: Iterable[int]) -> list[int]:
    """The versions of several organizations in one round trip to the cache."""
    keys = [_version_key(pk) for pk in organization_ids]
    found = cache.get_many(keys)
    missing = {key: time.time_ns() for key in keys if key not in found}
    if missing:
        cache.set_many(missing, None)
    return [found.get(key) or missing[key] for key in keys]


def invalidate(organization_id: int | None) -> None:
    """Forget everything cached for the organization's public section."""
    if organization_id is not None:
        cache.set(_version_key(organization_id), time.time_ns(), None)


def invalidate_municipality(municipality_id: int | str | None) -> None:
    """Forget a municipality's page (``DIRECTORY``: the list of municipalities)."""
    if municipality_id is not None:
        cache.set(_municipality_key(municipality_id), time.time_ns(), None)


def cached(organization_id: int, part: str, build: Callable[[], Any]) -> Any:
    key = f"public:{organization_id}:{version(organization_id)}:{part}"
    return _get_or_build(key, build)


def cached_municipality(municipality_id: int | str, part: str, build: Callable[[], Any]) -> Any:
    """A part that changes only with the municipality itself (name, member kindergartens)."""
    key = f"public:mo:{municipality_id}:{_current(_municipality_key(municipality_id))}:{part}"
    return _get_or_build(key, build)


def cached_across(
    municipality_id: int, organization_ids: Iterable[int], part: str, build: Callable[[], Any]
) -> Any:
    """A part that shows the municipality's kindergartens: stale when any one of them changes."""
    stamp = [_current(_municipality_key(municipality_id)), *versions(organization_ids)]
    digest = hashlib.blake2b(repr(stamp).encode(), digest_size=12).hexdigest()
    return _get_or_build(f"public:mo:{municipality_id}:{digest}:{part}", build)


def _get_or_build(key: str, build: Callable[[], Any]) -> Any:
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TTL)
    return value
