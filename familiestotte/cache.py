"""Django's Redis cache, with one Redis client per connection pool, failing soft.

Django's RedisCacheClient builds a new `redis.Redis` for every cache call. Each one
is cheap to use but not to build, and sessions are read from the cache on every
signed-in request (bench/HISTORY.md, «Why the hot paths are hand-made»). A
`redis.Redis` is safe to share between threads (each command takes a connection from
the pool), so each pool keeps one.

While Redis is down the cache fails soft rather than failing the request: a read finds
nothing, a write does nothing, an `add` (a lock or a once-only window) succeeds, and a
warning is logged (at most one a minute a process). Sessions (cached_db) are then read
from and written to the database alone; the log-in rate limits count nothing (they fail
open); the email dispatch window opens on every commit (one task each, as without one).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.cache.backends import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from redis.exceptions import RedisError

if TYPE_CHECKING:
    from redis.client import Redis
    from redis.connection import ConnectionPool


class PooledRedisCacheClient(redis.RedisCacheClient):
    # What Django's client has and its type stubs leave out: the Redis class it builds
    # clients with, and the method that gives the pool for a read or a write.
    _client: type[Redis]
    _get_connection_pool: Callable[[bool], ConnectionPool]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Redis] = {}

    def get_client(
        self, key: str | bytes | memoryview | None = None, *, write: bool = False
    ) -> Redis:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


T = TypeVar("T")
logger = logging.getLogger(__name__)
WARNING_INTERVAL = 60.0  # seconds between two warnings of one process's cache


class RedisCache(redis.RedisCache):
    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
        self._warned_at: float | None = None

    def _soft(self, operation: str, fallback: T, call: Callable[..., T], *args: Any) -> T:
        try:
            return call(*args)
        except RedisError as exc:
            now = time.monotonic()
            if self._warned_at is None or now - self._warned_at >= WARNING_INTERVAL:
                self._warned_at = now
                logger.warning(
                    "The Redis cache is unavailable (%s in %s: %s): sessions are read from "
                    "the database and the log-in rate limits count nothing until it is back.",
                    type(exc).__name__,
                    operation,
                    exc,
                )
            return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._soft("get", default, super().get, key, default, version)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._soft("get_many", {}, super().get_many, keys, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._soft("has_key", False, super().has_key, key, version)

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        # True: whoever asks for a lock or a window gets it, rather than waiting for one.
        return self._soft("add", True, super().add, key, value, timeout, version)

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._soft("set", None, super().set, key, value, timeout, version)

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        return self._soft("set_many", list(data), super().set_many, data, timeout, version)

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._soft("touch", False, super().touch, key, timeout, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._soft("incr", delta, super().incr, key, delta, version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._soft("delete", False, super().delete, key, version)

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        self._soft("delete_many", None, super().delete_many, keys, version)

    def clear(self) -> None:
        self._soft("clear", None, super().clear)
