"""Query counts pinned for the leader's organisation page and the coordinator's overview,
the same at ten times the data."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from resourcegroups import services
from resourcegroups.models import Offer, Routine
from tests import factories


def add_staff_and_work(world, enrolment, *, staff, items):
    organisation = enrolment.organisation
    for n in range(staff):
        person = factories.ParticipantFactory(organisation=organisation)
        services.add_member(enrolment=enrolment, participant=person)
        for day in world.training_days:
            factories.RegistrationFactory(participant=person, session=day, attended=n % 2 == 0)
    for n in range(items):
        services.create_work(
            model=Routine, enrolment=enrolment, actor=None, title=f"Rutine {n}", status="planned"
        )
        services.create_work(
            model=Offer,
            enrolment=enrolment,
            actor=None,
            title=f"Tilbud {n}",
            kind=Offer.Kind.OTHER,
            status="established",
        )


def add_enrolments(world, count):
    for _n in range(count):
        enrolment = factories.EnrolmentFactory(programme=world.programme)
        add_staff_and_work(world, enrolment, staff=1, items=1)
        factories.ProgressReportFactory(enrolment=enrolment, gathering=world.gathering)


def test_it_shows_the_organisation_page_in_a_fixed_number_of_queries(
    login, leader, world, assert_queries
):
    client = login(leader)
    url = reverse("resourcegroups:organisation", kwargs={"enrolment": world.own.enrolment.pk})
    add_staff_and_work(world, world.own.enrolment, staff=2, items=1)
    # 1 session, 2 user, 3 participant (profile middleware), 4 enrolment with programme,
    # organisation and contact leader, 5 staff, 6 sessions (training days and gatherings),
    # 7 resource group with contact person, 8 its members, 9 registrations,
    # 10 routines and offers by status, 11 reports, 12 staff waiting for confirmation
    with assert_queries(11):
        response = client.get(url)
    assert len(response.context["page"].matrix.rows) == 4
    add_staff_and_work(world, world.own.enrolment, staff=20, items=10)
    for number in range(2, 5):
        gathering = factories.LeaderGatheringFactory(
            programme=world.programme,
            number=number,
            starts_at=timezone.now() + dt.timedelta(days=80 + number),
        )
        factories.ProgressReportFactory(enrolment=world.own.enrolment, gathering=gathering)
    for number in range(3, 10):
        factories.SessionFactory(
            programme=world.programme,
            number=number,
            starts_at=timezone.now() + dt.timedelta(days=100 + number),
        )
    with assert_queries(11):
        response = client.get(url)
    page = response.context["page"]
    assert len(page.matrix.rows) == 24
    assert len(page.matrix.sessions) == 9
    assert len(page.reports) == 4


def test_it_shows_the_overview_in_a_fixed_number_of_queries(
    login, coordinator, world, assert_queries
):
    client = login(coordinator)
    url = reverse("coordination:organisations")
    add_enrolments(world, 2)
    # 1 session, 2 user, 3 participant, 4 programmes for the chooser, 5 gatherings,
    # 6 regions for the filter, 7 enrolments with their counts, 8 reports
    with assert_queries(7):
        response = client.get(url, {"programme": world.programme.slug})
    assert len(response.context["overview"].rows) == 4
    add_enrolments(world, 36)
    with assert_queries(7):
        response = client.get(url, {"programme": world.programme.slug, "sort": "staff"})
    assert len(response.context["overview"].rows) == 40


def test_it_exports_the_overview_in_a_fixed_number_of_queries(
    login, coordinator, world, assert_queries
):
    client = login(coordinator)
    url = reverse("coordination:organisations_xlsx")
    add_enrolments(world, 2)
    # 1 session, 2 user, 3 participant, 4 programmes, 5 gatherings, 6 regions,
    # 7 enrolments with their counts, 8 reports
    with assert_queries(7):
        client.get(url)
    add_enrolments(world, 20)
    with assert_queries(7):
        response = client.get(url)
    assert response.status_code == 200
