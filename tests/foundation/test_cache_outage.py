"""Redis down with CACHE_URL set: people still log in and use the signed-in pages, their
sessions read from the database (cached_db); the log-in rate limits fail open, with a
warning in the log. CACHE_URL points at a closed port: the shared Redis is never stopped."""

import logging
import os
import uuid

import pytest
from django.urls import reverse

from familiestotte.cache import RedisCache
from tests import factories

from .standalone import free_port

BACKEND = "familiestotte.cache.RedisCache"


def redis_cache(location: str, prefix: str = "") -> dict:
    return {"default": {"BACKEND": BACKEND, "LOCATION": location, "KEY_PREFIX": prefix}}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/0")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": settings.LOGIN_FAILED_RATE}
    return settings


def test_it_logs_in_and_serves_signed_in_pages_while_redis_is_down(
    client, service_worker, redis_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="familiestotte.cache"):
        response = client.post(
            reverse("account_login"),
            {"login": service_worker.user.email, "password": factories.PASSWORD},
        )
        page = client.get(reverse("registrations:mine"))

    assert response.status_code == 302
    assert page.status_code == 200
    assert page.context["user"] == service_worker.user
    assert "The Redis cache is unavailable (ConnectionError" in caplog.text
    assert "the log-in rate limits count nothing" in caplog.text


def test_it_keeps_a_session_started_before_redis_went_down(client, service_worker, settings):
    url = os.environ.get("CELERY_BROKER_URL")
    if not url:
        pytest.skip("needs CELERY_BROKER_URL (Redis)")
    prefix = f"outage-test-{uuid.uuid4().hex}"
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.CACHES = redis_cache(url, prefix)
    client.force_login(service_worker.user)
    assert client.get(reverse("registrations:mine")).status_code == 200

    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/0")
    page = client.get(reverse("registrations:mine"))

    assert page.status_code == 200
    assert page.context["user"] == service_worker.user
    live = RedisCache(url, {"KEY_PREFIX": prefix})._cache.get_client(write=True)
    if keys := live.keys(f"{prefix}:*"):
        live.delete(*keys)


def test_it_lets_log_ins_through_uncounted_while_redis_is_down(client, service_worker, redis_down):
    email = service_worker.user.email
    for attempt in range(6):
        client.post(reverse("account_login"), {"login": email, "password": f"gjett-{attempt}"})

    client.post(reverse("account_login"), {"login": email, "password": factories.PASSWORD})

    assert client.session["_auth_user_id"] == str(service_worker.user.pk)  # fails open


def test_it_reads_nothing_writes_nothing_and_grants_adds_while_down(caplog):
    down = RedisCache(f"redis://127.0.0.1:{free_port()}/0", {})

    with caplog.at_level(logging.WARNING, logger="familiestotte.cache"):
        down.set("x", 1, 30)
        assert down.get("x", "none") == "none"
        assert down.get_many(["x"]) == {}
        assert down.has_key("x") is False
        assert down.add("lock", True, 10) is True
        assert down.delete("x") is False

    assert len(caplog.records) == 1  # one warning a minute, not one a call
