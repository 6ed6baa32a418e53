"""The accessibility feedback form: to every coordinator through the outbox, a Norwegian
thank-you page, Norwegian messages for bad input, a honeypot and a rate limit."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from notifications.models import Email
from tests import factories

URL = "/tilgjengelighet/"
GOOD = {
    "name": "Nina Nyansatt",
    "email": "nina@gjovik.kommune.no",
    "page": "https://familiestotte.no/program/",
    "description": "Knappen «Meld meg på» kan ikke nås med tastaturet.",
}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_sends_the_feedback_to_every_coordinator_and_thanks(
    client, coordinator, service_worker, django_capture_on_commit_callbacks
):
    other = factories.CoordinatorFactory(full_name="Per Koordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, GOOD)
    assert response.status_code == 302 and response["Location"] == "/tilgjengelighet/takk/"
    rows = Email.objects.filter(key__startswith="accessibility-feedback:")
    assert sorted(row.to_email for row in rows) == sorted(
        [coordinator.user.email, other.user.email]
    )
    body = rows.first().body_text
    assert "https://familiestotte.no/program/" in body
    assert "Nina Nyansatt <nina@gjovik.kommune.no>" in body
    assert "Knappen «Meld meg på» kan ikke nås med tastaturet." in body
    assert service_worker.user.email not in [m.to[0] for m in mail.outbox]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(row.to_email for row in rows)
    assert mail.outbox[0].subject.startswith("Tilbakemelding om tilgjengelighet")


def test_the_thank_you_page_is_in_norwegian(client, db):
    page = client.get("/tilgjengelighet/takk/").content.decode()
    assert "<h1>Takk for tilbakemeldingen</h1>" in page


def test_it_takes_feedback_without_name_or_email(client, coordinator):
    response = client.post(URL, {"page": "Mine påmeldinger", "description": "Lav kontrast."})
    assert response.status_code == 302
    body = Email.objects.get(key__startswith="accessibility-feedback:").body_text
    assert "(uten navn)" in body
    assert "Ingen e-postadresse ble oppgitt" in body


def test_it_answers_missing_page_and_description_in_norwegian(client, coordinator):
    response = client.post(URL, {"name": "Nina"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "page": ["Skriv hvilken side problemet er på."],
        "description": ["Beskriv problemet, så vi kan rette det."],
    }
    assert not Email.objects.exists()


def test_it_answers_a_bad_email_address_in_norwegian(client, coordinator):
    response = client.post(URL, {**GOOD, "email": "nina@"})
    assert response.context["form"].errors == {
        "email": ["Skriv en hel e-postadresse, f.eks. kari@kommune.no."]
    }
    assert not Email.objects.exists()


def test_it_shows_the_standing_warning_about_patients_and_relatives(client, db):
    page = client.get(URL).content.decode()
    assert "Skriv aldri noe om pasienter eller pårørende" in page


def test_it_thanks_a_robot_that_fills_the_honeypot_and_sends_nothing(client, coordinator):
    response = client.post(URL, {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Email.objects.exists()


def test_the_honeypot_is_hidden_from_people(client, db):
    page = client.get(URL).content.decode()
    assert "<div hidden>" in page.split('name="website"')[0][-400:]


@override_settings(STATEMENTS_FEEDBACK_RATE="2/10m/ip")
def test_it_refuses_more_than_the_rate_from_one_address(client, coordinator):
    assert client.post(URL, GOOD).status_code == 302
    assert client.post(URL, GOOD).status_code == 302
    response = client.post(URL, GOOD)
    assert response.status_code == 429
    assert "Det er sendt for mange meldinger fra adressen din" in response.content.decode()
    assert Email.objects.filter(key__startswith="accessibility-feedback:").count() == 2


@override_settings(STATEMENTS_FEEDBACK_RATE="2/10m/ip")
def test_the_rate_counts_each_address_apart(client, coordinator):
    for _ in range(2):
        client.post(URL, GOOD, REMOTE_ADDR="10.0.0.1")
    assert client.post(URL, GOOD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_it_warns_in_the_log_when_there_is_no_coordinator(client, db, caplog):
    with caplog.at_level("WARNING", logger="statements.feedback"):
        assert client.post(URL, GOOD).status_code == 302
    assert "no coordinator" in caplog.text
    assert not Email.objects.exists()


def test_it_leaves_out_inactive_coordinators(client, coordinator):
    gone = factories.CoordinatorFactory(full_name="Gammel Koordinator")
    gone.user.is_active = False
    gone.user.save()
    client.post(URL, GOOD)
    assert [row.to_email for row in Email.objects.all()] == [coordinator.user.email]
