"""The attendance page, the printable certificate and the public verification page:
who sees what, what they show, and how many queries they take."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import issue_certificate
from participants.models import Registration
from tests import factories


def attendance_url(programme, participant):
    return reverse(
        "certificates:attendance",
        kwargs={"slug": programme.slug, "participant_pk": participant.pk},
    )


def certificate_url(programme, participant):
    return reverse(
        "certificates:certificate",
        kwargs={"slug": programme.slug, "participant_pk": participant.pk},
    )


def issue_url(programme, participant):
    return reverse(
        "certificates:issue", kwargs={"slug": programme.slug, "participant_pk": participant.pk}
    )


@pytest.fixture
def attend_new_days(programme, attend):
    """attend_new_days(person, n): n more training days, each with a theme, attended."""

    def add(person, days):
        sessions = factories.SessionFactory.create_batch(days, programme=programme)
        for session in sessions:
            session.themes.add(factories.ThemeFactory(programme=programme))
        attend(person, sessions)

    return add


@pytest.fixture
def earned(service_worker, programme, training_days, attend):
    attend(service_worker, training_days[:6])
    return issue_certificate(participant=service_worker, programme=programme)


def test_it_shows_attendance_per_training_day_with_the_count(
    login, service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:2])
    attend(service_worker, training_days[2:3], attended=False)
    attend(service_worker, training_days[3:4], attended=None)
    page = login(service_worker).get(attendance_url(programme, service_worker)).content.decode()
    assert page.count(">Møtt<") == 2
    assert page.count(">Ikke møtt<") == 1
    assert page.count(">Ikke registrert ennå<") == 1
    assert page.count(">Ikke påmeldt<") == 4
    assert "Møtt: 2 av 8 opplæringsdager" in page
    assert "minst 6 av de 8 opplæringsdagene (75 prosent)" in page
    assert "Det trengs oppmøte på 4 opplæringsdager til." in page


def test_it_offers_the_certificate_once_earned(
    login, service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:6])
    page = login(service_worker).get(attendance_url(programme, service_worker)).content.decode()
    assert "Kravet er oppfylt." in page
    assert issue_url(programme, service_worker) in page


def test_it_issues_the_certificate_and_shows_it(
    login, service_worker, programme, training_days, attend
):
    programme.organisers = "Sykehuset Innlandet HF og KoRus-Øst"
    programme.save()
    attend(service_worker, training_days[:6])
    client = login(service_worker)
    response = client.post(issue_url(programme, service_worker))
    assert response.status_code == 302
    assert response.url == certificate_url(programme, service_worker)
    certificate = Certificate.objects.get(participant=service_worker, programme=programme)
    page = client.get(response.url).content.decode()
    for text in [
        "Kursbevis",
        "Tor Tjenesteutøver",
        "Gjøvik kommune",
        programme.name,
        "Sykehuset Innlandet HF",
        "KoRus-Øst",
        "Møtt på 6 av 8 opplæringsdager",
        "Totalt 36 timer opplæring.",
        "Last ned kursbevis (PDF)",
        "Pårørendes rettigheter",
        certificate.code,
        f"/kursbevis/{certificate.code}/",
        "css/certificate.css",
    ]:
        assert text in page, text
    # Only the attended days are listed.
    assert "Tema for dag 6" in page and "Tema for dag 7" not in page


def test_it_refuses_to_issue_before_the_requirement_is_met(
    login, service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:5])
    client = login(service_worker)
    response = client.post(issue_url(programme, service_worker), follow=True)
    assert "Kursbeviset krever oppmøte på 6 av 8 opplæringsdager" in response.content.decode()
    assert not Certificate.objects.exists()


def test_it_answers_404_for_the_certificate_before_it_is_issued(
    login, service_worker, programme, training_days
):
    response = login(service_worker).get(certificate_url(programme, service_worker))
    assert response.status_code == 404


def test_it_refuses_a_get_on_the_issue_address(login, service_worker, programme, training_days):
    response = login(service_worker).get(issue_url(programme, service_worker))
    assert response.status_code == 405


@pytest.mark.parametrize("persona", ["other_service_worker", "other_leader", "leader"])
@pytest.mark.parametrize("page", [attendance_url, certificate_url])
def test_it_hides_the_certificate_from_everyone_else(
    request, login, persona, page, service_worker, programme, earned
):
    response = login(request.getfixturevalue(persona)).get(page(programme, service_worker))
    assert response.status_code == 404


def test_it_does_not_let_another_person_issue_a_certificate(
    login, other_service_worker, service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:6])
    response = login(other_service_worker).post(issue_url(programme, service_worker))
    assert response.status_code == 404
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("page", [attendance_url, certificate_url])
def test_it_shows_a_coordinator_anyones_certificate(
    login, coordinator, page, service_worker, programme, earned
):
    response = login(coordinator).get(page(programme, service_worker))
    assert response.status_code == 200
    assert "Tor Tjenesteutøver" in response.content.decode()


def test_it_lets_a_coordinator_issue_for_a_participant(
    login, coordinator, service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:6])
    login(coordinator).post(issue_url(programme, service_worker))
    certificate = Certificate.objects.get(participant=service_worker)
    assert certificate.issued_by == coordinator.user


@pytest.mark.parametrize("page", [attendance_url, certificate_url, issue_url])
def test_it_sends_anonymous_visitors_to_log_in(client, page, service_worker, programme, earned):
    response = client.get(page(programme, service_worker))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_verifies_a_code_with_only_name_programme_and_date(client, earned, programme):
    response = client.get(reverse("certificates:verify", kwargs={"code": earned.code}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tor Tjenesteutøver" in page and programme.name in page
    assert "Dette kursbeviset er ekte" in page
    # Nothing more of the certificate: no organisation, days, themes or the address line.
    for text in [
        "Gjøvik kommune",
        "Pårørendes rettigheter",
        "Tema for dag",
        "Kontroller kursbeviset",
    ]:
        assert text not in page, text


def test_it_accepts_a_code_typed_in_lower_case(client, earned):
    response = client.get(reverse("certificates:verify", kwargs={"code": earned.code.lower()}))
    assert response.status_code == 200


def test_it_answers_404_for_an_unknown_code(client, earned):
    response = client.get(reverse("certificates:verify", kwargs={"code": "AAAA-BBBB-CCCC"}))
    assert response.status_code == 404


def test_it_lists_my_programmes_and_links_from_my_registrations(
    login, service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:1])
    factories.ProgrammeFactory(name="Et annet kull")
    client = login(service_worker)
    assert (
        reverse("certificates:mine") in client.get(reverse("registrations:mine")).content.decode()
    )
    page = client.get(reverse("certificates:mine")).content.decode()
    assert attendance_url(programme, service_worker) in page
    assert "Et annet kull" not in page


def test_it_pins_the_queries_of_the_attendance_page(
    login, service_worker, other_service_worker, programme, attend, assert_queries
):
    def add(days):
        start = timezone.now() - dt.timedelta(days=400)
        sessions = []
        for _ in range(days):
            session = factories.SessionFactory(
                programme=programme, starts_at=start + dt.timedelta(days=len(sessions))
            )
            session.themes.add(*factories.ThemeFactory.create_batch(2, programme=programme))
            sessions.append(session)
        attend(service_worker, sessions)
        attend(other_service_worker, sessions)
        factories.RegistrationFactory(
            participant=service_worker,
            session=sessions[0],
            status=Registration.Status.CANCELLED,
        )

    client = login(service_worker)
    url = attendance_url(programme, service_worker)
    add(8)
    # 1 session, 2 user with participant, 3 programme, 4 training days, 5 their themes,
    # 6 the person's live registrations on them, 7 certificate
    with assert_queries(7):
        response = client.get(url)
    assert response.context["progress"].attended == 8
    add(72)
    with assert_queries(7):
        response = client.get(url)
    assert response.context["progress"].attended == 80


def test_it_pins_the_queries_of_the_attendance_page_with_a_certificate(
    login, service_worker, programme, attend_new_days, assert_queries
):
    client = login(service_worker)
    url = attendance_url(programme, service_worker)
    attend_new_days(service_worker, 8)
    certificate = issue_certificate(participant=service_worker, programme=programme)
    # As without a certificate: the link to it needs no second look at the programme.
    # 1 session, 2 user with participant, 3 programme, 4 training days, 5 their themes,
    # 6 the person's live registrations on them, 7 certificate
    with assert_queries(7):
        response = client.get(url)
    assert certificate.get_absolute_url() in response.content.decode()
    attend_new_days(service_worker, 72)
    with assert_queries(7):
        response = client.get(url)
    assert response.context["progress"].attended == 80


def test_it_pins_the_queries_of_the_certificate_page(
    login, service_worker, programme, attend_new_days, assert_queries
):
    client = login(service_worker)
    url = certificate_url(programme, service_worker)
    attend_new_days(service_worker, 8)
    issue_certificate(participant=service_worker, programme=programme)
    # 1 session, 2 user with participant, 3 programme, 4 training days, 5 their themes,
    # 6 the person's live registrations on them, 7 certificate, 8 organisation
    with assert_queries(8):
        response = client.get(url)
    assert len(response.context["attendance"].attended_days) == 8
    attend_new_days(service_worker, 72)
    with assert_queries(8):
        response = client.get(url)
    assert len(response.context["attendance"].attended_days) == 80


def test_it_numbers_the_days_among_the_numbered_training_days_only(
    login, service_worker, programme, training_days, attend
):
    factories.SessionFactory(
        programme=programme, number=None, title="Ekstra fagdag", starts_at=timezone.now()
    )
    attend(service_worker, training_days[:1])
    page = login(service_worker).get(attendance_url(programme, service_worker)).content.decode()
    assert "Opplæringsdag 1 av 8: Tema for dag 1" in page
    assert "Opplæringsdag 1 av 9" not in page
    assert "Ekstra fagdag" in page
