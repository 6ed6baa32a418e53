"""The coordinator's overview and each session's list: who is where, in fixed query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coordination.selectors import everyone
from participants.models import Registration
from tests import factories


def waitlisted(session, minutes_ago, **kwargs):
    return factories.RegistrationFactory(
        session=session,
        status=Registration.Status.WAITLISTED,
        confirmed_at=None,
        waitlisted_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        **kwargs,
    )


def cancelled(session, **kwargs):
    return factories.RegistrationFactory(
        session=session,
        status=Registration.Status.CANCELLED,
        cancelled_at=timezone.now(),
        **kwargs,
    )


@pytest.fixture
def session(programme):
    return factories.SessionFactory(programme=programme, capacity=2, title="Pårørendes rettigheter")


@pytest.fixture
def full_session(session, organisation):
    person = factories.ParticipantFactory(
        full_name="Åse Ærlig",
        organisation=organisation,
        phone="91763827",
        dietary_needs="Glutenfri",
        user__email="ase@gjovik.kommune.no",
    )
    factories.RegistrationFactory(session=session, participant=person, attended=True)
    factories.RegistrationFactory(session=session, participant__full_name="Bjørn Berg")
    waitlisted(session, 5, participant__full_name="Siste i køen")
    waitlisted(session, 30, participant__full_name="Først i køen")
    cancelled(session, participant__full_name="Cecilie Avmeldt")
    return session


def url(session):
    return reverse("coordination:session", args=[session.pk])


def test_it_lists_confirmed_people_with_their_details(login, coordinator, full_session):
    response = login(coordinator).get(url(full_session))
    confirmed = response.context["roster"].confirmed
    assert {r.participant.full_name for r in confirmed} == {"Åse Ærlig", "Bjørn Berg"}
    text = response.text
    for detail in ["Åse Ærlig", "Gjøvik kommune", "ase@gjovik.kommune.no", "91763827", "Glutenfri"]:
        assert detail in text


def test_it_lists_the_waiting_list_in_order_with_positions(login, coordinator, full_session):
    response = login(coordinator).get(url(full_session))
    queue = response.context["roster"].waitlist
    assert [(r.queue_position, r.participant.full_name) for r in queue] == [
        (1, "Først i køen"),
        (2, "Siste i køen"),
    ]
    assert response.text.index("Først i køen") < response.text.index("Siste i køen")


def test_it_lists_cancelled_people_apart(login, coordinator, full_session):
    response = login(coordinator).get(url(full_session))
    assert [r.participant.full_name for r in response.context["roster"].cancelled] == [
        "Cecilie Avmeldt"
    ]


def test_it_speaks_norwegian(login, coordinator, full_session):
    text = login(coordinator).get(url(full_session)).text
    for words in ["Venteliste (2)", "Avmeldt (1)", "Påmeldt (2)", "Møtt", "Last ned CSV"]:
        assert words in text, words


def test_it_links_to_remove_only_people_who_hold_a_live_registration(
    login, coordinator, full_session
):
    text = login(coordinator).get(url(full_session)).text
    cancelled_registration = full_session.registrations.get(status="cancelled")
    live = full_session.registrations.exclude(status="cancelled")
    for registration in live:
        assert reverse("coordination:remove", args=[full_session.pk, registration.pk]) in text
    assert (
        reverse("coordination:remove", args=[full_session.pk, cancelled_registration.pk])
        not in text
    )


def test_its_query_count_stays_the_same_with_ten_times_the_registrations(
    login, coordinator, session, assert_queries
):
    client = login(coordinator)
    factories.RegistrationFactory.create_batch(2, session=session)
    waitlisted(session, 10)
    cancelled(session)
    # 1 auth session, 2 user, 3 the coordinator's participant row (permission check),
    # 4 the session with programme, venue and seat counts, 5 how many sessions of its kind,
    # 6 every registration with participant, user and organisation
    with assert_queries(5):
        response = client.get(url(session))
    assert len(everyone(response.context["roster"])) == 4
    session.capacity = 20
    session.save()
    factories.RegistrationFactory.create_batch(18, session=session)
    for minutes in range(9):
        waitlisted(session, minutes)
    for _ in range(9):
        cancelled(session)
    with assert_queries(5):
        response = client.get(url(session))
    assert len(everyone(response.context["roster"])) == 40


def test_the_overview_shows_each_programmes_sessions_with_counts(login, coordinator, full_session):
    response = login(coordinator).get(reverse("coordination:home"))
    assert response.status_code == 200
    [programme] = response.context["programmes"]
    [shown] = programme.coordinator_sessions
    assert (shown.confirmed_count, shown.waitlisted_count, shown.capacity) == (2, 2, 2)
    assert "Koordinator" in response.text


def test_the_overviews_query_count_stays_the_same_with_ten_times_the_sessions(
    login, coordinator, assert_queries
):
    client = login(coordinator)
    programme = factories.ProgrammeFactory()
    for session in factories.SessionFactory.create_batch(3, programme=programme):
        factories.RegistrationFactory(session=session)
    overview = reverse("coordination:home")
    # 1 auth session, 2 user with the coordinator's participant row,
    # 3 programmes, 4 their sessions with venues, 5 one grouped count of registrations
    with assert_queries(5):
        client.get(overview)
    factories.ProgrammeFactory.create_batch(9)
    for session in factories.SessionFactory.create_batch(27, programme=programme):
        factories.RegistrationFactory(session=session)
    with assert_queries(5):
        response = client.get(overview)
    assert sum(len(p.coordinator_sessions) for p in response.context["programmes"]) == 30


def test_it_links_the_public_session_page_to_the_list_for_coordinators_only(
    client, login, coordinator, leader, session
):
    list_url = reverse("coordination:session", args=[session.pk])
    page = session.get_absolute_url()
    coordinator_html = login(coordinator).get(page).content.decode()
    assert f'href="{list_url}"' in coordinator_html
    assert "Deltakerliste for koordinator" in coordinator_html
    assert f'href="{list_url}"' not in login(leader).get(page).content.decode()
    client.logout()
    assert f'href="{list_url}"' not in client.get(page).content.decode()


# Staff of organisations outside the programme


def test_it_marks_staff_of_an_organisation_that_does_not_take_part(
    login, coordinator, session, organisation, other_organisation
):
    factories.EnrolmentFactory(programme=session.programme, organisation=organisation)
    factories.RegistrationFactory(session=session, participant__organisation=organisation)
    outside = factories.RegistrationFactory(
        session=session, participant__organisation=other_organisation
    )

    response = login(coordinator).get(url(session))

    marked = [r for r in response.context["roster"].confirmed if r.outside_programme]
    assert marked == [outside]
    assert response.text.count("Ikke deltakende enhet") == 1


def test_it_marks_nobody_at_a_one_off_event_open_to_all(
    login, coordinator, programme, other_organisation
):
    conference = factories.EventFactory(programme=programme)
    factories.RegistrationFactory(session=conference, participant__organisation=other_organisation)

    response = login(coordinator).get(url(conference))

    assert "Ikke deltakende enhet" not in response.text


def test_the_overviews_seat_counts_come_from_one_grouped_count(login, coordinator, full_session):
    """One GROUP BY over registrations alone (the (session, status, waitlisted_at) index),
    not COUNT(DISTINCT ...) over sessions joined to every registration."""
    client = login(coordinator)
    other = factories.SessionFactory(programme=full_session.programme, capacity=5)
    factories.RegistrationFactory(session=other)
    factories.RegistrationFactory(session=other, status=Registration.Status.CANCELLED)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("coordination:home"))
    counting = [q["sql"] for q in queries if "participants_registration" in q["sql"]]
    assert len(counting) == 1, counting
    [sql] = counting
    assert "GROUP BY" in sql
    assert "DISTINCT" not in sql
    assert "JOIN" not in sql
    assert 'FROM "participants_registration"' in sql
    shown = {s.pk: s for p in response.context["programmes"] for s in p.coordinator_sessions}
    assert (shown[full_session.pk].confirmed_count, shown[full_session.pk].waitlisted_count) == (
        2,
        2,
    )
    assert (shown[other.pk].confirmed_count, shown[other.pk].waitlisted_count) == (1, 0)
