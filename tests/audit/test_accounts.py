"""Log-ins, failed log-ins and lock-outs leave rows, with the client's address as the
portal finds it behind the proxy."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from audit.models import Entry
from tests import factories

from .conftest import ADDRESS

PROXY = "10.0.0.2"


@pytest.fixture
def rate_limits(settings):
    """The portal's log-in limits, on as in production (the suite turns them off)."""
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": settings.LOGIN_FAILED_RATE}
    cache.clear()
    yield settings
    cache.clear()


def log_in(client, email, password=factories.PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def test_it_records_a_log_in(client, service_worker, mark):
    log_in(client, service_worker.user.email, REMOTE_ADDR=ADDRESS)

    row = mark.one()
    assert row.event == Entry.Event.LOGGED_IN
    assert (row.actor_id, row.person_id) == (service_worker.user.pk, service_worker.user.pk)
    assert row.remote_addr == ADDRESS


def test_it_takes_the_client_address_behind_the_proxy(client, service_worker, settings, mark):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    log_in(client, service_worker.user.email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ADDRESS)

    assert mark.one().remote_addr == ADDRESS


def test_it_records_a_failed_log_in_for_the_account(client, service_worker, mark):
    log_in(client, service_worker.user.email, password="gjett", REMOTE_ADDR=ADDRESS)

    row = mark.one()
    assert row.event == Entry.Event.LOGIN_FAILED
    assert (row.actor_id, row.person_id) == (None, service_worker.user.pk)
    assert row.remote_addr == ADDRESS
    assert row.additional_data == {"known": True}


def test_a_failed_log_in_for_an_unknown_address_keeps_no_address_typed(client, db, mark):
    log_in(client, "ukjent@example.no", password="gjett", REMOTE_ADDR=ADDRESS)

    row = mark.one()
    assert (row.event, row.person_id, row.object_repr) == (Entry.Event.LOGIN_FAILED, None, "")
    assert "ukjent@example.no" not in str(row.additional_data)


def test_it_records_each_log_in_refused_by_the_rate_limit(
    client, service_worker, rate_limits, mark
):
    for attempt in range(5):
        log_in(client, service_worker.user.email, password=f"gjett-{attempt}", REMOTE_ADDR=ADDRESS)
    assert [row.event for row in mark.new()] == [Entry.Event.LOGIN_FAILED] * 5
    mark.reset()

    # Locked now: the right password is refused too, and recorded as a lock-out.
    response = log_in(client, service_worker.user.email, REMOTE_ADDR=ADDRESS)

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    row = mark.one()
    assert row.event == Entry.Event.LOCKED_OUT
    assert (row.person_id, row.remote_addr) == (service_worker.user.pk, ADDRESS)
