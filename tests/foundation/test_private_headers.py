"""Nothing personal stays in a shared hospital PC's browser cache, and the browser grants
the portal no feature it never uses."""

import pytest
from django.urls import reverse

from tests import factories


def no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


def test_it_sends_no_store_on_a_signed_in_page(login, service_worker):
    response = login(service_worker).get(reverse("registrations:mine"))

    assert response.status_code == 200
    assert no_store(response)
    assert "private" in response.headers["Cache-Control"]


def test_it_sends_no_store_on_the_personal_data_download(login, service_worker):
    response = login(service_worker).get(reverse("privacy:my_data_download"))

    assert response.status_code == 200
    assert no_store(response)


@pytest.mark.parametrize("name", ["coordination:export_csv", "coordination:export_xlsx"])
def test_it_sends_no_store_on_a_coordinators_export(login, coordinator, session, name):
    response = login(coordinator).get(reverse(name, args=[session.pk]))

    assert response.status_code == 200
    assert no_store(response)


def test_it_sends_no_store_on_the_answer_that_signs_a_person_in(client, service_worker):
    # The browser has no session cookie yet; the answer sets it.
    response = client.post(
        reverse("account_login"),
        {"login": service_worker.user.email, "password": factories.PASSWORD},
    )

    assert response.status_code == 302
    assert no_store(response)


def test_it_leaves_public_pages_to_the_browser_cache(client, db):
    response = client.get(reverse("programme:home"))

    assert not no_store(response)


def test_it_refuses_browser_features_the_portal_never_uses(client, db):
    policy = client.get(reverse("programme:home")).headers["Permissions-Policy"]

    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in policy
