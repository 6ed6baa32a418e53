"""Is this node ready to serve, and is everything behind it running? One function per
part, each answering a dict with `ok` and what an operator needs to see.

The parts: the database, the cache and the broker (Redis), the depth of the Celery
queue, beat (each periodic job writes a heartbeat, familiestotte.heartbeat; a job on a
fixed interval that has not run for twice its interval means beat is down), and the
outbox (queued rows nobody sent within READINESS_OUTBOX_STALE_MINUTES; failed rows are
counted, but they wait for a person in the admin and do not make the portal "down").
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import uuid
from collections.abc import Callable
from typing import Any

import redis
from celery.schedules import schedule as interval_schedule
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import Q
from django.utils import timezone

from familiestotte import heartbeat
from familiestotte.celery import app
from notifications.models import Email

Report = dict[str, Any]
# Celery's Redis transport keeps a queue as one list per priority step.
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")
REDIS_TIMEOUT = 2.0  # seconds; a probe must answer before the load balancer gives up


def check_database() -> Report:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means "down", named
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "vendor": connections["default"].vendor}


def _redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
    )


def check_cache() -> Report:
    if settings.CACHE_URL:
        # The shared cache fails soft (familiestotte.cache): ask its Redis directly.
        try:
            _redis(settings.CACHE_URL).ping()
        except Exception as error:  # noqa: BLE001
            return {"ok": False, "error": type(error).__name__}
        return {"ok": True, "shared": True}
    key = f"operations:readiness:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        found = cache.get(key) == "1"
        cache.delete(key)
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": type(error).__name__}
    return {"ok": found, "shared": bool(settings.CACHE_URL)}


def check_broker_and_queue() -> tuple[Report, Report]:
    """The broker answers, and the queue is not deeper than READINESS_MAX_QUEUE_DEPTH."""
    if not settings.CELERY_BROKER_URL:
        return {"ok": True, "used": False}, {"ok": True, "depth": 0}
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    try:
        with _redis(settings.CELERY_BROKER_URL) as client:
            client.ping()
            depth = sum(int(client.llen(queue + suffix)) for suffix in PRIORITY_SUFFIXES)
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": type(error).__name__}, {"ok": False, "depth": None}
    limit = settings.READINESS_MAX_QUEUE_DEPTH
    return {"ok": True, "used": True}, {"ok": depth <= limit, "depth": depth, "limit": limit}


def check_beat(now: dt.datetime) -> Report:
    """Every job on a fixed interval ran within twice its interval; the others (daily,
    weekly) are listed with their last run."""
    beats = heartbeat.last_beats()
    jobs: Report = {}
    late = []
    for name, entry in app.conf.beat_schedule.items():
        last = beats.get(name)
        job: Report = {"last_run": last.isoformat() if last else None}
        every = _interval_seconds(entry["schedule"])
        if every is not None:
            job["interval_seconds"] = every
            if last is None or (now - last).total_seconds() > 2 * every:
                late.append(name)
        jobs[name] = job
    return {"ok": not late, "late": late, "jobs": jobs}


def _interval_seconds(when: object) -> float | None:
    if isinstance(when, int | float):
        return float(when)
    if isinstance(when, dt.timedelta):
        return when.total_seconds()
    if isinstance(when, interval_schedule):  # crontab and solar are not its subclasses
        return float(when.seconds)
    return None


def check_outbox(now: dt.datetime) -> Report:
    minutes = settings.READINESS_OUTBOX_STALE_MINUTES
    cutoff = now - dt.timedelta(minutes=minutes)
    stale = Email.objects.filter(
        Q(status=Email.Status.QUEUED, created_at__lt=cutoff)
        | Q(status=Email.Status.RETRYING, next_attempt_at__lt=cutoff)
    ).count()
    failed = Email.objects.filter(status=Email.Status.FAILED).count()
    held = Email.objects.filter(status=Email.Status.HELD).count()  # waiting for a person
    return {
        "ok": stale == 0,
        "stale_queued": stale,
        "stale_minutes": minutes,
        "failed": failed,
        "held": held,
    }


def readiness(*, now: dt.datetime | None = None) -> Report:
    """Every part's report and the names of those that are down."""
    now = now or timezone.now()
    broker, queue = check_broker_and_queue()
    checks: dict[str, Report] = {"database": check_database()}
    checks["cache"] = check_cache()
    checks["broker"] = broker
    checks["queue"] = queue
    # The last two read the database: without it they have nothing to say.
    later: dict[str, Callable[[dt.datetime], Report]] = {
        "beat": check_beat,
        "outbox": check_outbox,
    }
    for name, check in later.items():
        checks[name] = check(now) if checks["database"]["ok"] else {"ok": False}
    failing = [name for name, report in checks.items() if not report["ok"]]
    return {"status": "down" if failing else "ok", "failing": failing, "checks": checks}


def may_see_detail(meta: dict[str, Any]) -> bool:
    """Only a request made straight to this node (not through the proxy, which adds
    X-Forwarded-For) from an address in READINESS_ALLOWED_IPS sees the parts."""
    if "HTTP_X_FORWARDED_FOR" in meta:
        return False
    try:
        address = ipaddress.ip_address(meta.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.READINESS_ALLOWED_IPS
    )
