"""System checks for production: allauth's log-in limits must count in one place and see
each client's own address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

# Caches that hold counters for one process only (or none at all).
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def rate_limits_on() -> bool:
    return settings.ACCOUNT_RATE_LIMITS is not False


@register(Tags.security)
def check_rate_limit_cache(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """In production the counters behind allauth's rate limits live in a cache every web
    process shares: with one per process, each worker counts its own guesses (two
    workers let 9 of 15 wrong passwords through)."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or not rate_limits_on() or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            "The log-in rate limits count in a cache of each process "
            f"({backend}): every web process would let its own guesses through.",
            hint="Set CACHE_URL to a Redis database every web process shares "
            "(README, «Environment»).",
            id="familiestotte.E001",
        )
    ]


@register(Tags.security, deploy=True)
def check_client_address(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Behind the TLS proxy every request comes from the proxy's address: unless allauth is
    told how to find the client's, the rate limits count every visitor as one."""
    if (
        settings.DEBUG
        or not rate_limits_on()
        or settings.ALLAUTH_TRUSTED_PROXY_COUNT
        or settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER
    ):
        return []
    return [
        Warning(
            "The log-in rate limits take the client's address from REMOTE_ADDR: behind "
            "a proxy every visitor shares the proxy's address and its limits.",
            hint="Set ALLAUTH_TRUSTED_PROXY_COUNT (the number of proxies that add to "
            "X-Forwarded-For) or ALLAUTH_TRUSTED_CLIENT_IP_HEADER (README, «Environment»).",
            id="familiestotte.W001",
        )
    ]
