"""«Min side»: the person's next sessions, training days toward the certificate, and
supervision groups; nobody else's, in a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Participant, Registration
from resourcegroups.models import SupervisionGroup
from tests import factories

DASHBOARD = reverse("mypage:dashboard")


def in_days(days, **kwargs):
    return factories.SessionFactory(
        starts_at=timezone.now() + dt.timedelta(days=days), title=f"Dag om {days} dager", **kwargs
    )


def register(person, session, status=Registration.Status.CONFIRMED, **kwargs):
    return factories.RegistrationFactory(
        participant=person, session=session, status=status, **kwargs
    )


@pytest.fixture
def supervisor(db):
    return factories.ParticipantFactory(
        role=Participant.Role.SUPERVISOR, full_name="Vera Veileder", organisation=None
    )


def group(programme, supervisor, members, name="Veiledningsgruppe Gjøvik"):
    supervision = SupervisionGroup.objects.create(
        programme=programme, name=name, region="Innlandet", supervisor=supervisor
    )
    supervision.members.set(members)
    return supervision


def test_it_shows_the_next_three_live_registrations_soonest_first(login, service_worker):
    register(service_worker, in_days(40))
    register(service_worker, in_days(10), status=Registration.Status.WAITLISTED)
    register(service_worker, in_days(20))
    register(service_worker, in_days(5), status=Registration.Status.CANCELLED)
    register(service_worker, in_days(-5))  # over
    register(service_worker, in_days(60))  # the fourth

    page = login(service_worker).get(DASHBOARD).content.decode()

    shown = [days for days in (5, 10, 20, 40, 60, -5) if f"Dag om {days} dager" in page]
    assert shown == [10, 20, 40]
    assert (
        page.index("Dag om 10 dager")
        < page.index("Dag om 20 dager")
        < page.index("Dag om 40 dager")
    )
    assert "På venteliste nr. 1" in page
    assert f'href="{reverse("registrations:mine")}">Alle påmeldingene dine' in page


def test_it_says_so_when_nothing_is_coming(login, service_worker):
    page = login(service_worker).get(DASHBOARD).content.decode()
    assert "Du er ikke påmeldt noen kommende samlinger." in page


def test_it_counts_attended_training_days_toward_the_certificate(login, service_worker):
    programme = factories.ProgrammeFactory(name="Familiestøtte Innlandet")
    days = [
        factories.SessionFactory(
            programme=programme, starts_at=timezone.now() - dt.timedelta(days=80 - 10 * n)
        )
        for n in range(8)
    ]
    for day in days[:2]:
        register(service_worker, day, attended=True)
    register(service_worker, days[2], attended=False)

    page = login(service_worker).get(DASHBOARD).content.decode()

    assert "Du har møtt på 2 av 8 opplæringsdager i Familiestøtte Innlandet." in page
    assert "Kursbevis krever 6 dager." in page
    assert f'href="{reverse("certificates:mine")}"' in page


def test_coordinators_get_no_training_day_count(login, coordinator, programme):
    factories.SessionFactory(programme=programme)
    page = login(coordinator).get(DASHBOARD).content.decode()
    assert "opplæringsdager i" not in page


def test_it_names_the_persons_supervision_group_and_no_other(
    login, service_worker, other_service_worker, supervisor, programme
):
    group(programme, supervisor, [service_worker])
    group(programme, None, [other_service_worker], name="Veiledningsgruppe Hamar")

    mine = login(service_worker).get(DASHBOARD).content.decode()
    assert "Du er med i Veiledningsgruppe Gjøvik (Innlandet)." in mine
    assert "Veileder: Vera Veileder." in mine
    assert "Hamar" not in mine

    led = login(supervisor).get(DASHBOARD).content.decode()
    assert "Du leder Veiledningsgruppe Gjøvik (Innlandet)." in led
    assert "Hamar" not in led


def test_a_group_in_an_unpublished_programme_is_not_shown(login, service_worker, supervisor):
    group(factories.ProgrammeFactory(is_published=False), supervisor, [service_worker])
    page = login(service_worker).get(DASHBOARD).content.decode()
    assert "veiledningsgrupp" not in page.lower()


def test_it_pins_the_queries_at_one_and_ten_times_the_data(
    login, service_worker, supervisor, programme, assert_queries
):
    def add(count):
        for _ in range(count):
            register(service_worker, factories.SessionFactory(programme=programme))
            group(programme, supervisor, [service_worker])

    client = login(service_worker)
    add(1)
    # 1 django_session, 2 user with participant, 3 current programme, 4 next
    # registrations with places and «n av N», 5 training days toward the certificate,
    # 6 supervision groups with their supervisor, 7 the person's organisation.
    with assert_queries(7):
        assert client.get(DASHBOARD).status_code == 200
    add(9)
    with assert_queries(7):
        page = client.get(DASHBOARD).content.decode()
    assert page.count("Du er med i Veiledningsgruppe") == 10
