"""Malformed requests an outsider can send answer a 4xx page in Norwegian, never a 500:
a NUL byte in an address, an id beyond PostgreSQL's bigint, a form body in a charset
Django cannot read."""

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


@pytest.fixture
def client_500():
    """A client that gets the 500 page rather than the exception."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", ["/kalender/abc%00def.ics", "/kursbevis/AB%00CD/"])
def test_it_answers_a_nul_byte_in_an_address_with_a_norwegian_404(client_500, db, path):
    response = client_500.get(path)

    assert response.status_code == 404
    assert "Siden finnes ikke" in response.content.decode()


def test_it_answers_a_session_id_beyond_bigint_with_a_norwegian_404(client_500, service_worker):
    client_500.force_login(service_worker.user)

    response = client_500.post(f"/samlinger/{2**63}/meld-pa/")

    assert response.status_code == 404
    assert "Siden finnes ikke" in response.content.decode()


def test_it_answers_a_form_body_in_utf16_with_a_norwegian_400(db):
    # With the CSRF check on, as a browser meets it: Django's own 400 handler reads the
    # form again for the token and fails.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/konto/login/")
    token = client.cookies["csrftoken"].value

    response = client.post(
        "/konto/login/",
        f"csrfmiddlewaretoken={token}&login=a%40example.no&password=x",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )

    assert response.status_code == 400
    assert "Forespørselen kunne ikke leses" in response.content.decode()


def test_it_answers_a_get_of_an_action_with_a_norwegian_405(client_500, service_worker):
    client_500.force_login(service_worker.user)

    response = client_500.get("/mine-pameldinger/kalender/forny/")

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Forespørselen kunne ikke leses" in response.content.decode()
