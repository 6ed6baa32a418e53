"""The admin's log-in is the portal's: allauth's rate limits and lock-out protect the
coordinators' (superusers') passwords, which Django's admin log-in does not."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests import factories


@pytest.fixture
def rate_limits(settings):
    """allauth's rate limits on, as in production (the suite turns them off)."""
    settings.ACCOUNT_RATE_LIMITS = {}
    cache.clear()
    yield
    cache.clear()


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_it_sends_the_admins_log_in_to_the_portals_with_the_page_asked_for(client, db):
    response = client.get("/admin/login/", {"next": "/admin/programme/session/"})

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login") + "?next=%2Fadmin%2Fprogramme%2Fsession%2F"
    )


def test_it_does_not_sign_in_through_the_admin_after_15_wrong_passwords(
    client, coordinator, rate_limits
):
    email = coordinator.user.email
    for attempt in range(15):
        client.post("/admin/login/", {"username": email, "password": f"gjett-{attempt}"})

    client.post("/admin/login/", {"username": email, "password": factories.PASSWORD})

    assert not signed_in(client)


def test_it_locks_a_coordinator_out_after_wrong_passwords_at_the_portals_log_in(
    client, coordinator, rate_limits
):
    email = coordinator.user.email
    for attempt in range(15):
        client.post(reverse("account_login"), {"login": email, "password": f"gjett-{attempt}"})

    response = client.post(
        reverse("account_login"), {"login": email, "password": factories.PASSWORD}
    )

    assert not signed_in(client)
    assert "For mange innloggingsforsøk" in response.content.decode()


def test_it_signs_a_coordinator_in_at_the_portals_log_in_and_back_to_the_admin(
    client, coordinator, rate_limits
):
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": coordinator.user.email, "password": factories.PASSWORD},
    )

    assert signed_in(client)
    assert response["Location"] == "/admin/"
    assert client.get("/admin/login/")["Location"] == reverse("admin:index")


def test_it_refuses_the_admin_to_someone_signed_in_without_access(login, service_worker):
    response = login(service_worker).get("/admin/login/", {"next": "/admin/"})

    assert response.status_code == 403
