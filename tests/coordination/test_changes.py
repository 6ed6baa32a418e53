"""Changes a coordinator makes by hand: add, remove, capacity, attendance.

The rules are the registration services'; these tests prove the pages call them,
answer bad input in Norwegian and lose nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination import forms as coordinator_forms
from participants.models import Registration, RegistrationEvent
from tests import factories


def waitlisted(session, minutes_ago, **kwargs):
    return factories.RegistrationFactory(
        session=session,
        status=Registration.Status.WAITLISTED,
        confirmed_at=None,
        waitlisted_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        **kwargs,
    )


@pytest.fixture
def session(programme):
    return factories.SessionFactory(programme=programme, capacity=2)


def add_url(session):
    return reverse("coordination:add", args=[session.pk])


def capacity_url(session):
    return reverse("coordination:capacity", args=[session.pk])


def attendance_url(session):
    return reverse("coordination:attendance", args=[session.pk])


def remove_url(registration):
    return reverse("coordination:remove", args=[registration.session_id, registration.pk])


# Add by hand


def test_it_adds_a_person_by_hand(coordinator_client, coordinator, session, service_worker):
    response = coordinator_client.post(add_url(session), {"participant": service_worker.pk})
    assert response.status_code == 302
    registration = Registration.objects.get(session=session, participant=service_worker)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.events.filter(actor=coordinator.user).exists()


def test_it_adds_a_person_after_the_deadline_and_outside_the_audience(
    coordinator_client, programme, service_worker
):
    gathering = factories.LeaderGatheringFactory(
        programme=programme,
        starts_at=timezone.now() + dt.timedelta(days=2),
        registration_deadline=timezone.now() - dt.timedelta(days=1),
    )
    coordinator_client.post(add_url(gathering), {"participant": service_worker.pk})
    assert Registration.objects.get(session=gathering, participant=service_worker).status == (
        Registration.Status.CONFIRMED
    )


def test_it_puts_a_person_added_to_a_full_session_on_the_waiting_list(
    coordinator_client, session, service_worker
):
    factories.RegistrationFactory.create_batch(2, session=session)
    response = coordinator_client.post(
        add_url(session), {"participant": service_worker.pk}, follow=True
    )
    registration = Registration.objects.get(session=session, participant=service_worker)
    assert registration.status == Registration.Status.WAITLISTED
    assert session.registrations.filter(status="confirmed").count() == 2
    assert "ventelisten" in response.text


def test_it_does_not_offer_a_person_who_is_already_registered(
    coordinator_client, session, service_worker
):
    factories.RegistrationFactory(session=session, participant=service_worker)
    response = coordinator_client.post(add_url(session), {"participant": service_worker.pk})
    assert response.status_code == 200
    assert "allerede" in response.context["form"].errors["participant"][0]
    assert session.registrations.count() == 1


def test_it_narrows_the_choices_by_name_email_or_organisation(
    coordinator_client, session, service_worker, other_service_worker
):
    factories.ParticipantFactory(full_name="Per Persen", user__email="per@hamar.kommune.no")
    by_name = coordinator_client.get(add_url(session), {"q": "ola"})
    assert [p.full_name for p in by_name.context["shown"]] == ["Ola Annen"]
    by_email = coordinator_client.get(add_url(session), {"q": "hamar.kommune"})
    assert [p.full_name for p in by_email.context["shown"]] == ["Per Persen"]
    by_organisation = coordinator_client.get(add_url(session), {"q": "gjøvik"})
    assert [p.full_name for p in by_organisation.context["shown"]] == ["Tor Tjenesteutøver"]
    assert "Ola Annen" not in by_organisation.text
    assert "1 person passer med «gjøvik»." in by_organisation.text


def test_it_says_so_when_nobody_matches_the_search(coordinator_client, session, service_worker):
    response = coordinator_client.get(add_url(session), {"q": "finnes ikke"})
    assert response.context["shown"] == []
    assert "Ingen som kan legges til, passer med «finnes ikke»." in response.text


def test_it_adds_a_person_found_by_the_search(coordinator_client, session, service_worker):
    url = add_url(session) + "?q=tor"
    response = coordinator_client.post(url, {"participant": service_worker.pk})
    assert response.status_code == 302
    assert Registration.objects.filter(session=session, participant=service_worker).exists()


def test_it_shows_at_most_the_limit_and_asks_to_search(coordinator_client, session, monkeypatch):
    monkeypatch.setattr(coordinator_forms, "CHOICE_LIMIT", 3)
    factories.ParticipantFactory.create_batch(3)  # with the coordinator: 4 people to choose
    response = coordinator_client.get(add_url(session))
    assert len(response.context["shown"]) == 3
    assert response.context["more"] is True
    assert "Listen viser de 3 første. Søk for å snevre den inn." in response.text


def test_the_add_pages_query_count_stays_the_same_with_ten_times_the_people(
    coordinator_client, session, assert_queries
):
    toten = factories.OrganisationFactory(name="Vestre Toten kommune")
    factories.ParticipantFactory.create_batch(4, organisation=toten)
    # 1 auth session, 2 user, 3 the coordinator's participant row (permission check),
    # 4 the session with programme, venue and seat counts, 5 how many sessions of its kind,
    # 6 the people matching the search, with user and organisation
    with assert_queries(5):
        response = coordinator_client.get(add_url(session), {"q": "toten"})
    assert len(response.context["shown"]) == 4
    factories.ParticipantFactory.create_batch(36, organisation=toten)
    with assert_queries(5):
        response = coordinator_client.get(add_url(session), {"q": "toten"})
    assert len(response.context["shown"]) == 40


def test_it_answers_a_too_long_search_in_norwegian(coordinator_client, session):
    response = coordinator_client.get(add_url(session), {"q": "x" * 101})
    assert response.status_code == 200
    assert "Skriv høyst 100 tegn." in response.text


def test_it_asks_for_a_person_when_none_is_chosen(coordinator_client, session):
    response = coordinator_client.post(add_url(session), {"participant": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["participant"] == ["Velg personen som skal legges til."]
    assert not session.registrations.exists()


def test_it_shows_the_services_refusal_on_the_field(coordinator_client, session, service_worker):
    session.is_cancelled = True
    session.save()
    response = coordinator_client.post(add_url(session), {"participant": service_worker.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["participant"] == [
        "Denne samlingen er avlyst, så påmeldingen er stengt."
    ]
    assert not session.registrations.exists()


# Remove


def test_it_asks_for_confirmation_before_removing(coordinator_client, session):
    registration = factories.RegistrationFactory(session=session)
    response = coordinator_client.get(remove_url(registration))
    assert response.status_code == 200
    assert "Ja, meld av" in response.text
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_it_removes_a_person_and_promotes_the_first_on_the_waiting_list(
    coordinator_client, coordinator, session
):
    registration, _other = factories.RegistrationFactory.create_batch(2, session=session)
    second = waitlisted(session, 5)
    first = waitlisted(session, 50)
    response = coordinator_client.post(remove_url(registration), follow=True)
    registration.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITLISTED
    assert registration.events.filter(action="cancelled", actor=coordinator.user).exists()
    assert first.participant.full_name in response.text


def test_it_tells_the_coordinator_when_a_person_was_already_removed(coordinator_client, session):
    registration = factories.RegistrationFactory(
        session=session, status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
    )
    response = coordinator_client.post(remove_url(registration), follow=True)
    assert "allerede avmeldt" in response.text
    assert not registration.events.exists()


# Capacity


def test_it_raises_capacity_and_promotes_from_the_waiting_list_in_order(
    coordinator_client, session
):
    factories.RegistrationFactory.create_batch(2, session=session)
    third = waitlisted(session, 1)
    first = waitlisted(session, 30)
    second = waitlisted(session, 20)
    response = coordinator_client.post(capacity_url(session), {"capacity": 4})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.capacity == 4
    statuses = {r.pk: r.status for r in session.registrations.all()}
    assert statuses[first.pk] == statuses[second.pk] == Registration.Status.CONFIRMED
    assert statuses[third.pk] == Registration.Status.WAITLISTED


def test_it_refuses_to_lower_capacity_below_the_confirmed_count(coordinator_client, session):
    session.capacity = 5
    session.save()
    factories.RegistrationFactory.create_batch(3, session=session)
    waiting = waitlisted(session, 1)
    response = coordinator_client.post(capacity_url(session), {"capacity": 2})
    assert response.status_code == 200
    [message] = response.context["form"].errors["capacity"]
    assert message == (
        "3 personer er allerede påmeldt, så antall plasser kan ikke være lavere enn 3. "
        "Meld av noen først."
    )
    assert message in response.text
    session.refresh_from_db()
    assert session.capacity == 5
    assert session.registrations.filter(status="confirmed").count() == 3
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Skriv antall plasser."),
        ("tretti", "Skriv antall plasser som et helt tall, for eksempel 30."),
        ("0", "En samling må ha minst én plass."),
    ],
)
def test_it_answers_bad_capacity_in_norwegian(coordinator_client, session, value, message):
    response = coordinator_client.post(capacity_url(session), {"capacity": value})
    assert response.context["form"].errors["capacity"] == [message]
    assert message in response.text
    session.refresh_from_db()
    assert session.capacity == 2


# Attendance


@pytest.fixture
def started_session(session):
    session.starts_at = timezone.now() - dt.timedelta(hours=1)
    session.registration_deadline = session.starts_at - dt.timedelta(days=1)
    session.save()
    return session


def test_it_refuses_attendance_before_the_session_starts_and_saves_nothing(
    coordinator_client, session
):
    registration = factories.RegistrationFactory(session=session)
    page = coordinator_client.get(attendance_url(session))
    assert "Oppmøte kan registreres når samlingen har startet." in page.text
    assert 'name="attendance_' not in page.text
    response = coordinator_client.post(
        attendance_url(session), {f"attendance_{registration.pk}": "attended"}
    )
    assert response.status_code == 200
    assert "Oppmøte kan registreres når samlingen har startet." in response.text
    registration.refresh_from_db()
    assert registration.attended is None


def test_it_offers_attendance_only_for_confirmed_people(coordinator_client, started_session):
    confirmed = factories.RegistrationFactory(session=started_session)
    waiting = waitlisted(started_session, 1)
    form = coordinator_client.get(attendance_url(started_session)).context["form"]
    assert f"attendance_{confirmed.pk}" in form.fields
    assert f"attendance_{waiting.pk}" not in form.fields


def test_it_saves_attendance_for_everyone_in_one_form(
    coordinator_client, coordinator, started_session
):
    came, stayed_away = factories.RegistrationFactory.create_batch(2, session=started_session)
    response = coordinator_client.post(
        attendance_url(started_session),
        {f"attendance_{came.pk}": "attended", f"attendance_{stayed_away.pk}": "absent"},
    )
    assert response.status_code == 302
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert (came.attended, stayed_away.attended) == (True, False)
    events = RegistrationEvent.objects.filter(
        action=RegistrationEvent.Action.ATTENDANCE, actor=coordinator.user
    )
    assert {e.registration_id for e in events} == {came.pk, stayed_away.pk}


def test_it_records_no_event_for_attendance_that_did_not_change(
    coordinator_client, started_session
):
    registration = factories.RegistrationFactory(session=started_session, attended=True)
    coordinator_client.post(
        attendance_url(started_session), {f"attendance_{registration.pk}": "attended"}
    )
    assert not registration.events.exists()


def test_it_answers_a_bad_attendance_value_in_norwegian_and_saves_nothing(
    coordinator_client, started_session
):
    good, bad = factories.RegistrationFactory.create_batch(2, session=started_session)
    response = coordinator_client.post(
        attendance_url(started_session),
        {f"attendance_{good.pk}": "attended", f"attendance_{bad.pk}": "kanskje"},
    )
    assert response.status_code == 200
    assert "Velg møtt, ikke møtt eller ikke registrert." in response.text
    good.refresh_from_db()
    assert good.attended is None


def test_it_saves_attendance_in_the_same_statements_for_one_or_ten_people(
    coordinator_client, started_session
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def save(registrations):
        data = {f"attendance_{r.pk}": "attended" for r in registrations}
        with CaptureQueriesContext(connection) as queries:
            response = coordinator_client.post(attendance_url(started_session), data)
        assert response.status_code == 302
        return len(queries)

    first = factories.RegistrationFactory.create_batch(1, session=started_session)
    one = save(first)
    # The form holds everyone; the first is unchanged, so ten change.
    ten = save(first + factories.RegistrationFactory.create_batch(10, session=started_session))
    assert ten == one
    assert Registration.objects.filter(session=started_session, attended=True).count() == 11
    events = RegistrationEvent.objects.filter(action=RegistrationEvent.Action.ATTENDANCE)
    assert events.count() == 11


def test_it_saves_no_attendance_when_one_registration_is_not_confirmed(
    coordinator, started_session
):
    from registrations import attendance, services

    confirmed = factories.RegistrationFactory(session=started_session)
    waiting = waitlisted(started_session, 1)
    with pytest.raises(services.RegistrationError):
        attendance.record_attendances(
            session_id=started_session.pk,
            changes=[(confirmed, True), (waiting, True)],
            actor=coordinator.user,
        )
    confirmed.refresh_from_db()
    assert confirmed.attended is None and not confirmed.events.exists()
