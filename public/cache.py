"""The section's cache: one version key per organization, bumped on every change that shows.

A page asks for its parts under ``public:<org id>:<version>:<part>``; bumping the version makes
every old part unreachable at once. A TTL bounds what changes without a signal (meetings that
move the roadmap's progress) to a few minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

TTL = 300


def _version_key(organization_id: int) -> str:
    return f"public:v:{organization_id}"


def version(organization_id: int) -> int:
    current = cache.get(_version_key(organization_id))
    if current is None:
        current = time.time_ns()
        cache.set(_version_key(organization_id), current, None)
    return current


def invalidate(organization_id: int | None) -> None:
    """Forget everything cached for the organization's public section."""
    if organization_id is not None:
        cache.set(_version_key(organization_id), time.time_ns(), None)


def cached(organization_id: int, part: str, build: Callable[[], Any]) -> Any:
    key = f"public:{organization_id}:{version(organization_id)}:{part}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TTL)
    return value
