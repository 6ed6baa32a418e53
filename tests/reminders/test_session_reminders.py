"""Reminders: who gets them, when (Europe/Oslo clock time, across DST), and only once."""

import datetime as dt

import pytest
from django.conf import settings

from notifications.models import Email
from participants.models import Registration
from programme.models import Material
from reminders.session_reminders import create_due_reminders, reminder_due_at, sweep_reminders
from tests import factories
from tests.fixtures.sessions import oslo

UTC = dt.UTC


def _session_at(starts_at, **kwargs):
    return factories.SessionFactory(
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=6),
        registration_deadline=starts_at - dt.timedelta(days=1),
        **kwargs,
    )


def _confirmed(session, at):
    registration = factories.RegistrationFactory(session=session, confirmed_at=at)
    Registration.objects.filter(pk=registration.pk).update(created_at=at)
    return registration


@pytest.fixture
def monday_after_spring_change(db):
    """Monday 30 March 2026 at 09.00 summer time; clocks went forward on Sunday 29 March."""
    return _session_at(oslo(2026, 3, 30, 9))


def test_it_reminds_one_day_before_at_the_same_clock_time_after_the_spring_change(
    monday_after_spring_change,
):
    registration = _confirmed(monday_after_spring_change, oslo(2026, 3, 1, 12))

    create_due_reminders(now=dt.datetime(2026, 3, 29, 6, 59, tzinfo=UTC))  # 08.59 in Oslo
    assert not Email.objects.filter(key=f"reminder:1:{registration.pk}").exists()

    create_due_reminders(now=dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC))  # 09.00 in Oslo
    assert Email.objects.filter(key=f"reminder:1:{registration.pk}").exists()
    assert reminder_due_at(monday_after_spring_change.starts_at, 1) == oslo(2026, 3, 29, 9)


def test_it_reminds_seven_days_before_at_09_winter_time_not_168_hours_earlier(
    monday_after_spring_change,
):
    registration = _confirmed(monday_after_spring_change, oslo(2026, 3, 1, 12))

    # 168 hours before 07.00 UTC on 30 March is 07.00 UTC on 23 March: 08.00 in Oslo, too early.
    assert create_due_reminders(now=dt.datetime(2026, 3, 23, 7, 0, tzinfo=UTC)) == 0
    assert create_due_reminders(now=dt.datetime(2026, 3, 23, 8, 0, tzinfo=UTC)) == 1

    assert Email.objects.get().key == f"reminder:7:{registration.pk}"


def test_it_reminds_seven_days_before_at_09_summer_time_before_the_autumn_change(db):
    session = _session_at(oslo(2026, 10, 26, 9))  # winter time again since Sunday 25 October
    _confirmed(session, oslo(2026, 10, 1, 12))

    assert create_due_reminders(now=dt.datetime(2026, 10, 19, 6, 59, tzinfo=UTC)) == 0
    assert create_due_reminders(now=dt.datetime(2026, 10, 19, 7, 0, tzinfo=UTC)) == 1


def test_it_reminds_only_confirmed_registrations(monday_after_spring_change):
    confirmed = _confirmed(monday_after_spring_change, oslo(2026, 3, 1, 12))
    for status in [Registration.Status.WAITLISTED, Registration.Status.CANCELLED]:
        factories.RegistrationFactory(
            session=monday_after_spring_change, status=status, confirmed_at=None
        )

    create_due_reminders(now=oslo(2026, 3, 29, 10))

    assert list(Email.objects.values_list("registration_id", flat=True)) == [confirmed.pk]


def test_it_skips_reminders_whose_time_passed_before_the_person_registered(
    monday_after_spring_change,
):
    late = _confirmed(monday_after_spring_change, oslo(2026, 3, 26, 12))  # after the 7-day point

    assert create_due_reminders(now=oslo(2026, 3, 27, 9)) == 0
    assert create_due_reminders(now=oslo(2026, 3, 29, 9)) == 1
    assert Email.objects.get().key == f"reminder:1:{late.pk}"


def test_it_sends_only_the_latest_reminder_after_an_outage(monday_after_spring_change):
    registration = _confirmed(monday_after_spring_change, oslo(2026, 3, 1, 12))

    create_due_reminders(now=oslo(2026, 3, 29, 18))  # the sweep was down for a week

    assert list(Email.objects.values_list("key", flat=True)) == [f"reminder:1:{registration.pk}"]


def test_it_never_records_the_same_reminder_twice(monday_after_spring_change):
    for _ in range(3):
        _confirmed(monday_after_spring_change, oslo(2026, 3, 1, 12))

    assert create_due_reminders(now=oslo(2026, 3, 23, 9)) == 3
    assert create_due_reminders(now=oslo(2026, 3, 23, 9, 5)) == 0
    assert Email.objects.count() == 3


def test_it_follows_the_programme_reminder_days(db):
    programme = factories.ProgrammeFactory(reminder_days=[3])
    session = _session_at(oslo(2026, 3, 30, 9), programme=programme)
    registration = _confirmed(session, oslo(2026, 3, 1, 12))

    assert create_due_reminders(now=oslo(2026, 3, 23, 9)) == 0
    assert create_due_reminders(now=oslo(2026, 3, 27, 9)) == 1
    assert Email.objects.get().key == f"reminder:3:{registration.pk}"


def test_it_sends_no_reminder_for_a_cancelled_session(db):
    session = _session_at(oslo(2026, 3, 30, 9), is_cancelled=True)
    _confirmed(session, oslo(2026, 3, 1, 12))

    assert create_due_reminders(now=oslo(2026, 3, 29, 9)) == 0


def test_it_records_due_reminders_in_the_same_number_of_queries_at_ten_times_the_data(
    monday_after_spring_change, assert_queries
):
    # 1 sessions to look at, 1 INSERT ... SELECT of the registrations due (PostgreSQL)
    for count in [3, 30]:
        Email.objects.all().delete()
        for _ in range(count - Registration.objects.count()):
            _confirmed(monday_after_spring_change, oslo(2026, 3, 1, 12))
        with assert_queries(2):
            assert create_due_reminders(now=oslo(2026, 3, 29, 9)) == count


def test_it_sends_the_reminder_with_everything_needed_to_get_there(
    monday_after_spring_change, django_capture_on_commit_callbacks, mailoutbox
):
    session = monday_after_spring_change
    session.online_url = "https://meet.example.no/samling"
    session.save()
    Material.objects.create(session=session, title="Lysark dag 3", url="https://example.no/ark")
    registration = _confirmed(session, oslo(2026, 3, 1, 12))

    with django_capture_on_commit_callbacks(execute=True):
        sweep_reminders(now=oslo(2026, 3, 29, 9))

    [message] = mailoutbox
    assert message.to == [registration.participant.user.email]
    assert message.subject.startswith("Påminnelse: ")
    assert message.subject.endswith("30. mars 2026")
    body = message.body
    assert "Du har plass på" in body and "i morgen" in body
    assert "Dato: mandag 30. mars 2026" in body
    assert "Tid: 09.00–15.00" in body
    assert session.venue.full_address in body
    assert "https://meet.example.no/samling" in body
    assert settings.SITE_URL + session.get_absolute_url() in body
    assert "- Lysark dag 3: https://example.no/ark" in body
    assert settings.SITE_URL + "/min-side/" in body
    assert 'href="https://example.no/ark"' in message.alternatives[0][0]
    assert Email.objects.get().status == Email.Status.SENT
