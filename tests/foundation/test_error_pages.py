"""Error pages in Norwegian, in the portal's layout, with a way back."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.views.defaults import server_error


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def test_it_answers_an_unknown_address_with_a_norwegian_404_page(client, db):
    response = client.get("/finnes-ikke/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Siden finnes ikke</h1>" in html
    assert '<main id="main"' in html
    assert f'<a href="{reverse("programme:home")}">Gå til forsiden</a>' in html


def test_it_keeps_the_signed_in_menu_on_the_404_page(login, service_worker):
    response = login(service_worker).get("/finnes-ikke/")

    html = response.content.decode()
    assert "Mine påmeldinger" in html
    assert 'action="/i18n/setlang/"' in html


def test_it_answers_a_form_without_a_valid_token_with_a_norwegian_page(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("account_login"), {"login": "a@example.no", "password": "x"})

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Skjemaet kunne ikke sendes</h1>" in html
    assert "ingenting ble endret" in html


def test_it_answers_a_server_error_with_a_norwegian_page(rf, db):
    response = server_error(rf.get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Noe gikk galt</h1>" in html
    assert "Prøv igjen om litt." in html
    assert "<form" not in html


@pytest.mark.parametrize(("template", "heading"), [("400.html", "Forespørselen kunne ikke leses"),
                                                   ("403.html", "Ingen tilgang")])  # fmt: skip
def test_it_has_norwegian_pages_for_bad_requests_and_refusals(rf, db, template, heading):
    html = render_to_string(template, request=rf.get("/"))

    assert f"<h1>{heading}</h1>" in html
