"""Attendance at the door, fit for a tablet: names by surname, «Alle møtt» then the
exceptions, walk-ins (not registered, or waiting on a full day) added as attending with
the reason, and every mark kept and shown in a history (who, when, from what to what)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Registration, RegistrationEvent
from tests import factories


@pytest.fixture
def day(programme):
    session = factories.SessionFactory(programme=programme, capacity=2)
    session.starts_at = timezone.now() - dt.timedelta(hours=1)
    session.registration_deadline = session.starts_at - dt.timedelta(days=1)
    session.save()
    return session


@pytest.fixture
def seated(day):
    return [
        factories.RegistrationFactory(
            session=day, participant=factories.ParticipantFactory(full_name=name)
        )
        for name in ("Åse Zahl", "Per Berg")
    ]


def url(session, name="attendance"):
    return reverse(f"coordination:{name}", args=[session.pk])


def test_names_come_by_surname(coordinator_client, day, seated):
    page = coordinator_client.get(url(day)).content.decode()
    assert page.index("Per Berg") < page.index("Åse Zahl")
    assert 'id="attendance-filter"' in page and "js/attendance.js" in page
    assert "touch-target" in page


def test_everyone_attended_then_the_exceptions_all_in_the_history(
    coordinator_client, coordinator, day, seated
):
    response = coordinator_client.post(url(day), {"all_attended": "1"})
    assert response.status_code == 302
    assert response["Location"] == url(day)  # stays at the door
    assert Registration.objects.filter(session=day, attended=True).count() == 2
    berg = seated[1]
    coordinator_client.post(
        url(day), {f"attendance_{berg.pk}": "absent", f"attendance_{seated[0].pk}": "attended"}
    )
    berg.refresh_from_db()
    assert berg.attended is False
    page = coordinator_client.get(url(day)).content.decode()
    assert "Møtt → Ikke møtt" in page
    assert page.count("Ukjent → Møtt") == 2
    assert coordinator.full_name in page
    assert RegistrationEvent.objects.filter(action="attendance").count() == 3


def test_a_walk_in_without_a_registration_is_added_as_attending(
    coordinator_client, coordinator, day, seated
):
    visitor = factories.ParticipantFactory(full_name="Kari Kom-likevel")
    response = coordinator_client.post(
        url(day, "walk_in"), {"participant": visitor.pk, "reason": "Kom i stedet for en kollega"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(session=day, participant=visitor)
    assert (registration.status, registration.attended) == ("confirmed", True)
    event = registration.events.get(action=RegistrationEvent.Action.WALK_IN)
    assert event.note == "Kom i stedet for en kollega" and event.actor == coordinator.user
    page = coordinator_client.get(url(day)).content.decode()
    assert "Lagt til som møtt uten plass: Kom i stedet for en kollega" in page
    # beyond the two seats: the person is in the room
    assert Registration.objects.filter(session=day, status="confirmed").count() == 3


def test_someone_waiting_on_a_full_day_gets_a_seat_beyond_capacity(coordinator_client, day, seated):
    waiting = factories.RegistrationFactory(
        session=day,
        status=Registration.Status.WAITLISTED,
        confirmed_at=None,
        waitlisted_at=timezone.now(),
    )
    coordinator_client.post(
        url(day, "walk_in"), {"participant": waiting.participant.pk, "reason": "Sto på venteliste"}
    )
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attended) == ("confirmed", True)
    event = waiting.events.get(action=RegistrationEvent.Action.WALK_IN)
    assert event.from_status == "waitlisted"


def test_bad_walk_ins_get_norwegian_messages_and_change_nothing(
    coordinator_client, day, seated, session
):
    text = coordinator_client.post(
        url(day, "walk_in"), {"participant": seated[0].participant.pk, "reason": "x"}
    ).content.decode()
    assert "Den personen kan ikke velges" in text
    visitor = factories.ParticipantFactory()
    text = coordinator_client.post(
        url(day, "walk_in"), {"participant": visitor.pk, "reason": "   "}
    ).content.decode()
    assert "Skriv hvorfor personen møter uten plass." in text
    # a session that has not started
    text = coordinator_client.post(
        url(session, "walk_in"), {"participant": visitor.pk, "reason": "Kom"}
    ).content.decode()
    assert "Oppmøte kan registreres når samlingen har startet" in text
    assert not Registration.objects.filter(participant=visitor).exists()


def test_only_coordinators_add_walk_ins(client, login, leader, supervisor, day):
    assert client.get(url(day, "walk_in")).status_code == 302
    for person in (leader, supervisor):
        assert login(person).get(url(day, "walk_in")).status_code == 404


def test_the_page_reads_in_a_fixed_number_of_queries(
    coordinator_client, day, seated, assert_queries
):
    coordinator_client.post(url(day), {"all_attended": "1"})
    # 1 session, 2 user, 3 the session with programme, venue and seat counts, 4 training
    # days in the programme (the session's number), 5 the history with who did what to
    # whom, 6 the session's people
    with assert_queries(6):
        coordinator_client.get(url(day))
    for _ in range(10):
        factories.RegistrationFactory(session=day)
        coordinator_client.post(url(day), {"all_attended": "1"})
    with assert_queries(6):
        page = coordinator_client.get(url(day)).content.decode()
    assert page.count("Ukjent → Møtt") == 12


def test_a_certificate_the_correction_leaves_unearned_is_withdrawn(
    coordinator_client, coordinator, programme, training_days, attend, client
):
    from certificates.services import issue_certificate

    person = factories.ParticipantFactory(full_name="Kari Kursbevis")
    registrations = attend(person, training_days[:6])  # 6 of 8: the certificate's minimum
    certificate = issue_certificate(participant=person, programme=programme)
    other = factories.ParticipantFactory()
    attend(other, training_days[:7])
    kept = issue_certificate(participant=other, programme=programme)
    day = training_days[0]
    coordinator_client.post(url(day), {f"attendance_{registrations[0].pk}": "absent"})
    certificate.refresh_from_db()
    kept.refresh_from_db()
    assert certificate.is_withdrawn and certificate.withdrawn_by == coordinator.user
    assert "Oppmøtet er rettet" in certificate.withdrawn_reason
    assert not kept.is_withdrawn
    check = client.get(certificate.get_absolute_url()).content.decode()
    assert "trukket tilbake" in check
