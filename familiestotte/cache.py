"""Django's Redis cache, with one Redis client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` for every cache call. Each one
is cheap to use but not to build, and sessions are read from the cache on every
signed-in request (bench/HISTORY.md, «Why the hot paths are hand-made»). A
`redis.Redis` is safe to share between threads (each command takes a connection from
the pool), so each pool keeps one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.cache.backends import redis

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


class RedisCache(redis.RedisCache):
    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
