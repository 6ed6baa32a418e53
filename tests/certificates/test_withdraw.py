"""Withdrawing a course certificate: the service, the coordinator's page, the admin action."""

import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import CertificateError, issue_certificate, withdraw_certificate


@pytest.fixture
def earned(service_worker, programme, training_days, attend):
    attend(service_worker, training_days[:6])
    return issue_certificate(participant=service_worker, programme=programme)


def withdraw_url(certificate):
    return reverse(
        "certificates:withdraw",
        kwargs={"slug": certificate.programme.slug, "participant_pk": certificate.participant_id},
    )


def test_it_records_when_why_and_by_whom(earned, coordinator):
    withdraw_certificate(earned, "  Oppmøtet var feilregistrert.  ", coordinator.user)
    earned.refresh_from_db()
    assert earned.is_withdrawn
    assert earned.withdrawn_reason == "Oppmøtet var feilregistrert."
    assert earned.withdrawn_by == coordinator.user


def test_it_refuses_to_withdraw_without_a_reason(earned, coordinator):
    with pytest.raises(CertificateError, match="Oppgi hvorfor kursbeviset trekkes tilbake."):
        withdraw_certificate(earned, "   ", coordinator.user)
    earned.refresh_from_db()
    assert not earned.is_withdrawn


def test_it_keeps_the_first_withdrawal(earned, coordinator):
    withdraw_certificate(earned, "Første grunn.", coordinator.user)
    first = Certificate.objects.get(pk=earned.pk).withdrawn_at
    withdraw_certificate(earned, "Andre grunn.", None)
    earned.refresh_from_db()
    assert (earned.withdrawn_at, earned.withdrawn_reason) == (first, "Første grunn.")


def test_it_does_not_issue_a_withdrawn_certificate_again(earned, coordinator, service_worker):
    withdraw_certificate(earned, "Feil.", coordinator.user)
    again = issue_certificate(participant=service_worker, programme=earned.programme)
    assert again.pk == earned.pk and again.is_withdrawn


def test_it_lets_a_coordinator_withdraw_with_a_reason(coordinator_client, coordinator, earned):
    page = coordinator_client.get(withdraw_url(earned)).content.decode()
    assert "Skriv ingenting om pasienter eller pårørende" in page
    response = coordinator_client.post(withdraw_url(earned), {"reason": "Feil oppmøte."})
    assert response.status_code == 302
    assert response.url == reverse("certificates:roster", kwargs={"slug": earned.programme.slug})
    earned.refresh_from_db()
    assert earned.withdrawn_reason == "Feil oppmøte." and earned.withdrawn_by == coordinator.user


def test_it_asks_again_in_norwegian_without_a_reason(coordinator_client, earned):
    response = coordinator_client.post(withdraw_url(earned), {"reason": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Oppgi hvorfor kursbeviset trekkes tilbake." in page
    assert 'aria-invalid="true"' in page
    earned.refresh_from_db()
    assert not earned.is_withdrawn


def test_it_links_the_withdrawal_from_the_attendance_page_for_coordinators_only(
    login, coordinator, service_worker, earned
):
    attendance = reverse(
        "certificates:attendance",
        kwargs={"slug": earned.programme.slug, "participant_pk": service_worker.pk},
    )
    assert withdraw_url(earned) in login(coordinator).get(attendance).content.decode()
    assert withdraw_url(earned) not in login(service_worker).get(attendance).content.decode()


@pytest.mark.parametrize("persona", ["service_worker", "leader", "other_service_worker"])
def test_it_lets_no_one_else_withdraw(request, login, persona, earned):
    client = login(request.getfixturevalue(persona))
    assert client.get(withdraw_url(earned)).status_code == 404
    assert client.post(withdraw_url(earned), {"reason": "Feil."}).status_code == 404
    earned.refresh_from_db()
    assert not earned.is_withdrawn


def test_it_answers_404_for_a_person_without_a_certificate(
    coordinator_client, other_service_worker, earned
):
    url = reverse(
        "certificates:withdraw",
        kwargs={"slug": earned.programme.slug, "participant_pk": other_service_worker.pk},
    )
    assert coordinator_client.get(url).status_code == 404


def test_it_shows_the_withdrawal_on_the_certificate_page(
    login, coordinator, service_worker, earned
):
    withdraw_certificate(earned, "Feil.", coordinator.user)
    page = login(service_worker).get(earned.get_absolute_url()).content.decode()
    assert "Kursbeviset ble trukket tilbake" in page
    assert "Last ned kursbevis (PDF)" not in page


def test_it_withdraws_from_the_admin_after_asking_for_the_reason(
    coordinator_client, coordinator, earned
):
    changelist = reverse("admin:certificates_certificate_changelist")
    chosen = {"action": "withdraw", ACTION_CHECKBOX_NAME: [earned.pk]}
    page = coordinator_client.post(changelist, {**chosen, "index": 0}).content.decode()
    assert "Hvorfor trekkes kursbeviset tilbake?" in page
    earned.refresh_from_db()
    assert not earned.is_withdrawn
    response = coordinator_client.post(changelist, {**chosen, "reason": "Duplikat."})
    assert response.status_code == 302
    earned.refresh_from_db()
    assert earned.withdrawn_reason == "Duplikat." and earned.withdrawn_by == coordinator.user


def test_it_asks_the_admin_again_without_a_reason(coordinator_client, earned):
    changelist = reverse("admin:certificates_certificate_changelist")
    chosen = {"action": "withdraw", ACTION_CHECKBOX_NAME: [earned.pk], "reason": ""}
    page = coordinator_client.post(changelist, chosen).content.decode()
    assert "Oppgi hvorfor kursbeviset trekkes tilbake." in page
    earned.refresh_from_db()
    assert not earned.is_withdrawn


def test_it_hands_the_person_the_withdrawal_in_their_data_download(
    login, coordinator, service_worker, earned
):
    withdraw_certificate(earned, "Feil oppmøte.", coordinator.user)
    response = login(service_worker).get(reverse("privacy:my_data_download"))
    (certificate,) = json.loads(response.content.decode("utf-8"))["certificates"]
    assert certificate["withdrawn_reason"] == "Feil oppmøte."
    assert certificate["withdrawn_at"].endswith(("+01:00", "+02:00"))
