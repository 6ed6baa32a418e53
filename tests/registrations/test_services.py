"""The registration rules in registrations.services, one behaviour each."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from participants.models import Registration, RegistrationEvent
from registrations import attendance, eligibility, selectors, services
from registrations.services import RegistrationError
from tests import factories

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED
CANCELLED = Registration.Status.CANCELLED


@pytest.fixture
def session(db):
    return factories.SessionFactory(capacity=2)


def fill(session, count):
    return [
        services.register(participant=factories.ParticipantFactory(), session=session)
        for _ in range(count)
    ]


def test_it_confirms_when_a_seat_is_free(service_worker, session):
    registration = services.register(participant=service_worker, session=session)
    assert registration.status == CONFIRMED
    assert registration.confirmed_at is not None
    assert registration.registered_by == service_worker.user


def test_it_puts_the_person_on_the_waiting_list_when_full(service_worker, session):
    fill(session, 2)
    registration = services.register(participant=service_worker, session=session)
    assert registration.status == WAITLISTED
    assert registration.waitlisted_at is not None
    assert selectors.waiting_list_position(registration) == 1


def test_it_gives_waiting_list_places_first_come_first_served(session):
    fill(session, 2)
    waiting = fill(session, 3)
    assert [selectors.waiting_list_position(r) for r in waiting] == [1, 2, 3]


def test_it_refuses_a_second_live_registration(service_worker, session):
    services.register(participant=service_worker, session=session)
    with pytest.raises(RegistrationError, match="allerede påmeldt"):
        services.register(participant=service_worker, session=session)
    assert Registration.objects.filter(participant=service_worker).count() == 1


def test_it_refuses_a_second_live_registration_in_the_database(service_worker, session):
    factories.RegistrationFactory(participant=service_worker, session=session)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.RegistrationFactory(
            participant=service_worker, session=session, status=WAITLISTED
        )


def test_it_answers_the_database_refusal_with_the_same_message(
    service_worker, session, monkeypatch
):
    services.register(participant=service_worker, session=session)
    monkeypatch.setattr(eligibility, "refusal_reason", lambda **kwargs: None)
    with pytest.raises(RegistrationError, match="allerede påmeldt") as refused:
        services.register(participant=service_worker, session=session)
    assert refused.value.code == "duplicate"


def test_it_allows_registering_again_after_cancelling(service_worker, session):
    first = services.register(participant=service_worker, session=session)
    services.cancel(registration=first, actor=service_worker.user)
    again = services.register(participant=service_worker, session=session)
    assert again.status == CONFIRMED


def test_it_refuses_after_the_deadline(service_worker):
    session = factories.SessionFactory(registration_deadline=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(RegistrationError, match="fristen"):
        services.register(participant=service_worker, session=session)


def test_it_lets_a_coordinator_add_by_hand_after_the_deadline(service_worker, coordinator):
    session = factories.SessionFactory(registration_deadline=timezone.now() - dt.timedelta(hours=1))
    registration = services.register(
        participant=service_worker, session=session, actor=coordinator.user, force=True
    )
    assert registration.status == CONFIRMED
    assert registration.registered_by == coordinator.user


def test_it_never_lets_force_exceed_the_capacity(service_worker, coordinator, session):
    fill(session, 2)
    registration = services.register(
        participant=service_worker, session=session, actor=coordinator.user, force=True
    )
    assert registration.status == WAITLISTED


def test_it_refuses_a_cancelled_session(service_worker):
    session = factories.SessionFactory(is_cancelled=True)
    with pytest.raises(RegistrationError, match="avlyst"):
        services.register(participant=service_worker, session=session)


def test_it_tells_an_unpublished_programme_apart_from_other_refusals(service_worker):
    hidden = factories.SessionFactory(programme__is_published=False)
    with pytest.raises(RegistrationError) as refused:
        services.register(participant=service_worker, session=hidden)
    assert refused.value.code == "unpublished"
    with pytest.raises(RegistrationError) as refused:
        services.register(
            participant=service_worker, session=factories.SessionFactory(is_cancelled=True)
        )
    assert refused.value.code == "refused"


def test_it_refuses_service_workers_at_leader_gatherings(service_worker):
    gathering = factories.LeaderGatheringFactory()
    with pytest.raises(RegistrationError, match="bare åpen for ledere"):
        services.register(participant=service_worker, session=gathering)


def test_it_lets_leaders_register_for_leader_gatherings(leader):
    gathering = factories.LeaderGatheringFactory()
    assert services.register(participant=leader, session=gathering).status == CONFIRMED


def test_it_lets_leaders_register_for_training_days(leader, session):
    assert services.register(participant=leader, session=session).status == CONFIRMED


def test_it_refuses_an_incomplete_profile(session):
    person = factories.ParticipantFactory(phone="")
    with pytest.raises(RegistrationError, match="profilen"):
        services.register(participant=person, session=session)


def test_it_promotes_the_first_on_the_waiting_list_on_cancellation(session):
    seated = fill(session, 2)
    first, second = fill(session, 2)
    promoted = services.cancel(registration=seated[0], actor=seated[0].participant.user)
    assert promoted.pk == first.pk
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == CONFIRMED
    assert second.status == WAITLISTED
    assert selectors.waiting_list_position(second) == 1


def test_it_tells_the_promoted_person_by_email_after_commit(
    session, mailoutbox, django_capture_on_commit_callbacks
):
    seated = fill(session, 2)
    (waiting,) = fill(session, 1)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=seated[0], actor=seated[0].participant.user)
    recipients = {tuple(m.to): m.subject for m in mailoutbox}
    assert recipients[(waiting.participant.user.email,)].startswith("Du har fått plass")
    assert recipients[(seated[0].participant.user.email,)].startswith("Avmelding mottatt")


def test_it_sends_nothing_when_the_transaction_rolls_back(
    service_worker, session, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            services.register(participant=service_worker, session=session)
            raise RuntimeError("roll back")
    assert mailoutbox == []
    assert not Registration.objects.exists()


def test_it_does_not_promote_when_someone_on_the_waiting_list_cancels(session):
    fill(session, 2)
    first, second = fill(session, 2)
    assert services.cancel(registration=first, actor=first.participant.user) is None
    second.refresh_from_db()
    assert second.status == WAITLISTED


def test_it_records_a_late_cancellation(service_worker):
    session = factories.SessionFactory(
        starts_at=timezone.now() + dt.timedelta(days=1),
        registration_deadline=timezone.now() + dt.timedelta(hours=1),
    )
    registration = services.register(participant=service_worker, session=session)
    session.__class__.objects.filter(pk=session.pk).update(
        registration_deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    services.cancel(registration=registration, actor=service_worker.user)
    registration.refresh_from_db()
    assert registration.status == CANCELLED
    assert registration.is_late_cancellation is True


def test_it_records_an_early_cancellation_as_not_late(service_worker, session):
    registration = services.register(participant=service_worker, session=session)
    services.cancel(registration=registration, actor=service_worker.user)
    registration.refresh_from_db()
    assert registration.is_late_cancellation is False


def test_it_refuses_to_cancel_twice(service_worker, session):
    registration = services.register(participant=service_worker, session=session)
    services.cancel(registration=registration, actor=service_worker.user)
    with pytest.raises(RegistrationError, match="allerede avmeldt"):
        services.cancel(registration=registration, actor=service_worker.user)


def test_it_promotes_in_waiting_list_order_when_capacity_is_raised(session, coordinator):
    fill(session, 2)
    waiting = fill(session, 3)
    promoted = services.change_capacity(session=session, capacity=4, actor=coordinator.user)
    assert [r.pk for r in promoted] == [waiting[0].pk, waiting[1].pk]
    waiting[2].refresh_from_db()
    assert waiting[2].status == WAITLISTED
    assert selectors.waiting_list_position(waiting[2]) == 1


def test_it_refuses_to_lower_capacity_below_the_confirmed(session, coordinator):
    fill(session, 2)
    with pytest.raises(RegistrationError, match="kan ikke være lavere enn 2"):
        services.change_capacity(session=session, capacity=1, actor=coordinator.user)
    session.refresh_from_db()
    assert session.capacity == 2


def test_it_records_every_change_with_who_and_from_and_to(session, coordinator):
    seated = fill(session, 2)
    (waiting,) = fill(session, 1)
    services.cancel(registration=seated[0], actor=coordinator.user)
    events = list(RegistrationEvent.objects.order_by("pk"))
    summary = [(e.registration_id, e.action, e.from_status, e.to_status) for e in events]
    assert summary[-3:] == [
        (waiting.pk, "waitlisted", "", "waitlisted"),
        (seated[0].pk, "cancelled", "confirmed", "cancelled"),
        (waiting.pk, "promoted", "waitlisted", "confirmed"),
    ]
    assert events[-1].actor == coordinator.user
    assert all(e.created_at for e in events)


def test_it_registers_for_all_training_days_and_skips_closed_ones(service_worker, programme):
    days = factories.SessionFactory.create_batch(3, programme=programme)
    factories.LeaderGatheringFactory(programme=programme)
    services.register(participant=service_worker, session=days[0])
    closed = days[2]
    closed.registration_deadline = timezone.now() - dt.timedelta(days=1)
    closed.save()
    result = services.register_for_all_training_days(
        participant=service_worker, programme=programme
    )
    assert [r.session_id for r in result] == [days[1].pk]
    assert [s.pk for s, _reason in result.skipped] == [days[0].pk, closed.pk]


def start(session):
    """Move the session's start into the past: attendance may be taken from then on."""
    session.starts_at = timezone.now() - dt.timedelta(hours=1)
    session.registration_deadline = session.starts_at - dt.timedelta(days=1)
    session.save()


