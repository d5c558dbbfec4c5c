"""Django's Redis cache that fails open: with Redis down the site is slower, never broken.

Every cache call that cannot reach Redis is logged and answered as if the key were missing: a
read is a miss (the page part is built from the database), a write is skipped. After a failure
the process leaves Redis alone for ``PAUSE`` seconds, so a dead server costs one refused
connection per process and pause, not one per cache call (a hung one: the socket timeout).

When Redis answers again after a write was lost, every cached part is made stale at once
(``core.cache.bump``): a change made during the outage did not bump the data version, so a
part cached before it must not come back.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

PAUSE = 2.0
_MISSING = object()


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's client, but one ``redis.Redis`` per connection pool, made once: Django makes a
    new one for every cache call, and making one copies its table of about 170 response
    callbacks (about 1 ms of a page that asks the cache twenty times). A ``redis.Redis`` is
    safe to share between threads; its pool hands each call a connection of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(index)
            client = self._clients.setdefault(index, self._client(connection_pool=pool))
        return client


class FailOpenRedisCache(RedisCache):
    """RedisCache whose errors become misses and skipped writes (see the module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
        self._down_until = 0.0
        self._lost_write = False
        self._lock = threading.Lock()

    # --- the guard ----------------------------------------------------------------------------

    def _call(self, name: str, fallback, *args, write: bool = False, **kwargs):
        if time.monotonic() < self._down_until:
            self._lost_write |= write
            return fallback
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except Exception as exc:
            self._failed(name, exc, write=write)
            return fallback
        if self._lost_write:
            self._recovered()
        return result

    def _failed(self, name: str, exc: Exception, *, write: bool) -> None:
        with self._lock:
            first = time.monotonic() >= self._down_until
            self._down_until = time.monotonic() + PAUSE
            self._lost_write |= write
        if first:
            logger.warning(
                "Cache unavailable (%s: %s): serving from the database", name, type(exc).__name__
            )

    def _recovered(self) -> None:
        with self._lock:
            if not self._lost_write:
                return
            self._lost_write = False
        logger.warning("Cache available again: cached page parts made stale")
        from core.cache import bump

        bump(None)

    @property
    def is_available(self) -> bool:
        """Whether the last call reached Redis (no failure in the last ``PAUSE`` seconds)."""
        return time.monotonic() >= self._down_until

    # --- the cache API --------------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version, write=True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version, write=True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version, write=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version, write=True)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version, write=True)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version, write=True)

    def incr(self, key, delta=1, version=None):
        result = self._call("incr", _MISSING, key, delta, version, write=True)
        if result is _MISSING:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result

    def clear(self):
        return self._call("clear", False, write=True)
