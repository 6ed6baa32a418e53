"""/helse/klar/: 200 when every part is up; 503 naming the part that is down (Redis as
cache or broker at a closed port, beat silent for twice its interval, a stale outbox);
the parts only for an allowed address asking straight, not through the proxy."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from familiestotte import heartbeat
from familiestotte.celery import app
from notifications.models import Email
from tests.foundation.standalone import free_port

URL = "/helse/klar/"


@pytest.fixture
def beat_ran(db):
    """Every periodic job has just written its heartbeat."""
    for name in app.conf.beat_schedule:
        heartbeat.beat(name)


def closed_redis_url():
    return f"redis://127.0.0.1:{free_port()}/0"


def test_it_is_the_url_of_the_operations_view():
    assert reverse("operations:ready") == URL


def test_it_answers_200_with_every_part_when_all_is_well(client, beat_ran, settings):
    assert settings.CELERY_BROKER_URL, "the suite runs against a real Redis broker"
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["failing"] == []
    assert set(body["checks"]) == {"database", "cache", "broker", "queue", "beat", "outbox"}
    assert body["checks"]["broker"] == {"ok": True, "used": True}
    assert body["checks"]["database"]["vendor"] == "postgresql"


def test_it_checks_a_shared_redis_cache_that_answers(client, beat_ran, settings):
    redis_cache = {"BACKEND": "familiestotte.cache.RedisCache"}
    settings.CACHES = {"default": {**redis_cache, "LOCATION": settings.CELERY_BROKER_URL}}
    settings.CACHE_URL = settings.CELERY_BROKER_URL
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == {"ok": True, "shared": True}


def test_it_names_the_cache_when_redis_is_unreachable(client, beat_ran, settings):
    url = closed_redis_url()
    settings.CACHES = {"default": {"BACKEND": "familiestotte.cache.RedisCache", "LOCATION": url}}
    settings.CACHE_URL = url
    response = client.get(URL)
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["cache"]
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}


def test_it_names_the_broker_and_the_queue_when_redis_is_unreachable(client, beat_ran, settings):
    settings.CELERY_BROKER_URL = closed_redis_url()
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker", "queue"]


def test_it_names_the_queue_when_it_is_deeper_than_the_limit(client, beat_ran, settings):
    settings.READINESS_MAX_QUEUE_DEPTH = -1  # any depth, even an empty queue, is too deep
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["failing"] == ["queue"]


def test_it_names_beat_when_the_sweep_has_not_run_for_twice_its_interval(client, beat_ran):
    interval = app.conf.beat_schedule["reminders-sweep"]["schedule"]
    heartbeat.beat("reminders-sweep", now=timezone.now() - dt.timedelta(seconds=2 * interval + 5))
    response = client.get(URL)
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["beat"]
    assert body["checks"]["beat"]["late"] == ["reminders-sweep"]


def test_it_does_not_name_beat_within_twice_the_interval(client, beat_ran):
    interval = app.conf.beat_schedule["reminders-sweep"]["schedule"]
    heartbeat.beat("reminders-sweep", now=timezone.now() - dt.timedelta(seconds=2 * interval - 20))
    assert client.get(URL).status_code == 200


def test_it_names_beat_when_no_sweep_ever_ran(client, db):
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["failing"] == ["beat"]


def test_it_names_the_outbox_when_a_queued_email_is_older_than_the_limit(client, beat_ran):
    Email.objects.create(key="other:stale", kind=Email.Kind.OTHER, to_email="a@example.no")
    Email.objects.create(key="other:fresh", kind=Email.Kind.OTHER, to_email="b@example.no")
    Email.objects.filter(key="other:stale").update(
        created_at=timezone.now() - dt.timedelta(minutes=16)
    )
    response = client.get(URL)
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["outbox"]
    assert body["checks"]["outbox"]["stale_queued"] == 1


def test_it_counts_failed_emails_without_calling_the_portal_down(client, beat_ran):
    Email.objects.create(
        key="other:failed", kind=Email.Kind.OTHER, to_email="a@example.no", status="failed"
    )
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["checks"]["outbox"]["failed"] == 1


def test_it_hides_the_parts_from_an_address_not_allowed(client, db):
    response = client.get(URL, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 503
    assert response.json() == {"status": "down"}


def test_it_hides_the_parts_from_a_request_through_the_proxy(client, db):
    response = client.get(URL, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 503
    assert response.json() == {"status": "down"}


def test_it_shows_the_parts_to_an_allowed_network(client, db, settings):
    settings.READINESS_ALLOWED_IPS = ["10.0.0.0/8"]
    response = client.get(URL, REMOTE_ADDR="10.1.2.3")
    assert response.json()["failing"] == ["beat"]


def test_it_answers_up_alone_to_an_address_not_allowed(client, beat_ran):
    response = client.get(URL, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_it_refuses_a_post(client, db):
    assert client.post(URL).status_code == 405
