"""Django's Redis cache, with one Redis client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` for every cache call. Each one
is cheap to use but not to build: with sessions read from the cache, it was about a
tenth of a signed-in request's CPU. A `redis.Redis` is safe to share between threads
(each command takes a connection from the pool), so each pool keeps one.
"""

from django.core.cache.backends import redis


class PooledRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
