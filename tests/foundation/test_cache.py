"""The Redis cache used when CACHE_URL is set, against the suite's real Redis: it
behaves as Django's, and builds one Redis client per connection pool, not per call."""

import os
import threading
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache as DjangosRedisCache

from familiestotte.cache import RedisCache


@pytest.fixture
def cache():
    url = os.environ.get("CELERY_BROKER_URL")
    if not url:
        pytest.skip("needs CELERY_BROKER_URL (Redis)")
    prefix = f"cache-test-{uuid.uuid4().hex}"
    cache = RedisCache(url, {"KEY_PREFIX": prefix})
    yield cache
    # Only this test's keys: clear() would flush the suite's whole Redis database.
    client = cache._cache.get_client(write=True)
    if keys := client.keys(f"{prefix}:*"):
        client.delete(*keys)


def test_it_stores_reads_and_deletes_like_djangos(cache):
    assert cache.get("x") is None
    cache.set("x", {"a": [1, 2]}, 30)
    assert cache.get("x") == {"a": [1, 2]}
    assert cache.add("x", "other", 30) is False
    assert cache.add("y", 1, 30) is True
    assert cache.incr("y") == 2
    assert cache.delete("x") is True
    assert cache.get("x", "gone") == "gone"


def test_it_builds_one_client_for_every_call(cache):
    first = cache._cache.get_client()
    cache.set("x", 1, 30)
    cache.get("x")
    assert cache._cache.get_client(write=True) is first
    assert first.connection_pool is cache._cache._get_connection_pool(False)


def test_djangos_own_builds_a_client_per_call():
    # The control: what familiestotte.cache changes.
    cache = DjangosRedisCache("redis://127.0.0.1:6379/0", {})
    assert cache._cache.get_client() is not cache._cache.get_client()


def test_threads_share_the_client_safely(cache):
    errors = []

    def work(n):
        try:
            for i in range(50):
                cache.set(f"t{n}-{i}", (n, i), 30)
                assert cache.get(f"t{n}-{i}") == (n, i)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
