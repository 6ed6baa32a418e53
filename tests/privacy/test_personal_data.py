"""«Mine opplysninger» (with its JSON download) and «Slett kontoen min»: the pages."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from notifications.models import Email
from participants.models import Registration
from registrations import services
from resourcegroups.models import (
    Membership,
    SupervisionGroup,
)
from tests import factories

User = get_user_model()
CONFIRMED = Registration.Status.CONFIRMED
MY_DATA = reverse("privacy:my_data")
DOWNLOAD = reverse("privacy:my_data_download")
DELETE = reverse("privacy:delete_account")


@pytest.mark.parametrize("url", [MY_DATA, DOWNLOAD, DELETE])
def test_it_sends_anonymous_visitors_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_keeps_everything_on_a_wrong_password(login, service_worker, full_session):
    response = login(service_worker).post(DELETE, {"password": "feil-passord"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Passordet er feil. Kontoen din er ikke slettet." in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_password_helptext id_password_error"' in page
    assert Registration.objects.get(participant=service_worker).status == CONFIRMED
    assert User.objects.filter(pk=service_worker.user_id).exists()


def test_it_deletes_the_account_and_signs_out(login, service_worker, full_session):
    client = login(service_worker)

    response = client.post(DELETE, {"password": factories.PASSWORD}, follow=True)

    assert response.redirect_chain == [(reverse("programme:home"), 302)]
    assert "Kontoen din er slettet." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.filter(pk=service_worker.user_id).exists()


def test_it_refuses_a_coordinator_on_the_page(login, coordinator):
    response = login(coordinator).post(DELETE, {"password": factories.PASSWORD})

    assert "Koordinatorkontoer kan ikke slettes her." in response.content.decode()
    assert User.objects.filter(pk=coordinator.user_id).exists()


def test_it_explains_what_deleting_does(login, service_worker):
    page = login(service_worker).get(DELETE).content.decode()
    assert "neste på ventelisten får plassen" in page
    assert 'for="id_password"' in page


def test_it_shows_only_the_persons_own_data(login, service_worker, other_service_worker):
    factories.RegistrationFactory(
        participant=service_worker, session=factories.session_in_days(9, title="Min dag")
    )
    factories.RegistrationFactory(
        participant=other_service_worker, session=factories.session_in_days(9, title="Annens dag")
    )

    page = login(service_worker).get(MY_DATA).content.decode()

    assert "Min dag" in page
    assert service_worker.user.email in page
    assert "Annens dag" not in page
    assert other_service_worker.user.email not in page


def test_it_lists_the_accounts_email_addresses(login, service_worker):
    page = login(service_worker).get(MY_DATA).content.decode()
    assert f"{service_worker.user.email} (hovedadresse) – bekreftet" in page


def test_it_lists_the_history_of_a_registration(login, service_worker, full_session):
    registration = Registration.objects.get(participant=service_worker)
    services.cancel(registration=registration, actor=service_worker.user)

    page = login(service_worker).get(MY_DATA).content.decode()

    assert "Avmeldt" in page  # the status and the cancellation event
    assert "Påmeldt" in page  # the registration event


def test_it_downloads_the_persons_registrations_as_json(
    login, service_worker, other_service_worker
):
    starts = dt.datetime(2030, 3, 5, 9, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    factories.RegistrationFactory(
        participant=service_worker,
        session=factories.SessionFactory(title="Generasjonsperspektivet", starts_at=starts),
    )
    factories.RegistrationFactory(participant=other_service_worker)

    response = login(service_worker).get(DOWNLOAD)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mine-opplysninger-')
    data = json.loads(response.content.decode("utf-8"))
    assert [r["session"] for r in data["registrations"]] == ["Generasjonsperspektivet"]
    assert data["registrations"][0]["starts_at"] == "2030-03-05T09:00:00+01:00"
    assert data["profile"]["full_name"] == "Tor Tjenesteutøver"
    assert data["account"]["email"] == service_worker.user.email


def fill(person, scale):
    """`scale` of everything the page lists."""
    for n in range(scale):
        session = factories.session_in_days(10 + n)
        registration = services.register(participant=person, session=session)
        services.cancel(registration=registration, actor=person.user)
        enrolment = factories.EnrolmentFactory(organisation=person.organisation)
        Membership.objects.create(
            group=factories.ResourceGroupFactory(enrolment=enrolment), participant=person
        )
        group = SupervisionGroup.objects.create(
            programme=enrolment.programme, name=f"Gruppe {n}", region="Innlandet"
        )
        group.members.add(person)
        factories.CertificateFactory(participant=person, programme=enrolment.programme)


@pytest.mark.parametrize("scale", [1, 10])
def test_it_pins_the_queries_of_the_data_page(login, service_worker, assert_queries, scale):
    fill(service_worker, scale)
    client = login(service_worker)

    # 1. the session, 2. the user with the participant, 3. email addresses, 4. the
    # profile with its organisation, 5. registrations with session and programme,
    # 6. their events, 7. memberships, 8. supervision groups, 9. certificates,
    # 10. emails
    with assert_queries(10):
        response = client.get(MY_DATA)
    assert response.status_code == 200
    assert response.content.decode().count("Gruppe ") == scale


def test_it_lets_a_person_without_a_profile_delete_their_account(client, db):
    user = factories.UserFactory()
    client.force_login(user)

    assert "Du har ikke fylt ut profilen." in client.get(MY_DATA).content.decode()
    response = client.post(DELETE, {"password": factories.PASSWORD})

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


def test_it_lists_no_emails_of_an_address_added_but_not_verified(login, service_worker):
    other = factories.ParticipantFactory(full_name="Kari Annen").user
    EmailAddress.objects.create(user=service_worker.user, email=other.email, verified=False)
    Email.objects.create(
        key="other:1", kind=Email.Kind.OTHER, recipient=other, to_email=other.email,
        subject="Kari sin påmelding",
    )  # fmt: skip

    response = login(service_worker).get(reverse("privacy:my_data"))

    assert "Kari sin påmelding" not in response.content.decode()


def test_the_page_tells_the_retention_periods_from_the_settings(login, settings, service_worker):
    settings.PRIVACY_INACTIVE_YEARS = 4
    settings.PRIVACY_OUTBOX_BODY_DAYS = 90

    html = login(service_worker).get(reverse("privacy:my_data")).content.decode()

    assert "Emnet og teksten i hver e-post slettes 90 dager etter" in html
    assert "en gruppe på 4 år etter at ditt siste kompetanseprogram sluttet" in html


def test_the_deletion_page_says_the_registrations_stay_without_the_name(
    login, settings, service_worker
):
    settings.PRIVACY_OUTBOX_BODY_DAYS = 90

    html = login(service_worker).get(reverse("privacy:delete_account")).content.decode()

    assert "anonym deltaker med bare kommunen eller enheten din" in html
    assert "Innholdet i dem slettes 90 dager etter at de ble laget." in html
