"""allauth's log-in limits behind the TLS proxy: each client is counted by its own
address (from the proxy, as the environment says), and in production the counters are
in a cache every web process shares, or the portal refuses to start."""

import time
from types import SimpleNamespace

import pytest
from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.urls import reverse

from familiestotte import checks
from tests import factories

from .processes import clean_env, manage
from .test_settings import PRODUCTION

PROXY = "10.0.0.2"  # REMOTE_ADDR of every request behind the proxy
REDIS = "django.core.cache.backends.redis.RedisCache"
LOCAL = "django.core.cache.backends.locmem.LocMemCache"


@pytest.fixture
def rate_limits(settings):
    """The portal's rate limits, on as in production (the suite turns them off)."""
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": settings.LOGIN_FAILED_RATE}
    cache.clear()
    yield settings
    cache.clear()


def wrong_passwords(client, email: str, *, times: int, client_address: str):
    for attempt in range(times):
        client.post(
            reverse("account_login"),
            {"login": email, "password": f"gjett-{attempt}"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=client_address,
        )


def log_in(client, email: str, *, client_address: str):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": factories.PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_it_reads_the_trusted_proxy_count_and_header_from_the_environment():
    env = clean_env(ALLAUTH_TRUSTED_PROXY_COUNT="1", ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
    code = (
        "from django.conf import settings as s;"
        "print(s.ALLAUTH_TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER, sep='|')"
    )
    result = manage("shell", "-c", code, env=env)
    assert result.stdout.strip().splitlines()[-1] == "1|X-Real-IP"


def test_it_counts_each_client_behind_the_proxy_by_its_own_address(
    client, service_worker, leader, rate_limits
):
    rate_limits.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # Ten mistyped passwords for one person from one address: allauth's 10/m per address.
    wrong_passwords(client, service_worker.user.email, times=5, client_address="192.0.2.10")
    wrong_passwords(client, "ukjent@example.no", times=5, client_address="192.0.2.10")

    log_in(client, leader.user.email, client_address="198.51.100.7")

    assert client.session["_auth_user_id"] == str(leader.user.pk)


def test_it_blocks_everyone_behind_the_proxy_without_the_setting(
    client, service_worker, leader, rate_limits
):
    # The negative control: the proxy's address counts everyone as one.
    wrong_passwords(client, service_worker.user.email, times=5, client_address="192.0.2.10")
    wrong_passwords(client, "ukjent@example.no", times=5, client_address="192.0.2.10")

    response = log_in(client, leader.user.email, client_address="198.51.100.7")

    assert "_auth_user_id" not in client.session
    assert "For mange innloggingsforsøk" in response.content.decode()


def test_it_refuses_per_process_counters_in_production(rate_limits):
    rate_limits.DEBUG = False
    rate_limits.CACHES = {"default": {"BACKEND": LOCAL}}

    assert [error.id for error in checks.check_rate_limit_cache()] == ["familiestotte.E001"]


@pytest.mark.parametrize(
    ("debug", "backend", "limits"),
    [(True, LOCAL, {}), (False, REDIS, {}), (False, LOCAL, False)],
    ids=["debug", "shared cache", "limits off"],
)
def test_it_accepts_the_counters_in_debug_a_shared_cache_or_without_limits(
    settings, debug, backend, limits
):
    settings.DEBUG = debug
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:1/0"}}
    settings.ACCOUNT_RATE_LIMITS = limits

    assert checks.check_rate_limit_cache() == []


def test_it_will_not_migrate_in_production_without_a_shared_cache():
    env = clean_env(**{k: v for k, v in PRODUCTION.items() if k != "CACHE_URL"})
    result = manage("check", env=env, check=False)
    assert result.returncode != 0
    assert "familiestotte.E001" in result.stderr


def test_it_warns_in_the_deployment_checks_without_a_client_address_setting():
    env = clean_env(**{k: v for k, v in PRODUCTION.items() if k != "ALLAUTH_TRUSTED_PROXY_COUNT"})
    result = manage("check", "--deploy", env=env, check=False)
    assert "familiestotte.W001" in result.stdout + result.stderr


@pytest.fixture
def clock(monkeypatch):
    """allauth's rate-limit clock, moved by hand: clock.now += seconds."""
    fake = SimpleNamespace(now=time.time(), monotonic=time.monotonic, sleep=time.sleep)
    fake.time = lambda: fake.now
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake


def test_it_locks_an_account_for_a_minute_after_five_wrong_passwords(
    client, service_worker, rate_limits, clock
):
    email = service_worker.user.email
    wrong_passwords(client, email, times=5, client_address="192.0.2.10")
    log_in(client, email, client_address="192.0.2.10")
    assert "_auth_user_id" not in client.session

    clock.now += 61  # allauth's own rate would lock it for five minutes
    log_in(client, email, client_address="192.0.2.10")

    assert client.session["_auth_user_id"] == str(service_worker.user.pk)


def test_it_locks_an_account_for_longer_the_more_wrong_passwords(
    client, service_worker, rate_limits, clock
):
    email = service_worker.user.email
    for _ in range(2):
        wrong_passwords(client, email, times=5, client_address="192.0.2.10")
        clock.now += 61
    log_in(client, email, client_address="192.0.2.10")
    assert "_auth_user_id" not in client.session  # 10 in 15 minutes

    clock.now += 15 * 60
    log_in(client, email, client_address="192.0.2.10")

    assert client.session["_auth_user_id"] == str(service_worker.user.pk)