def test_it_records_attendance(service_worker, session, coordinator):
    registration = services.register(participant=service_worker, session=session)
    start(session)
    attendance.record_attendance(registration=registration, attended=True, actor=coordinator.user)
    registration.refresh_from_db()
    assert registration.attended is True
    assert registration.events.filter(action="attendance", actor=coordinator.user).exists()


def test_it_refuses_attendance_for_the_waiting_list(service_worker, session, coordinator):
    fill(session, 2)
    registration = services.register(participant=service_worker, session=session)
    start(session)
    with pytest.raises(RegistrationError) as refused:
        attendance.record_attendance(
            registration=registration, attended=True, actor=coordinator.user
        )
    assert refused.value.code == "not_confirmed"
    registration.refresh_from_db()
    assert registration.attended is None


def test_it_refuses_attendance_before_the_session_starts(service_worker, coordinator):
    session = factories.SessionFactory(
        starts_at=dt.datetime(2099, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    )
    registration = services.register(participant=service_worker, session=session)
    with translation.override("nb"), pytest.raises(RegistrationError) as refused:
        attendance.record_attendance(
            registration=registration, attended=True, actor=coordinator.user
        )
    assert refused.value.code == "not_started"
    assert refused.value.messages == [
        "Oppmøte kan registreres når samlingen har startet. Den starter "
        "23. november 2099 kl. 09.00."
    ]
    registration.refresh_from_db()
    assert registration.attended is None
    assert not registration.events.filter(action="attendance").exists()
